// RELOAD OPTIONS, LOG and VERIFY SUM ATTLOG end to end over loopback HTTP: what the link does for each,
// and the reply a server reads back (CMD as the protocol spells it, VERIFY SUM's count on its reply line).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/runtime/index.js';
import { startSync, type SyncLink } from '../../src/sync/index.js';
import { capturedLogger, punch, until, virtualClock } from './helpers.js';
import { startScriptedServer, type ScriptedServer } from './scripted-server.js';

const T = '\t';
let server: ScriptedServer;
let clock: Clock;
let link: SyncLink | undefined;
let logs: ReturnType<typeof capturedLogger>;

beforeEach(async () => {
  server = await startScriptedServer();
  clock = virtualClock();
  server.date = () => clock.source.now();
  logs = capturedLogger();
});

afterEach(async () => {
  await link?.stop();
  link = undefined;
  clock.close();
  await server.stop();
});

const handshakes = () => server.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/cdata')).length;
const devicecmdBodies = () => server.requests.filter((r) => r.path.endsWith('/devicecmd')).map((r) => r.body);

describe('RELOAD OPTIONS', () => {
  it('reads the options from the server again and answers 0 as CMD=RELOAD OPTIONS', async () => {
    link = startSync(clock, { url: server.url, logger: logs.logger });
    await link.whenIdle();
    const before = handshakes();
    server.options.delay = 7;

    server.queue('C:11:RELOAD OPTIONS');
    await link.whenIdle();

    expect(server.replies.map((r) => [r.id, r.returnCode, r.cmd])).toEqual([['11', 0, 'RELOAD OPTIONS']]);
    expect(handshakes()).toBe(before + 1);
    expect(link.status().options.delay).toBe(7);
  });
});

describe('LOG', () => {
  /** Realtime off and no schedule: punches wait until something asks for them. */
  async function startWithoutSchedule(transFlag?: string): Promise<SyncLink> {
    Object.assign(server.options, { realtime: false, transInterval: 0, transTimes: [], delay: 600 });
    if (transFlag !== undefined) {
      server.handshakeBody = `Delay=600\nRealtime=0\nTransInterval=0\nTransTimes=\nTransFlag=${transFlag}\n`;
    }
    const started = startSync(clock, { url: server.url, logger: logs.logger });
    await started.whenIdle();
    punch(clock, '1001');
    punch(clock, '1002');
    return started;
  }

  it('keeps punches while nothing asks for them (the control case)', async () => {
    link = await startWithoutSchedule();
    const polls = server.count('/getrequest');

    clock.advance(600_000);
    await until(() => server.count('/getrequest') > polls, 'the next poll');
    await new Promise((resolve) => setImmediate(resolve));

    expect(server.punches).toEqual([]);
  });

  it('uploads the new punches at once, after answering 0 as CMD=LOG', async () => {
    link = await startWithoutSchedule();
    server.queue('C:12:LOG');

    clock.advance(600_000);
    await until(() => server.punches.length === 2, 'the punches after LOG');

    expect(server.punches.map((p) => p.pin)).toEqual(['1001', '1002']);
    expect(server.replies.map((r) => [r.id, r.returnCode, r.cmd])).toEqual([['12', 0, 'LOG']]);
    const replyAt = server.requests.findIndex((r) => r.path.endsWith('/devicecmd'));
    const uploadAt = server.requests.findIndex((r) => r.query.table === 'ATTLOG');
    expect(replyAt).toBeLessThan(uploadAt);
  });

  it('uploads no punch when TransFlag leaves AttLog out, and says why', async () => {
    link = await startWithoutSchedule('0100000000');
    server.queue('C:13:LOG');

    clock.advance(600_000);
    await until(() => server.replies.length === 1, 'the reply to LOG');
    await new Promise((resolve) => setImmediate(resolve));

    expect(server.replies[0]).toMatchObject({ id: '13', returnCode: 0, cmd: 'LOG' });
    expect(server.punches).toEqual([]);
    expect(logs.lines().some((line) => line.missing === 'AttLog' && /^LOG: /.test(String(line.msg)))).toBe(true);
  });
});

describe('VERIFY SUM ATTLOG', () => {
  it('answers the count of punches in the range on the reply line, for the server to compare', async () => {
    link = startSync(clock, { url: server.url, logger: logs.logger });
    await link.whenIdle();
    punch(clock, '1001');
    punch(clock, '1002');
    punch(clock, '1003');

    server.queue(`C:14:VERIFY SUM ATTLOG StartTime=2026-11-25 00:00:00${T}EndTime=2026-11-25 23:59:59`);
    await link.whenIdle();

    expect(server.replies).toEqual([
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
