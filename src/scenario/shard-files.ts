// Which scenario files one shard of a suite runs (`--shard I/N`). Every machine of a CI matrix must
// compute the same split, so the files are dealt in one order that depends on their paths alone.
import { shardOf, type Shard } from '../shard/index.js';

/**
 * The shard's files, in path order. Sorting by UTF-16 code units rather than taking the order given
 * keeps the split the same when a shell glob (`scripts/scenarios/*.yaml`) sorts by the locale of the
 * machine, or when the paths are named in another order.
 */
export function filesOfShard(files: readonly string[], shard: Shard): string[] {
  const sorted = [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return shardOf(sorted, shard);
}
