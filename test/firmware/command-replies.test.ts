// The CMD of every devicecmd reply, as the protocol's §12 spells it for each command: servers match on
// it (ZKTeco's own looks for `CMD=VERIFY SUM`), so `CMD=SET` for SET OPTION is a reply they never find.
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../firmware/command-apply.js';
import { parseCommandText } from '../../firmware/command-parse.js';
import { commandNameOf, formatReply } from '../../firmware/commands.js';
import { defaultSettings } from '../../firmware/settings.js';
import { parseTimestamp } from '../../firmware/time.js';
import { commandWord, type PushCommand } from '../../src/protocol/index.js';
import { createMemoryPorts } from '../../src/store/memory.js';
import { smallBiometric } from '../fixtures/models.js';

const T = '\t';
const model = smallBiometric({ users: 3, fingerprints: 2, cards: 2, punches: 100 });

// prettier-ignore
const SPEC: [command: string, cmd: string][] = [
  [`DATA UPDATE USERINFO PIN=1${T}Name=A`, 'DATA'],
  ['DATA DELETE USERINFO PIN=1', 'DATA'],
  [`DATA QUERY ATTLOG StartTime=2026-11-01 00:00:00${T}EndTime=2026-11-25 23:59:59`, 'DATA'],
  ['CLEAR LOG', 'CLEAR_LOG'],
  ['CLEAR DATA', 'CLEAR_DATA'],
  ['CLEAR PHOTO', 'CLEAR PHOTO'],
  ['CHECK', 'CHECK'],
  ['LOG', 'LOG'],
  [`VERIFY SUM ATTLOG StartTime=2026-11-01 00:00:00${T}EndTime=2026-11-25 23:59:59`, 'VERIFY SUM'],
  ['INFO', 'INFO'],
  ['REBOOT', 'REBOOT'],
  ['SET OPTION Delay=5', 'SET OPTION'],
  ['RELOAD OPTIONS', 'RELOAD OPTIONS'],
  [`ENROLL_FP PIN=1${T}FID=6${T}RETRY=3${T}OVERWRITE=1`, 'ENROLL_FP'],
];

describe('the CMD of a reply', () => {
  it.each(SPEC)('names %j as CMD=%s', (command, cmd) => {
    expect(commandNameOf(command)).toBe(cmd);
  });

  it.each(SPEC)('puts the name of %j on the reply line as CMD=%s', (command, cmd) => {
    const ctx = {
      ports: createMemoryPorts(),
      model,
      settings: defaultSettings(model),
      now: parseTimestamp('2026-11-25 09:00:00')!,
      serialNumber: 'TC1A000001',
    };
    const outcome = applyCommand(parseCommandText(command), ctx);

    const head = formatReply('7', commandNameOf(command), outcome).split('\n')[0]!;

    expect(head.split('&')[2]).toBe(`CMD=${cmd}`);
  });

  it('names a command the same in any case and with TABs between its words', () => {
    expect(commandNameOf(`set${T}option${T}Delay=5`)).toBe('SET OPTION');
    expect(commandNameOf('clear log')).toBe('CLEAR_LOG');
    expect(commandNameOf('info')).toBe('INFO');
  });

  it('names a malformed command as the spec does, not by what went wrong', () => {
    expect(parseCommandText('SET OPTION').kind).toBe('malformed');
    expect(commandNameOf('SET OPTION')).toBe('SET OPTION');
  });

  it('names a command it does not know by its first word, kept safe inside the reply', () => {
    expect(commandNameOf('USER ADD PIN=1')).toBe('USER');
    expect(commandNameOf('X&Return=0')).toBe('XReturn0');
    expect(formatReply('1', 'A&B=c  d', { returnCode: -1002, reply: [], effects: [] })).toBe(
      'ID=1&Return=-1002&CMD=ABc d',
    );
  });

  it('is what a server expects back for each command it formats', () => {
    const commands: [PushCommand, string][] = [
      [{ kind: 'clear-log' }, 'CLEAR_LOG'],
      [{ kind: 'set-option', options: { Delay: '5' } }, 'SET OPTION'],
      [{ kind: 'reload-options' }, 'RELOAD OPTIONS'],
      [{ kind: 'upload-new' }, 'LOG'],
      [{ kind: 'verify-attlog-sum', from: 0, to: 1_000 }, 'VERIFY SUM'],
    ];

    expect(commands.map(([command]) => commandWord(command))).toEqual(commands.map(([, cmd]) => cmd));
  });
});
