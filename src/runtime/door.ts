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
  let depth = 0;
  /** Reads fall through to the table (patched methods included); each write checks the door first. */
  const gate = <T extends object>(name: string, table: T, writes: readonly string[]): T => {
    const gated = Object.create(table) as Record<string, unknown>;
    for (const write of writes) {
      gated[write] = (...args: unknown[]) => {
        if (depth === 0) throw new StoreDoorError(`${name}.${write}`);
        return ((table as Record<string, unknown>)[write] as (...a: unknown[]) => unknown).apply(table, args);
      };
    }
    return gated as T;
  };
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
      depth++;
      try {
        return fn();
      } finally {
        depth--;
      }
    },
  };
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
