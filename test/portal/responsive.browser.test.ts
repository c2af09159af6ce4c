// Every portal page in Chromium at a desktop's 1280×800 and a phone's 390×844: no page scrolls sideways,
// every control has a name, and a screenshot of each page at both sizes for a person to look at.
import { describe, expect, it } from 'vitest';
import { scriptedAttlog } from '../fixtures/timesheet-week.js';
import { FRONT, withMuller } from './employee-fixtures.js';
import { browserForFile, fitOf, newPage, phoneViewport, screenshot, viewport, type Fit, type Size } from './pages.js';
import { SYSADMIN } from './portal-harness.js';
import { onlineClock } from './wire-clock.js';

/** Every page a signed-in SysAdmin can open, by the name its screenshots get. */
export const PAGES: readonly (readonly [name: string, path: string])[] = [
  ['employees', '/employees'],
  ['employee-new', '/employees/new'],
  ['employee-import', '/employees/import'],
  ['employee-profile', '/employees/E1001'],
  ['employee-clocks', '/employees/E1001/clocks'],
  ['employee-rename', '/employees/E1001/rename'],
  ['employee-delete', '/employees/E1001/delete'],
  ['fingerprint-remove', '/employees/E1001/fingerprints/6/remove'],
  ['clocks', '/clocks'],
  ['clock', `/clocks/${FRONT}`],
  ['punches', '/punches'],
  ['timesheets', '/timesheets?week=2026-11-23'],
  ['timesheet', '/timesheets/E1001?week=2026-11-23'],
  ['account', '/account'],
  ['not-found', '/no/such/page'],
];

const SIZES: readonly (readonly [label: string, size: Size])[] = [
  ['wide', viewport],
  ['phone', phoneViewport],
];

describe('every portal page at a desktop and a phone width', { timeout: 120_000 }, () => {
  const launching = browserForFile();

  it('fits every page in the window at 1280×800 and 390×844, every control named', async () => {
    const portal = await withMuller();
    const clock = await onlineClock(portal, FRONT);
    await clock.reportInfo('Ver 6.60 Nov 2026,3,2,10,192.168.1.20,10');
    await clock.uploadPunches(scriptedAttlog('1001'));
    const page = await newPage(await launching());
    const fits: Fit[] = [];

    for (const [label, size] of SIZES) {
      await page.setViewportSize(size);
      await page.goto(`${portal.url}/signin`);
      fits.push(await fitOf(page, '/signin', label));
      await screenshot(page, `signin-${label}`, size);
    }
    await page.fill('#username', SYSADMIN.username);
    await page.fill('#password', SYSADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Employees' }).waitFor();
    for (const [name, path] of PAGES) {
      for (const [label, size] of SIZES) {
        await page.setViewportSize(size);
        await page.goto(`${portal.url}${path}`);
        fits.push(await fitOf(page, path, label));
        await screenshot(page, `${name}-${label}`, size);
      }
    }

    expect(fits.filter((fit) => fit.overflow > 0 || fit.unnamed > 0)).toEqual([]);
    expect(fits).toHaveLength(2 * (PAGES.length + 1));
  });
});
