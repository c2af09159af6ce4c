// Registration and device keys over loopback HTTP: unknown clocks wait as pending (bounded, counted) until
// an admin accepts them; a registered clock takes its key with its first handshake and must send it from
// then on; an admin may issue a new key, or let a plain PUSH clock in by its serial number alone.
import { describe, expect, it } from 'vitest';
import { WireClock, startCloud } from './harness.js';

const ATTLOG = '1001\t2026-11-25 08:00:00\t0\t1\t0\t0\t0\n';

describe('unknown clocks', () => {
  it('wait as pending, refused, until an admin accepts one; its next handshake takes its key', async () => {
    const { api, transport } = await startCloud();
    const clock = new WireClock('TC1A000200', transport);

    const refused = await clock.handshake();
    const listed = await api('GET', '/api/clocks/pending');
    const accepted = await api('POST', '/api/clocks/pending/TC1A000200', { name: 'Lobby' });
    const handshake = await clock.handshake();
    const punch = await clock.post('/iclock/cdata', ATTLOG, { table: 'ATTLOG' });

    expect(refused.status).toBe(403);
    expect(listed.json).toMatchObject({
      total: 1,
      limit: 1_000,
      dropped: 0,
      clocks: [{ sn: 'TC1A000200', requests: 1 }],
    });
    expect(accepted.status).toBe(201);
    expect(accepted.json).toMatchObject({ sn: 'TC1A000200', name: 'Lobby', auth: 'key', keyState: 'waiting' });
    expect(handshake.body).toContain(`RegistryCode=${accepted.json.key}\n`);
    expect(punch.body).toBe('OK: 1');
    expect((await api('GET', '/api/clocks/pending')).json).toMatchObject({ total: 0 });
    expect((await api('GET', '/api/clocks/TC1A000200')).json).toMatchObject({ keyState: 'taken' });
  });

  it('are bounded: the least recently heard make room, and are counted', async () => {
    const { api, transport, advance } = await startCloud({ registration: { pendingLimit: 3 } });

    for (const n of [1, 2, 3, 4, 5]) {
      advance(1_000);
      await new WireClock(`TC9P00000${n}`, transport).handshake();
    }

    const pending = (await api('GET', '/api/clocks/pending')).json;
    expect(pending).toMatchObject({ total: 3, limit: 3, dropped: 2 });
    expect(pending.clocks.map((c: { sn: string }) => c.sn)).toEqual(['TC9P000005', 'TC9P000004', 'TC9P000003']);
  });

  it('are registered at once with auto-register, up to its bound; later ones wait as pending', async () => {
    const { api, transport } = await startCloud({ autoRegister: true, registration: { autoRegisterLimit: 2 } });

    const answers = [];
    for (const sn of ['TC1A000301', 'TC1A000302', 'TC1A000303'])
      answers.push(await new WireClock(sn, transport).handshake());

    expect(answers.map((a) => a.status)).toEqual([200, 200, 403]);
    expect(answers[0]!.body).toMatch(/^RegistryCode=dk_/m);
    expect((await api('GET', '/api/clocks')).json.map((c: { sn: string }) => c.sn)).toEqual([
      'TC1A000301',
      'TC1A000302',
    ]);
    expect((await api('GET', '/api/clocks/pending')).json.clocks.map((c: { sn: string }) => c.sn)).toEqual([
      'TC1A000303',
    ]);
  });
});

describe('a registered clock', () => {
  it('gets its key from its handshakes until it sends it (an answer lost does not lock it out), never after', async () => {
    const { api, transport } = await startCloud();
    const created = await api('POST', '/api/clocks', { sn: 'TC1A000400' });
    const clock = new WireClock('TC1A000400', transport);

    const lost = await new WireClock('TC1A000400', transport).handshake();
    const first = await clock.handshake();
    const second = await clock.handshake();

    expect(created.status).toBe(201);
    expect(created.json.key).toMatch(/^dk_[A-Za-z0-9_-]{32}$/);
    expect(lost.body).toContain(`RegistryCode=${created.json.key}`);
    expect(first.body).toContain(`RegistryCode=${created.json.key}`);
    expect(second.status).toBe(200);
    expect(second.body).not.toContain('RegistryCode');
    expect((await api('GET', '/api/clocks/TC1A000400')).json.key).toBeUndefined();
  });

  it('is refused without its key or with another once it sent its key', async () => {
    const { api, transport } = await startCloud();
    await api('POST', '/api/clocks', { sn: 'TC1A000401' });
    const real = new WireClock('TC1A000401', transport);
    await real.handshake();
    await real.get('/iclock/getrequest');
    const impostor = new WireClock('TC1A000401', transport);
    const guesser = new WireClock('TC1A000401', transport);
    guesser.key = 'dk_guessed-guessed-guessed-guessed';

    const withoutKey = await impostor.post('/iclock/cdata', ATTLOG, { table: 'ATTLOG' });
    const wrongKey = await guesser.post('/iclock/cdata', ATTLOG, { table: 'ATTLOG' });

    expect(withoutKey.status).toBe(401);
    expect(withoutKey.headers['www-authenticate']).toBe('Bearer realm="iclock"');
    expect(wrongKey).toMatchObject({ status: 401, body: 'Error: wrong device key for TC1A000401' });
    expect((await real.post('/iclock/cdata', ATTLOG, { table: 'ATTLOG' })).body).toBe('OK: 1');
  });

  it('is proven by its key in any spelling of the header, and a wrong key sent after the proven header is refused', async () => {
    const { api, transport } = await startCloud();
    await api('POST', '/api/clocks', { sn: 'TC1A000403' });
    const clock = new WireClock('TC1A000403', transport);
    await clock.handshake();
    const key = clock.key!;
    const poll = (authorization: string) =>
      transport.request({
        method: 'GET',
        path: '/iclock/getrequest',
        query: { SN: clock.sn },
        headers: { authorization },
      });
    // One character changed at the end: as long as the key, with the same beginning.
    const wrong = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');

    const proven = await poll(`Bearer ${key}`);
    const again = await poll(`Bearer ${key}`);
    const wrongAfterProven = await poll(`Bearer ${wrong}`);
    const otherSpelling = await poll(`bearer   ${key} `);
    const wrongAfterOther = await poll(`Bearer ${wrong}`);
    const firstAgain = await poll(`Bearer ${key}`);

    expect([proven.status, again.status, otherSpelling.status, firstAgain.status]).toEqual([200, 200, 200, 200]);
    expect(wrongAfterProven).toMatchObject({ status: 401, body: 'Error: wrong device key for TC1A000403' });
    expect(wrongAfterOther).toMatchObject({ status: 401, body: 'Error: wrong device key for TC1A000403' });
  });

  it('takes a new key an admin issued at its next handshake; the old key stops working', async () => {
    const { api, transport } = await startCloud();
    await api('POST', '/api/clocks', { sn: 'TC1A000402' });
    const clock = new WireClock('TC1A000402', transport);
    await clock.handshake();
    const oldKey = clock.key;
    // Proven once, so the cloud remembers it: the new key must still end it.
    const before = await clock.get('/iclock/getrequest');

    const issued = await api('POST', '/api/clocks/TC1A000402/key', {});
    const stale = await clock.get('/iclock/getrequest');
    clock.key = undefined;
    const handshake = await clock.handshake();

    expect(before.status).toBe(200);
    expect(issued.status).toBe(201);
    expect(stale.status).toBe(401);
    expect(handshake.body).toContain(`RegistryCode=${issued.json.key}`);
    expect(clock.key).not.toBe(oldKey);
    expect((await clock.get('/iclock/getrequest')).body).toBe('OK');
  });

  it('set to its serial number alone is answered without a key, as a plain PUSH clock', async () => {
    const { api, transport } = await startCloud();
    await api('POST', '/api/clocks', { sn: 'TC1A000403' });

    const dropped = await api('DELETE', '/api/clocks/TC1A000403/key');
    const clock = new WireClock('TC1A000403', transport);

    expect(dropped.status).toBe(204);
    expect((await clock.handshake()).body).not.toContain('RegistryCode');
    expect((await clock.post('/iclock/cdata', ATTLOG, { table: 'ATTLOG' })).body).toBe('OK: 1');
    expect((await api('GET', '/api/clocks/TC1A000403')).json).toMatchObject({ auth: 'serial' });
  });
});
