// The embedded cloud's settle(): a virtual-time run waits for the links' rounds in this process instead
// of turning the event loop per timer, but never for a round that itself waits on virtual time.
import { afterEach, describe, expect, it } from 'vitest';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { VirtualClockSource } from '../../src/runtime/clock-source.js';
import { createEmbeddedCloud } from '../../src/scenario/embedded-cloud.js';
import { createLogger } from '../../src/log.js';
import type { CloudHarness } from '../../src/scenario/cloud-harness.js';

let harness: CloudHarness | undefined;
let clock: Clock | undefined;
afterEach(async () => {
  await harness?.close();
  clock?.close();
});

function world(): { harness: CloudHarness; clock: Clock; source: VirtualClockSource } {
  const start = Date.UTC(2026, 10, 25, 8);
  const source = new VirtualClockSource(start);
  clock = createClock({ serialNumber: 'TC1A000001', time: { virtual: start } });
  harness = createEmbeddedCloud({
    source,
    logger: createLogger({ level: 'silent' }),
    serials: ['TC1A000001'],
    timeZoneMinutes: 0,
  });
  harness.connect(clock);
  return { harness, clock, source };
}

describe("the embedded cloud's settle", () => {
  it('waits for the handshake in flight and says it settled, with the link idle after', async () => {
    const { harness } = world();

    expect(await harness.settle!()).toBe(true);

    expect(await harness.settle!()).toBe(true);
    expect(clock!.cloudUp()).toBe(true);
  });

  it('does not wait for a request that waits out a delay on virtual time, and settles once time moved', async () => {
    const { harness, source } = world();
    await harness.settle!();
    harness.embedded!.faults.set({ delayMs: 5_000 });

    void harness.whenIdle('TC1A000001').catch(() => undefined);
    const during = await harness.settle!();
    harness.embedded!.faults.set({ delayMs: 0 });
    source.advance(5_000);
    const after = await harness.settle!();

    expect(during).toBe(false);
    expect(after).toBe(true);
  });
});
