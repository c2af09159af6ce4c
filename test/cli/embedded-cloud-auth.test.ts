// `timeclock run`'s embedded cloud knows one clock, its own, which sends the key the cloud handed it; a
// web page's post and an unknown serial number register nothing, and a request without the key is refused.
import { afterEach, describe, expect, it } from 'vitest';
import type { CloudLink } from '../../src/cli/cloud-link.js';
import { connectInMemory } from './cloud-link-helpers.js';
import { createClock, type Clock } from '../../src/runtime/index.js';

let clock: Clock;
let link: CloudLink;
afterEach(async () => {
  await link.stop();
  clock.close();
});

const PUNCH = '1001\t2026-11-25 08:02:11\t0\t1\t0\t0\t0\n';

async function post(sn: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${link.url}/iclock/cdata?SN=${sn}&table=ATTLOG`, { method: 'POST', headers, body: PUNCH });
  return { status: res.status, body: await res.text() };
}

describe('the embedded cloud of timeclock run', () => {
  it('answers its own clock, which holds its key, and refuses the others', async () => {
    clock = createClock({ store: 'memory', time: { virtual: '2026-11-25T07:58:00' } });
    link = await connectInMemory(clock, 'embedded', true);
    await link.whenIdle();
    const cloud = link.cloud!;

    const page = await post('TC9W000001', { 'content-type': 'text/plain', origin: 'http://evil.example' });
    const unknown = await post('TC9W000002');
    const forged = await post(clock.serialNumber);

    expect(cloud.store.clocks.get(clock.serialNumber, 0, 0)).toMatchObject({ auth: 'key', keyState: 'taken' });
    expect(clock.settings().cloudKey).toMatch(/^dk_/);
    expect(page.status).toBe(403);
    expect(unknown.status).toBe(403);
    expect(forged.status).toBe(401);
    expect(cloud.store.clocks.list(0, 0).map((c) => c.sn)).toEqual([clock.serialNumber]);
    expect(cloud.registry.pending(10).clocks.map((c) => c.sn)).toEqual(['TC9W000002']);
    expect(cloud.store.punches.count()).toBe(0);
  });
});
