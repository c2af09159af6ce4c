// The store's write failures that are not bugs: a full volume, a read-only one, a failing disk. SQLite's
// error is translated into the firmware's StoreFaultError (a marker field), which the firmware's effects
// turn into a refusal on the screen instead of a crash; the connection stays usable, so writes resume
// by themselves once space returns.
import type { ClockPorts, StoreFault, StoreFaultError } from '../../firmware/index.js';
import { TimeclockError } from '../errors.js';

export class StoreWriteError extends TimeclockError<'TC_ERR_STORE_WRITE'> implements StoreFaultError {
  constructor(
    readonly storeFault: StoreFault,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('TC_ERR_STORE_WRITE', message, options);
    this.name = 'StoreWriteError';
  }
}

const WORDS: Record<StoreFault, string> = {
  full: 'the disk is full',
  'read-only': 'the file or its volume is read-only',
  failed: 'the disk reports an error',
};

/** SQLite's result codes (and Node's errno codes) that mean the volume, not the program, is at fault. */
export function storeFaultFor(error: unknown): StoreFault | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM')
    return 'read-only';
  // A full tmpfs fails the WAL index's growth as SHMSIZE; the rest are a disk that answers errors.
  if (code === 'SQLITE_IOERR_SHMSIZE') return 'full';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'failed';
  return undefined;
}

function translate(file: string, error: unknown): unknown {
  if ((error as Partial<StoreFaultError> | null)?.storeFault !== undefined) return error;
  const fault = storeFaultFor(error);
  if (fault === undefined) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new StoreWriteError(fault, file, `cannot write the clock's store ${file}: ${WORDS[fault]} (${detail})`, {
    cause: error,
  });
}

/** Where a guarded port keeps its port and file: symbols, so that no read of the port names them. */
const PORT = Symbol('port');
const FILE = Symbol('file');

type Guarded = { readonly [PORT]: Record<string, unknown>; readonly [FILE]: string };
type GuardedClass = new (port: object, file: string) => object;

/**
 * A class per port shape, shared by every clock whose port has the same methods and fields. Not a
 * per-clock Object.create(port) with a closure per method: that made each clock's port a prototype of its
 * own (a fleet's 20,000 `--data` clocks gave each read 20,000 shapes, as src/runtime/door.ts found for the
 * door) and held ~70 closures a clock.
 */
const guardedClasses = new Map<string, GuardedClass>();

/** The same port whose every method throws a StoreWriteError for a store fault; fields stay reachable. */
function guarded<T extends object>(file: string, port: T): T {
  const { methods, fields } = membersOf(port);
  const key = `${[...methods].join(',')}|${[...fields].join(',')}`;
  let made = guardedClasses.get(key);
  if (made === undefined) {
    made = guardedClass(methods, fields);
    guardedClasses.set(key, made);
  }
  return new made(port, file) as T;
}

function guardedClass(methods: Set<string>, fields: Set<string>): GuardedClass {
  const made = class {
    readonly [PORT]: object;
    readonly [FILE]: string;
    constructor(port: object, file: string) {
      this[PORT] = port;
      this[FILE] = file;
    }
  };
  for (const method of methods) {
    // Looked up on the port at each call: a method replaced after the guard was made is the one used.
    const call = function (this: Guarded, ...args: unknown[]) {
      const port = this[PORT];
      try {
        return (port[method] as (...a: unknown[]) => unknown).apply(port, args);
      } catch (error) {
        throw translate(this[FILE], error);
      }
    };
    Object.defineProperty(made.prototype, method, { value: call, writable: true, configurable: true });
  }
  for (const field of fields) {
    const get = function (this: Guarded) {
      return this[PORT][field];
    };
    Object.defineProperty(made.prototype, field, { get, configurable: true });
  }
  return made;
}

/** A port's methods and fields (a log's `span`), its own and those of its prototypes. */
function membersOf(port: object): { methods: Set<string>; fields: Set<string> } {
  const methods = new Set<string>();
  const fields = new Set<string>();
  for (let at: object | null = port; at !== null && at !== Object.prototype; at = Object.getPrototypeOf(at)) {
    for (const name of Object.getOwnPropertyNames(at)) {
      if (name === 'constructor' || methods.has(name) || fields.has(name)) continue;
      const value = (port as Record<string, unknown>)[name];
      if (typeof value === 'function') methods.add(name);
      else fields.add(name);
    }
  }
  return { methods, fields };
}

/** The ports with store faults translated: what the SQLite adapter hands to the firmware. */
export function withStoreFaults<P extends ClockPorts>(file: string, ports: P): P {
  const transaction = ports.transaction;
  return {
    ...ports,
    users: guarded(file, ports.users),
    templates: guarded(file, ports.templates),
    punches: guarded(file, ports.punches),
    operations: guarded(file, ports.operations),
    settings: guarded(file, ports.settings),
    journal: guarded(file, ports.journal),
    cursors: guarded(file, ports.cursors),
    transaction: <T>(fn: () => T): T => {
      try {
        return transaction(fn);
      } catch (error) {
        throw translate(file, error);
      }
    },
  };
}
