// Parsing `getrequest` answers: every command form of docs/wire-formats.md §1, the dialects servers send, and the replies.
import { describe, expect, it } from 'vitest';
import { commandNameOf, formatReply, parseCommandBody, type CloudCommand } from '../../firmware/commands.js';
import { parseCommandText } from '../../firmware/command-parse.js';
import { parseTimestamp } from '../../firmware/time.js';
import { newUser } from '../../firmware/users.js';

const T = '\t';

function commandOf(text: string): CloudCommand {
  return parseCommandText(text);
}

describe('parseCommandBody', () => {
  it('gives nothing for OK or an empty answer', () => {
    expect(parseCommandBody('OK')).toEqual({ commands: [], rejected: [] });
    expect(parseCommandBody('')).toEqual({ commands: [], rejected: [] });
    expect(parseCommandBody('OK\r\n')).toEqual({ commands: [], rejected: [] });
  });

  it('reads several command lines separated by LF or CRLF, keeping id and text', () => {
    const body = 'C:25:CHECK\nC:26:INFO\r\nC:27:REBOOT\r\n';

    const { commands, rejected } = parseCommandBody(body);

    expect(rejected).toEqual([]);
    expect(commands).toEqual([
      { id: '25', text: 'CHECK', command: { kind: 'check' } },
      { id: '26', text: 'INFO', command: { kind: 'info' } },
      { id: '27', text: 'REBOOT', command: { kind: 'reboot' } },
    ]);
  });

  it('rejects a line that is not of the C:<id>:<command> form, naming its line number', () => {
    const { commands, rejected } = parseCommandBody('C:1:CHECK\nhello\n\nC:2:INFO');

    expect(commands.map((c) => c.id)).toEqual(['1', '2']);
    expect(rejected).toEqual([{ lineNumber: 2, line: 'hello', problem: 'is not of the form C:<id>:<command>' }]);
  });

  it('rejects command ids that are not 1–16 letters or digits', () => {
    const body = ['C::CHECK', 'C:ab-1:CHECK', 'C:12345678901234567:CHECK', 'C:abcDEF0123456789:CHECK'].join('\n');

    const { commands, rejected } = parseCommandBody(body);

    expect(rejected.map((r) => r.lineNumber)).toEqual([1, 2, 3]);
    expect(rejected[1]?.problem).toContain('"ab-1"');
    expect(commands.map((c) => c.id)).toEqual(['abcDEF0123456789']);
  });

  it('tolerates spaces around the line and the id', () => {
    const { commands } = parseCommandBody('  C: 7 : CHECK  \n');

    expect(commands).toEqual([{ id: '7', text: 'CHECK', command: { kind: 'check' } }]);
  });

  it('answers an empty command text as malformed, not as a rejection', () => {
    const { commands } = parseCommandBody('C:9:');

    expect(commands[0]?.command).toEqual({ kind: 'malformed', problem: 'the command is empty' });
  });
});

describe('DATA UPDATE USERINFO', () => {
  const full = `DATA UPDATE USERINFO PIN=1001${T}Name=Ana Lopez${T}Pri=0${T}Passwd=${T}Card=3809012973${T}Grp=1${T}TZ=0000000000000000${T}Verify=0${T}ViceCard=`;

  it('reads every field of the protocol example into a user', () => {
    expect(commandOf(full)).toEqual({
      kind: 'update-user',
      user: newUser('1001', { name: 'Ana Lopez', card: '3809012973', verifyMode: 0 }),
    });
  });

  it('defaults every field but PIN', () => {
    expect(commandOf('DATA UPDATE USERINFO PIN=7')).toEqual({ kind: 'update-user', user: newUser('7') });
  });

  it('accepts Privilege= for Pri=', () => {
    const command = commandOf(`DATA UPDATE USERINFO PIN=1${T}Privilege=14`);

    expect(command).toMatchObject({ kind: 'update-user', user: { privilege: 14 } });
  });

  it('accepts a TAB instead of the space after the table name', () => {
    const command = commandOf(`DATA UPDATE USERINFO${T}PIN=1001${T}Name=Ana`);

    expect(command).toMatchObject({ kind: 'update-user', user: { pin: '1001', name: 'Ana' } });
  });

  it('tolerates spaces around keys and values, key case and unknown keys', () => {
    const command = commandOf(`data update userinfo  pin = 1001 ${T} Name= Ana ${T}Photo=x.jpg${T}${T}junk`);

    expect(command).toEqual({ kind: 'update-user', user: newUser('1001', { name: 'Ana' }) });
  });

  it('reads a card in brackets as hex bytes, least significant first', () => {
    const command = commandOf(`DATA UPDATE USERINFO PIN=1${T}Card=[15CD5B07]`);

    expect(command).toMatchObject({ user: { card: '123456789' } });
  });

  it('reads card 0 and [00000000] as no card, and drops leading zeros', () => {
    expect(commandOf(`DATA UPDATE USERINFO PIN=1${T}Card=0`)).toMatchObject({ user: { card: '' } });
    expect(commandOf(`DATA UPDATE USERINFO PIN=1${T}Card=[00000000]`)).toMatchObject({ user: { card: '' } });
    expect(commandOf(`DATA UPDATE USERINFO PIN=1${T}Card=0042`)).toMatchObject({ user: { card: '42' } });
  });

  it('reads Verify -1 or empty as the default mode', () => {
    expect(commandOf(`DATA UPDATE USERINFO PIN=1${T}Verify=-1`)).toMatchObject({ user: { verifyMode: -1 } });
    expect(commandOf(`DATA UPDATE USERINFO PIN=1${T}Verify=`)).toMatchObject({ user: { verifyMode: -1 } });
    expect(commandOf(`DATA UPDATE USERINFO PIN=1${T}Verify=6`)).toMatchObject({ user: { verifyMode: 6 } });
  });

  it.each([
    [`PIN=1${T}Pri=3`, 'Pri must be 0, 2, 6 or 14, got "3"'],
    [`PIN=1${T}Privilege=admin`, 'Privilege must be 0, 2, 6 or 14, got "admin"'],
    ['Name=Ana', 'PIN is missing'],
    ['PIN=10-01', 'PIN must be 1–24 letters or digits, got "10-01"'],
    [`PIN=1${T}Card=4294967296`, 'Card must be a decimal number up to 4294967295 or [hex bytes], got "4294967296"'],
    [`PIN=1${T}Card=[XYZ]`, 'Card must be a decimal number up to 4294967295 or [hex bytes], got "[XYZ]"'],
    [`PIN=1${T}Verify=30`, 'Verify must be a whole number from -1 to 29, got "30"'],
    [`PIN=1${T}Grp=one`, 'Grp must be a whole number from 0 to 65535, got "one"'],
  ])('is malformed for %j, naming the field', (fields, problem) => {
    expect(commandOf(`DATA UPDATE USERINFO ${fields}`)).toEqual({ kind: 'malformed', problem });
  });
});

describe('the other DATA commands', () => {
  it('reads DATA DELETE USERINFO', () => {
    expect(commandOf('DATA DELETE USERINFO PIN=1001')).toEqual({ kind: 'delete-user', pin: '1001' });
  });

  it('reads DATA UPDATE FINGERTMP, keeping the base64 with its padding as sent', () => {
    const command = commandOf(`DATA UPDATE FINGERTMP PIN=1001${T}FID=6${T}Size=8${T}Valid=1${T}TMP=QUJDREVGRw==`);

    expect(command).toEqual({
      kind: 'update-template',
      template: { pin: '1001', fid: 6, valid: true, template: 'QUJDREVGRw==' },
      size: 8,
    });
  });

  it('keeps an empty TMP for the apply step to judge, and reads Valid=0 as not valid', () => {
    const command = commandOf(`DATA UPDATE FINGERTMP PIN=1${T}FID=0${T}Valid=0${T}TMP=`);

    expect(command).toEqual({ kind: 'update-template', template: { pin: '1', fid: 0, valid: false, template: '' } });
  });

  it.each([
    [`PIN=1${T}TMP=QQ==`, 'FID is missing'],
    [`PIN=1${T}FID=10${T}TMP=QQ==`, 'FID must be a whole number from 0 to 9, got "10"'],
    [`PIN=1${T}FID=1${T}Size=big${T}TMP=QQ==`, 'Size must be a whole number from 0 to 1000000, got "big"'],
  ])('is malformed for FINGERTMP %j', (fields, problem) => {
    expect(commandOf(`DATA UPDATE FINGERTMP ${fields}`)).toEqual({ kind: 'malformed', problem });
  });

  it('reads DATA DELETE FINGERTMP with or without FID', () => {
    expect(commandOf(`DATA DELETE FINGERTMP PIN=1001${T}FID=6`)).toEqual({
      kind: 'delete-template',
      pin: '1001',
      fid: 6,
    });
    expect(commandOf('DATA DELETE FINGERTMP PIN=1001')).toEqual({ kind: 'delete-template', pin: '1001' });
  });

  it('reads DATA QUERY USERINFO for one PIN or for all', () => {
    expect(commandOf('DATA QUERY USERINFO PIN=1001')).toEqual({ kind: 'query-userinfo', pin: '1001' });
    expect(commandOf('DATA QUERY USERINFO')).toEqual({ kind: 'query-userinfo' });
  });
});

/** The two commands that take a StartTime/EndTime range read it by the same rules. */
describe.each([
  ['DATA QUERY ATTLOG', 'query-attlog'],
  ['VERIFY SUM ATTLOG', 'verify-attlog-sum'],
])('the time range of %s', (command, kind) => {
  it('is read as local times', () => {
    expect(commandOf(`${command} StartTime=2026-11-01 00:00:00${T}EndTime=2026-11-25 23:59:59`)).toEqual({
      kind,
      from: parseTimestamp('2026-11-01 00:00:00'),
      to: parseTimestamp('2026-11-25 23:59:59'),
    });
  });

  it.each([
    ['EndTime=2026-11-25 23:59:59', 'StartTime is missing'],
    ['StartTime=2026-11-01 00:00:00', 'EndTime is missing'],
    [`StartTime=2026-11-02 00:00:00${T}EndTime=2026-11-01 00:00:00`, 'EndTime is before StartTime'],
  ])('is malformed for %j, naming the field', (range, problem) => {
    expect(commandOf(`${command} ${range}`)).toEqual({ kind: 'malformed', problem });
  });

  it('is malformed for a date that is not a time, naming the field', () => {
    expect(commandOf(`${command} StartTime=2026-02-30 00:00:00${T}EndTime=2026-03-01 00:00:00`)).toMatchObject({
      kind: 'malformed',
      problem: expect.stringContaining('StartTime') as string,
    });
  });
});

describe('commands without a table', () => {
  it('reads CLEAR LOG, CLEAR DATA, CHECK, INFO and REBOOT', () => {
    expect(['CLEAR LOG', 'CLEAR DATA', 'CHECK', 'INFO', 'REBOOT'].map(commandOf)).toEqual([
      { kind: 'clear-log' },
      { kind: 'clear-data' },
      { kind: 'check' },
      { kind: 'info' },
      { kind: 'reboot' },
    ]);
  });

  it('reads SET OPTION with the keys as the server spelled them', () => {
    expect(commandOf('SET OPTION Delay=5')).toEqual({ kind: 'set-option', options: { Delay: '5' } });
    expect(commandOf(`SET OPTION Delay=5${T}TimeZone=8`)).toEqual({
      kind: 'set-option',
      options: { Delay: '5', TimeZone: '8' },
    });
  });

  it('is malformed for SET OPTION without a Key=Value', () => {
    expect(commandOf('SET OPTION')).toEqual({ kind: 'malformed', problem: 'SET OPTION has no Key=Value' });
  });

  it('reads ENROLL_FP with its retries and overwrite flag', () => {
    const command = commandOf(`ENROLL_FP PIN=1001${T}FID=6${T}RETRY=3${T}OVERWRITE=1`);

    expect(command).toEqual({ kind: 'enroll-finger', pin: '1001', fid: 6, retries: 3, overwrite: true });
  });

  it('defaults ENROLL_FP to three retries without overwriting', () => {
    expect(commandOf(`ENROLL_FP PIN=1${T}FID=0`)).toMatchObject({ retries: 3, overwrite: false });
  });

  it('is malformed for ENROLL_FP with an OVERWRITE other than 0 or 1', () => {
    expect(commandOf(`ENROLL_FP PIN=1${T}FID=0${T}OVERWRITE=yes`)).toEqual({
      kind: 'malformed',
      problem: 'OVERWRITE must be a whole number from 0 to 1, got "yes"',
    });
  });

  it.each([
    ['USER ADD PIN=1', 'USER ADD'],
    ['DATA DEL USERINFO PIN=1', 'DATA DEL USERINFO'],
    ['DATA UPDATE PHOTO PIN=1', 'DATA UPDATE PHOTO'],
    ['CLEAR PHOTO', 'CLEAR PHOTO'],
    ['SET TIME 2026', 'SET TIME 2026'],
    ['SHELL ls', 'SHELL ls'],
  ])('reads %j as unsupported, named %j', (text, name) => {
    expect(commandOf(text)).toEqual({ kind: 'unsupported', name });
  });
});

describe('replies', () => {
  it('formats the protocol reply line', () => {
    const reply = formatReply('17', 'DATA', { returnCode: 0, reply: [], effects: [] });

    expect(reply).toBe('ID=17&Return=0&CMD=DATA');
  });

  it('puts INFO lines after the reply line', () => {
    const reply = formatReply('26', 'INFO', { returnCode: 0, reply: ['UserCount=2', 'FPCount=1'], effects: [] });

    expect(reply).toBe('ID=26&Return=0&CMD=INFO\nUserCount=2\nFPCount=1');
  });

  it('names the command by its first word, safe inside the reply', () => {
    expect(commandNameOf('DATA UPDATE USERINFO PIN=1')).toBe('DATA');
    expect(commandNameOf(`ENROLL_FP${T}PIN=1`)).toBe('ENROLL_FP');
    expect(commandNameOf('X&Return=0')).toBe('XReturn0');
    expect(formatReply('1', 'A&B=c', { returnCode: -1002, reply: [], effects: [] })).toBe('ID=1&Return=-1002&CMD=ABc');
  });
});
