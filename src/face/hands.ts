// What a press on the face page may be — a keypad key, or one of the simulator's hands (a finger on the
// reader, a card, the network cable, the cloud's line) — read from the request's JSON, and done to the
// clock. A bad press is a message naming the field, never a crash.
import { ALL_KEYS, modelHasKey, type Key } from '../../firmware/index.js';
import { fingerFrom, type Clock } from '../runtime/index.js';

/** The cloud as the face reaches it: whether it answers, and the simulator's switch. */
export interface FaceCloud {
  status(): { reachable: boolean };
  setReachable(reachable: boolean): void;
}

/** What the face acts on: the clock, and its cloud's switch when it has a cloud (none with `--cloud none`). */
export interface FaceSource {
  clock: Clock;
  cloud: () => FaceCloud | undefined;
}

export type Press =
  | { kind: 'key'; key: Key }
  | { kind: 'finger'; finger: string; quality: 'good' | 'poor' }
  | { kind: 'card'; card: string }
  | { kind: 'network'; up: boolean }
  | { kind: 'cloud'; up: boolean };

/** Card numbers as the readers send them: digits, at most 10 (a 32-bit EM4100 number). */
const CARD = /^[0-9]{1,10}$/;

function field(body: Record<string, unknown>, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(body, name) ? body[name] : undefined;
}

/** The press in a request body, or a message naming what is wrong with it. */
export function readPress(body: unknown, clock: Clock): Press | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  const b = body as Record<string, unknown>;
  const kind = field(b, 'kind');
  switch (kind) {
    case 'key': {
      const key = field(b, 'key');
      if (typeof key !== 'string' || !(ALL_KEYS as readonly string[]).includes(key)) {
        return `"key" must be one of ${ALL_KEYS.join(' ')}`;
      }
      if (!modelHasKey(clock.model, key as Key))
        return `"key" ${key} is not on the ${clock.model.displayName}'s keypad`;
      return { kind, key: key as Key };
    }
    case 'finger': {
      if (!clock.model.readers.fingerprint) return `the ${clock.model.displayName} has no fingerprint reader`;
      const finger = field(b, 'finger');
      const quality = field(b, 'quality') ?? 'good';
      if (typeof finger !== 'string') return '"finger" must be a string such as 1001/6';
      if (quality !== 'good' && quality !== 'poor') return '"quality" must be good or poor';
      try {
        fingerFrom(finger);
      } catch (error) {
        return (error as Error).message;
      }
      return { kind, finger, quality };
    }
    case 'card': {
      if (!clock.model.readers.proximity) return `the ${clock.model.displayName} has no card reader`;
      const card = field(b, 'card');
      if (typeof card !== 'string' || !CARD.test(card)) return '"card" must be 1 to 10 digits';
      return { kind, card };
    }
    case 'network':
    case 'cloud': {
      const up = field(b, 'up');
      if (typeof up !== 'boolean') return '"up" must be true or false';
      return { kind, up };
    }
    default:
      return '"kind" must be key, finger, card, network or cloud';
  }
}

/** Does the press; a message when it cannot be done now (no cloud to cut, the network unplugged). */
export function applyPress(source: FaceSource, press: Press): string | undefined {
  const { clock } = source;
  switch (press.kind) {
    case 'key':
      clock.press(press.key);
      return undefined;
    case 'finger':
      clock.placeFinger(press.finger, press.quality);
      return undefined;
    case 'card':
      clock.tapCard(press.card);
      return undefined;
    case 'network':
      clock.setLink(press.up);
      return undefined;
    case 'cloud': {
      const cloud = source.cloud();
      if (!cloud) return 'this clock runs without a cloud (--cloud none)';
      // As the terminal's panel says: restoring the cloud through an unplugged cable would show nothing.
      if (press.up && clock.frame().icons.network === 'x') return 'the network is unplugged: plug it in first';
      cloud.setReachable(press.up);
      return undefined;
    }
  }
}
