// Applying cloud commands to the in-memory ports: each command's effect on the tables, its effects for
// the host, and every Return code the clock gives, on a small model so that capacities are reachable.
import { describe, expect, it } from 'vitest';
import type { DeviceModel } from '../../firmware/device.js';
import { simulatedTemplate } from '../../firmware/fingers.js';
import type { ClockPorts, TemplateTable } from '../../firmware/ports.js';
import { newUser, type Template } from '../../firmware/users.js';
import { createMemoryPorts } from '../../src/store/memory.js';
import { contextFor, runCommand, SMALL } from '../fixtures/command-context.js';

const T = '\t';

const noFingerprint: DeviceModel = {
  ...SMALL,
  readers: { fingerprint: false, proximity: true },
  capacity: { ...SMALL.capacity, fingerprints: 0 },
};
const noCardReader: DeviceModel = {
  ...SMALL,
  readers: { fingerprint: true, proximity: false },
  capacity: { ...SMALL.capacity, cards: 0 },
};

function fingerOf(pin: string, fid: number): Template {
  return { pin, fid, valid: true, template: simulatedTemplate({ person: pin, fid }) };
}

function fingerCommand(pin: string, fid: number, extra = ''): string {
  return `DATA UPDATE FINGERTMP PIN=${pin}${T}FID=${fid}${T}Valid=1${T}TMP=${fingerOf(pin, fid).template}${extra}`;
}

/** The same ports, except that removing templates fails as a worn-out flash would. */
function withFailingTemplateRemoval(ports: ClockPorts): ClockPorts {
  const t = ports.templates;
  const templates: TemplateTable = {
    listFor: (pin) => t.listFor(pin),
    find: (pin, fid) => t.find(pin, fid),
    put: (template) => t.put(template),
    remove: () => {
      throw new Error('flash write failed');
    },
    findByFinger: (key) => t.findByFinger(key),
    count: () => t.count(),
    clear: () => t.clear(),
  };
  return { ...ports, templates };
}

describe('DATA UPDATE USERINFO', () => {
  it('adds a new user and tells the host the users changed', () => {
    const ctx = contextFor();

    const outcome = runCommand(`DATA UPDATE USERINFO PIN=1001${T}Name=Ana Lopez${T}Pri=14${T}Card=3809012973`, ctx);

    expect(outcome).toEqual({ returnCode: 0, reply: [], effects: [{ kind: 'users-changed' }] });
    expect(ctx.ports.users.findByPin('1001')).toEqual(
      newUser('1001', { name: 'Ana Lopez', privilege: 14, card: '3809012973' }),
    );
  });

  it('replaces an existing user and keeps their fingerprints', () => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1001', { name: 'Old', card: '5' }));
    ctx.ports.templates.put(fingerOf('1001', 6));

    runCommand(`DATA UPDATE USERINFO PIN=1001${T}Name=New`, ctx);

    expect(ctx.ports.users.findByPin('1001')).toEqual(newUser('1001', { name: 'New' }));
    expect(ctx.ports.templates.listFor('1001')).toHaveLength(1);
  });

  it('answers -1001 for a new user when the table is full, but still updates existing users', () => {
    const ctx = contextFor();
    for (const pin of ['1', '2', '3']) ctx.ports.users.put(newUser(pin));

    const added = runCommand('DATA UPDATE USERINFO PIN=4', ctx);
    const updated = runCommand(`DATA UPDATE USERINFO PIN=2${T}Name=Bo`, ctx);

    expect(added.returnCode).toBe(-1001);
    expect(ctx.ports.users.findByPin('4')).toBeUndefined();
    expect(updated.returnCode).toBe(0);
  });

  it('answers -1001 for a new card when cards are at capacity, but not for a user keeping theirs', () => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1', { card: '11' }));
    ctx.ports.users.put(newUser('2', { card: '22' }));

    const newCard = runCommand(`DATA UPDATE USERINFO PIN=3${T}Card=33`, ctx);
    const sameCard = runCommand(`DATA UPDATE USERINFO PIN=1${T}Name=Ana${T}Card=11`, ctx);
    const changedCard = runCommand(`DATA UPDATE USERINFO PIN=2${T}Card=23`, ctx);

    expect([newCard.returnCode, sameCard.returnCode, changedCard.returnCode]).toEqual([-1001, 0, 0]);
    expect(ctx.ports.users.findByPin('3')).toBeUndefined();
  });

  it('moves a card to its new holder, taking it from the previous one', () => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1', { card: '11' }));

    const outcome = runCommand(`DATA UPDATE USERINFO PIN=2${T}Card=11`, ctx);

    expect(outcome.returnCode).toBe(0);
    expect(ctx.ports.users.findByCard('11')?.pin).toBe('2');
    expect(ctx.ports.users.findByPin('1')?.card).toBe('');
  });

  it('keeps card numbers as data on a model without a card reader', () => {
    const ctx = contextFor(noCardReader);

    const outcome = runCommand(`DATA UPDATE USERINFO PIN=1${T}Card=[15CD5B07]`, ctx);

    expect(outcome.returnCode).toBe(0);
    expect(ctx.ports.users.findByPin('1')?.card).toBe('123456789');
  });
});

describe('DATA DELETE USERINFO', () => {
  it('deletes the user and their fingerprints', () => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1001'));
    ctx.ports.templates.put(fingerOf('1001', 6));
    ctx.ports.templates.put(fingerOf('1001', 1));

    const outcome = runCommand('DATA DELETE USERINFO PIN=1001', ctx);

    expect(outcome).toEqual({ returnCode: 0, reply: [], effects: [{ kind: 'users-changed' }] });
    expect(ctx.ports.users.findByPin('1001')).toBeUndefined();
    expect(ctx.ports.templates.count()).toBe(0);
  });

  it('succeeds with nothing to do for a user that is not there', () => {
    const outcome = runCommand('DATA DELETE USERINFO PIN=9', contextFor());

    expect(outcome).toEqual({ returnCode: 0, reply: [], effects: [] });
  });

  it('deletes user and fingerprints in one transaction: a failing port leaves both', () => {
    const ports = createMemoryPorts();
    ports.users.put(newUser('1001'));
    ports.templates.put(fingerOf('1001', 6));
    const failing = withFailingTemplateRemoval(ports);

    expect(() => runCommand('DATA DELETE USERINFO PIN=1001', contextFor(SMALL, failing))).toThrow('flash write failed');
    expect(ports.users.findByPin('1001')).toBeDefined();
  });
});

describe('DATA UPDATE FINGERTMP', () => {
  it('stores the template of a user on the clock', () => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1001'));

    const outcome = runCommand(fingerCommand('1001', 6), ctx);

    expect(outcome).toEqual({ returnCode: 0, reply: [], effects: [{ kind: 'users-changed' }] });
    expect(ctx.ports.templates.find('1001', 6)).toEqual(fingerOf('1001', 6));
  });

  it('stores a foreign template as received', () => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1'));

    runCommand(`DATA UPDATE FINGERTMP PIN=1${T}FID=2${T}TMP=Sp9TUzIxAAAD7PAECAUHCc7Q`, ctx);

    expect(ctx.ports.templates.find('1', 2)?.template).toBe('Sp9TUzIxAAAD7PAECAUHCc7Q');
  });

  it('answers -10 for a PIN that is not on the clock', () => {
    expect(runCommand(fingerCommand('1001', 6), contextFor()).returnCode).toBe(-10);
  });

  it.each([
    ['empty', ''],
    ['not base64', 'not*base64!'],
    ['of an impossible length', 'QUJDR'],
  ])('answers -11 for a TMP that is %s', (_, tmp) => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1'));

    expect(runCommand(`DATA UPDATE FINGERTMP PIN=1${T}FID=0${T}TMP=${tmp}`, ctx).returnCode).toBe(-11);
  });

  it('answers -12 for a simulator template that names no finger', () => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1'));
    const damaged = Buffer.from('TCSIM1 ???').toString('base64');

    expect(runCommand(`DATA UPDATE FINGERTMP PIN=1${T}FID=0${T}TMP=${damaged}`, ctx).returnCode).toBe(-12);
  });

  it('answers -9 when Size matches neither the base64 nor the byte length, and 0 when it matches either', () => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1'));
    const tmp = fingerOf('1', 0).template;

    const wrong = runCommand(fingerCommand('1', 0, `${T}Size=7`), ctx);
    const base64Length = runCommand(fingerCommand('1', 0, `${T}Size=${tmp.length}`), ctx);
    const byteLength = runCommand(fingerCommand('1', 0, `${T}Size=48`), ctx);

    expect([wrong.returnCode, base64Length.returnCode, byteLength.returnCode]).toEqual([-9, 0, 0]);
  });

  it('answers -1001 for a new finger when templates are full, but replaces an enrolled one', () => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1'));
    ctx.ports.templates.put(fingerOf('1', 0));
    ctx.ports.templates.put(fingerOf('1', 1));

    const added = runCommand(fingerCommand('1', 2), ctx);
    const replaced = runCommand(fingerCommand('1', 1), ctx);

    expect([added.returnCode, replaced.returnCode]).toEqual([-1001, 0]);
    expect(ctx.ports.templates.count()).toBe(2);
  });

  it('answers -1004 on a model without a fingerprint reader', () => {
    const ctx = contextFor(noFingerprint);
    ctx.ports.users.put(newUser('1'));

    expect(runCommand(fingerCommand('1', 0), ctx).returnCode).toBe(-1004);
    expect(ctx.ports.templates.count()).toBe(0);
  });
});

describe('DATA DELETE FINGERTMP', () => {
  it('deletes one finger, or all of them without FID', () => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1'));
    for (const fid of [0, 1, 2]) ctx.ports.templates.put(fingerOf('1', fid));

    const one = runCommand(`DATA DELETE FINGERTMP PIN=1${T}FID=1`, ctx);
    const remaining = ctx.ports.templates.listFor('1').map((t) => t.fid);
    const all = runCommand('DATA DELETE FINGERTMP PIN=1', ctx);

    expect([one.returnCode, all.returnCode]).toEqual([0, 0]);
    expect(remaining).toEqual([0, 2]);
    expect(ctx.ports.templates.count()).toBe(0);
  });

  it('succeeds for a finger already gone of a user on the clock', () => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1'));

    expect(runCommand(`DATA DELETE FINGERTMP PIN=1${T}FID=3`, ctx)).toEqual({ returnCode: 0, reply: [], effects: [] });
  });

  it('answers -10 for a PIN with neither a user nor a template', () => {
    expect(runCommand('DATA DELETE FINGERTMP PIN=404', contextFor()).returnCode).toBe(-10);
  });

  it('answers -1004 on a model without a fingerprint reader', () => {
    expect(runCommand('DATA DELETE FINGERTMP PIN=1', contextFor(noFingerprint)).returnCode).toBe(-1004);
  });
});

describe('ENROLL_FP', () => {
  it('hands the enrollment to the screen flow', () => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1001'));

    const outcome = runCommand(`ENROLL_FP PIN=1001${T}FID=6${T}RETRY=3${T}OVERWRITE=0`, ctx);

    expect(outcome).toEqual({
      returnCode: 0,
      reply: [],
      effects: [{ kind: 'enroll-finger', pin: '1001', fid: 6, retries: 3, overwrite: false }],
    });
  });

  it('answers -1 for an enrolled finger without OVERWRITE=1, and 0 with it', () => {
    const ctx = contextFor();
    ctx.ports.users.put(newUser('1'));
    ctx.ports.templates.put(fingerOf('1', 6));

    const kept = runCommand(`ENROLL_FP PIN=1${T}FID=6`, ctx);
    const overwritten = runCommand(`ENROLL_FP PIN=1${T}FID=6${T}OVERWRITE=1`, ctx);

    expect([kept.returnCode, overwritten.returnCode]).toEqual([-1, 0]);
  });

  it('answers -10 for a PIN not on the clock, -1001 when templates are full, -1004 without a reader', () => {
    const full = contextFor();
    full.ports.users.put(newUser('1'));
    full.ports.templates.put(fingerOf('1', 0));
    full.ports.templates.put(fingerOf('1', 1));
    const bare = contextFor(noFingerprint);
    bare.ports.users.put(newUser('1'));

    expect(runCommand(`ENROLL_FP PIN=2${T}FID=0`, full).returnCode).toBe(-10);
    expect(runCommand(`ENROLL_FP PIN=1${T}FID=2`, full).returnCode).toBe(-1001);
    expect(runCommand(`ENROLL_FP PIN=1${T}FID=2`, bare).returnCode).toBe(-1004);
  });
});
