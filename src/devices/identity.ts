// A simulated clock's identity: its serial number (what the cloud knows it by, printed on the label and
// under About device) and its MAC address. Pure and deterministic, so a seed names the same clock every run.
import type { DeviceModel } from '../../firmware/index.js';
import { codedRangeError } from '../errors.js';

type IdentityFormat = Pick<DeviceModel, 'serialNumberFormat'>;

/**
 * The serial number of the clock a seed names. A numeric seed is written into the `#` digits as is
 * (seed 1 → `TC1A000001`), so a QA engineer can read the seed off the serial; a text seed is hashed.
 */
export function serialNumberFor(model: IdentityFormat, seed: number | string): string {
  const format = model.serialNumberFormat;
  const width = digitCount(format);
  const digits = typeof seed === 'number' ? numericDigits(seed, width, format) : hashedDigits(seed, width);
  let next = 0;
  return format.replace(/#/g, () => digits[next++]!);
}

/** True when `serialNumber` has the model's pattern: the same literals, a digit in place of each `#`. */
export function isValidSerialNumber(model: IdentityFormat, serialNumber: string): boolean {
  const format = model.serialNumberFormat;
  if (serialNumber.length !== format.length) return false;
  return [...format].every((ch, i) => {
    const actual = serialNumber[i]!;
    return ch === '#' ? actual >= '0' && actual <= '9' : actual === ch;
  });
}

/**
 * The MAC address of the clock with this serial number: the model's prefix and three octets. When
 * the serial's digits fit in 24 bits they are the octets, so distinct serials never share a MAC (as
 * on a production line); any other serial (a real clock's, typed by hand) is hashed.
 */
export function macAddressFor(
  model: Pick<DeviceModel, 'macPrefix' | 'serialNumberFormat'>,
  serialNumber: string,
): string {
  const format = model.serialNumberFormat;
  const digits = isValidSerialNumber(model, serialNumber)
    ? [...format].flatMap((ch, i) => (ch === '#' ? [serialNumber[i]!] : [])).join('')
    : '';
  const number = digits === '' ? Number.NaN : Number(digits);
  const low24 = Number.isSafeInteger(number) && number < 0x1000000 ? number : fnv1a(serialNumber) & 0xffffff;
  const octets = [low24 >>> 16, (low24 >>> 8) & 0xff, low24 & 0xff].map((o) => o.toString(16).padStart(2, '0'));
  return `${model.macPrefix}:${octets.join(':')}`.toUpperCase();
}

function digitCount(format: string): number {
  return [...format].filter((ch) => ch === '#').length;
}

function numericDigits(seed: number, width: number, format: string): string {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw codedRangeError('TC_ERR_DEVICE_IDENTITY', `seed must be a whole number of 0 or more, got ${seed}`);
  }
  const digits = String(seed).padStart(width, '0');
  // Wrapping around would give two seeds the same serial; say so instead.
  if (digits.length > width)
    throw codedRangeError('TC_ERR_DEVICE_IDENTITY', `seed ${seed} does not fit the ${width} digits of ${format}`);
  return digits;
}

/** `width` decimal digits from a text: FNV-1a, then a 32-bit mixer stepped once per digit. */
function hashedDigits(seed: string, width: number): string {
  let state = fnv1a(seed);
  let digits = '';
  for (let i = 0; i < width; i++) {
    state = mix32(state + 0x9e3779b9);
    digits += String(state % 10);
  }
  return digits;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A 32-bit finaliser (from MurmurHash3): spreads every input bit over the output. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
