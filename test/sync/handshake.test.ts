// The handshake: how the clock introduces itself, sets its time from the server's Date and TimeZone,
// and runs on the options it was given (Delay, ErrorDelay, Realtime, TransFlag), in virtual time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../firmware/time.js';
import type { Clock } from '../../src/runtime/index.js';
import { startSync, type SyncLink } from '../../src/sync/index.js';
import { punch, until, virtualClock } from './helpers.js';
import { startScriptedServer, type ScriptedServer } from './scripted-server.js';

let server: ScriptedServer;
let clock: Clock;
let link: SyncLink | undefined;

beforeEach(async () => {
  server = await startScriptedServer();
  clock = virtualClock();
  server.date = () => clock.source.now();
});

afterEach(async () => {
  await link?.stop();
  link = undefined;
  clock.close();
  await server.stop();
});

const attlogPosts = (): number => server.requests.filter((r) => r.query.table === 'ATTLOG').length;

describe('handshake', () => {
  it('asks for all options with its serial number, the protocol version and the language', async () => {
    link = startSync(clock, { url: server.url });
    await link.whenIdle();

    const first = server.requests[0]!;
    expect(first.method).toBe('GET');
    expect(first.path).toBe('/iclock/cdata');
    expect(first.query).toEqual({ SN: 'TC1A000001', options: 'all', pushver: '2.4.1', language: '69' });
  });

  it('then tells the server what it is (table=options: its model’s name, firmware, MAC), once per link', async () => {
    link = startSync(clock, { url: server.url });
    await link.whenIdle();
    clock.advance(60_000);
    await link.whenIdle();

    const options = server.requests.filter((r) => r.query.table === 'options');
    expect(server.requests[1]).toBe(options[0]);
    expect(options).toHaveLength(1);
    expect(options[0]!.method).toBe('POST');
    expect(options[0]!.body).toBe(
      `~SerialNumber=TC1A000001,~DeviceName=TC-Bio 700,FWVersion=${clock.model.firmwareVersion},MAC=${clock.macAddress}`,
    );
  });

  it('sets the clock to the server time plus the TimeZone in hours', async () => {
    server.date = () => Date.UTC(2027, 0, 15, 1, 2, 3);
    server.options.timeZoneMinutes = 8 * 60;

    link = startSync(clock, { url: server.url });
    await link.whenIdle();

    expect(clock.now()).toBe(parseTimestamp('2027-01-15 09:02:03'));
    expect(clock.settings()).toMatchObject({ timeZoneMinutes: 480 });
    expect(clock.screenText()).toContain('09:02');
  });

  it('reads a TimeZone in minutes (330 is UTC+5:30)', async () => {
    server.handshakeBody = 'GET OPTION FROM: TC1A000001\nDelay=10\nTimeZone=330\n';

    link = startSync(clock, { url: server.url });
    await link.whenIdle();

    expect(clock.settings().timeZoneMinutes).toBe(330);
    expect(clock.now()).toBe(parseTimestamp('2026-11-25 13:28:00'));
  });

  it('keeps its own zone when the server sends no TimeZone', async () => {
    clock.send({ type: 'settings.changed', settings: { ...clock.settings(), timeZoneMinutes: -300 } });
    server.handshakeBody = 'GET OPTION FROM: TC1A000001\nDelay=10\nRealtime=1\n';

    link = startSync(clock, { url: server.url });
    await link.whenIdle();

    expect(clock.settings().timeZoneMinutes).toBe(-300);
  });

  it('shows no mark on the cloud icon once the server answered', async () => {
    expect(clock.frame().icons.cloud).toBe('red-dot');

    link = startSync(clock, { url: server.url });
    await link.whenIdle();

    expect(clock.frame().icons).toEqual({ network: 'none', cloud: 'none' });
    expect(link.status().state).toBe('online');
  });
});

describe('options', () => {
  it('polls getrequest every Delay seconds of the clock source', async () => {
    server.options.delay = 7;
    link = startSync(clock, { url: server.url });
    await link.whenIdle();
    const polls = server.count('/getrequest');

    clock.advance(6_999);
    await until(() => server.requests.length > 0, 'settling');
    expect(server.count('/getrequest')).toBe(polls);
    clock.advance(1);
    await until(() => server.count('/getrequest') === polls + 1, 'the poll after Delay');
    clock.advance(7_000);
    await until(() => server.count('/getrequest') === polls + 2, 'the next poll');
  });

  it('uploads each punch at once with Realtime=1', async () => {
    link = startSync(clock, { url: server.url });
    await link.whenIdle();

    punch(clock, '1001');

    await until(() => server.punches.length === 1, 'the punch at the server');
    expect(server.punches[0]).toMatchObject({ pin: '1001', time: parseTimestamp('2026-11-25 07:58:00') });
  });

  it('with Realtime=0 keeps punches until the TransInterval comes round', async () => {
    server.options.realtime = false;
    server.options.transInterval = 2;
    server.options.delay = 600;
    link = startSync(clock, { url: server.url });
    await link.whenIdle();

    punch(clock, '1001');
    punch(clock, '1002');
    await new Promise((resolve) => setImmediate(resolve));
    expect(attlogPosts()).toBe(0);

    clock.advance(120_000 - 8_000);
    await until(() => server.punches.length === 2, 'the scheduled upload');
    expect(attlogPosts()).toBe(1);
  });

  it('with Realtime=0 also uploads at each TransTimes of device time', async () => {
    server.options.realtime = false;
    server.options.transInterval = 0;
    server.options.transTimes = ['08:30'];
    server.options.delay = 3_600;
    link = startSync(clock, { url: server.url });
    await link.whenIdle();
    punch(clock, '1001');

    clock.advance(31 * 60_000);
    await new Promise((resolve) => setImmediate(resolve));
    const before0830 = attlogPosts();
    clock.advance(60_000);

    await until(() => server.punches.length === 1, 'the 08:30 upload');
    expect(before0830).toBe(0);
  });

  it('uploads no attendance when TransFlag leaves AttLog out (bit-string form)', async () => {
    server.handshakeBody = 'GET OPTION FROM: TC1A000001\nDelay=10\nRealtime=1\nTransFlag=0100000000\n';
    link = startSync(clock, { url: server.url });
    await link.whenIdle();

    punch(clock, '1001');
    await link.whenIdle();

    expect(server.punches).toEqual([]);
    expect(server.operlog.length).toBeGreaterThan(0);
  });

  it('re-uploads a table from the start when its stamp is 0, in the older spelling too', async () => {
    link = startSync(clock, { url: server.url });
    punch(clock, '1001');
    await link.whenIdle();
    expect(server.punches).toHaveLength(1);

    server.handshakeBody = 'GET OPTION FROM: TC1A000001\nStamp=0\nOpStamp=None\nDelay=10\n';
    server.queue('C:1:CHECK');
    await link.whenIdle();

    expect(server.punches.map((p) => p.pin)).toEqual(['1001', '1001']);
  });
});
