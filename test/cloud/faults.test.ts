// Each injected fault, seen from a client on loopback (and in-process for the socket-level ones).
import { describe, expect, it, onTestFinished } from 'vitest';
import { TransportError, httpTransport, inProcessTransport } from '../../src/protocol/index.js';
import { createCloud } from '../../src/cloud/index.js';
import { GARBAGE_BODY } from '../../src/cloud/domain/faults.js';
import { WireClock, apiCall, startCloud } from './harness.js';

const SN = 'TC1A000001';

/**
 * A cloud and a clock that has shaken hands with it, as a clock does first: the faults below are for the
 * requests after it. `impatient` is the same clock with a short timeout, for the faults that hold a request;
 * the handshake and the other requests keep the harness's generous one, so a busy machine is slow, not red.
 */
async function faulted(impatientMs = 5_000, options = {}) {
  const harness = await startCloud({ autoRegister: true, ...options });
  const clock = new WireClock(SN, harness.transport);
  await clock.handshake();
  const short = httpTransport(harness.url, { timeoutMs: impatientMs, keepAlive: false });
  onTestFinished(() => short.close());
  return { ...harness, clock, impatient: new WireClock(SN, short) };
}

describe('fault injection', () => {
  it('answers 500 to the next N requests, then recovers', async () => {
    const { api, clock } = await faulted();
    expect((await api('PUT', '/api/faults', { status500: 2 })).status).toBe(200);
    expect((await clock.get('/iclock/ping')).status).toBe(500);
    expect((await clock.get('/iclock/ping')).status).toBe(500);
    expect((await clock.get('/iclock/ping')).status).toBe(200);
  });

  it('answers garbage with status 200', async () => {
    const { cloud, clock } = await faulted();
    cloud.faults.set({ garbage: 1 });
    expect(await clock.get('/iclock/getrequest')).toMatchObject({ status: 200, body: GARBAGE_BODY });
  });

  it('never answers a hung request: the client times out', async () => {
    const { cloud, clock, impatient } = await faulted(200);
    cloud.faults.set({ hang: 1 });
    const error = await impatient.get('/iclock/ping').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect((await clock.get('/iclock/ping')).body).toBe('OK');
  });

  it('drops the connection without an answer', async () => {
    const { cloud, clock } = await faulted();
    cloud.faults.set({ reset: 'always' });
    await expect(clock.get('/iclock/ping')).rejects.toMatchObject({ kind: 'connection' });
    cloud.faults.clear();
    expect((await clock.get('/iclock/ping')).body).toBe('OK');
  });

  it('delays answers by the cloud’s own sleep, after doing the work', async () => {
    const waited: number[] = [];
    const { cloud, clock } = await faulted(5_000, { sleep: async (ms: number) => void waited.push(ms) });
    cloud.faults.set({ delayMs: 1_500 });
    expect(
      (await clock.post('/iclock/cdata', '1\t2026-11-25 08:00:00\t0\t1\t0\t0\t0\n', { table: 'ATTLOG' })).body,
    ).toBe('OK: 1');
    expect(waited).toEqual([1_500]);
    expect(cloud.store.punches.count()).toBe(1);
  });

  it('holds for real when no sleep is injected', async () => {
    const { cloud, impatient } = await faulted(100);
    cloud.faults.set({ delayMs: 400 });
    await expect(impatient.get('/iclock/ping')).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('faults only the endpoints named', async () => {
    const { cloud, clock } = await faulted();
    cloud.faults.set({ status500: 'always', endpoints: ['cdata'] });
    expect((await clock.get('/iclock/ping')).status).toBe(200);
    expect((await clock.handshake()).status).toBe(500);
  });

  it('drops commands as lost: marked done, never delivered, never sent again', async () => {
    const { cloud, clock, advance } = await faulted();
    await clock.get('/iclock/ping');
    cloud.faults.set({ dropCommands: 1 });
    cloud.portal.queueCommand(SN, { kind: 'check' });
    cloud.portal.queueCommand(SN, { kind: 'info' });
    expect((await clock.get('/iclock/getrequest')).body).toMatch(/^C:\d+:INFO\n$/);
    advance(3_600_000);
    expect((await clock.get('/iclock/getrequest')).body).toMatch(/^C:\d+:INFO\n$/);
    expect(cloud.store.commands.list({ limit: 1 })[0]).toMatchObject({
      state: 'done',
      note: 'dropped by fault injection',
    });
  });

  it('drops commands as unacknowledged: sent again after the re-send timeout', async () => {
    const { cloud, clock, advance } = await faulted(5_000, { resendAfterMs: 10_000 });
    await clock.get('/iclock/ping');
    cloud.faults.set({ dropCommands: 1, dropMode: 'unacknowledged' });
    cloud.portal.queueCommand(SN, { kind: 'check' });
    expect((await clock.get('/iclock/getrequest')).body).toBe('OK');
    advance(10_000);
    expect((await clock.get('/iclock/getrequest')).body).toMatch(/^C:\d+:CHECK\n$/);
  });

  it('holds commands back for commandDelayMs after they are queued', async () => {
    const { cloud, clock, advance } = await faulted();
    await clock.get('/iclock/ping');
    cloud.faults.set({ commandDelayMs: 5_000 });
    cloud.portal.queueCommand(SN, { kind: 'check' });
    expect((await clock.get('/iclock/getrequest')).body).toBe('OK');
    advance(5_000);
    expect((await clock.get('/iclock/getrequest')).body).toMatch(/CHECK/);
  });

  it('goes away and comes back on the same port', async () => {
    const { cloud, clock, url } = await faulted();
    await cloud.goAway();
    await expect(clock.get('/iclock/ping')).rejects.toMatchObject({ kind: 'connection' });
    await cloud.comeBack();
    expect(cloud.url).toBe(url);
    expect((await clock.get('/iclock/ping')).body).toBe('OK');
  });

  it('goes away for a while when asked through the API', async () => {
    const { clock, api } = await faulted();
    // The cloud goes away on its next turn: polled until refused, with forMs far beyond the few
    // milliseconds that takes, so that a busy machine does not see it back before it was seen gone.
    expect((await api('POST', '/api/faults/go-away', { forMs: 3_000 })).status).toBe(202);
    let refused: unknown;
    for (let i = 0; i < 100 && refused === undefined; i++) {
      refused = await clock.get('/iclock/ping').then(
        () => new Promise((resolve) => setTimeout(() => resolve(undefined), 5)),
        (error: unknown) => error,
      );
    }
    expect(refused).toMatchObject({ kind: 'connection' });
    // Back after forMs of real time: polled rather than slept (a stuck one meets the test's guard).
    let answer: string | undefined;
    for (let i = 0; i < 600 && answer === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await clock.get('/iclock/ping').then(
        (res) => res.body,
        () => undefined,
      );
    }
    expect(answer).toBe('OK');
  });

  it('plays hang and go-away in-process as transport errors', async () => {
    const cloud = createCloud({ autoRegister: true });
    const clock = new WireClock(SN, inProcessTransport(cloud));
    cloud.faults.set({ hang: 1 });
    await expect(clock.get('/iclock/ping')).rejects.toMatchObject({ kind: 'timeout' });
    await cloud.goAway();
    await expect(clock.get('/iclock/ping')).rejects.toMatchObject({ kind: 'connection' });
    await cloud.comeBack();
    expect((await clock.get('/iclock/ping')).body).toBe('OK');
    await cloud.close();
  });

  it('names the field of a bad fault setting and leaves the API unfaulted', async () => {
    const { api, url } = await faulted();
    await api('PUT', '/api/faults', { status500: 'always' });
    expect(await apiCall(url, 'PUT', '/api/faults', { hang: -1 })).toEqual({
      status: 400,
      json: { error: 'hang must be a count (0 is off) or "always"', code: 'TC_ERR_CLOUD_BAD_FAULT' },
    });
    expect((await api('PUT', '/api/faults', { explode: 1 })).json.error).toMatch(/^unknown fault "explode"/);
    expect((await api('DELETE', '/api/faults')).json.status500).toBe(0);
  });
});
