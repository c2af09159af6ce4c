// The portal's sessions end when they should: a password reset from the command line ends the account's
// sessions and their live streams (against a separately started `timeclock cloud`) and rewrites the
// password file; a live stream ends at sign-out and at expiry; a person changes their own password.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CloudProcess } from '../../scripts/chaos/cloud-process.js';
import { makeTempDir } from '../fixtures/temp-dir.js';
import { PortalClient, READER, SYSADMIN, startPortal } from './portal-harness.js';

const BIN = fileURLToPath(new URL('../../bin/timeclock.js', import.meta.url));

/** Opens GET /events with the client's cookies; resolves `ended` when the server ends the stream. */
async function liveStream(client: PortalClient): Promise<{ status: number; ended: Promise<void>; close(): void }> {
  const controller = new AbortController();
  const headers = { cookie: client.cookieHeader() };
  const response = await fetch(`${client.url}/events`, { headers, signal: controller.signal });
  const reader = response.body!.getReader();
  const ended = (async () => {
    for (;;) if ((await reader.read()).done) return;
  })();
  return { status: response.status, ended, close: () => controller.abort() };
}

/** Rejects if `promise` has not settled within `ms` (the test fails instead of hanging). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms)));
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

describe('a password reset from the command line', () => {
  it('ends the account’s sessions and live streams, and rewrites or removes portal-password.txt', async () => {
    const temp = makeTempDir('timeclock-sessions-');
    const data = temp.file('cloud.db');
    const cloud = await CloudProcess.start(['--data', data]);
    try {
      const first = (await cloud.printed(/password ([A-Za-z0-9]{16})/))[1]!;
      const browser = new PortalClient(cloud.url);
      await browser.signIn({ username: 'admin', password: first });
      const stream = await liveStream(browser);
      expect(stream.status).toBe(200);

      const reset = spawnSync(process.execPath, [BIN, 'cloud', '--data', data, 'accounts', 'reset-password', 'admin']);
      const fresh = /new password for admin: ([A-Za-z0-9]{16})/.exec(reset.stdout.toString())![1]!;

      await within(stream.ended, 10_000, 'the live stream went on after the reset');
      expect((await browser.get('/employees')).status).toBe(302);
      const file = fs.readFileSync(temp.file('portal-password.txt'), 'utf8');
      expect(file).toContain(`password: ${fresh}`);
      expect(file).not.toContain(first);
      await new PortalClient(cloud.url).signIn({ username: 'admin', password: fresh });

      spawnSync(process.execPath, [
        ...[BIN, 'cloud', '--data', data, 'accounts', 'reset-password', 'admin'],
        ...['--password', 'chosen-by-the-admin'],
      ]);
      expect(fs.existsSync(temp.file('portal-password.txt'))).toBe(false);
    } finally {
      await cloud.kill();
      temp.remove();
    }
  }, 120_000);
});

describe('a live stream', () => {
  it('ends at sign-out', async () => {
    const portal = await startPortal();
    const browser = portal.client();
    await browser.signIn();
    const stream = await liveStream(browser);

    await browser.post('/signout', {}, '/employees');

    await within(stream.ended, 10_000, 'the live stream went on after sign-out');
    expect((await liveStream(browser)).status).toBe(401);
  });

  it('ends when its session expires, though the stream itself was open all along', async () => {
    const portal = await startPortal({ sessionTtlMs: 60_000 });
    const browser = portal.client();
    await browser.signIn();
    const stream = await liveStream(browser);

    portal.time.now += 61_000;

    await within(stream.ended, 10_000, 'the live stream outlived its session');
  });
});

describe('sign-in’s return path', () => {
  it.each([
    ['a tab', '/\t/evil.example'],
    ['a line feed', '/clocks\nSet-Cookie: planted=1'],
    ['a carriage return', '/clocks\r'],
    ['a backslash', '/\\evil.example'],
    ['a scheme', 'https://evil.example/'],
    ['a character past ASCII', '/clocks/é'],
  ])('refuses %s and goes home, without a 500', async (_what, next) => {
    const { client } = await startPortal();

    const reply = await client().post('/signin', { ...SYSADMIN, next }, '/signin');

    expect(reply.status).toBe(303);
    expect(reply.location).toBe('/employees');
  });
});

describe('after five failed sign-ins', () => {
  it('says the same to a real account and to an unknown name, the right password included', async () => {
    const { client } = await startPortal();
    const answers: Record<string, string> = {};
    for (const username of [READER.username, 'nobody-here']) {
      const browser = client();
      for (let i = 0; i < 6; i++) await browser.post('/signin', { username, password: `guess-number-${i}` }, '/signin');
      const last = await browser.post('/signin', { username, password: READER.password }, '/signin');
      expect(last.status).toBe(401);
      answers[username] = /id="signin-error"[^>]*>([^<]*)</.exec(last.html)?.[1] ?? '';
    }

    expect(answers[READER.username]).not.toBe('');
    expect(answers[READER.username]).toBe(answers['nobody-here']);
  });
});

describe('changing one’s own password', () => {
  it('asks for the current one, ends the account’s other sessions and keeps this one', async () => {
    const { client } = await startPortal();
    const here = client();
    const elsewhere = client();
    await here.signIn(READER);
    await elsewhere.signIn(READER);
    const form = { current: 'not-the-password', password: 'a-new-reader-pass', confirm: 'a-new-reader-pass' };

    const refused = await here.post('/account/password', form, '/account');
    const changed = await here.post('/account/password', { ...form, current: READER.password }, '/account');

    expect(refused.status).toBe(400);
    expect(refused.html).toContain('The current password is not right');
    expect(changed).toMatchObject({ status: 303, location: '/account?password=changed' });
    expect((await here.get('/account?password=changed')).html).toContain('Password changed');
    expect((await elsewhere.get('/employees')).status).toBe(302);
    await client().signIn({ username: READER.username, password: form.password });
  });

  it('is in the API too, for a read-only account, with the current password asked', async () => {
    const portal = await startPortal();
    const browser = portal.client();
    await browser.signIn(READER);
    const call = (body: object) =>
      browser.send('POST', '/api/me/password', JSON.stringify(body), {
        'content-type': 'application/json',
        origin: portal.url,
      });

    const wrong = await call({ current: 'wrong-password-1', password: 'another-reader-1' });
    const right = await call({ current: READER.password, password: 'another-reader-1' });

    expect(wrong.status).toBe(400);
    expect(right.status).toBe(200);
    await portal.client().signIn({ username: READER.username, password: 'another-reader-1' });
  });
});
