// `timeclock run --cloud URL`: your own cloud has no page for the face, so it gets a loopback port of its
// own, said at start. Anyone on this machine may press (as on the control port's loopback listener), with
// the page's CSRF token; a foreign Host or another site's page may not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClockProcess } from '../fixtures/clock-process.js';

let clock: ClockProcess;
let face: string;

beforeAll(async () => {
  // A cloud that never answers: the face does not need one.
  clock = ClockProcess.start(['--memory', '--cloud', 'http://127.0.0.1:9']);
  face = (await clock.waitFor(/clock face: (http:\/\/127\.0\.0\.1:\d+\/clock) {2}\(this machine only\)/))[1]!;
}, 60_000);

afterAll(async () => {
  await clock?.stop();
});

/** The page, and what a press needs from it: its CSRF token and the cookie that goes with it. */
async function openPage(): Promise<{ token: string; cookie: string; html: string }> {
  const page = await fetch(face);
  expect(page.status).toBe(200);
  const html = await page.text();
  const token = /data-csrf="([^"]+)"/.exec(html)?.[1] ?? '';
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { token, cookie, html };
}

function press(body: object, headers: Record<string, string>): Promise<Response> {
  return fetch(`${face}/press`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('the face on its own loopback port', () => {
  it('serves the page with the clock’s serial on its back label', async () => {
    const { html } = await openPage();
    expect(html).toContain('<dd class="serial">TC1A000001</dd>');
    expect(html).toContain('aria-label="Keypad"');
  });

  it('takes a press with the page’s token and its cookie, and the clock shows it', async () => {
    const { token, cookie } = await openPage();
    const from = clock.mark();
    const answer = await press({ kind: 'key', key: '7' }, { 'csrf-token': token, cookie });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ ok: true, network: true });
    await clock.waitFor(/ {2}7_/, from);
    await press({ kind: 'key', key: 'ESC' }, { 'csrf-token': token, cookie });
  });

  it('refuses a press without the token, with a forged one, or from another site', async () => {
    const { token, cookie } = await openPage();
    expect((await press({ kind: 'key', key: '1' }, { cookie })).status).toBe(403);
    expect((await press({ kind: 'key', key: '1' }, { 'csrf-token': 'forged', cookie })).status).toBe(403);
    const crossSite = await press(
      { kind: 'key', key: '1' },
      { 'csrf-token': token, cookie, origin: 'http://evil.example' },
    );
    expect(crossSite.status).toBe(403);
  });

  it('answers a bad press with what is wrong, and keeps running', async () => {
    const { token, cookie } = await openPage();
    const bad = await press({ kind: 'key', key: 'PANIC' }, { 'csrf-token': token, cookie });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^"key" must be one of/);
    const card = await press({ kind: 'card', card: '12ab' }, { 'csrf-token': token, cookie });
    expect(((await card.json()) as { error: string }).error).toBe('"card" must be 1 to 10 digits');
    expect((await fetch(face)).status).toBe(200);
  });

  it('serves nothing to a foreign Host', async () => {
    const port = new URL(face).port;
    const answer = await new Promise<number>((resolve, reject) => {
      void import('node:http').then(({ default: http }) =>
        http
          .get({ host: '127.0.0.1', port, path: '/clock', headers: { host: `evil.example:${port}` } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject),
      );
    });
    expect(answer).toBe(421);
  });
});
