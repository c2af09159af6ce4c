// The BIODATA table (DATA UPDATE / DELETE / QUERY BIODATA, CLEAR BIODATA) applied to in-memory ports:
// fingers go into the same template table as FINGERTMP's, other biometrics and algorithms get their codes.
import { describe, expect, it } from 'vitest';
import { type CommandContext } from '../../firmware/command-apply.js';
import { parseCommandText } from '../../firmware/command-parse.js';
import { commandNameOf } from '../../firmware/commands.js';
import type { DeviceModel } from '../../firmware/device.js';
import { fingerKeyOfTemplate, simulatedTemplate } from '../../firmware/fingers.js';
import { newUser } from '../../firmware/users.js';
import { formatCommandText } from '../../src/protocol/index.js';
import { contextFor as emptyContext, runCommand, SMALL } from '../fixtures/command-context.js';

const T = '\t';

/** The command context with Ana Lopez (1001) enrolled, without fingers. */
function contextFor(model: DeviceModel = SMALL): CommandContext {
  const ctx = emptyContext(model);
  ctx.ports.users.put(newUser('1001', { name: 'Ana Lopez' }));
  return ctx;
}

const tmp = (pin: string, fid: number): string => simulatedTemplate({ person: pin, fid });

/** The line zk_server and ZKTeco's own servers send, field for field. */
function bioUpdate(pin: string, no: number, fields: Record<string, string | number> = {}): string {
  const all = { Index: 0, Valid: 1, Duress: 0, Type: 1, MajorVer: 10, MinorVer: 0, Format: 0, ...fields };
  const text = Object.entries(all).map(([k, v]) => `${k}=${v}`);
  return `DATA UPDATE BIODATA Pin=${pin}${T}No=${no}${T}${text.join(T)}${T}Tmp=${tmp(pin, no)}`;
}

describe('DATA UPDATE BIODATA', () => {
  it('stores a fingerprint (Type 1) as the finger No of the user, the template FINGERTMP would store', () => {
    const ctx = contextFor();

    const outcome = runCommand(bioUpdate('1001', 6), ctx);

    expect(outcome).toEqual({ returnCode: 0, reply: [], effects: [{ kind: 'users-changed' }] });
    const stored = ctx.ports.templates.find('1001', 6);
    expect(stored).toEqual({ pin: '1001', fid: 6, valid: true, template: tmp('1001', 6) });
    expect(fingerKeyOfTemplate(stored!.template)).toBe('1001/6');
  });

  it('accepts a server that leaves MajorVer, Index and Format out or spells the keys in other cases', () => {
    const ctx = contextFor();

    const outcome = runCommand(
      `DATA UPDATE BIODATA PIN=1001${T}NO=3${T}TYPE=1${T}MinorVer =0${T}TMP=${tmp('1001', 3)}`,
      ctx,
    );

    expect(outcome.returnCode).toBe(0);
    expect(ctx.ports.templates.find('1001', 3)?.template).toBe(tmp('1001', 3));
  });

  it.each([
    ['a face (Type 9)', { Type: 9 }, -1002],
    ['a palm (Type 8)', { Type: 8 }, -1002],
    ['the general type 0', { Type: 0 }, -1002],
    ['a finger of algorithm 12', { MajorVer: 12 }, -30],
    ['a finger in ISO format', { Format: 1 }, -1002],
    ['a second sample of the finger (Index 1)', { Index: 1 }, -1],
  ])('refuses %s with %i and stores nothing', (_, fields, code) => {
    const ctx = contextFor();

    expect(runCommand(bioUpdate('1001', 6, fields), ctx).returnCode).toBe(code);
    expect(ctx.ports.templates.count()).toBe(0);
  });

  it('answers the codes FINGERTMP gives: -10 without the user, -11 for a bad template, -1001 when full, -1 without Type', () => {
    const ctx = contextFor();
    expect(runCommand(bioUpdate('2002', 6), ctx).returnCode).toBe(-10);
    expect(runCommand(`DATA UPDATE BIODATA Pin=1001${T}No=6${T}Type=1${T}Tmp=!!!`, ctx).returnCode).toBe(-11);
    expect(runCommand(`DATA UPDATE BIODATA Pin=1001${T}No=6${T}Tmp=${tmp('1001', 6)}`, ctx).returnCode).toBe(-1);
    expect(runCommand(bioUpdate('1001', 1), ctx).returnCode).toBe(0);
    expect(runCommand(bioUpdate('1001', 2), ctx).returnCode).toBe(0);
    expect(runCommand(bioUpdate('1001', 3), ctx).returnCode).toBe(-1001);
  });

  it('is -1004 on a model without a fingerprint reader, as FINGERTMP is', () => {
    const ctx = contextFor({ ...SMALL, readers: { fingerprint: false, proximity: true } });
    expect(runCommand(bioUpdate('1001', 6), ctx).returnCode).toBe(-1004);
  });

  it('keeps a duress finger as a normal one: the clock has no duress alarm', () => {
    const ctx = contextFor();
    expect(runCommand(bioUpdate('1001', 6, { Duress: 1 }), ctx).returnCode).toBe(0);
    expect(ctx.ports.templates.find('1001', 6)?.valid).toBe(true);
  });
});

describe('DATA DELETE BIODATA and CLEAR BIODATA', () => {
  function withFingers(): CommandContext {
    const ctx = contextFor();
    runCommand(bioUpdate('1001', 6), ctx);
    runCommand(bioUpdate('1001', 7), ctx);
    return ctx;
  }

  it('deletes one finger with Type=1 and No', () => {
    const ctx = withFingers();
    expect(runCommand(`DATA DELETE BIODATA Pin=1001${T}Type=1${T}No=6`, ctx).returnCode).toBe(0);
    expect(ctx.ports.templates.listFor('1001').map((t) => t.fid)).toEqual([7]);
  });

  it('deletes every template of the user without a Type, and keeps the user', () => {
    const ctx = withFingers();
    expect(runCommand('DATA DELETE BIODATA Pin=1001', ctx).returnCode).toBe(0);
    expect(ctx.ports.templates.count()).toBe(0);
    expect(ctx.ports.users.findByPin('1001')).toBeDefined();
  });

  it('answers -1002 for a type the clock holds none of, -10 for a PIN it does not know, -1 for No without Type', () => {
    const ctx = withFingers();
    expect(runCommand(`DATA DELETE BIODATA Pin=1001${T}Type=9`, ctx).returnCode).toBe(-1002);
    expect(runCommand('DATA DELETE BIODATA Pin=2002', ctx).returnCode).toBe(-10);
    expect(runCommand(`DATA DELETE BIODATA Pin=1001${T}No=6`, ctx).returnCode).toBe(-1);
    expect(ctx.ports.templates.count()).toBe(2);
  });

  it('CLEAR BIODATA removes every template and no user; its reply names CLEAR_BIODATA', () => {
    const ctx = withFingers();
    expect(runCommand('CLEAR BIODATA', ctx)).toEqual({
      returnCode: 0,
      reply: [],
      effects: [{ kind: 'users-changed' }],
    });
    expect(ctx.ports.templates.count()).toBe(0);
    expect(ctx.ports.users.count()).toBe(1);
    expect(commandNameOf('CLEAR BIODATA')).toBe('CLEAR_BIODATA');
  });
});

describe('DATA QUERY BIODATA', () => {
  it('asks the host to upload the fingers as BIODATA: all, one user, or one finger', () => {
    const ctx = contextFor();
    runCommand(bioUpdate('1001', 6), ctx);
    runCommand(bioUpdate('1001', 7), ctx);
    const fids = (text: string) => {
      const outcome = runCommand(text, ctx);
      const effect = outcome.effects[0];
      return effect?.kind === 'upload-biodata' ? effect.templates.map((t) => `${t.pin}/${t.fid}`) : outcome.returnCode;
    };

    expect(fids('DATA QUERY BIODATA Type=1')).toEqual(['1001/6', '1001/7']);
    expect(fids(`DATA QUERY BIODATA Type=1${T}Pin=1001${T}No=7`)).toEqual(['1001/7']);
    expect(fids(`DATA QUERY BIODATA Type=1${T}Pin=2002`)).toBe(-10);
    expect(fids('DATA QUERY BIODATA Type=9')).toBe(-1002);
    expect(fids('DATA QUERY BIODATA Pin=1001')).toBe(-1);
  });
});

describe('the server side formats what the clock parses', () => {
  it.each([
    bioUpdate('1001', 6),
    `DATA DELETE BIODATA Pin=1001${T}Type=1${T}No=6`,
    `DATA QUERY BIODATA Type=1${T}Pin=1001`,
    'CLEAR BIODATA',
  ])('%s', (text) => {
    const command = parseCommandText(text);
    expect(command.kind).not.toMatch(/unsupported|malformed/);
    if (command.kind === 'unsupported' || command.kind === 'malformed') return;
    expect(parseCommandText(formatCommandText(command))).toEqual(command);
  });
});
