// A server that fails (refused, 500, garbage, no answer, gone and back) and a network link that goes down:
// the icons say so, nothing is lost, and the link retries after ErrorDelay of the clock source.
import { afterEach, describe, expect, it } from 'vitest';
import { httpTransport } from '../../src/protocol/index.js';
import { startSync } from '../../src/sync/index.js';
import { addEmployees, capturedLogger, punch, recording, until, useScriptedRig } from './helpers.js';

const DELAY = 10_000;
const ERROR_DELAY = 30_000;

const rig = useScriptedRig();
let transport: ReturnType<typeof recording>;
let logs: ReturnType<typeof capturedLogger>;

async function connect(timeoutMs = 2_000): Promise<void> {
  transport = recording(httpTransport(rig.server.url, { timeoutMs }));
  logs = capturedLogger();
  rig.link = startSync(rig.clock, { transport, logger: logs.logger });
  await rig.link.whenIdle();
}

const offline = (): boolean => rig.link!.status().state === 'offline';

// The link stops before the transport it was given closes (the rig's own stop then finds it stopped).
afterEach(async () => {
  await rig.link?.stop();
  transport.close();
});

describe('a failing server', () => {
  it('a 500 shows the red dot, and the link tries again only after ErrorDelay', async () => {
    await connect();
    rig.server.script('getrequest', { status: 500, body: 'Internal Server Error' });

    rig.clock.advance(DELAY);
    await until(offline, 'the link to go offline');
    expect(rig.clock.frame().icons).toEqual({ network: 'none', cloud: 'red-dot' });
    const sent = transport.seen.length;

    rig.clock.advance(ERROR_DELAY - 1);
    expect(transport.seen.length).toBe(sent);
    rig.clock.advance(1);
    expect(transport.seen.length).toBe(sent + 1);
    await until(() => rig.link!.status().state === 'online', 'the link back online');
    expect(rig.clock.frame().icons.cloud).toBe('none');
  });

  it('an HTML page instead of the options is garbage: red dot, a clear log line, no crash', async () => {
    rig.server.script('cdata', { body: '<html><body>Welcome to nginx!</body></html>' });
    transport = recording(httpTransport(rig.server.url));
    logs = capturedLogger();
    rig.link = startSync(rig.clock, { transport, logger: logs.logger });

    await until(offline, 'the link to go offline');

    expect(rig.clock.frame().icons.cloud).toBe('red-dot');
    expect(rig.link.status().problem).toMatch(/handshake: the answer has no PUSH options: "<html>/);
    expect(logs.text()).toContain('cloud unreachable or erroring');
  });

  it('a garbage getrequest answer is a failure, and nothing in it is applied', async () => {
    await connect();
    rig.server.script('getrequest', { body: '\u0000\u0007 <h1>502 Bad Gateway</h1>\nC:x y:REBOOT' });

    rig.clock.advance(DELAY);
    await until(offline, 'the link to go offline');

    expect(rig.link!.status().problem).toMatch(/getrequest: the answer has no command line/);
    expect(rig.server.count('/devicecmd')).toBe(0);
  });

  it('a server that never answers times out: red dot, then a retry', async () => {
    await connect(200);
    rig.server.script('getrequest', 'hang');

    rig.clock.advance(DELAY);
    await until(offline, 'the request to time out');

    expect(rig.link!.status().problem).toMatch(/within 200 ms/);
    expect(rig.clock.frame().icons.cloud).toBe('red-dot');
    rig.clock.advance(ERROR_DELAY);
    await until(() => rig.link!.status().state === 'online', 'the retry to succeed');
  });

  it('an upload answered with garbage keeps its cursor and is sent again after ErrorDelay, once', async () => {
    await connect();
    rig.server.script('cdata', { body: 'Error: database is locked' });

    punch(rig.clock, '1001');
    await until(offline, 'the failed upload');
    expect(rig.clock.records.cursors.get('ATTLOG')).toBe(0);

    rig.clock.advance(ERROR_DELAY);
    await until(() => rig.server.punches.length === 1, 'the upload after ErrorDelay');
    await rig.link!.whenIdle();
    expect(rig.server.punches.map((p) => p.pin)).toEqual(['1001']);
    expect(rig.clock.records.cursors.get('ATTLOG')).toBe(1);
  });

  it('a reply to devicecmd that fails is answered again from the journal when the server resends', async () => {
    await connect();
    rig.server.queue('C:5:DATA DELETE USERINFO PIN=1003');
    rig.server.script('devicecmd', { status: 503, body: 'Service Unavailable' });

    rig.clock.advance(DELAY);
    await until(offline, 'the failed reply');
    rig.clock.load({ users: [{ ...rig.clock.records.users.findByPin('1001')!, pin: '1003' }] });
    rig.server.queue('C:5:DATA DELETE USERINFO PIN=1003');
    rig.clock.advance(ERROR_DELAY);
    await until(() => rig.server.replies.length === 1, 'the reply');

    expect(rig.server.replies[0]).toMatchObject({ id: '5', returnCode: 0 });
    expect(rig.clock.records.users.findByPin('1003')).toBeDefined();
  });

  it('a server that goes away and restarts gets the punches made meanwhile, in order', async () => {
    await connect();
    const pins = addEmployees(rig.clock, 5);
    await rig.server.stop();

    rig.clock.advance(DELAY);
    await until(offline, 'the refused connection');
    expect(rig.link!.status().problem).toMatch(/getrequest: cannot reach http:\/\/127.0.0.1/);
    for (const pin of pins) punch(rig.clock, pin);
    await rig.server.restart();
    rig.clock.advance(ERROR_DELAY);
    await until(() => rig.server.punches.length === pins.length, 'the punches after the restart');
    await rig.link!.whenIdle();

    expect(rig.server.punches.map((p) => p.pin)).toEqual(pins);
    expect(rig.clock.frame().icons.cloud).toBe('none');
  });
});

describe('the network link', () => {
  it('down shows X on both icons and sends nothing, punches included; up sends them at once', async () => {
    await connect();
    const sent = transport.seen.length;

    rig.clock.setLink(false);
    punch(rig.clock, '1001');
    rig.clock.advance(10 * ERROR_DELAY);

    expect(rig.clock.frame().icons).toEqual({ network: 'x', cloud: 'x' });
    expect(transport.seen.length).toBe(sent);
    expect(rig.link!.status().state).toBe('paused');
    await expect(rig.link!.whenIdle()).rejects.toThrow('the network link is down');

    rig.clock.setLink(true);
    expect(rig.clock.frame().icons).toEqual({ network: 'none', cloud: 'red-dot' });
    await until(() => rig.server.punches.length === 1, 'the punch after the link came back');
    await rig.link!.whenIdle();
    expect(rig.clock.frame().icons).toEqual({ network: 'none', cloud: 'none' });
  });
});
