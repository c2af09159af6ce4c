// The handshake: how the clock introduces itself, sets its time from the server's Date and TimeZone,
// and runs on the options it was given (Delay, ErrorDelay, Realtime, TransFlag), in virtual time.
import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../firmware/time.js';
import { startSync } from '../../src/sync/index.js';
import { punch, until, useScriptedRig } from './helpers.js';

const rig = useScriptedRig();

const attlogPosts = (): number => rig.server.requests.filter((r) => r.query.table === 'ATTLOG').length;

describe('handshake', () => {
  it('asks for all options with its serial number, the protocol version and the language', async () => {
    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();

    const first = rig.server.requests[0]!;
    expect(first.method).toBe('GET');
    expect(first.path).toBe('/iclock/cdata');
    expect(first.query).toEqual({ SN: 'TC1A000001', options: 'all', pushver: '2.4.1', language: '69' });
  });

  it('then tells the server what it is (table=options: its model’s name, firmware, MAC), once per link', async () => {
    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();
    rig.clock.advance(60_000);
    await rig.link.whenIdle();

    const options = rig.server.requests.filter((r) => r.query.table === 'options');
    expect(rig.server.requests[1]).toBe(options[0]);
    expect(options).toHaveLength(1);
    expect(options[0]!.method).toBe('POST');
    expect(options[0]!.body).toBe(
      `~SerialNumber=TC1A000001,~DeviceName=TC-Bio 700,FWVersion=${rig.clock.model.firmwareVersion},MAC=${rig.clock.macAddress}`,
    );
  });

  it('sets the clock to the server time plus the TimeZone in hours', async () => {
    rig.server.date = () => Date.UTC(2027, 0, 15, 1, 2, 3);
    rig.server.options.timeZoneMinutes = 8 * 60;

    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();

    expect(rig.clock.now()).toBe(parseTimestamp('2027-01-15 09:02:03'));
    expect(rig.clock.settings()).toMatchObject({ timeZoneMinutes: 480 });
    expect(rig.clock.screenText()).toContain('09:02');
  });

  it('reads a TimeZone in minutes (330 is UTC+5:30)', async () => {
    rig.server.handshakeBody = 'GET OPTION FROM: TC1A000001\nDelay=10\nTimeZone=330\n';

    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();

    expect(rig.clock.settings().timeZoneMinutes).toBe(330);
    expect(rig.clock.now()).toBe(parseTimestamp('2026-11-25 13:28:00'));
  });

  it('keeps its own zone when the server sends no TimeZone', async () => {
    rig.clock.send({ type: 'settings.changed', settings: { ...rig.clock.settings(), timeZoneMinutes: -300 } });
    rig.server.handshakeBody = 'GET OPTION FROM: TC1A000001\nDelay=10\nRealtime=1\n';

    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();

    expect(rig.clock.settings().timeZoneMinutes).toBe(-300);
  });

  it('shows no mark on the cloud icon once the server answered', async () => {
    expect(rig.clock.frame().icons.cloud).toBe('red-dot');

    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();

    expect(rig.clock.frame().icons).toEqual({ network: 'none', cloud: 'none' });
    expect(rig.link.status().state).toBe('online');
  });
});

describe('options', () => {
  it('polls getrequest every Delay seconds of the clock source', async () => {
    rig.server.options.delay = 7;
    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();
    const polls = rig.server.count('/getrequest');

    rig.clock.advance(6_999);
    await until(() => rig.server.requests.length > 0, 'settling');
    expect(rig.server.count('/getrequest')).toBe(polls);
    rig.clock.advance(1);
    await until(() => rig.server.count('/getrequest') === polls + 1, 'the poll after Delay');
    // The next wake goes on the timers once the round has ended, not when the server saw the request.
    await rig.link.settled();
    rig.clock.advance(7_000);
    await until(() => rig.server.count('/getrequest') === polls + 2, 'the next poll');
  });

  it('uploads each punch at once with Realtime=1', async () => {
    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();

    punch(rig.clock, '1001');

    await until(() => rig.server.punches.length === 1, 'the punch at the server');
    expect(rig.server.punches[0]).toMatchObject({ pin: '1001', time: parseTimestamp('2026-11-25 07:58:00') });
  });

  it('with Realtime=0 keeps punches until the TransInterval comes round', async () => {
    rig.server.options.realtime = false;
    rig.server.options.transInterval = 2;
    rig.server.options.delay = 600;
    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();

    punch(rig.clock, '1001');
    punch(rig.clock, '1002');
    await new Promise((resolve) => setImmediate(resolve));
    expect(attlogPosts()).toBe(0);

    rig.clock.advance(120_000 - 8_000);
    await until(() => rig.server.punches.length === 2, 'the scheduled upload');
    expect(attlogPosts()).toBe(1);
  });

  it('with Realtime=0 also uploads at each TransTimes of device time', async () => {
    rig.server.options.realtime = false;
    rig.server.options.transInterval = 0;
    rig.server.options.transTimes = ['08:30'];
    rig.server.options.delay = 3_600;
    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();
    punch(rig.clock, '1001');

    rig.clock.advance(31 * 60_000);
    await new Promise((resolve) => setImmediate(resolve));
    const before0830 = attlogPosts();
    rig.clock.advance(60_000);

    await until(() => rig.server.punches.length === 1, 'the 08:30 upload');
    expect(before0830).toBe(0);
  });

  it('uploads no attendance when TransFlag leaves AttLog out (bit-string form)', async () => {
    rig.server.handshakeBody = 'GET OPTION FROM: TC1A000001\nDelay=10\nRealtime=1\nTransFlag=0100000000\n';
    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();

    punch(rig.clock, '1001');
    await rig.link.whenIdle();

    expect(rig.server.punches).toEqual([]);
    expect(rig.server.operlog.length).toBeGreaterThan(0);
  });

  it('re-uploads a table from the start when its stamp is 0, in the older spelling too', async () => {
    rig.link = startSync(rig.clock, { url: rig.server.url });
    punch(rig.clock, '1001');
    await rig.link.whenIdle();
    expect(rig.server.punches).toHaveLength(1);

    rig.server.handshakeBody = 'GET OPTION FROM: TC1A000001\nStamp=0\nOpStamp=None\nDelay=10\n';
    rig.server.queue('C:1:CHECK');
    await rig.link.whenIdle();

    expect(rig.server.punches.map((p) => p.pin)).toEqual(['1001', '1001']);
  });
});
