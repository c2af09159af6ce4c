// When the cloud's process collects its heap: after a burst of allocation once it has gone quiet, one full
// collection, then young-generation ones until the young generation is back to its quiet size (or ten);
// never while it is busy, never for the little an idle cloud allocates, and again only after another burst.
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUIET_HEAP, QuietHeap, type HeapLook } from '../../src/cli/quiet-heap.js';

const MiB = 2 ** 20;
const look = (usedMiB: number, youngMiB = 32): HeapLook => ({ used: usedMiB * MiB, young: youngMiB * MiB });

describe('the quiet heap', () => {
  it('collects once a burst has stopped: full, then young until the young generation shrank', () => {
    const heap = new QuietHeap(DEFAULT_QUIET_HEAP);
    // A burst: the used heap climbs 6 MiB a look (collections in between drop it), 20 MiB in all.
    const burst = [20, 26, 32, 22, 28, 34].map((used) => heap.look(look(used)));
    expect(burst.every((due) => due === undefined)).toBe(true);

    expect(heap.look(look(34.5))).toBe('full');
    expect(heap.look(look(18))).toBe('young');
    expect(heap.look(look(18))).toBe('young');
    expect(heap.look(look(18, 1))).toBe('settled');
    expect(heap.look(look(18, 1))).toBeUndefined();
  });

  it('sees a burst shorter than a look by the heap it left held, measured from the look at rest', () => {
    const heap = new QuietHeap(DEFAULT_QUIET_HEAP);
    const held = (usedMiB: number, heldMiB: number): HeapLook => ({ ...look(usedMiB), held: heldMiB * MiB });
    // At rest 30 MiB held; the burst came and went between two looks (its allocation unseen), 58 MiB held.
    expect(heap.look(held(20, 30))).toBeUndefined();
    expect(heap.look(held(28, 58))).toBeUndefined();
    expect(heap.look(held(28.2, 58))).toBe('full');
    // The same looks without `held` see no burst at all.
    const blind = new QuietHeap(DEFAULT_QUIET_HEAP);
    expect([20, 28, 28.2, 28.3].map((used) => blind.look(look(used)))).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('stops its young collections after ten looks when the young generation stays large', () => {
    const heap = new QuietHeap(DEFAULT_QUIET_HEAP);
    [10, 20, 30].forEach((used) => heap.look(look(used)));
    expect(heap.look(look(30))).toBe('full');
    const after = Array.from({ length: 11 }, () => heap.look(look(20)));
    expect(after.filter((due) => due === 'young')).toHaveLength(DEFAULT_QUIET_HEAP.settleLooks);
    expect(after.at(-1)).toBe('settled');
  });

  it('does not collect while busy, nor for the little an idle cloud allocates, nor twice for one burst', () => {
    const heap = new QuietHeap(DEFAULT_QUIET_HEAP);
    // Busy: 2 MiB or more a look, never quiet, for 100 looks.
    const busy = Array.from({ length: 100 }, (_, i) => heap.look(look(20 + (i % 10) * 2)));
    expect(busy.every((due) => due === undefined)).toBe(true);
    expect(heap.look(look(38.5))).toBe('full');
    heap.look(look(18, 1));
    // Idle polling: 10 KiB a look for 1,000 looks (16 MiB would take 1,600).
    const idle = Array.from({ length: 1_000 }, (_, i) => heap.look(look(18 + (i * 10) / 1024, 1)));
    expect(idle.every((due) => due === undefined)).toBe(true);
  });
});
