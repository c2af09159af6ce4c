// Servers in the wild differ: line endings, case, older key spellings, bare answers. The clock takes them
// all as docs/wire-formats.md §1 says a tolerant clock does, and stops cleanly whatever state it is in.
import { describe, expect, it } from 'vitest';
import { startSync } from '../../src/sync/index.js';
import { punch, until, useScriptedRig } from './helpers.js';

const rig = useScriptedRig();

describe('dialects', () => {
  it('reads options in any case, with CRLF line ends and no GET OPTION line', async () => {
    rig.server.handshakeBody = 'delay=4\r\nERRORDELAY=9\r\nrealtime=1\r\ntimezone=-5\r\n';

    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();

    expect(rig.link.status().options).toMatchObject({ delay: 4, errorDelay: 9, realtime: true });
    expect(rig.clock.settings().timeZoneMinutes).toBe(-300);
  });

  it('takes several commands with CRLF line ends, and a lower-case ok as nothing to do', async () => {
    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();
    rig.server.script('getrequest', { body: 'C:1:INFO\r\nC:2:CLEAR LOG\r\n' }, { body: 'ok' });

    await rig.link.whenIdle();

    expect(rig.server.replies.map((r) => [r.id, r.returnCode, r.cmd])).toEqual([
      ['1', 0, 'INFO'],
      ['2', 0, 'CLEAR_LOG'],
    ]);
  });

  it('accepts an empty 200 to devicecmd as delivered', async () => {
    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();
    rig.server.queue('C:3:CHECK');
    rig.server.script('devicecmd', { body: '' });

    await rig.link.whenIdle();

    expect(rig.link.status().state).toBe('online');
    expect(rig.link.status().commandsAnswered).toBe(1);
  });

  it('uploads with the stamps a server handed out left alone, other than 0', async () => {
    rig.server.handshakeBody = 'GET OPTION FROM: TC1A000001\nATTLOGStamp=9999\nOPERLOGStamp=None\nDelay=10\n';
    rig.link = startSync(rig.clock, { url: rig.server.url });
    punch(rig.clock, '1001');
    await rig.link.whenIdle();
    rig.server.queue('C:4:CHECK');

    await rig.link.whenIdle();

    expect(rig.server.punches.map((p) => p.pin)).toEqual(['1001']);
  });
});

describe('stopping', () => {
  it('sends nothing after stop(), even with a request in flight and timers due', async () => {
    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();
    rig.server.script('getrequest', { body: 'C:9:REBOOT' });
    rig.clock.advance(10_000);
    const stopping = rig.link.stop();

    await stopping;
    const sent = rig.server.requests.length;
    rig.clock.advance(600_000);
    punch(rig.clock, '1001');
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(rig.server.requests.length).toBe(sent);
    expect(rig.link.status().state).toBe('stopped');
    await expect(rig.link.whenIdle()).rejects.toThrow('sync is stopped');
  });

  it('is refused by a server that does not know the clock: red dot and a clear problem', async () => {
    rig.server.script('cdata', { status: 403, body: 'Error: device TC1A000001 is not registered with this server' });

    rig.link = startSync(rig.clock, { url: rig.server.url });

    await until(() => rig.link!.status().state === 'offline', 'the refusal');
    expect(rig.link.status().problem).toBe(
      'handshake: HTTP 403 "Error: device TC1A000001 is not registered with this server"',
    );
    expect(rig.clock.frame().icons.cloud).toBe('red-dot');
  });
});
