// scrypt's cost: full (N = 16,384) unless the test-only variable lowers it, and then only to a power of two
// from 1,024; a `timeclock cloud` started without the variable stores full-cost hashes, one started with
// it cheap ones, and both kinds verify, since each hash carries its parameters.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_SCRYPT_N_ENV, hashPassword, scryptCost, verifyPassword } from '../../src/cloud/domain/passwords.js';
import { makeTempDir } from '../fixtures/temp-dir.js';

const BIN = fileURLToPath(new URL('../../bin/timeclock.js', import.meta.url));
const temp = makeTempDir('timeclock-passwords-');
afterAll(() => temp.remove());

describe('scrypt cost', () => {
  it('is 16,384 unless the test variable names a lower power of two from 1,024', () => {
    expect(scryptCost({})).toBe(16_384);
    expect(scryptCost({ [TEST_SCRYPT_N_ENV]: '1024' })).toBe(1_024);
    expect(scryptCost({ [TEST_SCRYPT_N_ENV]: '4096' })).toBe(4_096);
    for (const ignored of ['512', '1000', '16384', '32768', 'cheap', '', '-1024', '1024.5'])
      expect(scryptCost({ [TEST_SCRYPT_N_ENV]: ignored }), ignored).toBe(16_384);
  });

  it('travels with each hash: a cheap hash and a full one both verify, and a wrong password fails', () => {
    const cheap = hashPassword('correct-horse-battery');
    expect(cheap.split('$')[1]).toBe(String(scryptCost()));
    expect(verifyPassword('correct-horse-battery', cheap)).toBe(true);
    expect(verifyPassword('correct-horse-batterz', cheap)).toBe(false);

    // A full-cost hash as production makes it, verified here whatever this process's variable says.
    const full = addAccount(temp.path, 'full', undefined);
    expect(full.hash.split('$').slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
    expect(verifyPassword(full.password, full.hash)).toBe(true);
    expect(verifyPassword(`${full.password}x`, full.hash)).toBe(false);
  });

  it('is full in a `timeclock cloud` started without the variable, and lowered in one started with it', () => {
    expect(addAccount(temp.path, 'prod', undefined).hash.split('$')[1]).toBe('16384');
    expect(addAccount(temp.path, 'test', '1024').hash.split('$')[1]).toBe('1024');
  });
});

/** `timeclock cloud accounts add NAME` in a data folder, with or without the variable: the printed password and the stored hash. */
function addAccount(dir: string, name: string, n: string | undefined): { password: string; hash: string } {
  const env = { ...process.env };
  delete env[TEST_SCRYPT_N_ENV];
  if (n !== undefined) env[TEST_SCRYPT_N_ENV] = n;
  const run = spawnSync(process.execPath, [BIN, 'cloud', '--data', dir, 'accounts', 'add', name], {
    encoding: 'utf8',
    env,
  });
  expect(run.status, run.stderr).toBe(0);
  const password = /password (\S+)/.exec(run.stdout)?.[1] ?? '';
  const db = new Database(path.join(dir, 'cloud.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT password_hash AS hash FROM accounts WHERE username = ?').get(name) as {
      hash: string;
    };
    return { password, hash: row.hash };
  } finally {
    db.close();
  }
}
