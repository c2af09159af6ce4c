// The portal's first SysAdmin, made on a cloud's first start: its random password is printed once and
// kept in a file only its owner can read, beside the cloud's database, until the person changes it. A
// reset of that account's password rewrites the file, so that it never holds a password that is gone.
import fs from 'node:fs';
import path from 'node:path';
import { FIRST_ACCOUNT, type Accounts } from '../cloud/index.js';

export const PASSWORD_FILE = 'portal-password.txt';

export interface FirstAccount {
  username: string;
  password: string;
  /** Where the password is kept; undefined for a cloud in memory. */
  file: string | undefined;
}

/** Makes the first SysAdmin when the cloud has no account; undefined when it had one. */
export function firstAccount(accounts: Accounts, dataDir: string | undefined): FirstAccount | undefined {
  const password = accounts.ensureFirstSysAdmin();
  if (password === undefined) return undefined;
  let file: string | undefined;
  if (dataDir !== undefined) {
    file = path.join(dataDir, PASSWORD_FILE);
    writePasswordFile(file, FIRST_ACCOUNT, password, 'made');
  }
  return { username: FIRST_ACCOUNT, password, file };
}

function writePasswordFile(file: string, username: string, password: string, what: 'made' | 'reset'): void {
  fs.writeFileSync(
    file,
    `The first SysAdmin of the timeclock portal, ${what} ${new Date().toISOString()}:\n` +
      `username: ${username}\npassword: ${password}\n` +
      `Change it with: timeclock cloud accounts reset-password ${username}\n`,
    { mode: 0o600 },
  );
}

/**
 * After `username`'s password was reset: when the password file beside the database holds that account,
 * it is rewritten with the new password if it was a random one, or removed if the person chose it (they
 * know it, and a chosen password is not left in a file). Says what it did, or undefined when nothing.
 */
export function passwordFileAfterReset(
  dataDir: string,
  username: string,
  password: string,
  chosen: boolean,
): string | undefined {
  const kept = keptAccount(dataDir);
  if (kept?.username !== username) return undefined;
  const file = kept.file!;
  if (chosen) {
    fs.rmSync(file, { force: true });
    return `removed ${file}: it held the old password`;
  }
  writePasswordFile(file, username, password, 'reset');
  return `${file} holds the new password`;
}

/**
 * The account the password file beside the database holds, at a later start: the panel and the banner say
 * where its password is and how to print it, so that it is never only in a scrollback the UI covered.
 */
export function keptAccount(dataDir: string): FirstAccount | undefined {
  const file = path.join(dataDir, PASSWORD_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const username = /^username: (.*)$/m.exec(text)?.[1];
  const password = /^password: (.*)$/m.exec(text)?.[1];
  return username && password ? { username, password, file } : undefined;
}

/** The line said at every later start while the password file is there. */
export function keptAccountLine(account: FirstAccount): string {
  return `portal: sign in as "${account.username}"; its password: cat ${account.file}`;
}

/** The lines said once, at the start that made the account. */
export function firstAccountLines(account: FirstAccount): string[] {
  return [
    `portal: first SysAdmin "${account.username}", password ${account.password}`,
    account.file === undefined
      ? '  (kept in memory only: it is gone when this process ends)'
      : `  (shown once; kept in ${account.file}, readable by you only)`,
  ];
}
