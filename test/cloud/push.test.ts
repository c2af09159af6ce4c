// The iclock endpoints: handshake, registration, uploads and their deduplication.
import { describe, expect, it } from 'vitest';
import { parseOptionsBody, parseHttpDate, formatAttlog } from '../../src/protocol/index.js';
import { parseTimestamp } from '../../firmware/time.js';
import { START, WireClock, startCloud } from './harness.js';

const ATTLOG = '1001\t2026-11-25 08:02:11\t0\t1\t0\t0\t0\n1002\t2026-11-25 08:03:40\t0\t4\t0\t0\t0\n';

describe('PUSH endpoints', () => {
  it('answers the handshake with the options, the stamps and a Date header from its clock', async () => {
    const { cloud, transport } = await startCloud({ push: { delay: 5, timeZoneMinutes: 330 } });
    cloud.registerClock('TC1A000001');
    const res = await new WireClock('TC1A000001', transport).handshake();
    const { options, serialNumber, problems } = parseOptionsBody(res.body);
    expect(res.status).toBe(200);
    expect(problems).toEqual([]);
    expect(serialNumber).toBe('TC1A000001');
    expect(options).toMatchObject({ delay: 5, timeZoneMinutes: 330, attlogStamp: 'None', realtime: true });
    expect(parseHttpDate(res.headers.date!)).toBe(START);
  });

  it('refuses an unknown serial number unless told to register it', async () => {
    const { transport } = await startCloud();
    const res = await new WireClock('TC9Z000009', transport).handshake();
    expect(res.status).toBe(403);
    expect(res.body).toBe(
      'Error: device TC9Z000009 is not registered with this server; it waits for an admin to accept it',
    );
  });

  it('registers an unknown serial number on its first request when auto-register is on', async () => {
    const { cloud, transport, api } = await startCloud({ autoRegister: true });
    expect((await new WireClock('TC9Z000009', transport).handshake()).status).toBe(200);
    expect(cloud.store.clocks.exists('TC9Z000009')).toBe(true);
    const { json } = await api('GET', '/api/clocks/TC9Z000009');
    expect(json).toMatchObject({ sn: 'TC9Z000009', online: true, lastSeen: START });
  });

  it('counts a clock offline once it has not been seen for three Delays', async () => {
    const { cloud, transport, api, advance } = await startCloud({ push: { delay: 10 } });
    cloud.registerClock('TC1A000001');
    await new WireClock('TC1A000001', transport).get('/iclock/ping');
    advance(30_000);
    expect((await api('GET', '/api/clocks')).json[0].online).toBe(true);
    advance(1);
    expect((await api('GET', '/api/clocks')).json[0].online).toBe(false);
  });

  it('stores ATTLOG punches once, however often they are uploaded', async () => {
    const { cloud, transport } = await startCloud();
    cloud.registerClock('TC1A000001');
    const clock = new WireClock('TC1A000001', transport);
    const first = await clock.post('/iclock/cdata', ATTLOG, { table: 'ATTLOG', Stamp: '9999' });
    const again = await clock.post('/iclock/cdata', ATTLOG, { table: 'ATTLOG', Stamp: '9999' });
    expect([first.body, again.body]).toEqual(['OK: 2', 'OK: 2']);
    expect(cloud.store.punches.count()).toBe(2);
    expect(cloud.store.punches.query({ limit: 10 })[0]).toMatchObject({
      sn: 'TC1A000001',
      pin: '1001',
      time: parseTimestamp('2026-11-25 08:02:11'),
      verify: 1,
    });
  });

  it('keeps the same PIN and time from two clocks as two punches', async () => {
    const { cloud, transport } = await startCloud({ autoRegister: true });
    await new WireClock('TC1A000001', transport).post('/iclock/cdata', ATTLOG, { table: 'ATTLOG' });
    await new WireClock('TC1A000002', transport).post('/iclock/cdata', ATTLOG, { table: 'ATTLOG' });
    expect(cloud.store.punches.count()).toBe(4);
  });

  it('remembers the upload stamps and hands them back at the next handshake', async () => {
    const { cloud, transport } = await startCloud();
    cloud.registerClock('TC1A000001');
    const clock = new WireClock('TC1A000001', transport);
    await clock.post('/iclock/cdata', ATTLOG, { table: 'ATTLOG', Stamp: '412' });
    await clock.post('/iclock/cdata', 'OPLOG 4\t14\t2026-11-25 10:22:34\t0\t0\t0\t0\n', {
      table: 'OPERLOG',
      Stamp: '7',
    });
    const { options } = parseOptionsBody((await clock.handshake()).body);
    expect([options.attlogStamp, options.operlogStamp]).toEqual(['412', '7']);
  });

  it('counts the lines it kept, and names the ones it refused in a header clocks may ignore', async () => {
    const { cloud, transport } = await startCloud({ autoRegister: true });
    const res = await new WireClock('TC1A000001', transport).post('/iclock/cdata', `${ATTLOG}garbage line\n`, {
      table: 'ATTLOG',
    });
    expect(res.body).toBe('OK: 2');
    expect(res.headers['x-push-refused']).toBe('3');
    expect(cloud.store.punches.count()).toBe(2);
  });

  it('answers OK: 0 for an ATTLOG line it refused and stored nothing of', async () => {
    const { cloud, transport } = await startCloud({ autoRegister: true });
    const res = await new WireClock('TC1A000001', transport).post('/iclock/cdata', '1001\tyesterday\t0\n', {
      table: 'ATTLOG',
    });
    expect([res.body, res.headers['x-push-refused']]).toEqual(['OK: 0', '1']);
    expect(cloud.store.punches.count()).toBe(0);
  });

  it('takes OpStamp, the older name of the OPERLOG cursor, and hands it back', async () => {
    const { transport } = await startCloud({ autoRegister: true });
    const clock = new WireClock('TC1A000001', transport);
    await clock.post('/iclock/cdata', 'OPLOG 4\t14\t2026-11-25 10:22:34\t0\t0\t0\t0\n', {
      table: 'OPERLOG',
      OpStamp: '31',
    });
    expect(parseOptionsBody((await clock.handshake()).body).options.operlogStamp).toBe('31');
  });

  it('serves //iclock/cdata and /iclock//getrequest like the single-slash paths', async () => {
    const { url } = await startCloud({ autoRegister: true });
    const handshake = await fetch(`${url}//iclock/cdata?SN=TC1A000001&options=all`);
    const poll = await fetch(`${url}/iclock//getrequest?SN=TC1A000001`);
    expect(handshake.status).toBe(200);
    expect(await handshake.text()).toMatch(/^GET OPTION FROM: TC1A000001\n/);
    expect([poll.status, await poll.text()]).toEqual([200, 'OK']);
  });

  it('takes 10,000 punches in one upload', async () => {
    const { cloud, transport } = await startCloud({ autoRegister: true });
    const base = parseTimestamp('2026-11-01 00:00:00')!;
    const punches = Array.from({ length: 10_000 }, (_, i) => ({
      seq: i + 1,
      pin: String(1000 + (i % 50)),
      time: base + i * 60_000,
      state: 0 as const,
      verify: 1 as const,
      workCode: 0,
    }));
    const res = await new WireClock('TC1A000001', transport).post('/iclock/cdata', formatAttlog(punches), {
      table: 'ATTLOG',
    });
    expect(res.body).toBe('OK: 10000');
    expect(cloud.store.punches.count()).toBe(10_000);
  });

  it('answers ping, the options a clock pushes, and tables it does not keep', async () => {
    const { cloud, transport, api } = await startCloud({ autoRegister: true });
    const clock = new WireClock('TC1A000001', transport);
    expect((await clock.get('/iclock/ping')).body).toBe('OK');
    expect((await clock.post('/iclock/cdata', '~DeviceName=Lobby,FWVersion=Ver 6.60', { table: 'options' })).body).toBe(
      'OK',
    );
    expect((await clock.post('/iclock/cdata', 'PIN=1\tContent=AAAA\n', { table: 'ATTPHOTO' })).body).toBe('OK: 1');
    await clock.get('/iclock/getrequest', { INFO: 'Ver 6.60,12,3,100,192.168.1.201,10' });
    expect((await api('GET', '/api/clocks/TC1A000001')).json.info).toMatchObject({
      '~DeviceName': 'Lobby',
      firmware: 'Ver 6.60',
      users: '12',
      ip: '192.168.1.201',
    });
    expect(cloud.store.clocks.exists('TC1A000001')).toBe(true);
  });
});
