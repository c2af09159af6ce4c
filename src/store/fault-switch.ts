// A memory store whose volume can be made full, read-only or failing while the clock runs: what a
// scenario's `disk:` step switches. Writes then throw the errors SQLite throws (SQLITE_FULL…), which
// pass through the same translation as the file store's (faults.ts); reads keep working, as on a full disk.
import { PORT_WRITES, type ClockPorts, type StoreFault } from '../../firmware/index.js';
import { withStoreFaults } from './faults.js';

/** What the volume does now: undefined takes writes. Set by the host, read at every write. */
export interface StoreFaultSwitch {
  fault: StoreFault | undefined;
}

/** SQLite's own code and words for each fault, as better-sqlite3 throws them. */
const SQLITE_ERRORS: Record<StoreFault, { code: string; message: string }> = {
  full: { code: 'SQLITE_FULL', message: 'database or disk is full' },
  'read-only': { code: 'SQLITE_READONLY', message: 'attempt to write a readonly database' },
  failed: { code: 'SQLITE_IOERR_WRITE', message: 'disk I/O error' },
};

/** The ports with their writes refused while `faults.fault` is set; `file` names the store in messages. */
export function withFaultSwitch(ports: ClockPorts, faults: StoreFaultSwitch, file = '(memory)'): ClockPorts {
  const refusing = (port: object, names: readonly PropertyKey[]): object => {
    const wrapper = Object.create(port) as Record<PropertyKey, unknown>;
    for (const name of names) {
      const method = (port as Record<PropertyKey, unknown>)[name] as (...args: unknown[]) => unknown;
      wrapper[name] = (...args: unknown[]) => {
        if (faults.fault !== undefined) throw sqliteError(faults.fault);
        return method.apply(port, args);
      };
    }
    return wrapper;
  };
  const switched = { ...ports } as Record<string, unknown>;
  for (const [port, names] of Object.entries(PORT_WRITES)) {
    switched[port] = refusing(ports[port as keyof typeof PORT_WRITES], names);
  }
  return withStoreFaults(file, switched as unknown as ClockPorts);
}

function sqliteError(fault: StoreFault): Error {
  const { code, message } = SQLITE_ERRORS[fault];
  return Object.assign(new Error(message), { code });
}
