// The portal's first SysAdmin, made on a cloud's first start: its random password is printed once and
// kept in a file only its owner can read, beside the cloud's database, until the person changes it.
import fs from 'node:fs';
import path from 'node:path';
import { FIRST_ACCOUNT, type Accounts } from '../cloud/accounts.js';

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
    fs.writeFileSync(
      file,
      `The first SysAdmin of the timeclock portal, made ${new Date().toISOString()}:\n` +
        `username: ${FIRST_ACCOUNT}\npassword: ${password}\n` +
        `Change it with: timeclock cloud accounts reset-password ${FIRST_ACCOUNT}\n`,
      { mode: 0o600 },
    );
  }
  return { username: FIRST_ACCOUNT, password, file };
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
