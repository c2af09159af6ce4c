// Simulated fingerprints: a template names the finger it was taken from, so a scan can be matched
// without any biometrics. Templates in any other format are kept and uploaded as received.

/** A physical finger: whose hand (usually the owner's badge number) and which finger (0–9). */
export interface Finger {
  person: string;
  fid: number;
}

export const FINGER_NAMES = [
  'left-little',
  'left-ring',
  'left-middle',
  'left-index',
  'left-thumb',
  'right-thumb',
  'right-index',
  'right-middle',
  'right-ring',
  'right-little',
] as const;

export type FingerName = (typeof FINGER_NAMES)[number];

const MAGIC = 'TCSIM1 ';
const BLOB_BYTES = 48;

export function fingerKey(finger: Finger): string {
  return `${finger.person}/${finger.fid}`;
}

export function fingerIndex(name: string): number | undefined {
  const index = (FINGER_NAMES as readonly string[]).indexOf(name);
  return index < 0 ? undefined : index;
}

/** The simulator's template of a finger: base64 of a fixed-size ASCII blob. */
export function simulatedTemplate(finger: Finger): string {
  const text = `${MAGIC}${fingerKey(finger)}`.padEnd(BLOB_BYTES, ' ');
  return encodeBase64(text);
}

/** The finger a simulator template names, or undefined for a foreign or damaged template. */
export function fingerKeyOfTemplate(template: string): string | undefined {
  const text = decodeBase64(template);
  if (text === undefined || !text.startsWith(MAGIC)) return undefined;
  const key = text.slice(MAGIC.length).trimEnd();
  return /^[0-9A-Za-z]{1,24}\/[0-9]$/.test(key) ? key : undefined;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function encodeBase64(ascii: string): string {
  let out = '';
  for (let i = 0; i < ascii.length; i += 3) {
    const a = ascii.charCodeAt(i);
    const b = i + 1 < ascii.length ? ascii.charCodeAt(i + 1) : 0;
    const c = i + 2 < ascii.length ? ascii.charCodeAt(i + 2) : 0;
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < ascii.length ? ALPHABET[(n >> 6) & 63]! : '=';
    out += i + 2 < ascii.length ? ALPHABET[n & 63]! : '=';
  }
  return out;
}

function decodeBase64(base64: string): string | undefined {
  const clean = base64.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return undefined;
  let out = '';
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    value = (value << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >> bits) & 0xff);
    }
  }
  return out;
}
