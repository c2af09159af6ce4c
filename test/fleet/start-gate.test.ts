// The fleet's gated time source: timers set while time is held wait for the gate, then fire on the scale
// in order; a timer cleared before or after the gate opens never fires.
import { describe, expect, it } from 'vitest';
import { GatedClockSource } from '../../src/fleet/start-gate.js';

describe('the gated clock source', () => {
  it('holds timers until the gate opens, fires them in order of their time, and never a cleared one', async () => {
    const source = new GatedClockSource(1_000);
    const fired: string[] = [];
    source.setTimeout(() => fired.push('later'), 40);
    const heldThenCleared = source.setTimeout(() => fired.push('cleared while held'), 10);
    source.setTimeout(() => fired.push('sooner'), 20);
    source.clearTimeout(heldThenCleared);

    expect(source.now()).toBe(1_000);
    source.open({ start: 1_000, origin: Date.now(), speed: 10 });
    const clearedOpen = source.setTimeout(() => fired.push('cleared while open'), 30);
    source.clearTimeout(clearedOpen);
    // 400 ms of the source at speed 10: due after the others, so by then every timer due before has fired.
    await new Promise<void>((resolve) => source.setTimeout(resolve, 400));

    expect(fired).toEqual(['sooner', 'later']);
  });
});
