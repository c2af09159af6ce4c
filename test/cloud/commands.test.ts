// The per-clock command queue over real HTTP: delivery, answers, re-sends, failures.
import { describe, expect, it } from 'vitest';
import { parseCommandBody } from '../../firmware/commands.js';
import { WireClock, startCloud } from './harness.js';

async function cloudWithClock(options = {}) {
  const harness = await startCloud(options);
  harness.cloud.registerClock('TC1A000001');
  return { ...harness, clock: new WireClock('TC1A000001', harness.transport) };
}

describe('the command queue', () => {
  it('answers OK to a poll when nothing is queued', async () => {
    const { clock } = await cloudWithClock();
    expect((await clock.get('/iclock/getrequest')).body).toBe('OK');
  });

  it('delivers queued commands in order, each as C:<id>:<command>', async () => {
    const { cloud, clock } = await cloudWithClock();
    const a = cloud.portal.queueCommand('TC1A000001', { kind: 'check' });
    const b = cloud.portal.queueCommand('TC1A000001', { kind: 'delete-user', pin: '1001' });
    const body = (await clock.get('/iclock/getrequest')).body;
    const ids = [a, b].map((r) => (r.ok ? r.value.id : ''));
    expect(body).toBe(`C:${ids[0]}:CHECK\nC:${ids[1]}:DATA DELETE USERINFO PIN=1001\n`);
    expect(cloud.store.commands.get(ids[0]!)).toMatchObject({ state: 'sent', sends: 1 });
  });

  it('delivers a command queued after polls that found nothing, and a later one after the clock answered', async () => {
    const { cloud, clock } = await cloudWithClock();
    // The cloud remembers in memory that this clock has nothing pending: queueing must end that.
    expect((await clock.get('/iclock/getrequest')).body).toBe('OK');
    expect((await clock.get('/iclock/getrequest')).body).toBe('OK');
    const first = cloud.portal.queueCommand('TC1A000001', { kind: 'check' });
    const firstId = first.ok ? first.value.id : '';

    expect((await clock.get('/iclock/getrequest')).body).toBe(`C:${firstId}:CHECK\n`);
    await clock.post('/iclock/devicecmd', `ID=${firstId}&Return=0&CMD=CHECK\n`);
    expect((await clock.get('/iclock/getrequest')).body).toBe('OK');
    const second = cloud.portal.queueCommand('TC1A000001', { kind: 'delete-user', pin: '1001' });
    const secondId = second.ok ? second.value.id : '';
    expect((await clock.get('/iclock/getrequest')).body).toBe(`C:${secondId}:DATA DELETE USERINFO PIN=1001\n`);
  });

  it('moves a command to done on Return=0 and to failed with any other Return code', async () => {
    const { cloud, clock } = await cloudWithClock();
    cloud.portal.queueCommand('TC1A000001', { kind: 'delete-user', pin: '1001' });
    cloud.portal.queueCommand('TC1A000001', { kind: 'delete-template', pin: '77', fid: 3 });
    await clock.poll();
    const [done, failed] = cloud.store.commands.list({ sn: 'TC1A000001', limit: 10 });
    expect(done).toMatchObject({ state: 'done', returnCode: 0 });
    expect(failed).toMatchObject({ state: 'failed', returnCode: -10 });
  });

  it('keeps the Key=Value lines of an INFO reply with the command', async () => {
    const { cloud, clock, api } = await cloudWithClock();
    const queued = cloud.portal.queueCommand('TC1A000001', { kind: 'info' });
    await clock.poll();
    const id = queued.ok ? queued.value.id : '';
    const { json } = await api('GET', `/api/commands/${id}`);
    expect(json).toMatchObject({ state: 'done', returnCode: 0, reply: { '~SerialNumber': 'TC1A000001' } });
  });

  it('sends an unanswered command again once the re-send timeout has passed, by its own clock', async () => {
    const { cloud, clock, advance } = await cloudWithClock({ resendAfterMs: 60_000 });
    cloud.portal.queueCommand('TC1A000001', { kind: 'check' });
    const first = (await clock.get('/iclock/getrequest')).body;
    advance(59_999);
    expect((await clock.get('/iclock/getrequest')).body).toBe('OK');
    advance(1);
    expect((await clock.get('/iclock/getrequest')).body).toBe(first);
    expect(cloud.store.commands.list({ limit: 1 })[0]).toMatchObject({ state: 'sent', sends: 2 });
  });

  it('fails a command the clock never answers after the last send', async () => {
    const { cloud, clock, advance } = await cloudWithClock({ resendAfterMs: 1_000, maxSends: 2 });
    cloud.portal.queueCommand('TC1A000001', { kind: 'check' });
    for (let i = 0; i < 3; i++) {
      await clock.get('/iclock/getrequest');
      advance(1_000);
    }
    expect(cloud.store.commands.list({ limit: 1 })[0]).toMatchObject({
      state: 'failed',
      note: 'no answer after 2 sends',
    });
  });

  it('keeps the first answer when a clock answers a command twice', async () => {
    const { cloud, clock } = await cloudWithClock();
    const queued = cloud.portal.queueCommand('TC1A000001', { kind: 'check' });
    const id = queued.ok ? queued.value.id : '';
    await clock.get('/iclock/getrequest');
    await clock.post('/iclock/devicecmd', `ID=${id}&Return=0&CMD=CHECK\n`);
    await clock.post('/iclock/devicecmd', `ID=${id}&Return=-1&CMD=CHECK\n`);
    expect(cloud.store.commands.get(id)).toMatchObject({ state: 'done', returnCode: 0 });
  });

  it('ignores replies for commands of another clock or that never existed, and garbage lines', async () => {
    const { cloud, clock, transport } = await cloudWithClock();
    cloud.registerClock('TC1A000002');
    const other = cloud.portal.queueCommand('TC1A000002', { kind: 'check' });
    const id = other.ok ? other.value.id : '';
    const res = await clock.post('/iclock/devicecmd', `ID=${id}&Return=0&CMD=CHECK\nID=5&Return=0\nhello\n`);
    expect(res).toMatchObject({ status: 200, body: 'OK' });
    expect(cloud.store.commands.get(id)?.state).toBe('queued');
    expect((await new WireClock('TC1A000002', transport).get('/iclock/getrequest')).body).toContain('CHECK');
  });

  it('gives command ids that a clock outliving the database will not take for old ones', async () => {
    const { cloud, clock } = await cloudWithClock();
    cloud.portal.queueCommand('TC1A000001', { kind: 'check' });
    const { commands } = parseCommandBody((await clock.get('/iclock/getrequest')).body);
    expect(Number(commands[0]!.id)).toBeGreaterThan(Date.UTC(2026, 0, 1));
  });

  it('sends at most commandsPerPoll commands in one answer', async () => {
    const { cloud, clock } = await cloudWithClock({ commandsPerPoll: 2 });
    for (let i = 0; i < 5; i++) cloud.portal.queueCommand('TC1A000001', { kind: 'check' });
    const { commands } = parseCommandBody((await clock.get('/iclock/getrequest')).body);
    expect(commands).toHaveLength(2);
  });
});
