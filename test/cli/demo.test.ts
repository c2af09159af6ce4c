// The demo company on both sides of `timeclock run`: the clock's seed and the portal's copy agree, so
// that Add/Remove on a demo employee gives the clock back what it had, fingerprints included.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatedTemplate } from '../../firmware/fingers.js';
import { connectCloud } from '../../src/cli/cloud-link.js';
import { seedDemoCompany, seedDemoEmployees } from '../../src/cli/demo.js';
import { createCloud, type Cloud } from '../../src/cloud/index.js';
import { createLogger } from '../../src/log.js';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { startSync, type SyncLink } from '../../src/sync/index.js';

const BRUNO_FINGERS = [
  { pin: '1002', fid: 5, valid: true, template: simulatedTemplate({ person: '1002', fid: 5 }) },
  { pin: '1002', fid: 6, valid: true, template: simulatedTemplate({ person: '1002', fid: 6 }) },
];

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-demo-'));
  open.push({ close: () => fs.rmSync(dir, { recursive: true, force: true }) });
  return dir;
}

function demoClock(device: 'biometric' | 'proximity' = 'biometric'): Clock {
  const clock = createClock({ store: 'memory', device, time: { virtual: '2026-11-25T07:58:00' } });
  open.push(clock);
  seedDemoCompany(clock);
  return clock;
}

/** A cloud on the database file, on loopback, and the clock's sync link to it, idle. */
async function linkTo(clock: Clock, data: string): Promise<{ cloud: Cloud; link: SyncLink }> {
  const cloud = createCloud({ data, now: () => clock.source.now() });
  open.push(cloud);
  cloud.registerClock(clock.serialNumber);
  await cloud.listen();
  const link = startSync(clock, { url: cloud.url! });
  open.push({ close: () => link.stop() });
  await link.whenIdle();
  return { cloud, link };
}

describe('the demo company', () => {
  it('Add/Remove on Bruno Silva through the cloud timeclock run seeded leaves his two fingerprints on the clock', async () => {
    const clock = demoClock();
    const dataDir = tempDir();
    const run = await connectCloud(clock, {
      target: 'embedded',
      dataDir,
      memory: false,
      demo: true,
      logger: createLogger({ level: 'silent' }),
    });
    await run.whenIdle();
    await run.stop();
    // The same database, reopened: the portal operations are called directly, not through the API.
    const { cloud, link } = await linkTo(clock, path.join(dataDir, 'cloud.db'));

    const removed = cloud.portal.addRemove('E1002', []);
    await link.whenIdle();
    const whileRemoved = clock.records.users.findByPin('1002');
    const added = cloud.portal.addRemove('E1002', [clock.serialNumber]);
    await link.whenIdle();

    expect(removed.ok && added.ok).toBe(true);
    expect(whileRemoved).toBeUndefined();
    expect(clock.records.templates.listFor('1002')).toEqual(BRUNO_FINGERS);
    expect(clock.records.users.findByPin('1002')).toMatchObject({
      name: 'Bruno Silva',
      card: '3809012974',
      verifyMode: 0,
    });
    clock.placeFinger({ person: '1002', fid: 5 });
    expect(clock.screenText()).toContain('Bruno Silva');
  });

  it('is seeded into the portal with the fingers, cards and rights the clock’s seed gives', async () => {
    const clock = demoClock();
    const { cloud } = await linkTo(clock, path.join(tempDir(), 'cloud.db'));

    seedDemoEmployees(cloud.portal, clock.serialNumber, clock.model);

    for (const user of clock.records.users.search('', 0, 100)) {
      const employee = cloud.portal.getEmployee(`E${user.pin}`);
      expect(employee.ok && employee.value).toMatchObject({
        badge: user.pin,
        card: user.card,
        password: user.password,
        nonSecure: user.verifyMode === 0,
        clocks: [clock.serialNumber],
        templates: clock.records.templates.listFor(user.pin),
      });
    }
    expect(cloud.portal.getEmployee('E9001')).toMatchObject({ value: { role: 'administrator' } });
    expect(cloud.portal.getEmployee('E2001')).toMatchObject({ value: { role: 'manager' } });
  });

  it('asks the Administrator 9001 for his password after his badge: the badge alone does not open the menu', () => {
    const clock = demoClock();
    clock.press('MENU');
    clock.type('9001');
    clock.press('OK');
    const asked = clock.frame().screen;

    clock.type('9999');
    clock.press('OK');

    expect(asked).toBe('secondFactor');
    expect(clock.frame().screen).toBe('menu.main');
  });

  it('has no fingerprints on either side for a model without a fingerprint reader', async () => {
    const clock = demoClock('proximity');
    const { cloud } = await linkTo(clock, path.join(tempDir(), 'cloud.db'));

    seedDemoEmployees(cloud.portal, clock.serialNumber, clock.model);

    expect(clock.records.templates.count()).toBe(0);
    expect(cloud.portal.searchEmployees('').flatMap((e) => e.templates)).toEqual([]);
  });
});
