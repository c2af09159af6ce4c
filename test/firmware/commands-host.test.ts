// Cloud commands whose work is the host's (uploads, reboot, re-reading options), INFO and SET OPTION,
// and the journal that applies a command id once and answers it the same every time.
import { describe, expect, it } from 'vitest';
import { executeCommandLine, type CommandContext } from '../../firmware/command-apply.js';
import { commandNameOf, formatReply, parseCommandBody } from '../../firmware/commands.js';
import { simulatedTemplate } from '../../firmware/fingers.js';
import type { PunchLog } from '../../firmware/ports.js';
import { defaultSettings } from '../../firmware/settings.js';
import { newUser } from '../../firmware/users.js';
import { contextFor, NOW, punchAt, runCommand, SMALL } from '../fixtures/command-context.js';

const T = '\t';

describe('queries', () => {
  it('hands the punches of the time range to the host for upload', () => {
    const ctx = contextFor();
    ctx.ports.punches.append(punchAt('1', '2026-10-31 23:59:59'));
    const inside = ctx.ports.punches.append(punchAt('1', '2026-11-02 08:00:00'));
    ctx.ports.punches.append(punchAt('1', '2026-11-26 00:00:00'));

    const outcome = runCommand(`DATA QUERY ATTLOG StartTime=2026-11-01 00:00:00${T}EndTime=2026-11-25 23:59:59`, ctx);

    expect(outcome).toEqual({ returnCode: 0, reply: [], effects: [{ kind: 'upload-punches', punches: [inside] }] });
  });

  it('hands one user with their fingerprints to the host for upload', () => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1001', { name: 'Ana' }));
    ctx.ports.users.put(newUser('1002'));
    const finger = { pin: '1001', fid: 6, valid: true, template: simulatedTemplate({ person: '1001', fid: 6 }) };
    ctx.ports.templates.put(finger);

    const outcome = runCommand('DATA QUERY USERINFO PIN=1001', ctx);

    expect(outcome.effects).toEqual([
      { kind: 'upload-users', users: [newUser('1001', { name: 'Ana' })], templates: [finger] },
    ]);
  });

  it('hands every user to the host when no PIN is given', () => {
    const ctx = contextFor();
    for (const pin of ['10', '2', '1']) ctx.ports.users.put(newUser(pin));

    const outcome = runCommand('DATA QUERY USERINFO', ctx);

    expect(outcome.effects).toEqual([
      { kind: 'upload-users', users: [newUser('1'), newUser('2'), newUser('10')], templates: [] },
    ]);
  });

  it('answers -10 when the queried PIN is not on the clock', () => {
    expect(runCommand('DATA QUERY USERINFO PIN=404', contextFor())).toEqual({
      returnCode: -10,
      reply: [],
      effects: [],
    });
  });
});

describe('CLEAR', () => {
  function filled(): CommandContext {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1'));
    ctx.ports.templates.put({ pin: '1', fid: 0, valid: true, template: simulatedTemplate({ person: '1', fid: 0 }) });
    ctx.ports.punches.append(punchAt('1', '2026-11-25 08:00:00'));
    ctx.ports.operations.append({ op: 4, admin: '1', time: NOW, values: [0, 0, 0] });
    return ctx;
  }

  it('CLEAR LOG clears punches and operations, not users', () => {
    const ctx = filled();

    const outcome = runCommand('CLEAR LOG', ctx);

    expect(outcome.returnCode).toBe(0);
    expect([ctx.ports.punches.count(), ctx.ports.operations.count()]).toEqual([0, 0]);
    expect([ctx.ports.users.count(), ctx.ports.templates.count()]).toEqual([1, 1]);
  });

  it('CLEAR DATA clears users, templates, punches and operations', () => {
    const ctx = filled();

    const outcome = runCommand('CLEAR DATA', ctx);

    expect(outcome).toEqual({ returnCode: 0, reply: [], effects: [{ kind: 'users-changed' }] });
    const { users, templates, punches, operations } = ctx.ports;
    expect([users.count(), templates.count(), punches.count(), operations.count()]).toEqual([0, 0, 0, 0]);
  });
});

describe('device commands', () => {
  it('CHECK and REBOOT are effects for the host', () => {
    const ctx = contextFor();

    expect(runCommand('CHECK', ctx).effects).toEqual([{ kind: 'check' }]);
    expect(runCommand('REBOOT', ctx).effects).toEqual([{ kind: 'reboot' }]);
  });

  it('INFO answers the identity, counts and capacities of the clock', () => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1'));
    ctx.ports.punches.append(punchAt('1', '2026-11-25 08:00:00'));

    const outcome = runCommand('INFO', ctx);

    expect(outcome.returnCode).toBe(0);
    expect(outcome.reply).toEqual([
      '~SerialNumber=TC1A000001',
      '~DeviceName=TC-Bio 700',
      'FWVersion=Ver 6.60 Nov 10 2026',
      'UserCount=1',
      'FPCount=0',
      'TransactionCount=1',
      'MaxUserCount=3',
      'MaxFingerCount=2',
      'MaxAttLogCount=100',
      'IPAddress=192.168.1.201',
    ]);
  });

  it('answers -1002 for a command the clock does not support, and -1 for a malformed one', () => {
    const ctx = contextFor();

    expect(runCommand('USER ADD PIN=1', ctx).returnCode).toBe(-1002);
    expect(runCommand('DATA DEL USERINFO PIN=1', ctx).returnCode).toBe(-1002);
    expect(runCommand(`DATA UPDATE USERINFO PIN=1${T}Pri=3`, ctx).returnCode).toBe(-1);
    expect(ctx.ports.users.count()).toBe(0);
  });
});

describe('SET OPTION', () => {
  it('passes options the firmware does not own to the host, unchanged', () => {
    const outcome = runCommand(`SET OPTION Delay=5${T}ErrorDelay=30`, contextFor());

    expect(outcome).toEqual({
      returnCode: 0,
      reply: [],
      effects: [{ kind: 'set-options', options: { Delay: '5', ErrorDelay: '30' } }],
    });
  });

  it('saves the options the clock owns and reports the new settings', () => {
    const ctx = contextFor();

    const outcome = runCommand(`SET OPTION TimeZone=330${T}IPAddress=10.0.0.9${T}DHCP=0${T}Delay=5`, ctx);

    const settings = { ...defaultSettings(SMALL), timeZoneMinutes: 330, ip: '10.0.0.9', dhcp: false };
    expect(outcome.effects).toEqual([
      { kind: 'settings-changed', settings },
      { kind: 'set-options', options: { Delay: '5' } },
    ]);
    expect(ctx.ports.settings.load()).toEqual(settings);
  });

  it('reads a TimeZone under 12 as hours', () => {
    const outcome = runCommand('SET OPTION TimeZone=-5', contextFor());

    expect(outcome.effects[0]).toMatchObject({ kind: 'settings-changed', settings: { timeZoneMinutes: -300 } });
  });

  it('answers -1 and changes nothing when an owned option has a bad value', () => {
    const ctx = contextFor();

    const outcome = runCommand(`SET OPTION IPAddress=10.0.0.9${T}NetMask=255.255.255.256`, ctx);

    expect(outcome).toEqual({ returnCode: -1, reply: [], effects: [] });
    expect(ctx.ports.settings.load()).toBeUndefined();
  });
});

describe('executeCommandLine', () => {
  it('records the command in the journal with its outcome and time', () => {
    const ctx = contextFor();
    const [line] = parseCommandBody('C:17:DATA UPDATE USERINFO PIN=1001').commands;

    const { outcome, replayed } = executeCommandLine(line!, ctx);

    expect([outcome.returnCode, replayed]).toEqual([0, false]);
    expect(ctx.ports.journal.find('17')).toEqual({
      id: '17',
      command: 'DATA UPDATE USERINFO PIN=1001',
      returnCode: 0,
      reply: [],
      appliedAt: NOW,
    });
  });

  it('applies a command id delivered twice once, and answers it the same', () => {
    const ctx = contextFor();
    const { commands } = parseCommandBody('C:23:CLEAR LOG\nC:26:INFO\nC:23:CLEAR LOG\nC:26:INFO');
    const [clear, info, clearAgain, infoAgain] = commands;

    const first = [executeCommandLine(clear!, ctx), executeCommandLine(info!, ctx)];
    ctx.ports.punches.append(punchAt('1', '2026-11-25 08:30:00'));
    const second = [executeCommandLine(clearAgain!, ctx), executeCommandLine(infoAgain!, ctx)];

    expect(ctx.ports.punches.count()).toBe(1);
    expect(second.map((s) => s.replayed)).toEqual([true, true]);
    expect(second[1]!.outcome.reply).toEqual(first[1]!.outcome.reply);
    expect(second[1]!.outcome.reply).toContain('TransactionCount=0');
  });

  it('answers an id reused for another command with the first command’s reply, whole', () => {
    const ctx = contextFor();
    const { commands } = parseCommandBody('C:7:INFO\nC:7:VERIFY SUM ATTLOG');
    const [info, reused] = commands;
    const first = executeCommandLine(info!, ctx);

    const again = executeCommandLine(reused!, ctx);

    expect(again).toMatchObject({ replayed: true, answered: 'INFO' });
    expect(formatReply(reused!.id, commandNameOf(again.answered), again.outcome)).toBe(
      formatReply(info!.id, 'INFO', first.outcome),
    );
  });

  it('does not repeat the effects of a replayed command', () => {
    const ctx = contextFor();
    const [reboot] = parseCommandBody('C:27:REBOOT').commands;

    const first = executeCommandLine(reboot!, ctx);
    const again = executeCommandLine(reboot!, ctx);

    expect(first.outcome.effects).toEqual([{ kind: 'reboot' }]);
    expect(again).toEqual({ outcome: { returnCode: 0, reply: [], effects: [] }, replayed: true, answered: 'REBOOT' });
  });

  it('answers a failed command the same when it comes again', () => {
    const ctx = contextFor();
    const [line] = parseCommandBody('C:20:DATA DELETE FINGERTMP PIN=404').commands;

    const first = executeCommandLine(line!, ctx);
    ctx.ports.users.put(newUser('404'));
    const again = executeCommandLine(line!, ctx);

    expect([first.outcome.returnCode, again.outcome.returnCode, again.replayed]).toEqual([-10, -10, true]);
  });

  it('records nothing when a port fails, so the command is applied when it comes again', () => {
    const ctx = contextFor();
    const journal = ctx.ports.journal;
    const failing = { ...ctx, ports: { ...ctx.ports, punches: { ...punchesOf(ctx), clear: fail } } };
    const [line] = parseCommandBody('C:23:CLEAR LOG').commands;

    expect(() => executeCommandLine(line!, failing)).toThrow('flash write failed');
    expect(journal.find('23')).toBeUndefined();
  });

  it('lands the change and its journal entry together: a failing journal undoes the change', () => {
    const ctx = contextFor();
    ctx.ports.punches.append(punchAt('1', '2026-11-25 08:00:00'));
    const journal = ctx.ports.journal;
    const failing = {
      ...ctx,
      ports: { ...ctx.ports, journal: { find: (id: string) => journal.find(id), record: fail } },
    };
    const [line] = parseCommandBody('C:23:CLEAR LOG').commands;

    expect(() => executeCommandLine(line!, failing)).toThrow('flash write failed');
    expect(ctx.ports.punches.count()).toBe(1);
  });
});

/** The punch log as a plain object, so a test can replace one method. */
function punchesOf(ctx: CommandContext): PunchLog {
  const p = ctx.ports.punches;
  return {
    append: (punch) => p.append(punch),
    nextSeq: () => p.nextSeq(),
    lastFor: (pin) => p.lastFor(pin),
    count: () => p.count(),
    after: (seq, limit) => p.after(seq, limit),
    between: (from, to) => p.between(from, to),
    punchedBetween: (pin, from, to) => p.punchedBetween(pin, from, to),
    clear: () => p.clear(),
  };
}

function fail(): never {
  throw new Error('flash write failed');
}
