// Which credentials identify whom: the PUSH verify modes as sets of factors, and the step-by-step
// decision the screen flow takes as credentials arrive.
import type { DeviceModel } from './device.js';
import type { User } from './users.js';

/** A credential presented at the clock: a typed ID, a password, a finger, a card. */
export type Factor = 'id' | 'password' | 'finger' | 'card';

/** Verify modes 0–14 as alternatives, each a set of factors that together identify the user. */
export const VERIFY_MODES: Readonly<Record<number, readonly (readonly Factor[])[]>> = {
  0: [['id'], ['finger'], ['card'], ['password']],
  1: [['finger']],
  2: [['id']],
  3: [['password']],
  4: [['card']],
  5: [['finger'], ['password']],
  6: [['finger'], ['card']],
  7: [['card'], ['password']],
  8: [['id', 'finger']],
  9: [['finger', 'password']],
  10: [['card', 'finger']],
  11: [['card', 'password']],
  12: [['finger', 'password', 'card']],
  13: [['id', 'finger', 'password']],
  14: [
    ['id', 'finger'],
    ['card', 'finger'],
  ],
};

export const VERIFY_MODE_NAMES: Readonly<Record<number, string>> = {
  0: 'Any method',
  1: 'Fingerprint only',
  2: 'User ID',
  3: 'Password only',
  4: 'Card only',
  5: 'Fingerprint or password',
  6: 'Fingerprint or card',
  7: 'Card or password',
  8: 'User ID + fingerprint',
  9: 'Fingerprint + password',
  10: 'Card + fingerprint',
  11: 'Card + password',
  12: 'Fingerprint + password + card',
  13: 'User ID + fingerprint + password',
  14: '(User ID or card) + fingerprint',
};

export const FACTOR_ORDER: readonly Factor[] = ['id', 'finger', 'card', 'password'];

export type VerifyStep =
  /** The factors presented identify the user. */
  | { kind: 'identified' }
  /** More is needed: any of these factors may come next. */
  | { kind: 'needs'; factors: Factor[] }
  /** The user's mode does not admit the credentials presented (the first, or a later one it does not use). */
  | { kind: 'refused'; allowed: Factor[] }
  /** The user's mode cannot be served by this clock model (face, vein, or a missing reader). */
  | { kind: 'unsupported' };

/** The mode that applies to a user: their own, or the clock's default when theirs is -1. */
export function effectiveVerifyMode(user: User, defaultMode: number): number {
  return user.verifyMode < 0 ? defaultMode : user.verifyMode;
}

/** The alternatives of a mode that this model's readers can serve. */
export function servableAlternatives(mode: number, model: DeviceModel): Factor[][] {
  const alternatives = VERIFY_MODES[mode] ?? [];
  return alternatives.filter((alt) => alt.every((factor) => readerFor(factor, model))).map((alt) => [...alt]);
}

/** What follows once `presented` factors (in order, the first started it) have been checked. */
export function verifyStep(mode: number, model: DeviceModel, presented: readonly Factor[]): VerifyStep {
  const alternatives = servableAlternatives(mode, model);
  if (alternatives.length === 0) return { kind: 'unsupported' };
  const candidates = alternatives.filter((alt) => presented.every((f) => admits(alt, f)));
  if (candidates.length === 0) return { kind: 'refused', allowed: firstFactors(alternatives) };
  if (candidates.some((alt) => alt.every((f) => presented.includes(f)))) return { kind: 'identified' };
  const missing = new Set(candidates.flatMap((alt) => alt.filter((f) => !presented.includes(f))));
  return { kind: 'needs', factors: FACTOR_ORDER.filter((f) => missing.has(f)) };
}

/** A typed ID admits a user whose mode counts the ID itself, or asks for a password after it. */
function admits(alternative: readonly Factor[], factor: Factor): boolean {
  return alternative.includes(factor) || (factor === 'id' && alternative.includes('password'));
}

/** The credentials that can start an identification in these alternatives. */
function firstFactors(alternatives: Factor[][]): Factor[] {
  const starts = new Set<Factor>(alternatives.flatMap((alt) => alt.map((f): Factor => (f === 'password' ? 'id' : f))));
  return FACTOR_ORDER.filter((f) => starts.has(f));
}

function readerFor(factor: Factor, model: DeviceModel): boolean {
  if (factor === 'finger') return model.readers.fingerprint;
  if (factor === 'card') return model.readers.proximity;
  return true;
}

/** The ATTLOG verify type of an identification: the strongest factor used. */
export function recordedVerifyType(presented: readonly Factor[]): 0 | 1 | 4 {
  if (presented.includes('finger')) return 1;
  if (presented.includes('card')) return 4;
  return 0;
}
