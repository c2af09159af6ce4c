// `timeclock cloud accounts`: the portal's accounts from the command line — add, list, remove, and reset a
// password — on the cloud's database file, also while that cloud runs.
import path from 'node:path';
import type { Command } from 'commander';
import { ACCOUNT_ROLES } from '../cloud/index.js';
import { Accounts, COMMAND_LINE_ACTOR } from '../cloud/index.js';
import { openCloudStore, type CloudStore } from '../cloud/index.js';
import { createLogger } from '../log.js';
import { StoreOpenError } from '../store/index.js';
import { passwordFileAfterReset } from './portal-account.js';
import { UsageError, onAction, optionsOf, timeclockCommand, type OutputIo } from './program.js';

/** The database file the parent `cloud` command names (`--data`, its variable, or the default). */
export type DataFileOf = () => string;

export function createAccountsCommand(io: OutputIo, dataFile: DataFileOf): Command {
  const accounts = timeclockCommand('accounts', io)
    .summary("manage the portal's accounts (SysAdmin and read-only)")
    .description(
      "Adds, lists and removes the portal's accounts and resets passwords, in the cloud's database\n" +
        '(the one `timeclock cloud` is given, before the word accounts). Works while the cloud runs.',
    );
  const add = timeclockCommand('add', io)
    .summary('add an account; prints its password')
    .argument('<username>', 'the name to sign in with')
    .option('--role <role>', `what the account may do: ${ACCOUNT_ROLES.join(' or ')}`, 'readonly')
    .option('--password <password>', 'its password (at least 10 characters; default: a random one, printed)');
  onAction(add, ([username]) =>
    withAccounts(io, dataFile, (a) => {
      const { role, password } = optionsOf<{ role: string; password?: string }>(add);
      const added = a.add(username!, role, password);
      if (!added.ok) throw new UsageError(added.problem.message);
      io.stdout.write(
        `added ${username} (${role})${password === undefined ? `, password ${added.value.password}` : ''}\n`,
      );
    }),
  );
  const list = timeclockCommand('list', io).summary('list the accounts');
  onAction(list, () =>
    withAccounts(io, dataFile, (a) => {
      for (const account of a.list()) {
        const locked =
          account.lockedUntil > Date.now() ? `  locked until ${new Date(account.lockedUntil).toISOString()}` : '';
        io.stdout.write(
          `${account.username}\t${account.role}\tsince ${new Date(account.createdAt).toISOString()}${locked}\n`,
        );
      }
    }),
  );
  const remove = timeclockCommand('remove', io).summary('remove an account').argument('<username>');
  onAction(remove, ([username]) =>
    withAccounts(io, dataFile, (a) => {
      const removed = a.remove(username!);
      if (!removed.ok) throw new UsageError(removed.problem.message);
      io.stdout.write(`removed ${username}\n`);
    }),
  );
  const reset = timeclockCommand('reset-password', io)
    .summary('give an account a new password (lift a lockout, end its sessions); prints it')
    .argument('<username>')
    .option('--password <password>', 'the new password (default: a random one, printed)');
  onAction(reset, ([username]) =>
    withAccounts(io, dataFile, (a) => {
      const { password } = optionsOf<{ password?: string }>(reset);
      const changed = a.resetPassword(username!, password);
      if (!changed.ok) throw new UsageError(changed.problem.message);
      io.stdout.write(`new password for ${username}${password === undefined ? `: ${changed.value}` : ' set'}\n`);
      io.stdout.write(`${username}'s open sessions are ended: it signs in again with the new password\n`);
      const file = passwordFileAfterReset(path.dirname(dataFile()), username!, changed.value, password !== undefined);
      if (file !== undefined) io.stdout.write(`${file}\n`);
    }),
  );
  return accounts.addCommand(add).addCommand(list).addCommand(remove).addCommand(reset);
}

function withAccounts(io: OutputIo, dataFile: DataFileOf, act: (accounts: Accounts) => void): number {
  const file = dataFile();
  if (file === ':memory:') throw new UsageError('accounts of a cloud in memory live and die with its process');
  let store: CloudStore;
  try {
    store = openCloudStore(file, Date.now(), { shared: true });
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    io.stderr.write(`timeclock cloud accounts: ${error.message}\n`);
    return 2;
  }
  try {
    act(new Accounts(store, Date.now, createLogger({ level: 'silent' })).by(COMMAND_LINE_ACTOR));
    return 0;
  } finally {
    store.close();
  }
}
