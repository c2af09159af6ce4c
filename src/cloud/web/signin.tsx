// The sign-in page: username and password, the message of a refused attempt, and where to go after.
import { Layout } from './layout.js';
import { FieldAlert } from './page-parts.js';

export interface SignInProps {
  csrf: string;
  /** The page asked for before sign-in, returned to afterwards. */
  next: string;
  username?: string;
  error?: string;
  expired?: boolean;
}

export function SignInPage({ csrf, next, username, error, expired }: SignInProps) {
  return (
    <Layout title="Sign in">
      <section class="signin">
        <h1>Sign in</h1>
        {expired && (
          <p class="flash ok" role="status">
            Your session ended. Sign in again to go on.
          </p>
        )}
        <form method="post" action="/signin" novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="next" value={next} />
          <label for="username">Username</label>
          <input id="username" name="username" autocomplete="username" value={username ?? ''} required autofocus />
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            aria-describedby={error ? 'signin-error' : undefined}
          />
          <FieldAlert id="signin-error" error={error} />
          <button type="submit">Sign in</button>
        </form>
      </section>
    </Layout>
  );
}
