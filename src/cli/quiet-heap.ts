// A cloud process that goes quiet after a burst (a flood of unknown serial numbers, a fleet catching up)
// keeps what the burst grew: nothing allocates any more, so V8 collects nothing, and its old space (the
// burst's garbage) and its young generation (grown to 2 × 16 MiB) stay in the process's RSS (3,000 refused
// serial numbers: heap 36 → 58 MiB held, RSS +25 MiB, all of it still there 15 s later). V8's own memory
// reducer starts only after a full collection, which a burst of short requests never causes, and V8 gives
// the young generation back only at a collection made once allocation has been low for ~5 s. So the
// process looks at its heap once a second: once it has allocated a lot since it last did this (the growth
// of its used heap from look to look, summed: a floor, collections in between hide some) and has stopped
// allocating, one full collection frees the garbage; then a young-generation collection at each look
// (about a millisecond) until V8 has shrunk the young generation back, or ten looks.
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Logger } from '../log.js';

export interface QuietHeapOptions {
  /** Bytes allocated since the last collection of ours that make a burst worth collecting after. */
  burstBytes: number;
  /** Change of the heap's used bytes between two looks under which the process counts as quiet. */
  quietBytes: number;
  /** A young generation this small is back to its quiet size. */
  youngBytes: number;
  /** Young-generation collections at most after a full one, one a look. */
  settleLooks: number;
  /** Between two looks. */
  everyMs: number;
}

export const DEFAULT_QUIET_HEAP: QuietHeapOptions = {
  burstBytes: 16 * 2 ** 20,
  quietBytes: 2 ** 20,
  youngBytes: 2 * 2 ** 20,
  settleLooks: 10,
  everyMs: 1_000,
};

export interface HeapLook {
  /** V8's used heap, all spaces. */
  used: number;
  /** The young generation's size (V8's new space). */
  young: number;
  /** The heap V8 holds, all spaces: a burst too quick for the looks to see its allocation shows here. */
  held?: number;
}

export type Collection = 'full' | 'young' | 'settled';

/** The decision alone: given each look at the heap, which collection is due now ('settled': none, and it is over). */
export class QuietHeap {
  private lastUsed: number | undefined;
  /** Growth of the used heap from look to look since the last collection of ours. */
  private allocated = 0;
  /** Young-generation collections left after a full one; undefined when not settling. */
  private settling: number | undefined;
  /** The least heap held since the last collection of ours: what a burst grew is measured from it. */
  private leastHeld: number | undefined;

  constructor(private readonly options: Omit<QuietHeapOptions, 'everyMs'>) {}

  look(heap: HeapLook): Collection | undefined {
    const moved = this.lastUsed === undefined ? undefined : heap.used - this.lastUsed;
    this.lastUsed = heap.used;
    if (this.settling !== undefined) {
      if (heap.young > this.options.youngBytes && this.settling > 0) {
        this.settling--;
        return 'young';
      }
      this.settling = undefined;
      return 'settled';
    }
    if (heap.held !== undefined) this.leastHeld = Math.min(this.leastHeld ?? heap.held, heap.held);
    if (moved === undefined) return undefined;
    if (moved > 0) this.allocated += moved;
    // A burst of a few seconds is mostly collected between two looks: the heap it made V8 hold tells it.
    const grown = heap.held === undefined ? 0 : heap.held - this.leastHeld!;
    const burst = this.allocated >= this.options.burstBytes || grown >= this.options.burstBytes;
    if (Math.abs(moved) >= this.options.quietBytes || !burst) return undefined;
    this.allocated = 0;
    this.leastHeld = undefined;
    this.settling = this.options.settleLooks;
    return 'full';
  }
}

type Collect = (options?: { type: 'major' | 'minor' }) => void;

/** node's `gc` where it runs with --expose-gc, otherwise the same exposed at run time. */
function collector(): Collect {
  const exposed = (globalThis as { gc?: Collect }).gc;
  if (typeof exposed === 'function') return exposed;
  // The flag exposes `gc` to contexts made after it is set: one is made to fetch it.
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as Collect;
}

const MiB = (bytes: number) => Math.round(bytes / 2 ** 20);

function youngBytes(): number {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}

/** Looks at the process's heap every `everyMs` until stopped; the timer does not keep the process alive. */
export function watchQuietHeap(log: Logger, options: QuietHeapOptions = DEFAULT_QUIET_HEAP): { stop(): void } {
  const decide = new QuietHeap(options);
  const collect = collector();
  let held = 0;
  const look = () => {
    const stats = v8.getHeapStatistics();
    return {
      stats,
      due: decide.look({ used: stats.used_heap_size, young: youngBytes(), held: stats.total_heap_size }),
    };
  };
  // The first look now, at rest: a burst that keeps the event loop busy past the first tick is seen against it.
  look();
  const timer = setInterval(() => {
    const { stats, due } = look();
    if (due === 'full') held = stats.total_heap_size;
    if (due === 'full' || due === 'young') collect({ type: due === 'full' ? 'major' : 'minor' });
    if (due === 'settled') {
      const fields = { heldMiB: [MiB(held), MiB(stats.total_heap_size)], usedMiB: MiB(stats.used_heap_size) };
      log.info(fields, 'quiet after a burst: the heap collected and given back');
    }
  }, options.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
