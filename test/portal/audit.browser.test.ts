// The audit log's page, the deactivate / reactivate pages and Assign to clocks in Chromium at 1280×800 and 390×844: none
// scrolls sideways, every control has a name, a screenshot of each at both sizes.
import { describe, expect, it } from 'vitest';
import { rename, withMullerPunched } from './employee-fixtures.js';
import { browserForFile, fitsOfPages, newPage, signIn } from './pages.js';
import { SYSADMIN } from './portal-harness.js';

const PAGES = [
  ['audit', '/audit'],
  ['audit-filtered', '/audit?kind=employee&q=lopez'],
  ['employee-deactivate', '/employees/E1001/deactivate'],
  ['employee-reactivate', '/employees/E2002/reactivate'],
  ['employee-assign', '/employees/assign'],
] as const;

describe('the audit log and the deactivate pages at a desktop and a phone width', { timeout: 120_000 }, () => {
  const launching = browserForFile();

  it('fit the window at 1280×800 and 390×844, every control named', async () => {
    const { portal } = await withMullerPunched();
    await rename(portal.browser, 'E2002', 'Ana', 'Lopez-Diaz');
    await portal.browser.post('/employees/E2002/deactivate', {}, '/employees/E2002/deactivate');
    const page = await newPage(await launching());
    await signIn(page, portal.url, SYSADMIN.username, SYSADMIN.password);

    const fits = await fitsOfPages(page, portal.url, PAGES);
    await page.goto(`${portal.url}/audit`);
    const rows = await page.locator('table.audit tbody tr').count();

    expect(fits.filter((fit) => fit.overflow > 0 || fit.unnamed > 0)).toEqual([]);
    expect(fits).toHaveLength(2 * PAGES.length);
    expect(rows).toBeGreaterThanOrEqual(6);
  });
});
