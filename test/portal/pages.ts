// Pages of one size for the portal's end-to-end tests, and screenshots of them that a person can look at.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { controlsWithoutName } from './accessibility.js';
import { launchBrowser } from './browser.js';

/** The size every portal page is opened and photographed at, so screenshots compare. */
export const viewport = { width: 1280, height: 800 } as const;

/** A phone held upright (an iPhone 12–14's CSS pixels): the narrow size every page must also fit. */
export const phoneViewport = { width: 390, height: 844 } as const;

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** Both sizes a page must fit, by the label its screenshots get. */
export const SIZES: readonly (readonly [label: string, size: Size])[] = [
  ['wide', viewport],
  ['phone', phoneViewport],
];

export const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/**
 * A page at the 1280×800 viewport in a browser context of its own, so no cookie or session leaks between
 * pages; closing the page closes its context.
 */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  // When the whole browser closes, its contexts are gone before this runs: nothing is left to close then.
  page.once('close', () => void context.close().catch(() => undefined));
  return page;
}

/**
 * Writes what the viewport shows to test-results/screenshots/<name>.png, at `size` (1280×800 unless
 * given) whatever size the page had, and returns the file's path.
 */
export async function screenshot(page: Page, name: string, size: Size = viewport): Promise<string> {
  if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) {
    throw new Error(
      `screenshot: "name" must be a file name of letters, digits, '.', '_' or '-', got ${JSON.stringify(name)}`,
    );
  }
  const now = page.viewportSize();
  if (now?.width !== size.width || now.height !== size.height) await page.setViewportSize(size);
  await mkdir(screenshotDir, { recursive: true });
  const path = `${screenshotDir}${name}.png`;
  await page.screenshot({ path });
  return path;
}

/** Chromium's flag that resolves evil.example to this machine, as a rebinding attacker's domain would. */
export const EVIL_EXAMPLE_IS_HERE = ['--host-resolver-rules=MAP evil.example 127.0.0.1'];

/**
 * One Chromium for a test file: launched before its tests, closed after them. Each test awaits the
 * returned promise, so that with no Chromium every test fails with launchBrowser's message (never skips).
 */
export function browserForFile(extraArgs: readonly string[] = []): () => Promise<Browser> {
  let launching: Promise<Browser> | undefined;
  beforeAll(() => {
    launching = launchBrowser(process.env, extraArgs);
    launching.catch(() => undefined);
  });
  afterAll(async () => {
    await launching?.then((browser) => browser.close()).catch(() => undefined);
  });
  return () => launching ?? Promise.reject(new Error('browserForFile: awaited outside a test'));
}

export interface Fit {
  readonly path: string;
  readonly size: string;
  /** How far the page is wider than the window, in CSS pixels: 0 when it fits. */
  readonly overflow: number;
  readonly unnamed: number;
}

/** How far the open page is wider than its window, and how many of its controls have no name. */
export async function fitOf(page: Page, path: string, size: string): Promise<Fit> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  return { path, size, overflow: Math.max(0, overflow), unnamed: (await controlsWithoutName(page)).length };
}

/** Opens each page at both sizes, photographing it as `<name>-<size label>`; how each fitted. */
export async function fitsOfPages(page: Page, base: string, pages: readonly (readonly [name: string, path: string])[]) {
  const fits: Fit[] = [];
  for (const [name, path] of pages) {
    for (const [label, size] of SIZES) {
      await page.setViewportSize(size);
      await page.goto(`${base}${path}`);
      fits.push(await fitOf(page, path, label));
      await screenshot(page, `${name}-${label}`, size);
    }
  }
  return fits;
}

/** Signs in on the portal at `base` with the sign-in form, as a person does; resolves on the Employees page. */
export async function signIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/signin`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Employees' }).waitFor();
}

/** Opens clock `sn`'s page on the portal at `base` until it counts no pending command: the clock has polled, applied and answered. */
export async function waitForClockSynced(page: Page, base: string, sn: string): Promise<void> {
  await page.goto(`${base}/clocks/${sn}`);
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('dt'))
        .find((dt) => dt.textContent?.trim() === 'Pending commands')
        ?.nextElementSibling?.textContent?.trim() === '0',
    undefined,
    { timeout: 45_000 },
  );
}
