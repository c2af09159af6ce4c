// Portal secrets: passwords hashed with scrypt (node:crypto), API tokens and generated passwords from
// the system's random source. Only hashes are stored; a secret is shown once, when it is made.
import crypto from 'node:crypto';

const SCRYPT = { N: 16_384, r: 8, p: 1, keyLength: 32 } as const;

/** The variable that lowers scrypt's cost for a test run (vitest.config.ts sets it); never set in production. */
export const TEST_SCRYPT_N_ENV = 'TIMECLOCK_TEST_SCRYPT_N';
const LOWEST_TEST_N = 1_024;

/**
 * scrypt's N for new hashes: 16,384 (about 60 ms of CPU), unless TIMECLOCK_TEST_SCRYPT_N names a lower
 * power of two from 1,024 — the test suite's portals hash and verify a few passwords per test, a minute
 * of CPU in all. Any other value is ignored; it can only lower the cost, never below 1,024. A hash made
 * cheaply is still verified right: its parameters travel with it.
 */
export function scryptCost(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env[TEST_SCRYPT_N_ENV]);
  const powerOfTwo = Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
  return powerOfTwo && n >= LOWEST_TEST_N && n < SCRYPT.N ? n : SCRYPT.N;
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64: the parameters travel with the hash. */
export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(16);
  const N = scryptCost();
  const hash = crypto.scryptSync(password, salt, SCRYPT.keyLength, { N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = crypto.scryptSync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return crypto.timingSafeEqual(actual, expected);
}

/** A password a person can type: 16 letters and digits without look-alikes (about 90 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from(crypto.randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** An API token: `tc_` and 32 random bytes in base64url. */
export function generateToken(): string {
  return `tc_${crypto.randomBytes(32).toString('base64url')}`;
}

export function tokenHash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
