// RELOAD OPTIONS, LOG and VERIFY SUM ATTLOG end to end over loopback HTTP: what the link does for each,
// and the reply a server reads back (CMD as the protocol spells it, VERIFY SUM's count on its reply line).
import { describe, expect, it } from 'vitest';
import { startSync, type SyncLink } from '../../src/sync/index.js';
import { punch, until, useScriptedRig } from './helpers.js';

const T = '\t';
const rig = useScriptedRig();

const handshakes = () => rig.server.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/cdata')).length;
const devicecmdBodies = () => rig.server.requests.filter((r) => r.path.endsWith('/devicecmd')).map((r) => r.body);

describe('RELOAD OPTIONS', () => {
  it('reads the options from the server again and answers 0 as CMD=RELOAD OPTIONS', async () => {
    rig.link = startSync(rig.clock, { url: rig.server.url, logger: rig.logs.logger });
    await rig.link.whenIdle();
    const before = handshakes();
    rig.server.options.delay = 7;

    rig.server.queue('C:11:RELOAD OPTIONS');
    await rig.link.whenIdle();

    expect(rig.server.replies.map((r) => [r.id, r.returnCode, r.cmd])).toEqual([['11', 0, 'RELOAD OPTIONS']]);
    expect(handshakes()).toBe(before + 1);
    expect(rig.link.status().options.delay).toBe(7);
  });
});

describe('LOG', () => {
  /** Realtime off and no schedule: punches wait until something asks for them. */
  async function startWithoutSchedule(transFlag?: string): Promise<SyncLink> {
    Object.assign(rig.server.options, { realtime: false, transInterval: 0, transTimes: [], delay: 600 });
    if (transFlag !== undefined) {
      rig.server.handshakeBody = `Delay=600\nRealtime=0\nTransInterval=0\nTransTimes=\nTransFlag=${transFlag}\n`;
    }
    const started = startSync(rig.clock, { url: rig.server.url, logger: rig.logs.logger });
    await started.whenIdle();
    punch(rig.clock, '1001');
    punch(rig.clock, '1002');
    return started;
  }

  it('keeps punches while nothing asks for them (the control case)', async () => {
    rig.link = await startWithoutSchedule();
    const polls = rig.server.count('/getrequest');

    rig.clock.advance(600_000);
    await until(() => rig.server.count('/getrequest') > polls, 'the next poll');
    await new Promise((resolve) => setImmediate(resolve));

    expect(rig.server.punches).toEqual([]);
  });

  it('uploads the new punches at once, after answering 0 as CMD=LOG', async () => {
    rig.link = await startWithoutSchedule();
    rig.server.queue('C:12:LOG');

    rig.clock.advance(600_000);
    await until(() => rig.server.punches.length === 2, 'the punches after LOG');

    expect(rig.server.punches.map((p) => p.pin)).toEqual(['1001', '1002']);
    expect(rig.server.replies.map((r) => [r.id, r.returnCode, r.cmd])).toEqual([['12', 0, 'LOG']]);
    const replyAt = rig.server.requests.findIndex((r) => r.path.endsWith('/devicecmd'));
    const uploadAt = rig.server.requests.findIndex((r) => r.query.table === 'ATTLOG');
    expect(replyAt).toBeLessThan(uploadAt);
  });

  it('uploads no punch when TransFlag leaves AttLog out, and says why', async () => {
    rig.link = await startWithoutSchedule('0100000000');
    rig.server.queue('C:13:LOG');

    rig.clock.advance(600_000);
    await until(() => rig.server.replies.length === 1, 'the reply to LOG');
    await new Promise((resolve) => setImmediate(resolve));

    expect(rig.server.replies[0]).toMatchObject({ id: '13', returnCode: 0, cmd: 'LOG' });
    expect(rig.server.punches).toEqual([]);
    expect(rig.logs.lines().some((line) => line.missing === 'AttLog' && /^LOG: /.test(String(line.msg)))).toBe(true);
  });
});

describe('VERIFY SUM ATTLOG', () => {
  it('answers the count of punches in the range on the reply line, for the server to compare', async () => {
    rig.link = startSync(rig.clock, { url: rig.server.url, logger: rig.logs.logger });
    await rig.link.whenIdle();
    punch(rig.clock, '1001');
    punch(rig.clock, '1002');
    punch(rig.clock, '1003');

    rig.server.queue(`C:14:VERIFY SUM ATTLOG StartTime=2026-11-25 00:00:00${T}EndTime=2026-11-25 23:59:59`);
    await rig.link.whenIdle();

    expect(rig.server.replies).toEqual([
      {
        id: '14',
        returnCode: 0,
        cmd: 'VERIFY SUM',
        info: {
          StartTime: '2026-11-25 00:00:00',
          EndTime: '2026-11-25 23:59:59',
          AttlogSum: '3',
          AttlogCount: '3',
        },
      },
    ]);
    expect(devicecmdBodies()).toEqual([
      'ID=14&Return=0&CMD=VERIFY SUM&StartTime=2026-11-25 00:00:00&EndTime=2026-11-25 23:59:59' +
        '&AttlogSum=3&AttlogCount=3\n',
    ]);
  });
});
