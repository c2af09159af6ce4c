// Uploads over loopback HTTP: the logs beyond their cursors, in order and in batches, the cursor moved
// only by the server's OK, and a backlog made while the network was down sent whole when it comes back.
import { describe, expect, it } from 'vitest';
import { startSync } from '../../src/sync/index.js';
import { formatOptionsBody } from '../../src/protocol/index.js';
import { createMemoryPorts } from '../../src/store/index.js';
import { addEmployees, capturedLogger, loadBacklog, punch, until, useScriptedRig, virtualClock } from './helpers.js';

const rig = useScriptedRig();

const attlogPosts = () => rig.server.requests.filter((r) => r.query.table === 'ATTLOG');

/** Punches loaded a minute apart: what a clock holds after a long time offline. */
function storePunches(count: number): void {
  loadBacklog(rig.clock, count, ['1001', '1002', '1003'], 60_000);
}

describe('uploads', () => {
  it('sends a backlog in POSTs of at most 1,000 records, oldest first, each with its Stamp', async () => {
    storePunches(2_500);

    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();

    expect(attlogPosts().map((r) => r.body.split('\n').filter(Boolean).length)).toEqual([1_000, 1_000, 500]);
    expect(attlogPosts().map((r) => r.query.Stamp)).toEqual(['1000', '2000', '2500']);
    const times = rig.server.punches.map((p) => p.time);
    expect(times).toEqual(rig.clock.punches().map((p) => p.time));
    expect(rig.clock.records.cursors.get('ATTLOG')).toBe(2_500);
  });

  it('takes a smaller batch size when told', async () => {
    storePunches(5);

    rig.link = startSync(rig.clock, { url: rig.server.url, batchSize: 2 });
    await rig.link.whenIdle();

    expect(attlogPosts()).toHaveLength(3);
  });

  it('moves the cursor only when the server answered OK', async () => {
    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();
    rig.server.script('cdata', { status: 500, body: 'Internal Server Error' });

    punch(rig.clock, '1001');
    await until(() => rig.link!.status().state === 'offline', 'the failed upload');

    expect(rig.clock.records.cursors.get('ATTLOG')).toBe(0);
    rig.clock.advance(30_000);
    await until(() => rig.clock.records.cursors.get('ATTLOG') === 1, 'the cursor after OK');
    expect(rig.server.punches).toHaveLength(1);
  });

  it('accepts a bare OK and an OK that counts differently, logging the difference', async () => {
    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();
    rig.server.script('cdata', { body: 'OK' }, { body: 'OK:7' });

    punch(rig.clock, '1001');
    await until(() => rig.clock.records.cursors.get('ATTLOG') === 1, 'the first punch acknowledged');
    punch(rig.clock, '1002');
    await until(() => rig.clock.records.cursors.get('ATTLOG') === 2, 'the second punch acknowledged');
  });

  it('warns naming the table, the records sent and those acknowledged when the server counts fewer, and moves on', async () => {
    storePunches(3);
    const logs = capturedLogger();
    // The handshake, the clock's options (table=options, after the handshake), then the upload.
    const handshake = { body: formatOptionsBody(rig.clock.serialNumber, rig.server.options) };
    rig.server.script('cdata', handshake, { body: 'OK' }, { body: 'OK: 1' });

    rig.link = startSync(rig.clock, { url: rig.server.url, logger: logs.logger });
    await rig.link.whenIdle();

    const warning = logs.lines().find((line) => line.level === 40 && line.table === 'ATTLOG');
    expect(warning).toMatchObject({ module: 'sync', sent: 3, acknowledged: 1 });
    expect(warning?.msg).toMatch(/acknowledged 1 of 3 ATTLOG records/);
    expect(rig.clock.records.cursors.get('ATTLOG')).toBe(3);
  });

  it('uploads the punches made while the network was down once it is back: none lost, none twice, in order', async () => {
    const pins = addEmployees(rig.clock, 20);
    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();
    rig.clock.setLink(false);

    for (let i = 0; i < 3_000; i++) punch(rig.clock, pins[i % pins.length]!);
    expect(rig.clock.records.punches.count()).toBe(3_000);
    expect(rig.server.punches).toEqual([]);
    rig.clock.setLink(true);
    await until(() => rig.link!.status().state === 'online', 'the link back', 30_000);
    await rig.link.whenIdle();

    const sent = rig.server.punches.map((p) => `${p.pin}@${p.time}`);
    const made = rig.clock.punches().map((p) => `${p.pin}@${p.time}`);
    expect(sent).toEqual(made);
    expect(new Set(sent).size).toBe(3_000);
    expect(attlogPosts()).toHaveLength(3);
  }, 60_000);

  it('sends OPLOG records and the fingers enrolled on the clock, and only what TransFlag asks for', async () => {
    rig.server.handshakeBody =
      'GET OPTION FROM: TC1A000001\nDelay=10\nRealtime=1\nTransFlag=TransData\tAttLog\tEnrollFP\n';
    rig.link = startSync(rig.clock, { url: rig.server.url });
    await rig.link.whenIdle();

    rig.clock.send({ type: 'enroll.requested', pin: '1002', fid: 3 });
    for (let scan = 0; scan < 3; scan++) rig.clock.placeFinger('1002/left-index');
    await rig.link.whenIdle();

    expect(rig.server.operlog.map((r) => r.kind)).toEqual(['template']);
    expect(rig.clock.records.cursors.get('OPERLOG')).toBe(rig.clock.records.operations.count());
  });

  it('reads no log on a poll with nothing new, and still uploads at once what is recorded after it', async () => {
    const ports = createMemoryPorts();
    let logReads = 0;
    for (const log of [ports.punches, ports.operations]) {
      const nextSeq = log.nextSeq.bind(log);
      log.nextSeq = () => (logReads++, nextSeq());
    }
    const clock = virtualClock({ store: { kind: 'given', ports } });
    const link = startSync(clock, { url: rig.server.url });
    try {
      await link.whenIdle();
      await link.settled();
      const [readsBefore, pollsBefore] = [logReads, rig.server.count('getrequest')];

      for (let i = 1; i <= 3; i++) {
        clock.advance(link.status().options.delay * 1000);
        await until(() => rig.server.count('getrequest') === pollsBefore + i, `poll ${i}`);
        await link.settled();
      }
      expect(logReads).toBe(readsBefore);

      punch(clock, '1001');
      await until(() => rig.server.punches.length === 1, 'the punch uploaded in realtime');
      expect(rig.server.count('getrequest')).toBe(pollsBefore + 3);
    } finally {
      await link.stop();
      clock.close();
    }
  });
});
