// Signing in to the portal: the session, the return to the page asked for, refusals, lockout, expiry.
import { describe, expect, it } from 'vitest';
import { LOCKOUT } from '../../src/cloud/domain/accounts.js';
import { READER, SYSADMIN, startPortal } from './portal-harness.js';

describe('signing in to the portal', () => {
  it('sends a visitor without a session to sign in, and back to the page asked for afterwards', async () => {
    const { client } = await startPortal();
    const browser = client();
    const first = await browser.get('/clocks');
    expect(first.status).toBe(302);
    expect(first.location).toBe('/signin?next=%2Fclocks');
    const signedIn = await browser.post('/signin', { ...SYSADMIN, next: '/clocks' }, '/signin');
    expect(signedIn).toMatchObject({ status: 303, location: '/clocks' });
  });

  it('refuses a wrong password with the same words as an unknown name', async () => {
    const { client } = await startPortal();
    const wrong = await client().post(
      '/signin',
      { username: SYSADMIN.username, password: 'nope-nope-nope' },
      '/signin',
    );
    const unknown = await client().post('/signin', { username: 'nobody', password: 'nope-nope-nope' }, '/signin');
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain('wrong username or password');
    expect(unknown.html).toContain('wrong username or password');
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    const { client } = await startPortal();
    const browser = client();
    for (let i = 0; i < LOCKOUT.failures; i++) {
      await browser.post('/signin', { username: READER.username, password: `guess-number-${i}` }, '/signin');
    }
    const locked = await browser.post('/signin', READER, '/signin');
    expect(locked.status).toBe(401);
    expect(locked.html).toContain(`after ${LOCKOUT.failures} failures in a row an account waits`);
    expect((await browser.get('/employees')).status).toBe(302);
  });

  it('never returns to another site after sign-in', async () => {
    const { client } = await startPortal();
    const reply = await client().post('/signin', { ...SYSADMIN, next: '//evil.example/' }, '/signin');
    expect(reply.location).toBe('/employees');
  });

  it('ends an idle session: the next page asks to sign in again and comes back', async () => {
    const { client, time } = await startPortal({ sessionTtlMs: 60_000 });
    const browser = client();
    await browser.signIn();
    time.now += 61_000;
    const reply = await browser.get('/punches');
    expect(reply.location).toBe('/signin?next=%2Fpunches&expired=1');
    expect((await browser.get(reply.location!)).html).toContain('Your session ended');
  });

  it('refuses a sign-in form posted without its CSRF token', async () => {
    const { client } = await startPortal();
    const reply = await client().post('/signin', { ...SYSADMIN, _csrf: 'forged' }, '/signin');
    expect(reply.status).toBe(403);
    expect(reply.html).toContain('did not come from this portal');
  });

  it('forgets the session of a sign-in page nobody used after a quarter of an hour, and slows a client that loops on it', async () => {
    const { client, cloud, time } = await startPortal();
    const browser = client();
    await browser.get('/signin');
    const stored = () => cloud.store.sessions.sweep(time.now);
    time.now += 16 * 60_000;
    expect(stored()).toBe(1);
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await client().get('/signin')).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, 59).every((s) => s === 200)).toBe(true);
  });
});
