// The clock's face in Chromium, against a real `timeclock run` (its embedded cloud, the demo company): the
// support article's clock half by clicks on the page — 1001 + OK is an Unknown User, the portal turns
// Non-secure on, 1001 + OK thanks Ana Lopez, her finger, Dana's card, the network unplugged — every
// control named, screenshots at desktop and phone widths; and who may press.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoRunForFile } from '../fixtures/demo-run.js';
import { controlsWithoutName } from '../portal/accessibility.js';
import {
  browserForFile,
  EVIL_EXAMPLE_IS_HERE,
  newPage,
  screenshot,
  screenshotDir,
  signIn,
  waitForClockSynced,
} from '../portal/pages.js';

const SN = 'TC1A000001';
const demo = demoRunForFile('timeclock-face-', { face: true });
const launching = browserForFile(EVIL_EXAMPLE_IS_HERE);

/** The screen's rows as the page shows them, trailing spaces trimmed. */
function screenRows(page: Page): Promise<string[]> {
  return page.$$eval('#screen .row', (rows) => rows.map((row) => (row.textContent ?? '').trimEnd()));
}

/** Clicks keypad keys by their names, then waits for a frame whose screen matches. */
async function clickKeys(page: Page, names: string[], expected: RegExp): Promise<string[]> {
  const keypad = page.getByRole('group', { name: 'Keypad' });
  for (const name of names) await keypad.getByRole('button', { name, exact: true }).click();
  return waitForScreen(page, expected);
}

async function waitForScreen(page: Page, expected: RegExp, afterFrame = 0): Promise<string[]> {
  await page.waitForFunction(
    ({ source, after }) => {
      const screen = document.getElementById('screen');
      return Number(screen?.dataset['frames'] ?? 0) > after && new RegExp(source).test(screen?.textContent ?? '');
    },
    { source: expected.source, after: afterFrame },
    { timeout: 30_000 },
  );
  return screenRows(page);
}

/**
 * The screens the headless process printed with `marker` on them, each from its status bar (the row with
 * the cloud icon) to the next: more than one when the status bar's minute turned while it showed.
 */
function printedScreens(text: string, marker: string): string[][] {
  const screens: string[][] = [];
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length)) {
    const start = text.lastIndexOf('\n', text.lastIndexOf('☁', at)) + 1;
    const next = text.indexOf('☁', at);
    const end = next < 0 ? text.length : text.lastIndexOf('\n', next);
    screens.push(
      withoutTrailingBlanks(
        text
          .slice(start, end)
          .split('\n')
          .map((row) => row.trimEnd()),
      ),
    );
  }
  return screens;
}

function withoutTrailingBlanks(rows: string[]): string[] {
  const kept = [...rows];
  while (kept.at(-1) === '') kept.pop();
  return kept;
}

function framesSoFar(page: Page): Promise<number> {
  return page.$eval('#screen', (screen) => Number((screen as HTMLElement).dataset['frames'] ?? 0));
}

describe('the clock face in the browser', { timeout: 180_000 }, () => {
  it('follows the article at the clock by clicks, as the headless clock prints it', async () => {
    const browser = await launching();
    const page = await newPage(browser);
    await signIn(page, demo.portal, 'admin', demo.password);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Clock', exact: true }).click();
    await page.getByRole('group', { name: 'Keypad' }).waitFor();
    expect(await controlsWithoutName(page)).toEqual([]);
    // The page's first screen is the one the process printed: the same rows from the same frame.
    await waitForScreen(page, /Enter ID/);

    const from = demo.clock.mark();
    const unknown = await clickKeys(page, ['1', '0', '0', '1', 'OK'], /Unknown User/);
    await demo.clock.waitFor(/Unknown User/, from);
    // The page shows the last frame; the minute may have turned in the status bar since the first.
    expect(printedScreens(demo.clock.text.slice(from), 'Unknown User')).toContainEqual(withoutTrailingBlanks(unknown));
    expect(await page.$eval('#led-red', (led) => led.classList.contains('lit'))).toBe(true);

    const admin = await newPage(browser);
    await signIn(admin, demo.portal, 'admin', demo.password);
    await admin.goto(`${demo.portal}/clocks/${SN}`);
    await admin.getByRole('link', { name: `Clock ${SN}: its face` }).waitFor();
    await admin.goto(`${demo.portal}/employees/E1001`);
    await admin.getByRole('group', { name: 'Non-secure' }).getByRole('radio', { name: 'On' }).check();
    await admin.getByRole('button', { name: 'Save' }).first().click();
    await admin.getByText(/^Saved\./).waitFor();
    await waitForClockSynced(admin, demo.portal, SN);

    await clickKeys(page, ['ESC'], /Enter ID/);
    await clickKeys(page, ['1', '0', '0', '1', 'OK'], /Thank you, Ana Lopez/);
    expect(await page.$eval('#led-green', (led) => led.classList.contains('lit'))).toBe(true);
    expect(Number(await page.$eval('body', (b) => (b as HTMLElement).dataset['beeps']))).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'face-thanks');

    await clickKeys(page, ['ESC'], /Enter ID/);
    await page.getByLabel('Whose finger').selectOption({ label: 'Ana Lopez  1001' });
    let before = await framesSoFar(page);
    await page.getByRole('button', { name: 'Place finger' }).click();
    await waitForScreen(page, /Ana Lopez/, before);

    await clickKeys(page, ['ESC'], /Enter ID/);
    await page.getByLabel('Card number').selectOption({ label: 'Dana Smith  1004  card 3809012975' });
    before = await framesSoFar(page);
    await page.getByRole('button', { name: 'Tap card' }).click();
    await waitForScreen(page, /Dana Smith/, before);

    await page.getByRole('button', { name: 'Unplug the network' }).click();
    await page.locator('[data-icon="network"].x').waitFor();
    await page.locator('[data-icon="cloud"].x').waitFor();
    await page.getByRole('button', { name: 'Plug the network in' }).waitFor();
    await screenshot(page, 'face-unplugged');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${screenshotDir}face-phone.png`, fullPage: true });
    await page.getByRole('button', { name: 'Plug the network in' }).click();
    await page.locator('[data-icon="network"].none').waitFor();
  });

  it('presses from the keyboard: digits, Enter for OK, Escape', async () => {
    const page = await newPage(await launching());
    await signIn(page, demo.portal, 'admin', demo.password);
    await page.goto(`${demo.portal}/clock`);
    await waitForScreen(page, /Enter ID|Already|Thank/);
    await page.locator('main').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Escape');
    await waitForScreen(page, /Enter ID/);
    await page.keyboard.type('1002');
    await waitForScreen(page, /1002_/);
    await page.keyboard.press('Enter');
    await waitForScreen(page, /Bruno Silva|Place finger|Verify/);
  });

  it('refuses a press without the page’s CSRF token, and a foreign Host', async () => {
    const page = await newPage(await launching());
    await signIn(page, demo.portal, 'admin', demo.password);
    await page.goto(`${demo.portal}/clock`);
    const statuses = await page.evaluate(async () => {
      const send = (headers: Record<string, string>) =>
        fetch('/clock/press', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ kind: 'key', key: 'ESC' }),
        }).then((r) => r.status);
      return [
        await send({}),
        await send({ 'csrf-token': 'forged' }),
        await send({ 'csrf-token': document.body.dataset['csrf']! }),
      ];
    });
    expect(statuses).toEqual([403, 403, 200]);
    const rebound = await page.goto(`${demo.portal.replace('127.0.0.1', 'evil.example')}/clock`);
    expect(rebound?.status()).toBe(421);
    const nobody = await fetch(`${demo.portal}/clock/press`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'key', key: 'ESC' }),
    });
    expect(nobody.status).toBe(401);
  });

  it('lets a read-only account watch the face and not press it', async () => {
    expect(demo.addAccount('watcher', 'watcher-password-1')).toBe('added watcher (readonly)\n');
    const page = await newPage(await launching());
    await signIn(page, demo.portal, 'watcher', 'watcher-password-1');
    await page.goto(`${demo.portal}/clock`);
    await page.getByText('Your account is read-only').waitFor();
    await waitForScreen(page, /./);
    expect(await page.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: 'OK' }).isDisabled()).toBe(
      true,
    );
    const status = await page.evaluate(() =>
      fetch('/clock/press', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'csrf-token': document.body.dataset['csrf']! },
        body: JSON.stringify({ kind: 'network', up: false }),
      }).then((r) => r.status),
    );
    expect(status).toBe(403);
    expect(await page.locator('[data-icon="network"].x').count()).toBe(0);
  });
});
