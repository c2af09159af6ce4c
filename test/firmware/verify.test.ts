// The verification policy as a table: for each verify mode of docs/wire-formats.md §1, each first credential and
// each clock model, what verifyStep must answer. The expectations are written out by hand from the
// meaning of the modes, never computed with the code under test.
import { describe, expect, it } from 'vitest';

import { loadDeviceModel } from '../../src/devices/index.js';
import type { DeviceModel } from '../../firmware/device.js';
import { newUser } from '../../firmware/users.js';
import {
  effectiveVerifyMode,
  recordedVerifyType,
  servableAlternatives,
  verifyStep,
  type Factor,
  type VerifyStep,
} from '../../firmware/verify.js';

const biometric = loadDeviceModel('biometric');
const proximity = loadDeviceModel('proximity');

/**
 * What the clock has been shown, in order. A password names nobody, so it always follows a typed ID
 * (docs/wire-formats.md §1: the ID says who, the password proves it).
 */
const FIRST_CREDENTIALS: readonly { label: string; presented: Factor[] }[] = [
  { label: 'a typed ID', presented: ['id'] },
  { label: 'a finger', presented: ['finger'] },
  { label: 'a card', presented: ['card'] },
  { label: 'a typed ID then a password', presented: ['id', 'password'] },
];

/**
 * Cells: `identified`, `needs <factors>` (what may come next), `refused: <factors>` (the credentials
 * that could have started it; a password starts with a typed ID), `unsupported`. Factors in the order
 * id, finger, card, password. A credential the mode does not use refuses the attempt, even after an ID
 * the mode admits (mode 2, ID then password: the screen never asks, the cell pins the rule).
 */
type Row = [mode: number, meaning: string, cells: [id: string, finger: string, card: string, idPassword: string]];

const BIOMETRIC_TABLE: Row[] = [
  [0, 'any method', ['identified', 'identified', 'identified', 'identified']],
  [1, 'fingerprint only', ['refused: finger', 'identified', 'refused: finger', 'refused: finger']],
  [2, 'user ID', ['identified', 'refused: id', 'refused: id', 'refused: id']],
  [3, 'password only', ['needs password', 'refused: id', 'refused: id', 'identified']],
  [4, 'card only', ['refused: card', 'refused: card', 'identified', 'refused: card']],
  [5, 'fingerprint or password', ['needs password', 'identified', 'refused: id finger', 'identified']],
  [6, 'fingerprint or card', ['refused: finger card', 'identified', 'identified', 'refused: finger card']],
  [7, 'card or password', ['needs password', 'refused: id card', 'identified', 'identified']],
  [8, 'user ID + fingerprint', ['needs finger', 'needs id', 'refused: id finger', 'refused: id finger']],
  [9, 'fingerprint + password', ['needs finger password', 'needs password', 'refused: id finger', 'needs finger']],
  [10, 'card + fingerprint', ['refused: finger card', 'needs card', 'needs finger', 'refused: finger card']],
  [11, 'card + password', ['needs card password', 'refused: id card', 'needs password', 'needs card']],
  [
    12,
    'fingerprint + password + card',
    ['needs finger card password', 'needs card password', 'needs finger password', 'needs finger card'],
  ],
  [
    13,
    'user ID + fingerprint + password',
    ['needs finger password', 'needs id password', 'refused: id finger', 'needs finger'],
  ],
  [
    14,
    '(user ID + fingerprint) or (card + fingerprint)',
    ['needs finger', 'needs id card', 'needs finger', 'refused: id finger card'],
  ],
];

/** No fingerprint reader: modes that need a finger in every alternative cannot be served at all. */
const PROXIMITY_TABLE: Row[] = [
  [0, 'any method', ['identified', 'refused: id card', 'identified', 'identified']],
  [1, 'fingerprint only', ['unsupported', 'unsupported', 'unsupported', 'unsupported']],
  [2, 'user ID', ['identified', 'refused: id', 'refused: id', 'refused: id']],
  [3, 'password only', ['needs password', 'refused: id', 'refused: id', 'identified']],
  [4, 'card only', ['refused: card', 'refused: card', 'identified', 'refused: card']],
  [5, 'fingerprint or password: the password', ['needs password', 'refused: id', 'refused: id', 'identified']],
  [6, 'fingerprint or card: the card', ['refused: card', 'refused: card', 'identified', 'refused: card']],
  [7, 'card or password', ['needs password', 'refused: id card', 'identified', 'identified']],
  [8, 'user ID + fingerprint', ['unsupported', 'unsupported', 'unsupported', 'unsupported']],
  [9, 'fingerprint + password', ['unsupported', 'unsupported', 'unsupported', 'unsupported']],
  [10, 'card + fingerprint', ['unsupported', 'unsupported', 'unsupported', 'unsupported']],
  [11, 'card + password', ['needs card password', 'refused: id card', 'needs password', 'needs card']],
  [12, 'fingerprint + password + card', ['unsupported', 'unsupported', 'unsupported', 'unsupported']],
  [13, 'user ID + fingerprint + password', ['unsupported', 'unsupported', 'unsupported', 'unsupported']],
  [14, '(user ID + fingerprint) or (card + fingerprint)', ['unsupported', 'unsupported', 'unsupported', 'unsupported']],
];

/** Reads a cell of the tables above; notation only, no policy. */
function step(cell: string): VerifyStep {
  if (cell === 'identified' || cell === 'unsupported') return { kind: cell };
  const [kind, ...factors] = cell.replace(':', '').split(' ') as [string, ...Factor[]];
  if (kind === 'needs') return { kind: 'needs', factors };
  if (kind === 'refused') return { kind: 'refused', allowed: factors };
  throw new Error(`bad cell ${cell}`);
}

const TABLES: readonly [string, DeviceModel, Row[]][] = [
  ['biometric', biometric, BIOMETRIC_TABLE],
  ['proximity', proximity, PROXIMITY_TABLE],
];

describe.each(TABLES)('on the %s clock', (_name, model, table) => {
  it('the table covers every mode 0–14', () => {
    expect(table.map(([mode]) => mode)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  describe.each(table)('verify mode %i (%s)', (mode, _meaning, cells) => {
    it.each(FIRST_CREDENTIALS.map((c, i) => [c.label, cells[i]!, c.presented] as const))(
      '%s → %s',
      (_label, cell, presented) => {
        expect(verifyStep(mode, model, presented)).toEqual(step(cell));
      },
    );
  });

  describe.each([15, 20, 29])('verify mode %i (face, finger vein or palm)', (mode) => {
    it.each(FIRST_CREDENTIALS.map((c) => [c.label, c.presented] as const))('%s → unsupported', (_label, presented) => {
      expect(verifyStep(mode, model, presented)).toEqual({ kind: 'unsupported' });
    });
  });

  // -1 is resolved by effectiveVerifyMode before verifyStep; if it ever slips through, nobody is let in.
  it.each(FIRST_CREDENTIALS.map((c) => [c.label, c.presented] as const))(
    'an unresolved verify mode -1 with %s → unsupported',
    (_label, presented) => {
      expect(verifyStep(-1, model, presented)).toEqual({ kind: 'unsupported' });
    },
  );
});

describe('the support article: "non-secure" decides whether the badge number may be typed', () => {
  it('non-secure OFF (Verify=6): a typed badge number is refused, so the screen says Unknown User', () => {
    expect(verifyStep(6, biometric, ['id'])).toEqual({ kind: 'refused', allowed: ['finger', 'card'] });
  });

  it('non-secure OFF (Verify=6): the fingerprint and the proximity card still identify', () => {
    expect(verifyStep(6, biometric, ['finger'])).toEqual({ kind: 'identified' });
    expect(verifyStep(6, biometric, ['card'])).toEqual({ kind: 'identified' });
  });

  it('non-secure ON (Verify=0): the typed badge number identifies', () => {
    expect(verifyStep(0, biometric, ['id'])).toEqual({ kind: 'identified' });
  });

  it('non-secure ON (Verify=0): the fingerprint and the proximity card identify as well', () => {
    expect(verifyStep(0, biometric, ['finger'])).toEqual({ kind: 'identified' });
    expect(verifyStep(0, biometric, ['card'])).toEqual({ kind: 'identified' });
  });

  it('non-secure OFF on the proximity clock leaves the card as the only way', () => {
    expect(verifyStep(6, proximity, ['id'])).toEqual({ kind: 'refused', allowed: ['card'] });
    expect(verifyStep(6, proximity, ['card'])).toEqual({ kind: 'identified' });
  });
});

describe('verify mode -1: the clock default applies', () => {
  it('a user at -1 takes the clock default mode', () => {
    expect(effectiveVerifyMode(newUser('1001', { verifyMode: -1 }), 6)).toBe(6);
  });

  it('a user with a mode of their own keeps it whatever the default', () => {
    expect(effectiveVerifyMode(newUser('1001', { verifyMode: 0 }), 6)).toBe(0);
    expect(effectiveVerifyMode(newUser('1001', { verifyMode: 6 }), 0)).toBe(6);
  });

  it('a user at -1 on a clock whose default is 6 cannot type the badge number', () => {
    const mode = effectiveVerifyMode(newUser('1001', { verifyMode: -1 }), 6);

    expect(verifyStep(mode, biometric, ['id'])).toEqual({ kind: 'refused', allowed: ['finger', 'card'] });
  });

  it('a user at -1 on a clock whose default is 0 can type the badge number', () => {
    const mode = effectiveVerifyMode(newUser('1001', { verifyMode: -1 }), 0);

    expect(verifyStep(mode, biometric, ['id'])).toEqual({ kind: 'identified' });
  });
});

describe('multi-factor sequences', () => {
  it.each<[number, Factor[], string]>([
    [13, ['id'], 'needs finger password'],
    [13, ['id', 'finger'], 'needs password'],
    [13, ['id', 'finger', 'password'], 'identified'],
    [13, ['id', 'password', 'finger'], 'identified'],
    [13, ['id', 'card'], 'refused: id finger'],
    [14, ['card'], 'needs finger'],
    [14, ['card', 'finger'], 'identified'],
    [14, ['id', 'finger'], 'identified'],
    [14, ['finger', 'card'], 'identified'],
    [14, ['finger', 'id'], 'identified'],
    [14, ['card', 'id'], 'refused: id finger card'],
    [12, ['finger', 'card', 'password'], 'identified'],
    [12, ['card', 'finger'], 'needs password'],
    [11, ['card', 'password'], 'identified'],
    [11, ['id', 'password', 'card'], 'identified'],
    [10, ['card', 'finger'], 'identified'],
    [10, ['card', 'password'], 'refused: finger card'],
    [9, ['finger', 'password'], 'identified'],
    [9, ['id', 'password', 'finger'], 'identified'],
    [8, ['id', 'finger'], 'identified'],
    [8, ['finger', 'id'], 'identified'],
    [8, ['id', 'card'], 'refused: id finger'],
  ])('on the biometric clock, mode %i after %j → %s', (mode, presented, cell) => {
    expect(verifyStep(mode, biometric, presented)).toEqual(step(cell));
  });

  it('on the proximity clock, mode 11 identifies by card then password', () => {
    expect(verifyStep(11, proximity, ['card', 'password'])).toEqual({ kind: 'identified' });
  });
});

describe('servableAlternatives', () => {
  it('keeps the card of "fingerprint or card" on a clock without a fingerprint reader', () => {
    expect(servableAlternatives(6, proximity)).toEqual([['card']]);
  });

  it('keeps both alternatives of mode 14 on the biometric clock', () => {
    expect(servableAlternatives(14, biometric)).toEqual([
      ['id', 'finger'],
      ['card', 'finger'],
    ]);
  });
});

describe('recordedVerifyType: the ATTLOG verify of an identification', () => {
  it.each<[Factor[], number]>([
    [['id'], 0],
    [['id', 'password'], 0],
    [['finger'], 1],
    [['card'], 4],
    [['card', 'finger'], 1],
    [['id', 'finger', 'password'], 1],
    [['card', 'password'], 4],
  ])('records %j as %i', (presented, verify) => {
    expect(recordedVerifyType(presented)).toBe(verify);
  });
});
