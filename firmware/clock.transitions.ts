// The shorthands the clock machine's transitions are written in: a key's guard, an identification's
// verdict, the factor a second step needs, a reader the model has, a reader's tap that punches at
// once, and the idle screen's id.
import type { Key } from './device.js';
import type { Factor } from './verify.js';

export const key = (k: Key) => ({ type: 'key', params: { key: k } }) as const;
export const verdict = (kind: 'continue' | 'retry' | 'identified' | 'failed') =>
  ({ type: 'verdict', params: { kind } }) as const;
export const needs = (factor: Factor) => ({ type: 'needs', params: { factor } }) as const;
export const fingerprintReader = { type: 'hasReader', params: { reader: 'fingerprint' } } as const;
export const proximityReader = { type: 'hasReader', params: { reader: 'proximity' } } as const;
/** What a credential comes by: a reader, or the keypad's OK after an ID. */
export type Via = 'fingerprint' | 'proximity' | 'keypad';
/** The credential identifies its user for a punch at once (one guard: the hot path's). */
export const punchesAtOnce = (via: Via) => ({ type: 'punchesAtOnce', params: { via } }) as const;
export const toIdle = '#clock.screen.idle';
