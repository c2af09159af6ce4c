// The clock's local store: the adapters of the firmware's ports (firmware/ports.ts), in memory or in
// a SQLite file, and the one error opening a file can give.
import type { ClockPorts } from '../../firmware/index.js';
import { withFaultSwitch, type StoreFaultSwitch } from './fault-switch.js';
import { createMemoryPorts } from './memory.js';
import { openSqlitePorts, type SqliteStoreOptions } from './sqlite.js';
import type { SharedStore } from './shared-db.js';

export { createMemoryPorts } from './memory.js';
export { openSqlitePorts, type SqliteStore, type SqliteStoreOptions } from './sqlite.js';
export { StoreOpenError, type StoreOpenReason } from './errors.js';
export { StoreWriteError, storeFaultFor } from './faults.js';
export { SCHEMA_VERSION } from './migrations.js';
export { withFaultSwitch, type StoreFaultSwitch } from './fault-switch.js';
export { openSharedStore, type SharedStore, type SharedStoreOptions } from './shared-db.js';

/**
 * `faults` (memory): writes fail as a full, read-only or failing disk's do while it is set. `given`: a
 * store the caller made and keeps (a test that makes its flash fail); the clock does not close it.
 * `shared`: the clock's rows in a file many clocks share (a fleet's), opened by the caller, who closes it
 * after the clocks; the file's own durability and cache apply.
 */
export type StoreSpec =
  | { kind: 'memory'; faults?: StoreFaultSwitch }
  | { kind: 'file'; file: string }
  | { kind: 'given'; ports: ClockPorts }
  | { kind: 'shared'; shared: SharedStore; serialNumber: string };

/** A store the runtime closes when the clock stops; closing a memory store does nothing. */
export type OpenedStore = ClockPorts & {
  close(): void;
  /** How writes reach the disk, as SQLite reports it now: `memory` for a store without a file. */
  syncMode(): 'full' | 'normal' | 'memory';
};

/** Opens the store a spec names; a file store may throw StoreOpenError (see sqlite.ts). */
export function openStore(spec: StoreSpec, options?: SqliteStoreOptions): OpenedStore {
  switch (spec.kind) {
    case 'memory': {
      const ports = spec.faults ? withFaultSwitch(createMemoryPorts(), spec.faults) : createMemoryPorts();
      return { ...ports, close: () => {}, syncMode: () => 'memory' };
    }
    case 'file':
      return openSqlitePorts(spec.file, options);
    case 'shared':
      return spec.shared.clock(spec.serialNumber);
    case 'given': {
      const { ports } = spec;
      // Called through, not copied: a method the caller replaces later is the one used.
      return { ...ports, transaction: (fn) => ports.transaction(fn), close: () => {}, syncMode: () => 'memory' };
    }
  }
}

// Re-exported so that other rooms reach these only through this index.
export { acquireLock } from './lock.js';
