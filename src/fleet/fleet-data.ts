// A fleet's --data: the clocks of this process in one SQLite file (one file a shard), each clock's rows
// kept by its serial number, so that a second run on the same folder continues every clock's store.
// One file, not one a clock: one connection's memory and three file descriptors for all the clocks.
import path from 'node:path';
import { openSharedStore, type SharedStore, type StoreSpec } from '../store/index.js';
import type { Shard } from '../shard/index.js';

/** `clocks.db`, or `clocks-shard-2-of-4.db` for one shard of several (shards may share a folder). */
export function fleetDataFile(dir: string, shard: Shard): string {
  const name = shard.total === 1 ? 'clocks.db' : `clocks-shard-${shard.index}-of-${shard.total}.db`;
  return path.join(dir, name);
}

/** Opens the shard's file on the first clock; a file that cannot be opened fails every clock alike. */
export class FleetData {
  private shared: SharedStore | undefined;
  private failure: unknown;

  constructor(readonly file: string) {}

  /** The store of one clock, for createClock(); throws the file's StoreOpenError if it cannot be opened. */
  storeOf(serialNumber: string): StoreSpec {
    if (this.failure !== undefined) throw this.failure;
    try {
      // A fleet's file survives the simulator being killed; fsync per punch would only measure the disk.
      this.shared ??= openSharedStore(this.file, { synchronous: 'normal' });
    } catch (error) {
      this.failure = error;
      throw error;
    }
    return { kind: 'shared', shared: this.shared, serialNumber };
  }

  /** After the clocks have stopped. */
  close(): void {
    this.shared?.close();
  }
}
