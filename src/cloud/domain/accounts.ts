// Who may use the portal and the API: accounts with a role (SysAdmin edits, read-only looks), sign-in
// with a lockout after repeated failures, and API tokens for scripts. Transport-free: the pages, the API
// and `timeclock cloud accounts` all call this.
import type { Logger } from '../../log.js';
import { ACCOUNT_ROLES, type Account, type AccountRole, type ApiToken } from '../db/index.js';
import { generatePassword, generateToken, hashPassword, tokenHash, verifyPassword } from './passwords.js';
import type { CloudStore } from '../db/index.js';
import { conflict, invalid, notFound, ok, type Result } from './validate.js';
import { Audit, CLOUD_ACTOR, type Actor, type AuditChange } from './audit.js';

/** Failed sign-ins in a row that lock an account, and for how long. */
export const LOCKOUT = { failures: 5, forMs: 15 * 60_000 } as const;
export const FIRST_ACCOUNT = 'admin';
/** The one answer to a refused sign-in, whatever the reason: it tells nothing about the name. */
export const SIGN_IN_REFUSED =
  `wrong username or password (after ${LOCKOUT.failures} failures in a row an account waits ` +
  `${LOCKOUT.forMs / 60_000} minutes)`;

export interface Identity {
  username: string;
  role: AccountRole;
  /** The API token's name when the caller came with a token rather than a session. */
  token?: string;
}

export type SignIn = Result<Identity> & { lockedUntil?: number };

export class Accounts {
  constructor(
    private readonly store: CloudStore,
    private readonly now: () => number,
    private readonly log: Logger,
    readonly audit: Audit = new Audit(store, now),
    /** Who the changes made through this object are recorded as (see by()). */
    readonly actor: Actor = CLOUD_ACTOR,
  ) {}

  /** The same operations, recorded in the audit log as made by `actor`. */
  by(actor: Actor): Accounts {
    return new Accounts(this.store, this.now, this.log, this.audit, actor);
  }

  private record(username: string, action: string, before?: unknown, after?: unknown): void {
    const change: AuditChange = { kind: 'account', subject: username, action, before, after };
    this.audit.record(this.actor, change);
  }

  /** On a cloud without accounts, a SysAdmin `admin` with a random password; returns the password once. */
  ensureFirstSysAdmin(): string | undefined {
    if (this.store.accounts.count() > 0) return undefined;
    const password = generatePassword();
    this.store.transaction(() => {
      this.store.accounts.create(FIRST_ACCOUNT, 'sysadmin', hashPassword(password), this.now());
      this.record(FIRST_ACCOUNT, 'created (the first SysAdmin)', undefined, {
        username: FIRST_ACCOUNT,
        role: 'sysadmin',
      });
    });
    this.log.info({ username: FIRST_ACCOUNT }, 'first SysAdmin account created');
    return password;
  }

  /**
   * The same answer for an unknown name, a wrong password and a locked account, so that names cannot be
   * probed, not even by counting to five: the lockout is told in the one message, for every name.
   */
  signIn(username: string, password: string): SignIn {
    const account = this.store.accounts.get(username);
    const now = this.now();
    const refused = invalid(SIGN_IN_REFUSED);
    if (account === undefined) {
      // Hash anyway: the answer takes as long as for a real account.
      verifyPassword(password, dummyHash());
      return refused;
    }
    if (account.lockedUntil > now) {
      verifyPassword(password, dummyHash());
      this.log.warn({ username, lockedUntil: account.lockedUntil }, 'portal sign-in refused: account locked');
      return { ...refused, lockedUntil: account.lockedUntil };
    }
    if (!verifyPassword(password, account.passwordHash)) {
      const failures = account.failures + 1;
      const lockedUntil = failures >= LOCKOUT.failures ? now + LOCKOUT.forMs : 0;
      this.store.accounts.setFailures(username, lockedUntil > 0 ? 0 : failures, lockedUntil);
      this.log.warn({ username, failures, locked: lockedUntil > 0 }, 'portal sign-in failed');
      return lockedUntil > 0 ? { ...refused, lockedUntil } : refused;
    }
    if (account.failures > 0) this.store.accounts.setFailures(username, 0, 0);
    this.log.info({ username }, 'portal sign-in');
    return ok({ username, role: account.role });
  }

  /** The account behind a session or token, as it is now (a removed account signs nobody in). */
  identity(username: string): Identity | undefined {
    const account = this.store.accounts.get(username);
    return account && { username: account.username, role: account.role };
  }

  list(): Account[] {
    return this.store.accounts.list();
  }

  add(username: string, role: string, password?: string): Result<{ account: Identity; password: string }> {
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(username)) return invalid('username must be 1–64 letters, digits, . _ @ or -');
    if (!ACCOUNT_ROLES.includes(role as AccountRole)) return invalid(`role must be one of ${ACCOUNT_ROLES.join(', ')}`);
    const chosen = password ?? generatePassword();
    const weak = passwordProblem(chosen);
    if (weak) return invalid(weak);
    const hash = hashPassword(chosen);
    const created = this.store.transaction(() => {
      if (!this.store.accounts.create(username, role as AccountRole, hash, this.now())) return false;
      this.record(username, 'created', undefined, { username, role });
      return true;
    });
    if (!created) return conflict(`account ${username} exists`);
    this.log.info({ username, role }, 'portal account added');
    return ok({ account: { username, role: role as AccountRole }, password: chosen });
  }

  remove(username: string): Result<Identity> {
    const account = this.identity(username);
    if (!account) return notFound(`no account ${username}`);
    if (account.role === 'sysadmin' && this.store.accounts.countRole('sysadmin') === 1) {
      return conflict(`${username} is the last SysAdmin: add another before removing it`);
    }
    this.store.transaction(() => {
      this.store.accounts.remove(username);
      this.record(username, 'removed', account);
    });
    this.log.info({ username }, 'portal account removed');
    return ok(account);
  }

  /** A new password (random unless given); clears a lockout and ends the account's open sessions. */
  resetPassword(username: string, password?: string): Result<string> {
    if (!this.identity(username)) return notFound(`no account ${username}`);
    const chosen = password ?? generatePassword();
    const weak = passwordProblem(chosen);
    if (weak) return invalid(weak);
    this.store.transaction(() => {
      this.store.accounts.setPassword(username, hashPassword(chosen));
      const ended = this.store.sessions.destroyFor(username);
      this.record(username, `password reset (${ended} sessions ended)`);
      this.log.info({ username, sessionsEnded: ended }, 'portal password reset');
    });
    return ok(chosen);
  }

  /**
   * A person's own change of password: the current one first, then the new one; the account's other
   * sessions end (`keepSid`, the session asking, stays signed in).
   */
  changePassword(username: string, current: string, next: string, keepSid = ''): Result<Identity> {
    const account = this.store.accounts.get(username);
    if (account === undefined) return notFound(`no account ${username}`);
    if (!verifyPassword(current, account.passwordHash)) return invalid('the current password is not right');
    const weak = passwordProblem(next);
    if (weak) return invalid(weak);
    if (next === current) return invalid('the new password must differ from the current one');
    this.store.transaction(() => {
      this.store.accounts.setPassword(username, hashPassword(next));
      const ended = this.store.sessions.destroyFor(username, keepSid);
      this.record(username, `password changed by its owner (${ended} other sessions ended)`);
      this.log.info({ username, sessionsEnded: ended }, 'portal password changed by its owner');
    });
    return ok({ username, role: account.role });
  }

  issueToken(username: string, name: string): Result<{ token: string; info: ApiToken }> {
    if (!this.identity(username)) return notFound(`no account ${username}`);
    if (name.trim() === '' || name.length > 64) return invalid('the token name must be 1–64 characters');
    const token = generateToken();
    const info = this.store.transaction(() => {
      const added = this.store.tokens.add(username, name.trim(), tokenHash(token), this.now());
      this.record(username, `API token “${added.name}” issued`, undefined, { token: added.name, id: added.id });
      return added;
    });
    this.log.info({ username, tokenId: info.id }, 'API token issued');
    return ok({ token, info });
  }

  tokens(username: string): ApiToken[] {
    return this.store.tokens.list(username);
  }

  revokeToken(username: string, id: number): boolean {
    return this.store.transaction(() => {
      const token = this.store.tokens.list(username).find((t) => t.id === id);
      if (token === undefined || !this.store.tokens.revoke(username, id)) return false;
      this.record(username, `API token “${token.name}” revoked`, { token: token.name, id });
      return true;
    });
  }

  /** The identity behind a bearer token, or undefined. */
  byToken(token: string): Identity | undefined {
    const used = this.store.tokens.use(tokenHash(token), this.now());
    const identity = used === undefined ? undefined : this.identity(used.username);
    return identity && { ...identity, token: used!.name };
  }
}

export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return 'the password must have at least 10 characters';
  if (password.length > 200) return 'the password must have at most 200 characters';
  return undefined;
}

let dummy: string | undefined;
/**
 * A hash no password matches, made at the first sign-in that needs one rather than at import: scrypt
 * costs about 60 ms of CPU, which every command and every clock start paid even with no portal in use.
 */
function dummyHash(): string {
  dummy ??= hashPassword('not a password of anyone');
  return dummy;
}
