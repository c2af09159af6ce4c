// Cloud commands end to end over loopback HTTP: fetched by getrequest, applied through the firmware's
// interpreter, answered in one devicecmd body, and what they ask of the host done by the link.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulatedTemplate } from '../../firmware/fingers.js';
import { newUser } from '../../firmware/users.js';
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
  link = startSync(clock, { url: server.url, logger: logs.logger });
  await link.whenIdle();
});

afterEach(async () => {
  await link?.stop();
  clock.close();
  await server.stop();
});

const replies = () => server.replies.map((r) => [r.id, r.returnCode]);

describe('commands', () => {
  it('applies every command of one answer in order and posts all replies in one devicecmd', async () => {
    const tmp = simulatedTemplate({ person: '5000', fid: 6 });
    server.queue(
      `C:17:DATA UPDATE USERINFO PIN=5000${T}Name=Ana Lopez${T}Pri=0${T}Passwd=${T}Card=3809012973${T}Grp=1${T}TZ=0000000000000000${T}Verify=0${T}ViceCard=`,
      `C:18:DATA DELETE USERINFO PIN=1003`,
      `C:19:DATA UPDATE FINGERTMP PIN=5000${T}FID=6${T}Size=${tmp.length}${T}Valid=1${T}TMP=${tmp}`,
      `C:20:DATA DELETE FINGERTMP PIN=5000${T}FID=6`,
    );

    await link!.whenIdle();

    expect(replies()).toEqual([
      ['17', 0],
      ['18', 0],
      ['19', 0],
      ['20', 0],
    ]);
    expect(server.count('/devicecmd')).toBe(1);
    expect(server.replies.map((r) => r.cmd)).toEqual(['DATA', 'DATA', 'DATA', 'DATA']);
    expect(clock.records.users.findByPin('5000')).toMatchObject({ name: 'Ana Lopez', card: '3809012973' });
    expect(clock.records.users.findByPin('1003')).toBeUndefined();
    expect(clock.records.templates.listFor('5000')).toEqual([]);
  });

  it('applies a command id delivered twice once, and answers it again', async () => {
    server.queue('C:31:DATA DELETE USERINFO PIN=1003');
    await link!.whenIdle();
    clock.load({ users: [newUser('1003', { name: 'Back again', verifyMode: 0 })] });

    server.queue('C:31:DATA DELETE USERINFO PIN=1003');
    await link!.whenIdle();

    expect(replies()).toEqual([
      ['31', 0],
      ['31', 0],
    ]);
    expect(clock.records.users.findByPin('1003')?.name).toBe('Back again');
  });

  it('accepts the dialects: Privilege=, a TAB after the table name, and answers USER ADD and DATA DEL with -1002', async () => {
    server.queue(
      `C:41:DATA UPDATE USERINFO${T}PIN=6000${T}Name=Tab Form${T}Privilege=14`,
      'C:42:USER ADD PIN=6001',
      'C:43:DATA DEL USERINFO PIN=1001',
    );

    await link!.whenIdle();

    expect(replies()).toEqual([
      ['41', 0],
      ['42', -1002],
      ['43', -1002],
    ]);
    expect(clock.records.users.findByPin('6000')).toMatchObject({ name: 'Tab Form', privilege: 14 });
    expect(clock.records.users.findByPin('1001')).toBeDefined();
  });

  it('answers a bad field with -1 and logs a line without a usable id, answering the rest', async () => {
    server.queue('C:50:DATA UPDATE USERINFO Name=No PIN', 'C::INFO', 'C:51:SET OPTION Delay=abc');

    await link!.whenIdle();

    expect(replies()).toEqual([
      ['50', -1],
      ['51', -1],
    ]);
    expect(link!.status().options.delay).toBe(10);
    expect(logs.text()).toContain('a line without a usable command id was ignored');
  });

  it('SET OPTION Delay changes how often the clock polls', async () => {
    server.queue('C:60:SET OPTION Delay=5');
    await link!.whenIdle();
    const polls = server.count('/getrequest');

    clock.advance(5_000);
    await until(() => server.count('/getrequest') === polls + 1, 'a poll 5 s later');
    expect(link!.status().options.delay).toBe(5);
  });

  it('SET OPTION TimeZone reaches the clock settings', async () => {
    server.queue('C:61:SET OPTION TimeZone=2');

    await link!.whenIdle();

    expect(clock.settings().timeZoneMinutes).toBe(120);
    expect(replies()).toEqual([['61', 0]]);
  });

  it('INFO answers the counts, and getrequest reports them in its INFO parameter', async () => {
    server.queue('C:70:INFO');

    await link!.whenIdle();

    expect(server.replies[0]).toMatchObject({ id: '70', returnCode: 0, cmd: 'INFO' });
    expect(server.replies[0]!.info).toMatchObject({ '~SerialNumber': 'TC1A000001', UserCount: '3' });
    const info = server.requests.find((r) => r.path.endsWith('/getrequest') && r.query.INFO !== undefined);
    expect(info?.query.INFO).toMatch(/^Ver [^,]*,3,0,0,192\.168\.1\.201,10$/);
  });

  it('ENROLL_FP opens the enrollment, and the finger enrolled reaches the server as an FP line', async () => {
    server.queue(`C:80:ENROLL_FP PIN=1001${T}FID=6${T}RETRY=3${T}OVERWRITE=1`);
    await link!.whenIdle();
    expect(clock.frame().screen).toMatch(/enroll/i);

    for (let scan = 0; scan < 3; scan++) clock.placeFinger('1001/right-index');
    await link!.whenIdle();

    const fp = server.operlog.find((r) => r.kind === 'template');
    expect(fp).toEqual({
      kind: 'template',
      template: { pin: '1001', fid: 6, valid: true, template: simulatedTemplate({ person: '1001', fid: 6 }) },
      size: simulatedTemplate({ person: '1001', fid: 6 }).length,
    });
    expect(server.operlog).toContainEqual(
      expect.objectContaining({ kind: 'operation', operation: expect.objectContaining({ op: 6 }) }),
    );
  });

  it('REBOOT is answered first, then the clock restarts and handshakes again', async () => {
    const handshakes = server.count('/cdata', 'GET');
    server.queue('C:90:REBOOT');

    await link!.whenIdle();

    expect(replies()).toEqual([['90', 0]]);
    const order = server.requests.map((r) => `${r.method} ${r.path}`);
    expect(order.lastIndexOf('POST /iclock/devicecmd')).toBeLessThan(order.lastIndexOf('GET /iclock/cdata'));
    expect(server.count('/cdata', 'GET')).toBe(handshakes + 1);
    expect(server.operlog.filter((r) => r.kind === 'operation' && r.operation.op === 0)).toHaveLength(2);
    expect(clock.frame().icons.cloud).toBe('none');
  });

  it('DATA QUERY ATTLOG uploads the punches of the range without moving the cursor', async () => {
    punch(clock, '1001');
    await link!.whenIdle();
    const cursor = clock.records.cursors.get('ATTLOG');

    server.queue(`C:100:DATA QUERY ATTLOG StartTime=2026-11-25 00:00:00${T}EndTime=2026-11-25 23:59:59`);
    await link!.whenIdle();

    expect(server.punches.map((p) => p.pin)).toEqual(['1001', '1001']);
    expect(clock.records.cursors.get('ATTLOG')).toBe(cursor);
  });

  it('DATA QUERY USERINFO uploads the user and their fingers as OPERLOG lines', async () => {
    const template = simulatedTemplate({ person: '1001', fid: 6 });
    clock.load({ templates: [{ pin: '1001', fid: 6, valid: true, template }] });
    server.queue('C:110:DATA QUERY USERINFO PIN=1001');

    await link!.whenIdle();

    expect(server.operlog).toContainEqual({ kind: 'user', user: clock.records.users.findByPin('1001') });
    expect(server.operlog).toContainEqual(
      expect.objectContaining({ kind: 'template', template: expect.objectContaining({ pin: '1001', template }) }),
    );
    expect(replies()).toEqual([['110', 0]]);
  });

  it('never writes a password or a template into its log', async () => {
    const tmp = simulatedTemplate({ person: '7000', fid: 1 });
    server.queue(
      `C:120:DATA UPDATE USERINFO PIN=7000${T}Name=Secret${T}Passwd=s3cr3tpw${T}Verify=3`,
      `C:121:DATA UPDATE FINGERTMP PIN=7000${T}FID=1${T}Size=9${T}Valid=1${T}TMP=${tmp}`,
      `C:122:SET OPTION Passwd=s3cr3tpw`,
    );

    await link!.whenIdle();

    expect(replies().map(([id]) => id)).toEqual(['120', '121', '122']);
    expect(logs.text()).not.toContain('s3cr3tpw');
    expect(logs.text()).not.toContain(tmp);
    expect(logs.text()).toContain('Passwd=***');
  });
});
