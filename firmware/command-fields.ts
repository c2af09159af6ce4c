// Reading the TAB-separated `Key=Value` fields of a cloud command, tolerant of the dialects servers
// send. The first bad value is kept as the problem, so a command is malformed as a whole, never half-read.
import { MAX_CARD_NUMBER, parseCardNumber } from './cards.js';
import { parseTimestamp, type LocalTime } from './time.js';
import { isPrivilege, isValidPin, newUser, type Privilege, type Template, type User } from './users.js';

/** The pairs in the order sent; pieces without a key are not fields and are skipped. */
export function splitPairs(text: string): [key: string, value: string][] {
  const pairs: [string, string][] = [];
  for (const piece of text.split('\t')) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const key = piece.slice(0, eq).trim();
    // Only the first `=` separates: base64 templates end in `=` padding.
    if (key !== '') pairs.push([key, piece.slice(eq + 1).trim()]);
  }
  return pairs;
}

export class FieldReader {
  /** The first bad field, worded for the server's log: `Pri must be 0, 2, 6 or 14, got "3"`. */
  problem: string | undefined;
  private readonly fields = new Map<string, string>();

  constructor(text: string) {
    // Keys by lower case, first one wins: servers differ in case (`Pin`, `PIN`) and none sends a key twice on purpose.
    for (const [key, value] of splitPairs(text)) {
      const folded = key.toLowerCase();
      if (!this.fields.has(folded)) this.fields.set(folded, value);
    }
  }

  fail(key: string, problem: string): void {
    this.problem ??= `${key} ${problem}`;
  }

  /** The value, or '' when the key is absent: the protocol sends empty values for "none". */
  text(key: string): string {
    return this.fields.get(key.toLowerCase()) ?? '';
  }

  pin(): string {
    const value = this.text('PIN');
    if (!isValidPin(value))
      this.fail('PIN', value === '' ? 'is missing' : `must be 1–24 letters or digits, got "${value}"`);
    return value;
  }

  optionalPin(): string | undefined {
    return this.text('PIN') === '' ? undefined : this.pin();
  }

  /** A whole number in [min, max]; an absent or empty field is `fallback`, or missing when there is none. */
  integer(key: string, min: number, max: number, fallback?: number): number {
    const value = this.text(key);
    if (value === '') {
      if (fallback === undefined) this.fail(key, 'is missing');
      return fallback ?? min;
    }
    const n = /^-?\d{1,9}$/.test(value) ? Number(value) : NaN;
    if (!(n >= min && n <= max)) this.fail(key, `must be a whole number from ${min} to ${max}, got "${value}"`);
    return Number.isNaN(n) ? min : n;
  }

  optionalInteger(key: string, min: number, max: number): number | undefined {
    return this.text(key) === '' ? undefined : this.integer(key, min, max);
  }

  flag(key: string): boolean {
    return this.integer(key, 0, 1, 0) === 1;
  }

  fid(): number {
    return this.integer('FID', 0, 9);
  }

  /** `Pri`, or `Privilege` as some servers spell it; 0 when neither is sent. */
  privilege(): Privilege {
    const key = this.text('Pri') === '' && this.text('Privilege') !== '' ? 'Privilege' : 'Pri';
    const value = this.text(key);
    if (value === '') return 0;
    const n = /^\d{1,2}$/.test(value) ? Number(value) : NaN;
    if (isPrivilege(n)) return n;
    this.fail(key, `must be 0, 2, 6 or 14, got "${value}"`);
    return 0;
  }

  /** PUSH verify mode; -1 or empty means the clock's default. Face and vein modes (15–29) are kept: the
   * screen flow answers them as unsupported, and the user still uploads back as the cloud sent it. */
  verifyMode(): number {
    return this.integer('Verify', -1, 29, -1);
  }

  /**
   * The card as the decimal number the clock stores, '' for none. Brackets carry hex of the card's four
   * bytes in the order the clock keeps them, least significant first: `[15CD5B07]` is 123456789.
   * 0 is not a tag any reader reports, so servers that send `0` or `[00000000]` mean "no card".
   */
  card(): string {
    const value = this.text('Card');
    if (value === '') return '';
    const hex = /^\[((?:[0-9A-Fa-f]{2}){1,4})\]$/.exec(value)?.[1];
    const n = hex !== undefined ? littleEndian(hex) : Number(parseCardNumber(value) ?? NaN);
    if (!(n <= MAX_CARD_NUMBER)) {
      this.fail('Card', `must be a decimal number up to 4294967295 or [hex bytes], got "${value}"`);
      return '';
    }
    return n === 0 ? '' : String(n);
  }

  timestamp(key: string): LocalTime {
    const value = this.text(key);
    const time = parseTimestamp(value);
    if (time === undefined) {
      this.fail(key, value === '' ? 'is missing' : `must be YYYY-MM-DD HH:MM:SS, got "${value}"`);
      return 0;
    }
    return time;
  }
}

function littleEndian(hex: string): number {
  let n = 0;
  for (let i = hex.length - 2; i >= 0; i -= 2) n = n * 256 + parseInt(hex.slice(i, i + 2), 16);
  return n;
}

/** A USERINFO record's fields (`PIN=…⇥Name=…⇥Pri=…`), as commands and OPERLOG uploads both carry them. */
export function readUserFields(at: FieldReader): User {
  return newUser(at.pin(), {
    name: at.text('Name'),
    privilege: at.privilege(),
    password: at.text('Passwd'),
    card: at.card(),
    group: at.integer('Grp', 0, 65_535, 1),
    timeZones: at.text('TZ') || '0000000000000000',
    verifyMode: at.verifyMode(),
  });
}

/**
 * A FINGERTMP record's fields, and its Size when given. TMP is kept as sent, even empty: judging a
 * template is for whoever stores it. Valid is 1 for a normal finger and 3 for a duress finger on some
 * clocks: both are usable.
 */
export function readTemplateFields(at: FieldReader): { template: Template; size?: number } {
  const valid = at.integer('Valid', 0, 255, 1) !== 0;
  const template: Template = { pin: at.pin(), fid: at.fid(), valid, template: at.text('TMP') };
  const size = at.optionalInteger('Size', 0, 1_000_000);
  return size === undefined ? { template } : { template, size };
}
