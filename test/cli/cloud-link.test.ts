// `timeclock run`'s cloud: the embedded reference cloud over loopback HTTP, the panel's switch that cuts
// the line, and no cloud at all.
import { afterEach, describe, expect, it } from 'vitest';
import type { CloudLink } from '../../src/cli/cloud-link.js';
import { connectInMemory } from './cloud-link-helpers.js';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { seedDemoCompany } from '../../src/cli/demo.js';
import { startScriptedServer } from '../sync/scripted-server.js';

let clock: Clock;
let link: CloudLink;
afterEach(async () => {
  await link.stop();
  clock.close();
});

async function openEmbedded(): Promise<void> {
  clock = createClock({ store: 'memory', time: { virtual: '2026-11-25T07:58:00' } });
  seedDemoCompany(clock);
  link = await connectInMemory(clock, 'embedded', true);
}

async function cloudPunches(): Promise<{ pin: string }[]> {
  const issued = link.cloud!.accounts.issueToken(link.firstAccount!.username, 'test');
  if (!issued.ok) throw new Error(issued.problem.message);
  const answer = await fetch(`${link.url}/api/punches?sn=${clock.serialNumber}`, {
    headers: { authorization: `Bearer ${issued.value.token}` },
  });
  const body = (await answer.json()) as { punches?: { pin: string }[] } | { pin: string }[];
  return Array.isArray(body) ? body : (body.punches ?? []);
}

describe('the embedded cloud of timeclock run', () => {
  it('listens on loopback, knows the demo company, and receives a punch made on the clock', async () => {
    await openEmbedded();
    await link.whenIdle();

    clock.type('1002');
    clock.press('OK');
    await link.whenIdle();

    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(clock.frame().icons.cloud).toBe('none');
    expect((await cloudPunches()).map((p) => p.pin)).toEqual(['1002']);
  });

  it('shows the red dot while the switch cuts the line, and uploads the punch once it is restored', async () => {
    await openEmbedded();
    await link.whenIdle();

    link.control.setReachable(false);
    clock.type('1002');
    clock.press('OK');
    await expect(link.whenIdle()).rejects.toThrow(/cut off/);
    const whileCut = clock.frame().icons.cloud;
    link.control.setReachable(true);
    await link.whenIdle();

    expect(whileCut).toBe('red-dot');
    expect(link.control.status().reachable).toBe(true);
    expect((await cloudPunches()).map((p) => p.pin)).toEqual(['1002']);
  });
});

describe('an external server', () => {
  it('reports attendance upload off when its TransFlag leaves out AttLog, and the clock shows where it talks to', async () => {
    const server = await startScriptedServer();
    clock = createClock({ store: 'memory', time: { virtual: '2026-11-25T07:58:00' } });
    server.date = () => clock.source.now();
    server.handshakeBody = 'Delay=10\nTransFlag=0111000000\n';
    link = await connectInMemory(clock, server.url, false);
    try {
      await link.whenIdle();
      clock.press('MENU');
      clock.press('3');
      clock.press('2');

      expect(link.control.status()).toEqual({ reachable: true, detail: 'answering', attendanceUpload: false });
      expect(clock.frame().lines).toContain(`  127.0.0.1:${server.port}`);
    } finally {
      await link.stop();
      await server.stop();
    }
  });
});

describe('no cloud', () => {
  it('starts no server and reports the cloud as not configured', async () => {
    clock = createClock({ store: 'memory', time: { virtual: '2026-11-25T07:58:00' } });

    link = await connectInMemory(clock, 'none', false);

    expect(link.url).toBeUndefined();
    expect(link.control.status()).toEqual({ reachable: false, detail: 'no cloud configured (--cloud none)' });
  });
});

describe('the headless cloud command', () => {
  it('cuts the line to the embedded cloud, not only the icon', async () => {
    await openEmbedded();
    await link.whenIdle();
    const { runConsoleCommand } = await import('../../src/cli/console-commands.js');

    runConsoleCommand(clock, 'cloud down', (up) => link.control.setReachable(up));
    clock.type('1002');
    clock.press('OK');

    await expect(link.whenIdle()).rejects.toThrow(/cut off/);
    expect(await cloudPunches()).toEqual([]);
  });
});
