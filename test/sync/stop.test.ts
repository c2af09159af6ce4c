// A stopped link stays stopped: a request that fails after stop() neither turns the link offline nor
// schedules a retry that would talk to a clock its host has closed.
import { describe, expect, it } from 'vitest';
import { TransportError, type PushResponse, type PushTransport } from '../../src/protocol/transport.js';
import type { VirtualClockSource } from '../../src/runtime/index.js';
import { createClock } from '../../src/runtime/index.js';
import { startSync } from '../../src/sync/index.js';

describe('stopping the link', () => {
  it('ignores a request that fails after stop() and sends nothing more', async () => {
    const clock = createClock({ time: { virtual: '2026-11-25T07:58:00' } });
    let fail: (error: Error) => void = () => {};
    let requests = 0;
    const transport: PushTransport = {
      request: () => {
        requests++;
        return new Promise<PushResponse>((_, reject) => (fail = reject));
      },
      close: () => {},
    };
    const link = startSync(clock, { transport });
    const states: string[] = [];
    link.on('state.changed', ({ state }) => states.push(state));
    await Promise.resolve();

    const stopping = link.stop();
    fail(new TransportError('connection', 'refused'));
    await stopping;
    (clock.source as VirtualClockSource).advance(120_000);
    await Promise.resolve();

    expect(states).toEqual(['stopped']);
    expect(link.status().state).toBe('stopped');
    expect(requests).toBe(1);
    clock.close();
  });
});
