// Servers in the wild differ: line endings, case, older key spellings, bare answers. The clock takes them
// all as docs/wire-formats.md §1 says a tolerant clock does, and stops cleanly whatever state it is in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('dialects', () => {
  it('reads options in any case, with CRLF line ends and no GET OPTION line', async () => {
    server.handshakeBody = 'delay=4\r\nERRORDELAY=9\r\nrealtime=1\r\ntimezone=-5\r\n';

    link = startSync(clock, { url: server.url });
    await link.whenIdle();

    expect(link.status().options).toMatchObject({ delay: 4, errorDelay: 9, realtime: true });
    expect(clock.settings().timeZoneMinutes).toBe(-300);
  });

  it('takes several commands with CRLF line ends, and a lower-case ok as nothing to do', async () => {
    link = startSync(clock, { url: server.url });
    await link.whenIdle();
    server.script('getrequest', { body: 'C:1:INFO\r\nC:2:CLEAR LOG\r\n' }, { body: 'ok' });

    await link.whenIdle();

    expect(server.replies.map((r) => [r.id, r.returnCode, r.cmd])).toEqual([
      ['1', 0, 'INFO'],
      ['2', 0, 'CLEAR_LOG'],
    ]);
  });

  it('accepts an empty 200 to devicecmd as delivered', async () => {
    link = startSync(clock, { url: server.url });
    await link.whenIdle();
    server.queue('C:3:CHECK');
    server.script('devicecmd', { body: '' });

    await link.whenIdle();

    expect(link.status().state).toBe('online');
    expect(link.status().commandsAnswered).toBe(1);
  });

  it('uploads with the stamps a server handed out left alone, other than 0', async () => {
    server.handshakeBody = 'GET OPTION FROM: TC1A000001\nATTLOGStamp=9999\nOPERLOGStamp=None\nDelay=10\n';
    link = startSync(clock, { url: server.url });
    punch(clock, '1001');
    await link.whenIdle();
    server.queue('C:4:CHECK');

    await link.whenIdle();

    expect(server.punches.map((p) => p.pin)).toEqual(['1001']);
  });
});

describe('stopping', () => {
  it('sends nothing after stop(), even with a request in flight and timers due', async () => {
    link = startSync(clock, { url: server.url });
    await link.whenIdle();
    server.script('getrequest', { body: 'C:9:REBOOT' });
    clock.advance(10_000);
    const stopping = link.stop();

    await stopping;
    const sent = server.requests.length;
    clock.advance(600_000);
    punch(clock, '1001');
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(server.requests.length).toBe(sent);
    expect(link.status().state).toBe('stopped');
    await expect(link.whenIdle()).rejects.toThrow('sync is stopped');
  });

  it('is refused by a server that does not know the clock: red dot and a clear problem', async () => {
    server.script('cdata', { status: 403, body: 'Error: device TC1A000001 is not registered with this server' });

    link = startSync(clock, { url: server.url });

    await until(() => link!.status().state === 'offline', 'the refusal');
    expect(link.status().problem).toBe(
      'handshake: HTTP 403 "Error: device TC1A000001 is not registered with this server"',
    );
    expect(clock.frame().icons.cloud).toBe('red-dot');
  });
});
