// The fleet's queue in front of its HTTP pool: no more requests reach the transport than it has sockets,
// the rest wait in order and go in as answers come; a failure frees its slot; closing refuses the waiting.
import { describe, expect, it } from 'vitest';
import { TransportError, type PushRequest, type PushResponse, type PushTransport } from '../../src/protocol/index.js';
import { SocketGate } from '../../src/fleet/socket-gate.js';

/** A transport whose requests are answered (or failed) by the test, one by one, in the order sent. */
function heldTransport() {
  const held: { path: string; answer(): void; fail(): void }[] = [];
  let closed = 0;
  const transport: PushTransport = {
    request: (request: PushRequest) =>
      new Promise<PushResponse>((resolve, reject) => {
        held.push({
          path: request.path,
          answer: () => resolve({ status: 200, headers: {}, body: `OK ${request.path}` }),
          fail: () => reject(new TransportError('connection', 'reset')),
        });
      }),
    close: () => closed++,
  };
  return { transport, held, closed: () => closed };
}

const get = (path: string): PushRequest => ({ method: 'GET', path });
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

describe('the socket gate in front of the fleet’s pool', () => {
  it('lets in as many requests as sockets, the rest in the order they came as answers arrive', async () => {
    const { transport, held } = heldTransport();
    const gate = new SocketGate(transport, 2);
    const answers = ['a', 'b', 'c', 'd', 'e'].map((p) => gate.request(get(p)));

    expect(held.map((h) => h.path)).toEqual(['a', 'b']);
    expect(gate.queued).toBe(3);
    held[1]!.answer();
    await turns();
    expect(held.map((h) => h.path)).toEqual(['a', 'b', 'c']);
    held[0]!.fail();
    await turns();
    expect(held.map((h) => h.path)).toEqual(['a', 'b', 'c', 'd']);
    for (const h of held.slice(2)) h.answer();
    await turns();
    held[4]!.answer();

    const settled = await Promise.allSettled(answers);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value.body : 'failed'))).toEqual([
      'failed',
      'OK b',
      'OK c',
      'OK d',
      'OK e',
    ]);
    expect([gate.peakInside, gate.peakWaiting, gate.queued]).toEqual([2, 3, 0]);
  });

  it('keeps the order through thousands of waiting requests (the front compacted as it is spent)', async () => {
    const { transport, held } = heldTransport();
    const gate = new SocketGate(transport, 3);
    const answers = Array.from({ length: 5_000 }, (_, i) => gate.request(get(String(i))));
    for (let i = 0; i < 5_000; i++) {
      held[i]!.answer();
      await turns(3);
    }
    const bodies = (await Promise.all(answers)).map((a) => a.body);
    expect(bodies).toEqual(Array.from({ length: 5_000 }, (_, i) => `OK ${i}`));
    expect(held.map((h) => h.path)).toEqual(bodies.map((b) => b.slice(3)));
    expect(gate.peakInside).toBe(3);
  });

  it('refuses the waiting requests when closed, and every later one', async () => {
    const { transport, held, closed } = heldTransport();
    const gate = new SocketGate(transport, 1);
    const first = gate.request(get('a'));
    const waiting = gate.request(get('b'));
    gate.close();

    await expect(waiting).rejects.toMatchObject({ kind: 'closed' });
    await expect(gate.request(get('c'))).rejects.toBeInstanceOf(TransportError);
    held[0]!.answer();
    await expect(first).resolves.toMatchObject({ body: 'OK a' });
    expect(held).toHaveLength(1);
    expect(closed()).toBe(1);
  });
});
