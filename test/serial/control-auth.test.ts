// The control protocol's token, over real TCP: off loopback a listener needs one, says so at start, and
// a client that does not present it in its first line is refused; loopback without a token is unchanged.
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run.js';
import { startBridge } from '../../src/serial/index.js';
import { captureRunIo } from '../cli/capture.js';
import { serialClock } from './helpers.js';
import { LineClient } from './line-client.js';

const cleanup: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const TOKEN = 'a-token-for-tests-only';

async function guarded(host = '127.0.0.1') {
  const clock = serialClock();
  const bridge = startBridge(clock, `control:tcp:${host}:0,token=${TOKEN}`);
  cleanup.push(
    () => clock.close(),
    () => bridge.stop(),
  );
  await bridge.ready();
  const port = Number(bridge.address()!.split(':').at(-1));
  const connect = async () => {
    const client = await LineClient.connect(port);
    cleanup.push(() => client.socket.destroy());
    return client;
  };
  return { clock, bridge, connect };
}

describe('a control listener with a token', () => {
  it('greets with a hello that names no clock, only that a token is wanted', async () => {
    const { connect } = await guarded();
    const client = await connect();

    const hello = await client.next((m) => m.type === 'hello', 'the hello');

    expect(hello).toEqual({ type: 'hello', protocol: 1, product: 'timeclock-sim', auth: 'token' });
  });

  it('refuses a client whose first request is not auth: a reply, a bye line, and the connection closed', async () => {
    const { clock, connect } = await guarded();
    const client = await connect();

    client.send({ id: 1, cmd: 'card', card: '3003' });
    await client.closed;

    expect(client.received.slice(1)).toEqual([
      expect.objectContaining({ type: 'reply', id: 1, ok: false, error: expect.objectContaining({ field: 'cmd' }) }),
      { type: 'bye', reason: 'refused: no token' },
    ]);
    expect(clock.punches()).toEqual([]);
  });

  it('refuses a wrong token the same way', async () => {
    const { connect } = await guarded();
    const client = await connect();

    client.send({ id: 1, cmd: 'auth', token: 'not-the-token-at-all' });
    await client.closed;

    expect(client.received.slice(1)).toEqual([
      expect.objectContaining({ id: 1, ok: false, error: { field: 'token', message: 'wrong token' } }),
      { type: 'bye', reason: 'refused: wrong token' },
    ]);
  });

  it('serves a client that authenticates first: the reply carries the hello, then it hears events', async () => {
    const { connect } = await guarded();
    const waiting = await connect();
    const client = await connect();

    const { reply } = await client.request({ id: 'a', cmd: 'auth', token: TOKEN });
    await client.request({ id: 'k', cmd: 'keys', keys: '1003#' });

    expect(reply).toMatchObject({ ok: true, cmd: 'auth', serialNumber: 'TC1A000001', protocol: 1 });
    expect(client.received).toContainEqual(expect.objectContaining({ event: 'punch.recorded' }));
    expect(waiting.received.filter((m) => m.type === 'event')).toEqual([]);
  });

  it('says at start that it listens off loopback and wants the token, without printing it', async () => {
    const { bridge } = await guarded('0.0.0.0');

    expect(bridge.notice).toBe('listening off loopback; clients must send {"cmd":"auth","token":"<the token=>"} first');
    expect(bridge.spec.text).not.toContain(TOKEN);
  });
});

describe('timeclock run with a control listener off loopback', () => {
  it('says so in the banner, and refuses to start one without a token', async () => {
    const env = { XDG_DATA_HOME: path.join(os.tmpdir(), 'timeclock-auth-test'), TIMECLOCK_LOG_LEVEL: 'silent' };
    const withToken = captureRunIo(env, ['quit']);
    const without = captureRunIo(env, ['quit']);

    const ok = await runCommand(
      ['--memory', '--headless', '--bridge', `control:tcp:0.0.0.0:0,token=${TOKEN}`],
      withToken.io,
    );
    const refused = await runCommand(['--memory', '--headless', '--bridge', 'control:tcp:0.0.0.0:0'], without.io);

    expect(ok).toBe(0);
    expect(withToken.out()).toContain('bridge: control:tcp:0.0.0.0:0,token=*** (listening on 0.0.0.0:');
    expect(withToken.out()).toContain('  listening off loopback; clients must send {"cmd":"auth","token":');
    expect(withToken.out()).not.toContain(TOKEN);
    expect(refused).toBe(2);
    expect(without.err()).toContain('option "token" is needed to listen off loopback (0.0.0.0)');
  });
});
