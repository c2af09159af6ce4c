// Uploads over loopback HTTP: the logs beyond their cursors, in order and in batches, the cursor moved
// only by the server's OK, and a backlog made while the network was down sent whole when it comes back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/runtime/index.js';
import { startSync, type SyncLink } from '../../src/sync/index.js';
import { formatOptionsBody } from '../../src/protocol/index.js';
import { addEmployees, capturedLogger, loadBacklog, punch, until, virtualClock } from './helpers.js';
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

const attlogPosts = () => server.requests.filter((r) => r.query.table === 'ATTLOG');

/** Punches loaded a minute apart: what a clock holds after a long time offline. */
function storePunches(count: number): void {
  loadBacklog(clock, count, ['1001', '1002', '1003'], 60_000);
}

describe('uploads', () => {
  it('sends a backlog in POSTs of at most 1,000 records, oldest first, each with its Stamp', async () => {
    storePunches(2_500);

    link = startSync(clock, { url: server.url });
    await link.whenIdle();

    expect(attlogPosts().map((r) => r.body.split('\n').filter(Boolean).length)).toEqual([1_000, 1_000, 500]);
    expect(attlogPosts().map((r) => r.query.Stamp)).toEqual(['1000', '2000', '2500']);
    const times = server.punches.map((p) => p.time);
    expect(times).toEqual(clock.punches().map((p) => p.time));
    expect(clock.records.cursors.get('ATTLOG')).toBe(2_500);
  });

  it('takes a smaller batch size when told', async () => {
    storePunches(5);

    link = startSync(clock, { url: server.url, batchSize: 2 });
    await link.whenIdle();

    expect(attlogPosts()).toHaveLength(3);
  });

  it('moves the cursor only when the server answered OK', async () => {
    link = startSync(clock, { url: server.url });
    await link.whenIdle();
    server.script('cdata', { status: 500, body: 'Internal Server Error' });

    punch(clock, '1001');
    await until(() => link!.status().state === 'offline', 'the failed upload');

    expect(clock.records.cursors.get('ATTLOG')).toBe(0);
    clock.advance(30_000);
    await until(() => clock.records.cursors.get('ATTLOG') === 1, 'the cursor after OK');
    expect(server.punches).toHaveLength(1);
  });

  it('accepts a bare OK and an OK that counts differently, logging the difference', async () => {
    link = startSync(clock, { url: server.url });
    await link.whenIdle();
    server.script('cdata', { body: 'OK' }, { body: 'OK:7' });

    punch(clock, '1001');
    await until(() => clock.records.cursors.get('ATTLOG') === 1, 'the first punch acknowledged');
    punch(clock, '1002');
    await until(() => clock.records.cursors.get('ATTLOG') === 2, 'the second punch acknowledged');
  });

  it('warns naming the table, the records sent and those acknowledged when the server counts fewer, and moves on', async () => {
    storePunches(3);
    const logs = capturedLogger();
    // The handshake, the clock's options (table=options, after the handshake), then the upload.
    const handshake = { body: formatOptionsBody(clock.serialNumber, server.options) };
    server.script('cdata', handshake, { body: 'OK' }, { body: 'OK: 1' });

    link = startSync(clock, { url: server.url, logger: logs.logger });
    await link.whenIdle();

    const warning = logs.lines().find((line) => line.level === 40 && line.table === 'ATTLOG');
    expect(warning).toMatchObject({ module: 'sync', sent: 3, acknowledged: 1 });
    expect(warning?.msg).toMatch(/acknowledged 1 of 3 ATTLOG records/);
    expect(clock.records.cursors.get('ATTLOG')).toBe(3);
  });

  it('uploads the punches made while the network was down once it is back: none lost, none twice, in order', async () => {
    const pins = addEmployees(clock, 20);
    link = startSync(clock, { url: server.url });
    await link.whenIdle();
    clock.setLink(false);

    for (let i = 0; i < 3_000; i++) punch(clock, pins[i % pins.length]!);
    expect(clock.records.punches.count()).toBe(3_000);
    expect(server.punches).toEqual([]);
    clock.setLink(true);
    await until(() => link!.status().state === 'online', 'the link back', 30_000);
    await link.whenIdle();

    const sent = server.punches.map((p) => `${p.pin}@${p.time}`);
    const made = clock.punches().map((p) => `${p.pin}@${p.time}`);
    expect(sent).toEqual(made);
    expect(new Set(sent).size).toBe(3_000);
    expect(attlogPosts()).toHaveLength(3);
  }, 60_000);

  it('sends OPLOG records and the fingers enrolled on the clock, and only what TransFlag asks for', async () => {
    server.handshakeBody = 'GET OPTION FROM: TC1A000001\nDelay=10\nRealtime=1\nTransFlag=TransData\tAttLog\tEnrollFP\n';
    link = startSync(clock, { url: server.url });
    await link.whenIdle();

    clock.send({ type: 'enroll.requested', pin: '1002', fid: 3 });
    for (let scan = 0; scan < 3; scan++) clock.placeFinger('1002/left-index');
    await link.whenIdle();

    expect(server.operlog.map((r) => r.kind)).toEqual(['template']);
    expect(clock.records.cursors.get('OPERLOG')).toBe(clock.records.operations.count());
  });
});
