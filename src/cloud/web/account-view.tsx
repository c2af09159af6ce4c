// The Account page: who is signed in and with which role, and their API tokens — a new one shown once.
import type { ApiToken } from '../domain/index.js';
import type { Identity } from './context.js';
import { Layout, type Flash } from './layout.js';
import { utcText } from './when.js';
import { FieldAlert } from './page-parts.js';

export interface AccountPageProps {
  identity: Identity;
  csrf: string;
  tokens: ApiToken[];
  /** A token just issued: its only showing. */
  issued?: { name: string; token: string };
  nameError?: string;
  name?: string;
  flash?: Flash;
  /** The refusal of a change of password, shown beside its form. */
  passwordError?: string;
}

export function AccountPage(props: AccountPageProps) {
  const { identity, csrf, tokens, issued, nameError, name, flash } = props;
  const sysadmin = identity.role === 'sysadmin';
  return (
    <Layout title="Account" identity={identity} csrf={csrf} section="account" flash={flash}>
      <h1>Account</h1>
      <dl class="facts">
        <div>
          <dt>Signed in as</dt>
          <dd>{identity.username}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{sysadmin ? 'SysAdmin: may change employees and clocks' : 'Read-only: may look, not change'}</dd>
        </div>
      </dl>
      <PasswordForm csrf={csrf} error={props.passwordError} />
      <section aria-labelledby="tokens">
        <h2 id="tokens">API tokens</h2>
        <p class="note">
          Scripts call the JSON API under /api with <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as
          this account: {sysadmin ? 'it may change what a SysAdmin may.' : 'like the account, it is read-only.'}
        </p>
        {issued && (
          <div class="issued" role="status">
            <p>
              <strong>{`Token “${issued.name}” issued. Copy it now: it is shown only this once.`}</strong>
            </p>
            <label for="issued-token">New token</label>
            <input id="issued-token" class="token" readonly value={issued.token} size={issued.token.length} />
          </div>
        )}
        <form method="post" action="/account/tokens" class="inline">
          <input type="hidden" name="_csrf" value={csrf} />
          <label for="token-name">Token name</label>
          <input
            id="token-name"
            name="name"
            maxlength={64}
            required
            value={name ?? ''}
            aria-describedby={nameError ? 'token-name-error' : undefined}
          />
          <button type="submit" class="primary">
            Issue token
          </button>
          <FieldAlert id="token-name-error" error={nameError} />
        </form>
        {tokens.length === 0 ? <p>This account has no API tokens.</p> : <TokenTable tokens={tokens} csrf={csrf} />}
      </section>
    </Layout>
  );
}

/** The account's tokens, each with its own form to revoke it. */
function TokenTable({ tokens, csrf }: Pick<AccountPageProps, 'tokens' | 'csrf'>) {
  return (
    <table class="tokens">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">
            <span class="visually-hidden">Revoke</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr>
            <td>{t.name}</td>
            <td>{utcText(t.createdAt)}</td>
            <td>{t.lastUsed === undefined ? 'never' : utcText(t.lastUsed)}</td>
            <td>
              <form method="post" action={`/account/tokens/${t.id}/revoke`}>
                <input type="hidden" name="_csrf" value={csrf} />
                <button type="submit" aria-label={`Revoke token ${t.name}`}>
                  Revoke
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A change of one's own password: the current one asked first, the new one twice. */
function PasswordForm({ csrf, error }: { csrf: string; error: string | undefined }) {
  const described = error ? 'password-error' : undefined;
  return (
    <section aria-labelledby="password">
      <h2 id="password">Password</h2>
      <form method="post" action="/account/password" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <label for="current-password">Current password</label>
        <input
          id="current-password"
          name="current"
          type="password"
          autocomplete="current-password"
          required
          aria-describedby={described}
        />
        <label for="new-password">New password (at least 10 characters)</label>
        <input id="new-password" name="password" type="password" autocomplete="new-password" required minlength={10} />
        <label for="confirm-password">New password again</label>
        <input id="confirm-password" name="confirm" type="password" autocomplete="new-password" required />
        <FieldAlert id="password-error" error={error} />
        <button type="submit">Change password</button>
      </form>
    </section>
  );
}
