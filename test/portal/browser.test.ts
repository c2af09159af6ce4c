// The browser layer of the portal's end-to-end tests, proven on two tiny pages served over loopback HTTP.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { controlsWithoutName, tabTo } from './accessibility.js';
import { launchBrowser } from './browser.js';
import { newPage, screenshot, viewport } from './pages.js';

const page = (body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Punch</title></head><body>${body}</body></html>`;

const punchForm = page(`
  <h1>Punch</h1>
  <form method="post" action="/punch">
    <label for="pin">PIN</label> <input id="pin" name="pin" inputmode="numeric">
    <button type="submit">Punch in</button>
  </form>`);

const unlabelledForm = page(`
  <h1>Badge</h1>
  <form method="post" action="/badge">
    <label>Card number <input name="card"></label>
    <input name="nickname">
    <button type="submit">Save</button>
  </form>`);

function servePortalStandIn(): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const send = (html: string) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    if (request.method === 'GET' && request.url === '/') return send(punchForm);
    if (request.method === 'GET' && request.url === '/badge') return send(unlabelledForm);
    if (request.method === 'POST' && request.url === '/punch') {
      let body = '';
      request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      request.on('end', () => send(page(`<h1>Punch recorded for PIN ${new URLSearchParams(body).get('pin')}</h1>`)));
      return;
    }
    response.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the portal test browser', { timeout: 30_000 }, () => {
  let server: http.Server;
  let origin: string;
  // Awaited by each test rather than in beforeAll, so that with no Chromium every test fails with
  // launchBrowser's message instead of being reported as skipped.
  let launching: Promise<Browser>;

  beforeAll(async () => {
    server = await servePortalStandIn();
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    launching = launchBrowser();
    launching.catch(() => undefined);
  });

  afterAll(async () => {
    await launching.then((browser) => browser.close()).catch(() => undefined);
    await new Promise((resolve) => server.close(resolve));
  });

  /** A fresh page at `path` of the stand-in portal; closing the browser closes it. */
  async function open(path: string): Promise<Page> {
    const tab = await newPage(await launching);
    await tab.goto(`${origin}${path}`);
    return tab;
  }

  it('says what it tried and how to get a Chromium when none launches', async () => {
    const launchingNothing = launchBrowser({ CHROME_PATH: '/nonexistent/chromium' });

    await expect(launchingNothing).rejects.toThrow(
      /no Chromium could be launched\. Tried:\n- CHROME_PATH=\/nonexistent\/chromium: .*\nTo get one: set CHROME_PATH/,
    );
  });

  it('launches a headless Chromium', async () => {
    const browser = await launching;

    expect(browser.isConnected()).toBe(true);
    expect(browser.version()).toMatch(/^\d+\./);
  });

  it('fills and submits a form by keyboard alone', async () => {
    const tab = await open('/');

    await tabTo(tab, 'PIN');
    await tab.keyboard.type('1001');
    await tabTo(tab, 'Punch in');
    await tab.keyboard.press('Enter');

    const heading = tab.getByRole('heading', { level: 1 });
    await heading.filter({ hasText: 'Punch recorded' }).waitFor();
    expect(await heading.textContent()).toBe('Punch recorded for PIN 1001');
  });

  it('names the controls Tab passed when no control has the name sought', async () => {
    const tab = await open('/');

    const reaching = tabTo(tab, 'Punch out');

    await expect(reaching).rejects.toThrow(
      /^tabTo: no control named "Punch out" took focus \(the tab order came round\); Tab passed: textbox "PIN", button "Punch in"$/,
    );
  });

  it('writes a 1280×800 PNG screenshot under test-results/screenshots', async () => {
    const tab = await open('/');

    const path = await screenshot(tab, 'browser-smoke');

    const png = await readFile(path);
    expect(path).toMatch(/test-results\/screenshots\/browser-smoke\.png$/);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([viewport.width, viewport.height]);
  });

  it('finds no unnamed control on a page whose controls are all labelled', async () => {
    const tab = await open('/');

    expect(await controlsWithoutName(tab)).toEqual([]);
  });

  it('finds the input that has no label', async () => {
    const tab = await open('/badge');

    expect(await controlsWithoutName(tab)).toEqual([{ role: 'textbox', element: '<input name="nickname">' }]);
  });
});
