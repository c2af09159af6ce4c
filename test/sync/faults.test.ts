// A server that fails (refused, 500, garbage, no answer, gone and back) and a network link that goes down:
// the icons say so, nothing is lost, and the link retries after ErrorDelay of the clock source.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpTransport } from '../../src/protocol/index.js';
import type { Clock } from '../../src/runtime/index.js';
import { startSync, type SyncLink } from '../../src/sync/index.js';
import { addEmployees, capturedLogger, punch, recording, until, virtualClock } from './helpers.js';
import { startScriptedServer, type ScriptedServer } from './scripted-server.js';

const DELAY = 10_000;
const ERROR_DELAY = 30_000;

let server: ScriptedServer;
let clock: Clock;
let link: SyncLink | undefined;
let transport: ReturnType<typeof recording>;
let logs: ReturnType<typeof capturedLogger>;

async function connect(timeoutMs = 2_000): Promise<void> {
  transport = recording(httpTransport(server.url, { timeoutMs }));
  logs = capturedLogger();
  link = startSync(clock, { transport, logger: logs.logger });
  await link.whenIdle();
}

const offline = (): boolean => link!.status().state === 'offline';

beforeEach(async () => {
  server = await startScriptedServer();
  clock = virtualClock();
  server.date = () => clock.source.now();
});

afterEach(async () => {
  await link?.stop();
  link = undefined;
  transport.close();
  clock.close();
  await server.stop();
});

describe('a failing server', () => {
  it('a 500 shows the red dot, and the link tries again only after ErrorDelay', async () => {
    await connect();
    server.script('getrequest', { status: 500, body: 'Internal Server Error' });

    clock.advance(DELAY);
    await until(offline, 'the link to go offline');
    expect(clock.frame().icons).toEqual({ network: 'none', cloud: 'red-dot' });
    const sent = transport.seen.length;

    clock.advance(ERROR_DELAY - 1);
    expect(transport.seen.length).toBe(sent);
    clock.advance(1);
    expect(transport.seen.length).toBe(sent + 1);
    await until(() => link!.status().state === 'online', 'the link back online');
    expect(clock.frame().icons.cloud).toBe('none');
  });

  it('an HTML page instead of the options is garbage: red dot, a clear log line, no crash', async () => {
    server.script('cdata', { body: '<html><body>Welcome to nginx!</body></html>' });
    transport = recording(httpTransport(server.url));
    logs = capturedLogger();
    link = startSync(clock, { transport, logger: logs.logger });

    await until(offline, 'the link to go offline');

    expect(clock.frame().icons.cloud).toBe('red-dot');
    expect(link.status().problem).toMatch(/handshake: the answer has no PUSH options: "<html>/);
    expect(logs.text()).toContain('cloud unreachable or erroring');
  });

  it('a garbage getrequest answer is a failure, and nothing in it is applied', async () => {
    await connect();
    server.script('getrequest', { body: '\u0000\u0007 <h1>502 Bad Gateway</h1>\nC:x y:REBOOT' });

    clock.advance(DELAY);
    await until(offline, 'the link to go offline');

    expect(link!.status().problem).toMatch(/getrequest: the answer has no command line/);
    expect(server.count('/devicecmd')).toBe(0);
  });

  it('a server that never answers times out: red dot, then a retry', async () => {
    await connect(200);
    server.script('getrequest', 'hang');

    clock.advance(DELAY);
    await until(offline, 'the request to time out');

    expect(link!.status().problem).toMatch(/within 200 ms/);
    expect(clock.frame().icons.cloud).toBe('red-dot');
    clock.advance(ERROR_DELAY);
    await until(() => link!.status().state === 'online', 'the retry to succeed');
  });

  it('an upload answered with garbage keeps its cursor and is sent again after ErrorDelay, once', async () => {
    await connect();
    server.script('cdata', { body: 'Error: database is locked' });

    punch(clock, '1001');
    await until(offline, 'the failed upload');
    expect(clock.records.cursors.get('ATTLOG')).toBe(0);

    clock.advance(ERROR_DELAY);
    await until(() => server.punches.length === 1, 'the upload after ErrorDelay');
    await link!.whenIdle();
    expect(server.punches.map((p) => p.pin)).toEqual(['1001']);
    expect(clock.records.cursors.get('ATTLOG')).toBe(1);
  });

  it('a reply to devicecmd that fails is answered again from the journal when the server resends', async () => {
    await connect();
    server.queue('C:5:DATA DELETE USERINFO PIN=1003');
    server.script('devicecmd', { status: 503, body: 'Service Unavailable' });

    clock.advance(DELAY);
    await until(offline, 'the failed reply');
    clock.load({ users: [{ ...clock.records.users.findByPin('1001')!, pin: '1003' }] });
    server.queue('C:5:DATA DELETE USERINFO PIN=1003');
    clock.advance(ERROR_DELAY);
    await until(() => server.replies.length === 1, 'the reply');

    expect(server.replies[0]).toMatchObject({ id: '5', returnCode: 0 });
    expect(clock.records.users.findByPin('1003')).toBeDefined();
  });

  it('a server that goes away and restarts gets the punches made meanwhile, in order', async () => {
    await connect();
    const pins = addEmployees(clock, 5);
    await server.stop();

    clock.advance(DELAY);
    await until(offline, 'the refused connection');
    expect(link!.status().problem).toMatch(/getrequest: cannot reach http:\/\/127.0.0.1/);
    for (const pin of pins) punch(clock, pin);
    await server.restart();
    clock.advance(ERROR_DELAY);
    await until(() => server.punches.length === pins.length, 'the punches after the restart');
    await link!.whenIdle();

    expect(server.punches.map((p) => p.pin)).toEqual(pins);
    expect(clock.frame().icons.cloud).toBe('none');
  });
});

describe('the network link', () => {
  it('down shows X on both icons and sends nothing, punches included; up sends them at once', async () => {
    await connect();
    const sent = transport.seen.length;

    clock.setLink(false);
    punch(clock, '1001');
    clock.advance(10 * ERROR_DELAY);

    expect(clock.frame().icons).toEqual({ network: 'x', cloud: 'x' });
    expect(transport.seen.length).toBe(sent);
    expect(link!.status().state).toBe('paused');
    await expect(link!.whenIdle()).rejects.toThrow('the network link is down');

    clock.setLink(true);
    expect(clock.frame().icons).toEqual({ network: 'none', cloud: 'red-dot' });
    await until(() => server.punches.length === 1, 'the punch after the link came back');
    await link!.whenIdle();
    expect(clock.frame().icons).toEqual({ network: 'none', cloud: 'none' });
  });
});
