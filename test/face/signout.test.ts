// The face's frame stream lives as long as the portal session that opened it, as the portal's own live
// stream does: against a real `timeclock run --headless` (its embedded cloud), a signed-in stream gets the
// clock's frame, the session signs out, the stream ends, and opening it again is refused.
import { describe, expect, it } from 'vitest';
import { demoRunForFile } from '../fixtures/demo-run.js';
import { PortalClient } from '../portal/portal-harness.js';

const demo = demoRunForFile('timeclock-face-signout-', { face: true });

/** An open frame stream: what it has said so far, and a promise that resolves when the server ends it. */
interface Frames {
  status: number;
  text: () => string;
  ended: Promise<void>;
  /** Resolves once the text said so far matches (the test's timeout is the failure otherwise). */
  until: (pattern: RegExp) => Promise<void>;
}

async function openFrames(cookie: string, headers: Record<string, string> = {}): Promise<Frames> {
  const response = await fetch(`${demo.portal}/clock/frames`, { headers: { cookie, ...headers } });
  let said = '';
  const waiters: (() => void)[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const ended = (async () => {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      said += chunk.value;
      for (const wake of waiters.splice(0)) wake();
    }
  })();
  const until = async (pattern: RegExp) => {
    while (!pattern.test(said)) await new Promise<void>((wake) => waiters.push(wake));
  };
  return { status: response.status, text: () => said, ended, until };
}

async function signedIn(): Promise<PortalClient> {
  const browser = new PortalClient(demo.portal);
  await browser.signIn({ username: 'admin', password: demo.password });
  return browser;
}

describe('the face’s frame stream and the portal session', () => {
  it('ends when the session that opened it signs out, and is refused afterwards; another session’s stays', async () => {
    const leaving = await signedIn();
    const staying = await signedIn();
    // Two pages of the session that signs out: the stream ends with the session, not with one page.
    const pages = [await openFrames(leaving.cookieHeader()), await openFrames(leaving.cookieHeader())];
    const other = await openFrames(staying.cookieHeader());
    for (const page of [...pages, other]) {
      expect(page.status).toBe(200);
      await page.until(/^retry: \d+\n\nevent: frame\ndata: \{"view":/);
    }

    expect((await leaving.post('/signout', {}, '/employees')).status).toBe(303);

    // Resolves only when the server ends both streams: the test's timeout is the failure otherwise.
    await Promise.all(pages.map((page) => page.ended));
    const again = await fetch(`${demo.portal}/clock/frames`, { headers: { cookie: leaving.cookieHeader() } });
    expect(again.status).toBe(401);
    await again.body?.cancel();

    // The other session's stream is still open: a key pressed at the clock reaches it.
    await demo.clock.send(['7'], / {2}7_/);
    await other.until(/7_/);
    expect((await staying.post('/signout', {}, '/employees')).status).toBe(303);
    await other.ended;
    await demo.clock.send(['esc'], /./);
  }, 30_000);

  it('ends a stream opened with an API token when the token is revoked', async () => {
    const browser = await signedIn();
    const issued = await browser.post('/account/tokens', { name: 'face watcher' }, '/account');
    const token = /id="issued-token"[^>]* value="([^"]+)"/.exec(issued.html)?.[1] ?? '';
    const id = /action="\/account\/tokens\/(\d+)\/revoke"/.exec(issued.html)?.[1] ?? '';
    expect(token).not.toBe('');
    const bearer = { authorization: `Bearer ${token}` };
    const page = await openFrames('', bearer);
    expect(page.status).toBe(200);
    await page.until(/event: frame/);

    expect((await browser.post(`/account/tokens/${id}/revoke`, {}, '/account')).status).toBe(303);

    await page.ended;
    const again = await fetch(`${demo.portal}/clock/frames`, { headers: bearer });
    expect(again.status).toBe(401);
    await again.body?.cancel();
  }, 30_000);
});
