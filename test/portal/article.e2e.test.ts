// The support article end to end, as a QA engineer would click it: a real `timeclock run` (its embedded
// cloud and portal, the demo company) and a real Chromium. Sign in as the first SysAdmin, Employees → list
// view, search Lopez then E1001, the Clocks section, Non-secure on, Save at the top right, and at the clock
// 1001 + OK punches once the clock has synced. Then the troubleshooting: the orange pencil, uncheck,
// Add/Remove (the clock no longer knows 1001), reopen, check, Add/Remove (it does again, fingerprint
// intact). Every step by keyboard; every page's controls named; attacks from another site refused.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { controlsWithoutName, tabTo } from './accessibility.js';
import { demoRunForFile } from '../fixtures/demo-run.js';
import { browserForFile, EVIL_EXAMPLE_IS_HERE, newPage, screenshot, signIn, waitForClockSynced } from './pages.js';

const SN = 'TC1A000001';
const demo = demoRunForFile('timeclock-article-');
const launching = browserForFile(EVIL_EXAMPLE_IS_HERE);

function topSaveFocused(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      document.activeElement?.textContent?.trim() === 'Save' && document.activeElement.closest('.page-head') !== null,
  );
}

async function openProfileByKeyboard(page: Page, query: string): Promise<void> {
  await tabTo(page, 'Employees');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Employees' }).waitFor();
  await tabTo(page, 'Search for employee');
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  await page.getByRole('link', { name: 'E1001' }).waitFor();
}

async function addRemoveByKeyboard(page: Page, check: boolean): Promise<void> {
  await tabTo(page, 'Edit clocks');
  await page.keyboard.press('Enter');
  const box = page.getByRole('dialog').getByRole('checkbox', { name: new RegExp(`^${SN}`) });
  await box.waitFor();
  if ((await box.isChecked()) !== check) await page.keyboard.press('Space');
  expect(await box.isChecked()).toBe(check);
  await tabTo(page, 'Add/Remove');
  await page.keyboard.press('Enter');
  await page.getByText(/^Add\/Remove done\./).waitFor();
}

describe('the support article, followed click for click', { timeout: 180_000 }, () => {
  it('makes 1001 punch by PIN after Non-secure and Save, and repairs the clock with Add/Remove', async () => {
    const page = await newPage(await launching());
    expect(await demo.clock.send(['1001', 'ok'], /Unknown User/)).toBe('Unknown User');

    await page.goto(demo.portal);
    await page.getByLabel('Username').waitFor();
    await page.keyboard.type('admin');
    await page.keyboard.press('Tab');
    await page.keyboard.type(demo.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Employees' }).waitFor();
    await screenshot(page, 'article-employees');

    await openProfileByKeyboard(page, 'Lopez');
    expect(await controlsWithoutName(page)).toEqual([]);
    await tabTo(page, 'Search for employee');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('E1001');
    await page.keyboard.press('Enter');
    await page.getByText('matching “E1001”').waitFor();
    await tabTo(page, 'E1001');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ana Lopez' }).waitFor();
    await page.getByRole('heading', { name: 'Clocks' }).waitFor();
    expect(await controlsWithoutName(page)).toEqual([]);

    // Non-secure is a radio group: Tab lands on the checked one (Off), an arrow key moves to On.
    await tabTo(page, 'Off');
    await page.keyboard.press('ArrowLeft');
    expect(await page.getByRole('group', { name: 'Non-secure' }).getByRole('radio', { name: 'On' }).isChecked()).toBe(
      true,
    );
    await page.getByText('Unsaved changes').waitFor();
    await screenshot(page, 'article-profile');
    // Save at the top right: back up the page with Shift+Tab.
    for (let i = 0; i < 40 && !(await topSaveFocused(page)); i++) await page.keyboard.press('Shift+Tab');
    expect(await topSaveFocused(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText(/^Saved\./).waitFor();

    await waitForClockSynced(page, demo.portal, SN);
    await screenshot(page, 'article-clock');
    expect(await demo.clock.send(['1001', 'ok'], /Thank you, Ana Lopez|Already punched/)).toBe('Thank you, Ana Lopez');

    await page.goto(`${demo.portal}/employees/E1001`);
    await addRemoveByKeyboard(page, false);
    await waitForClockSynced(page, demo.portal, SN);
    await demo.clock.send(['esc', '1001', 'ok'], /Unknown User/);

    await page.goto(`${demo.portal}/employees/E1001`);
    await addRemoveByKeyboard(page, true);
    await waitForClockSynced(page, demo.portal, SN);
    // The fresh copy has the fingerprint the portal keeps, and the non-secure setting.
    expect(await demo.clock.send(['esc', 'finger 1001/right-index'], /Ana Lopez|Unknown|failed/)).toBe('Ana Lopez');
    expect(await demo.clock.send(['esc', '1001', 'ok'], /Ana Lopez|Unknown User/)).toBe('Ana Lopez');
  });

  it('refuses a form posted from another site, a text/plain post, and a foreign Host', async () => {
    const browser = await launching();
    const page = await newPage(browser);
    await signIn(page, demo.portal, 'admin', demo.password);

    // Another origin on this machine (same site, other port): its page posts to the portal with our cookie.
    const evil = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(
        `<!doctype html><title>Win a prize</title>
         <form method="post" action="${demo.portal}/employees/E1001"><input name="role" value="administrator">
         <input name="nonSecure" value="on"><button>Claim</button></form>`,
      ),
    );
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
    await page.goto(evilUrl);
    await page.getByRole('button', { name: 'Claim' }).click();
    await page.getByText(/may not change anything here/).waitFor();

    await page.goto(evilUrl);
    const sent = await page.evaluate(async (target) => {
      const body = JSON.stringify({ employeeId: 'X1', lastName: 'Mallory', badge: '666', role: 'administrator' });
      await fetch(`${target}/api/employees`, {
        method: 'POST',
        mode: 'no-cors',
        credentials: 'include',
        headers: { 'content-type': 'text/plain' },
        body,
      });
      return true;
    }, demo.portal);
    expect(sent).toBe(true);
    evil.close();
    await page.goto(`${demo.portal}/employees?q=Mallory`);
    await page
      .getByText(/No employee matches|0 of 0|nothing/i)
      .first()
      .waitFor();

    const rebound = await page.goto(demo.portal.replace('127.0.0.1', 'evil.example'));
    expect(rebound?.status()).toBe(421);
  });

  it('lets a read-only account added from the command line look, and not save', async () => {
    expect(demo.addAccount('auditor', 'auditor-password-1')).toBe('added auditor (readonly)\n');
    const page = await newPage(await launching());
    await page.goto(demo.portal);
    await screenshot(page, 'article-signin');
    await signIn(page, demo.portal, 'auditor', 'auditor-password-1');
    await page.goto(`${demo.portal}/employees/E1001`);
    await page.getByRole('heading', { name: 'Ana Lopez' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Edit clocks' }).count()).toBe(0);
  });
});
