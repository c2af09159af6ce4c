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

/** The same port whose every method throws a StoreWriteError for a store fault; fields stay reachable. */
function guarded<T extends object>(file: string, port: T): T {
  const wrapper = Object.create(port) as Record<string, unknown>;
  for (let proto = Object.getPrototypeOf(port) as object | null; proto && proto !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method: unknown = (port as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof method !== 'function' || Object.hasOwn(wrapper, name)) continue;
      wrapper[name] = (...args: unknown[]) => {
        try {
          return (method as (...a: unknown[]) => unknown).apply(port, args);
        } catch (error) {
          throw translate(file, error);
        }
      };
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return wrapper as T;
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
