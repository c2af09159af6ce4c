// devicecmd replies, INFO parameter, device options, query strings and times.
import { describe, expect, it } from 'vitest';
import {
  formatDeviceOptionsBody,
  formatDevicecmdBody,
  formatHttpDate,
  formatInfoParam,
  formatPushTime,
  formatQuery,
  localTimeFromServer,
  parseDeviceOptionsBody,
  parseDevicecmdBody,
  parseHttpDate,
  parseInfoParam,
  parsePushTime,
  parseQuery,
  pushUrl,
  queryValue,
  splitUrl,
} from '../../src/protocol/index.js';

describe('devicecmd replies', () => {
  it('reads the example replies of docs/wire-formats.md §1', () => {
    const { replies, rejected } = parseDevicecmdBody('ID=17&Return=0&CMD=DATA\nID=18&Return=0&CMD=DATA\n');
    expect(rejected).toEqual([]);
    expect(replies).toEqual([
      { id: '17', returnCode: 0, cmd: 'DATA', info: {} },
      { id: '18', returnCode: 0, cmd: 'DATA', info: {} },
    ]);
  });

  it('gives the Key=Value lines after an INFO reply to that reply', () => {
    const body = 'ID=26&Return=0&CMD=INFO\n~SerialNumber=TC1A000001\nUserCount=12\nID=27&Return=-1002&CMD=USER\n';
    const { replies } = parseDevicecmdBody(body);
    expect(replies).toEqual([
      { id: '26', returnCode: 0, cmd: 'INFO', info: { '~SerialNumber': 'TC1A000001', UserCount: '12' } },
      { id: '27', returnCode: -1002, cmd: 'USER', info: {} },
    ]);
    expect(formatDevicecmdBody(replies)).toBe(body);
  });

  it('reads a two-word CMD and the pairs VERIFY SUM puts on its reply line, and writes them back there', () => {
    const body =
      'ID=40&Return=0&CMD=VERIFY SUM&StartTime=2026-11-01 00:00:00&EndTime=2026-11-25 23:59:59&AttlogSum=3\n' +
      'ID=41&Return=0&CMD=SET OPTION\n';

    const { replies, rejected } = parseDevicecmdBody(body);

    expect(rejected).toEqual([]);
    expect(replies).toEqual([
      {
        id: '40',
        returnCode: 0,
        cmd: 'VERIFY SUM',
        info: { StartTime: '2026-11-01 00:00:00', EndTime: '2026-11-25 23:59:59', AttlogSum: '3' },
      },
      { id: '41', returnCode: 0, cmd: 'SET OPTION', info: {} },
    ]);
    expect(formatDevicecmdBody(replies)).toBe(body);
  });

  it('rejects lines without an id or a numeric Return, and stray lines', () => {
    const { replies, rejected } = parseDevicecmdBody('Key=1\nID=&Return=0\nID=5&Return=x&CMD=DATA\nID=6&CMD=DATA');
    expect(replies).toEqual([]);
    expect(rejected.map((r) => r.lineNumber)).toEqual([1, 2, 3, 4]);
    expect(rejected[2]?.problem).toBe('Return must be a whole number, got "x"');
  });
});

describe('small parameters', () => {
  it('reads getrequest INFO counts', () => {
    const info = parseInfoParam('Ver 6.60,12,3,100,192.168.1.201,10');
    expect(info).toEqual({
      firmware: 'Ver 6.60',
      users: 12,
      fingerprints: 3,
      attendanceRecords: 100,
      ip: '192.168.1.201',
      fingerprintAlgorithm: '10',
      rest: [],
    });
    expect(formatInfoParam(info)).toBe('Ver 6.60,12,3,100,192.168.1.201,10');
  });

  it('leaves out counts that are not numbers', () => {
    expect(parseInfoParam('Ver 1,x').users).toBeUndefined();
  });

  it('reads the options a clock pushes', () => {
    expect(parseDeviceOptionsBody('~DeviceName=TC1,FWVersion=Ver 6.60,bad')).toEqual({
      '~DeviceName': 'TC1',
      FWVersion: 'Ver 6.60',
    });
    expect(formatDeviceOptionsBody({ a: '1', b: 'x,y' })).toBe('a=1,b=x y');
  });
});

describe('URLs and time', () => {
  it('keeps the INFO query readable and reads it back', () => {
    const query = { SN: 'TC1A000001', INFO: 'Ver 6.60,12,3,100,192.168.1.201,10' };
    expect(formatQuery(query)).toBe('SN=TC1A000001&INFO=Ver%206.60,12,3,100,192.168.1.201,10');
    expect(splitUrl(pushUrl('/iclock/getrequest', query))).toEqual({ path: '/iclock/getrequest', query });
  });

  it('reads raw spaces, plus signs and broken escapes without failing', () => {
    expect(parseQuery('?sn=A1&x=%ZZ&y=a+b')).toEqual({ sn: 'A1', x: '%ZZ', y: 'a b' });
    expect(queryValue(parseQuery('sn=A1'), 'SN')).toBe('A1');
  });

  it('finds a query key in any case, and nothing for a key that is not there in any spelling', () => {
    const query = parseQuery('SN=A1&info=Ver%206.60,1,0,2&TaBle=ATTLOG&__proto__=x');
    expect(queryValue(query, 'SN')).toBe('A1');
    expect(queryValue(query, 'INFO')).toBe('Ver 6.60,1,0,2');
    expect(queryValue(query, 'table')).toBe('ATTLOG');
    expect(queryValue(query, '__PROTO__')).toBe('x');
    expect(queryValue(query, 'Stamp')).toBeUndefined();
    expect(queryValue({ SN: 'A1' }, 'INFO')).toBeUndefined();
  });

  it('formats local times and reads the Date header', () => {
    const local = parsePushTime('2026-11-25 08:02:11')!;
    expect(formatPushTime(local)).toBe('2026-11-25 08:02:11');
    const utc = Date.UTC(2026, 10, 25, 0, 2, 11);
    expect(formatHttpDate(utc)).toBe('Wed, 25 Nov 2026 00:02:11 GMT');
    expect(parseHttpDate('Wed, 25 Nov 2026 00:02:11 GMT')).toBe(utc);
    expect(parseHttpDate('yesterday')).toBeUndefined();
    expect(localTimeFromServer(utc, 480)).toBe(local);
  });

  it('writes the Date header of every second as Date does, across days, months and years', () => {
    // From just before a new year through two days, every 7 s and each second around midnight: the
    // day's part is kept between calls, so a wrong carry across a day would show here.
    const start = Date.UTC(2026, 11, 31, 23, 0, 0);
    const instants = [start - 1000];
    for (let t = start; t < start + 2 * 86_400_000; t += 7_000) instants.push(t, t + 999);
    for (let t = Date.UTC(2027, 0, 1) - 3000; t < Date.UTC(2027, 0, 1) + 3000; t += 500) instants.push(t);
    for (const t of instants) expect(formatHttpDate(t)).toBe(new Date(Math.floor(t / 1000) * 1000).toUTCString());
  });
});
