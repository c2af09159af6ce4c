// The clocks, punches and account pages in Chromium: what a clock does shows on open pages without a
// reload, every control has a name, and a screenshot of each page for a person to look at.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { controlsWithoutName } from './accessibility.js';
import { browserForFile, newPage, screenshot } from './pages.js';
import { SYSADMIN, startPortal, type Portal } from './portal-harness.js';
import { onlineClock } from './wire-clock.js';

const SN = 'TC1A000001';

describe('the clocks pages in a browser', { timeout: 30_000 }, () => {
  const launching = browserForFile();

  /** A signed-in page at `path`, returned once its live stream is open (so no fact is missed). */
  async function signedInAt(portal: Portal, path: string): Promise<Page> {
    const page = await newPage(await launching());
    await page.goto(`${portal.url}/signin?next=${encodeURIComponent(path)}`);
    await page.fill('#username', SYSADMIN.username);
    await page.fill('#password', SYSADMIN.password);
    const streamOpen = page.waitForResponse((res) => res.url() === `${portal.url}/events` && res.status() === 200);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await streamOpen;
    return page;
  }

  it('shows a command answered by the clock on the open clock page without a reload', async () => {
    const portal = await startPortal();
    const clock = await onlineClock(portal, SN);
    await clock.reportInfo('Ver 6.60 Nov 2026,3,2,10,192.168.1.20,10');
    const page = await signedInAt(portal, `/clocks/${SN}`);
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));

    const queued = portal.cloud.portal.queueCommand(SN, { kind: 'info' });
    if (!queued.ok) throw new Error(queued.problem.message);
    const row = page.locator(`tr[data-command="${queued.value.id}"]`);
    await row.and(page.locator('[data-state="queued"]')).waitFor({ timeout: 2_000 });
    await clock.drain();
    await row.and(page.locator('[data-state="done"]')).waitFor({ timeout: 2_000 });

    expect(await row.textContent()).toContain('done: Return 0 success');
    expect(loads).toEqual([]);
    await screenshot(page, 'clock');
    expect(await controlsWithoutName(page)).toEqual([]);
  });

  it('shows a punch uploaded by a clock on the open punches page without a reload', async () => {
    const portal = await startPortal();
    portal.cloud.portal.createEmployee({ employeeId: 'E-1', firstName: 'Ana', lastName: 'Lopez', badge: '1001' });
    const clock = await onlineClock(portal, SN);
    const page = await signedInAt(portal, '/punches');
    const loads: string[] = [];
    page.on('load', () => loads.push(page.url()));

    await clock.uploadPunches(['1001\t2026-11-25 08:02:11\t0\t1\t0\t0\t0']);
    const link = page.getByRole('link', { name: 'Ana Lopez' });
    await link.waitFor({ timeout: 2_000 });

    expect(await link.getAttribute('href')).toBe('/employees/E-1');
    expect(loads).toEqual([]);
    await screenshot(page, 'punches');
    expect(await controlsWithoutName(page)).toEqual([]);
  });

  it('names every control on the clocks and account pages', async () => {
    const portal = await startPortal();
    const clock = await onlineClock(portal, SN);
    await clock.reportInfo('Ver 6.60 Nov 2026,3,2,10,192.168.1.20,10');
    await onlineClock(portal, 'TC1A000002');
    portal.time.now += 31_000;
    await clock.handshake();
    const page = await signedInAt(portal, '/clocks');
    await screenshot(page, 'clocks');
    const onClocks = await controlsWithoutName(page);

    await page.goto(`${portal.url}/account`);
    await page.fill('#token-name', 'payroll export');
    await page.getByRole('button', { name: 'Issue token' }).click();
    await page.locator('#issued-token').waitFor();
    await screenshot(page, 'account');
    const onAccount = await controlsWithoutName(page);

    expect(onClocks).toEqual([]);
    expect(onAccount).toEqual([]);
  });
});
