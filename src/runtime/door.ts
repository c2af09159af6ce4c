// The one door into the clock's store: the firmware's effects are the only code that may write it. The
// store handed to the firmware refuses a write made anywhere else, naming it; the host reads through a
// view without writes, and changes the clock by sending events (clock.send, clock.command, clock.load).
import type { AnyStateMachine } from 'xstate';
import { EFFECT_NAMES, PORT_WRITES, type ClockPorts, type ClockRecords } from '../../firmware/index.js';
import { TimeclockError } from '../errors.js';
import { codedError } from '../errors.js';

/** Thrown for a write to the store outside the firmware's effects: a door round the firmware, a bug. */
export class StoreDoorError extends TimeclockError<'TC_ERR_STORE_DOOR'> {
  constructor(readonly write: string) {
    super(
      'TC_ERR_STORE_DOOR',
      `the clock's store was written outside the firmware's effects (${write}): every change from outside ` +
        'enters as an event (clock.send, clock.command, clock.load)',
    );
    this.name = 'StoreDoorError';
  }
}

export interface StoreDoor {
  /** What the firmware is given: reads anywhere, writes only while one of its effects runs. */
  readonly ports: ClockPorts;
  /** The same tables for the host to read. */
  readonly records: ClockRecords;
  /** Runs fn with the door open: the firmware's effects, nothing else. */
  open<T>(fn: () => T): T;
}

export function storeDoor(store: ClockPorts): StoreDoor {
  const state = { depth: 0 };
  const gate = <T extends object>(name: string, table: T, writes: readonly string[]): T =>
    new (gatedClassOf(name, table, writes))(table, state) as T;
  const ports: ClockPorts = {
    users: gate('users', store.users, PORT_WRITES.users),
    templates: gate('templates', store.templates, PORT_WRITES.templates),
    punches: gate('punches', store.punches, PORT_WRITES.punches),
    operations: gate('operations', store.operations, PORT_WRITES.operations),
    settings: gate('settings', store.settings, PORT_WRITES.settings),
    journal: gate('journal', store.journal, PORT_WRITES.journal),
    cursors: gate('cursors', store.cursors, PORT_WRITES.cursors),
    transaction: (fn) => store.transaction(fn),
  };
  return {
    ports,
    records: ports,
    open<T>(fn: () => T): T {
      state.depth++;
      try {
        return fn();
      } finally {
        state.depth--;
      }
    },
  };
}

interface DoorState {
  /** Effects running now: a write is let in only above 0. */
  depth: number;
}

type GatedClass = new (table: object, door: DoorState) => object;

/** Where a gated table keeps its table and door: symbols, so that no read of the records names them. */
const TABLE = Symbol('table');
const DOOR = Symbol('door');

/**
 * A class per table shape, shared by every clock whose table has the same methods. Not a per-clock
 * Object.create(table): that makes each clock's table a prototype of its own, so a fleet of 1,000 clocks
 * gives every read (`records.punches.nextSeq()`) 1,000 shapes to look through; V8's lookup cache then
 * misses, and a poll's few reads cost ~30 µs instead of under 1 (BENCHMARKS.md § Fleet).
 */
const gatedClasses = new Map<string, GatedClass>();

function gatedClassOf(name: string, table: object, writes: readonly string[]): GatedClass {
  const methods = methodNames(table);
  const key = `${name}:${[...methods].join(',')}`;
  let gated = gatedClasses.get(key);
  if (gated !== undefined) return gated;
  gated = class {
    readonly [TABLE]: object;
    readonly [DOOR]: DoorState;
    constructor(table: object, door: DoorState) {
      this[TABLE] = table;
      this[DOOR] = door;
    }
  };
  for (const method of methods) {
    const write = writes.includes(method);
    // Looked up on the table at each call: a method replaced after the door was made is the one used.
    const call = function (this: { [TABLE]: Record<string, Method>; [DOOR]: DoorState }, ...args: unknown[]) {
      if (write && this[DOOR].depth === 0) throw new StoreDoorError(`${name}.${method}`);
      return this[TABLE][method]!(...args);
    };
    Object.defineProperty(gated.prototype, method, { value: call, writable: true, configurable: true });
  }
  gatedClasses.set(key, gated);
  return gated;
}

type Method = (...args: unknown[]) => unknown;

/** Every method a table answers to: its own and those of its classes. */
function methodNames(table: object): Set<string> {
  const names = new Set<string>();
  for (let at: object | null = table; at !== null && at !== Object.prototype; at = Object.getPrototypeOf(at)) {
    for (const key of Object.getOwnPropertyNames(at)) {
      if (key !== 'constructor' && typeof (table as Record<string, unknown>)[key] === 'function') names.add(key);
    }
  }
  return names;
}

/** The machine with each effect run through the door: the only place the store's writes are let in. */
export function withDoor<M extends AnyStateMachine>(machine: M, door: StoreDoor): M {
  const actions: Record<string, (...args: unknown[]) => void> = {};
  const implementations = machine.implementations.actions as Record<string, (...args: unknown[]) => void>;
  for (const name of EFFECT_NAMES) {
    const effect = implementations[name];
    if (effect === undefined)
      throw codedError('TC_ERR_FIRMWARE_EFFECT', `the clock machine has no effect named ${name}`);
    actions[name] = (...args) => door.open(() => effect(...args));
  }
  return machine.provide({ actions } as Parameters<M['provide']>[0]) as M;
}
