// Every portal page in Chromium at a desktop's 1280×800 and a phone's 390×844: no page scrolls sideways,
// every control has a name, and a screenshot of each page at both sizes for a person to look at.
import { describe, expect, it } from 'vitest';
import { scriptedAttlog } from '../fixtures/timesheet-week.js';
import { FRONT, withMuller } from './employee-fixtures.js';
import { browserForFile, fitsOfPages, newPage, signIn } from './pages.js';
import { PunchCorrections } from '../../src/cloud/domain/index.js';
import { START, SYSADMIN } from './portal-harness.js';
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
  ['punches-employee', '/punches?employee=E1001'],
  ['punch-correct', '/punches/2/correct'],
  ['punch-add', '/employees/E1001/punches/new'],
  ['timesheets', '/timesheets?week=2026-11-23'],
  ['timesheet', '/timesheets/E1001?week=2026-11-23'],
  ['account', '/account'],
  ['not-found', '/no/such/page'],
];

describe('every portal page at a desktop and a phone width', { timeout: 120_000 }, () => {
  const launching = browserForFile();

  it('fits every page in the window at 1280×800 and 390×844, every control named', async () => {
    const portal = await withMuller();
    const clock = await onlineClock(portal, FRONT);
    await clock.reportInfo('Ver 6.60 Nov 2026,3,2,10,192.168.1.20,10');
    await clock.uploadPunches(scriptedAttlog('1001'));
    // A punch voided, one corrected and one added: the punch list shows them struck through and marked.
    const corrections = new PunchCorrections(portal.cloud.store, () => START);
    const admin = { kind: 'account', name: SYSADMIN.username } as const;
    corrections.void(admin, 1, 'pressed twice');
    corrections.correct(admin, 2, { status: 4, reason: 'overtime, a long reason that has to wrap on a phone' });
    corrections.addMissed(admin, 'E1001', { time: Date.UTC(2026, 10, 29, 9), status: 0, reason: 'forgot' });
    const page = await newPage(await launching());
    const signinFits = await fitsOfPages(page, portal.url, [['signin', '/signin']]);
    await signIn(page, portal.url, SYSADMIN.username, SYSADMIN.password);

    const fits = [...signinFits, ...(await fitsOfPages(page, portal.url, PAGES))];

    expect(fits.filter((fit) => fit.overflow > 0 || fit.unnamed > 0)).toEqual([]);
    expect(fits).toHaveLength(2 * (PAGES.length + 1));
  });
});
