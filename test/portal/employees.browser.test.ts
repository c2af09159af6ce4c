// The support article followed click for click in Chromium: sign in, Search for employee, open the
// profile, turn Non-secure on, Save at the top right, then the orange pencil's clock selection opened
// and operated by keyboard alone, with Add/Remove.
import { describe, expect, it } from 'vitest';
import { controlsWithoutName, tabTo } from './accessibility.js';
import { commandsFor, withMuller } from './employee-fixtures.js';
import { browserForFile, newPage, screenshot } from './pages.js';
import { SYSADMIN } from './portal-harness.js';

describe('the Employees section in a browser', { timeout: 60_000 }, () => {
  const launching = browserForFile();

  it('lets a SysAdmin follow the article: search, Non-secure on, Save, and Add/Remove by keyboard', async () => {
    const portal = await withMuller();
    const page = await newPage(await launching());

    await page.goto(`${portal.url}/employees`);
    await page.getByLabel('Username').fill(SYSADMIN.username);
    await page.getByLabel('Password').fill(SYSADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Employees' }).waitFor();
    expect(await controlsWithoutName(page)).toEqual([]);
    await screenshot(page, 'employees-list');

    await page.getByLabel('Search for employee').fill('muller');
    await page.getByLabel('Search for employee').press('Enter');
    await page.getByText('1–1 of 1 matching “muller”').waitFor();
    await page.getByRole('link', { name: 'E1001' }).click();
    await page.getByRole('heading', { name: 'Jürgen Müller' }).waitFor();
    expect(await controlsWithoutName(page)).toEqual([]);

    const nonSecure = page.getByRole('group', { name: 'Non-secure' });
    await nonSecure.getByRole('radio', { name: 'On' }).check();
    await page.getByText('Unsaved changes').waitFor();
    await screenshot(page, 'employee-profile');
    await page.locator('.page-head').getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved. 3 commands queued for TC1A000001.').waitFor();
    expect(commandsFor(portal, 'TC1A000001')[0]).toMatch(/^DATA UPDATE USERINFO PIN=1001\t.*Verify=0/);

    const dialog = page.getByRole('dialog', { name: 'Clocks of Jürgen Müller' });
    await tabTo(page, 'Edit clocks');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Edit clocks');
    await page.keyboard.press('Space');
    await dialog.waitFor();
    const front = dialog.getByRole('checkbox', { name: 'TC1A000001 Front door' });
    expect(await front.evaluate((box) => box === document.activeElement)).toBe(true);
    expect(await controlsWithoutName(page)).toEqual([]);
    await screenshot(page, 'clock-dialog');

    await page.keyboard.press('Space');
    expect(await front.isChecked()).toBe(false);
    await tabTo(page, 'Add/Remove');
    await page.keyboard.press('Enter');
    await page.getByText('Add/Remove done. Removed from TC1A000001.').waitFor();
    expect(commandsFor(portal, 'TC1A000001').at(-1)).toBe('DATA DELETE USERINFO PIN=1001');
  });
});
