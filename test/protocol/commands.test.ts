// formatCommand against docs/wire-formats.md §1, and back through the firmware parser.
import { describe, expect, it } from 'vitest';
import { parseCommandBody, type CloudCommand } from '../../firmware/commands.js';
import { simulatedTemplate } from '../../firmware/fingers.js';
import { parseTimestamp } from '../../firmware/time.js';
import { newUser } from '../../firmware/users.js';
import { formatCommand, formatCommandsBody, type PushCommand } from '../../src/protocol/index.js';

const TMP = simulatedTemplate({ person: '1001', fid: 6 });
const t = (text: string): number => parseTimestamp(text)!;

/** Every command form of docs/wire-formats.md §1, with the exact line a server sends. */
const FORMS: [PushCommand, string][] = [
  [
    { kind: 'update-user', user: newUser('1001', { name: 'Ana Lopez', card: '3809012973', verifyMode: 0 }) },
    'C:17:DATA UPDATE USERINFO PIN=1001\tName=Ana Lopez\tPri=0\tPasswd=\tCard=3809012973\tGrp=1\tTZ=0000000000000000\tVerify=0\tViceCard=',
  ],
  [{ kind: 'delete-user', pin: '1001' }, 'C:17:DATA DELETE USERINFO PIN=1001'],
  [
    { kind: 'update-template', template: { pin: '1001', fid: 6, valid: true, template: TMP }, size: TMP.length },
    `C:17:DATA UPDATE FINGERTMP PIN=1001\tFID=6\tSize=${TMP.length}\tValid=1\tTMP=${TMP}`,
  ],
  [{ kind: 'delete-template', pin: '1001', fid: 6 }, 'C:17:DATA DELETE FINGERTMP PIN=1001\tFID=6'],
  [{ kind: 'delete-template', pin: '1001' }, 'C:17:DATA DELETE FINGERTMP PIN=1001'],
  [
    { kind: 'query-attlog', from: t('2026-11-01 00:00:00'), to: t('2026-11-25 23:59:59') },
    'C:17:DATA QUERY ATTLOG StartTime=2026-11-01 00:00:00\tEndTime=2026-11-25 23:59:59',
  ],
  [{ kind: 'query-userinfo', pin: '1001' }, 'C:17:DATA QUERY USERINFO PIN=1001'],
  [{ kind: 'query-userinfo' }, 'C:17:DATA QUERY USERINFO'],
  [{ kind: 'clear-log' }, 'C:17:CLEAR LOG'],
  [{ kind: 'clear-data' }, 'C:17:CLEAR DATA'],
  [{ kind: 'check' }, 'C:17:CHECK'],
  [{ kind: 'info' }, 'C:17:INFO'],
  [{ kind: 'reboot' }, 'C:17:REBOOT'],
  [{ kind: 'set-option', options: { Delay: '5' } }, 'C:17:SET OPTION Delay=5'],
  [
    { kind: 'enroll-finger', pin: '1001', fid: 6, retries: 3, overwrite: true },
    'C:17:ENROLL_FP PIN=1001\tFID=6\tRETRY=3\tOVERWRITE=1',
  ],
];

describe('formatCommand', () => {
  it.each(FORMS)('formats %j as docs/wire-formats.md §1 writes it', (command, line) => {
    expect(formatCommand('17', command)).toBe(line);
  });

  it.each(FORMS)('gives %j back through the firmware parser', (command) => {
    const { commands, rejected } = parseCommandBody(formatCommand('17', command));
    expect(rejected).toEqual([]);
    expect(commands[0]?.id).toBe('17');
    expect(commands[0]?.command).toEqual(command satisfies CloudCommand | PushCommand);
  });

  it('keeps a user with privilege, password, hex-free card and default verify intact', () => {
    const user = newUser('42', {
      name: 'Bo\tLee',
      privilege: 14,
      password: '1234',
      card: '',
      group: 3,
      verifyMode: -1,
    });
    const { commands } = parseCommandBody(formatCommand('A1', { kind: 'update-user', user }));
    expect(commands[0]?.command).toEqual({ kind: 'update-user', user: { ...user, name: 'Bo Lee' } });
  });

  it('sends raw text as is, for dialect tests', () => {
    expect(formatCommand('9', { kind: 'raw', text: 'USER ADD PIN=1' })).toBe('C:9:USER ADD PIN=1');
  });

  it('refuses an id the protocol does not allow', () => {
    expect(() => formatCommand('17-a', { kind: 'check' })).toThrow(/command id must be 1–16 letters or digits/);
  });

  it('answers OK when there is nothing to do, and one line per command otherwise', () => {
    expect(formatCommandsBody([])).toBe('OK');
    const body = formatCommandsBody([
      { id: '1', command: { kind: 'check' } },
      { id: '2', command: { kind: 'info' } },
    ]);
    expect(parseCommandBody(body).commands.map((c) => c.command.kind)).toEqual(['check', 'info']);
  });
});
