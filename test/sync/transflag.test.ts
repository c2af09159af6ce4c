// A server whose handshake leaves AttLog out of TransFlag gets no punches by themselves, as from a real
// clock: "the clock is online but no attendance arrives". The clock keeps that behaviour and says it, in
// a warning at the handshake and on its Settings > Cloud server screen, in both forms of TransFlag.
import { describe, expect, it } from 'vitest';
import { startSync } from '../../src/sync/index.js';
import { punch, useScriptedRig } from './helpers.js';

const rig = useScriptedRig();

/** The clock's Settings > Cloud server screen, opened from idle (no admin enrolled: the menu is open). */
function cloudServerScreen(): string[] {
  rig.clock.press('MENU');
  rig.clock.press('3');
  rig.clock.press('2');
  return rig.clock.frame().lines;
}

function handshakeWith(transFlag: string): void {
  rig.server.handshakeBody = `GET OPTION FROM: TC1A000001\nDelay=10\nRealtime=1\nTransFlag=${transFlag}\n`;
}

describe.each([
  ['the word list', 'TransData OpLog\tEnrollUser\tChgUser\tEnrollFP\tChgFP'],
  ['the bit string', '0111000000'],
])('a handshake whose TransFlag (%s) leaves out AttLog', (_form, transFlag) => {
  it('uploads no punch by itself, and keeps it on the clock', async () => {
    handshakeWith(transFlag);
    rig.link = startSync(rig.clock, { url: rig.server.url, logger: rig.logs.logger });
    await rig.link.whenIdle();

    punch(rig.clock, '1001');
    await rig.link.whenIdle();

    expect(rig.server.punches).toEqual([]);
    expect(rig.server.requests.filter((r) => r.query.table === 'ATTLOG')).toEqual([]);
    expect(rig.clock.punches().map((p) => p.pin)).toEqual(['1001']);
    expect(rig.link.status()).toMatchObject({ state: 'online', attendanceUpload: false });
  });

  it('logs a warning at the handshake naming the missing flag', async () => {
    handshakeWith(transFlag);
    rig.link = startSync(rig.clock, { url: rig.server.url, logger: rig.logs.logger });

    await rig.link.whenIdle();

    const warning = rig.logs.lines().find((line) => line.missing === 'AttLog');
    expect(warning).toMatchObject({ level: 40, module: 'sync' });
    expect(warning?.msg).toMatch(/^handshake: the server's TransFlag leaves out AttLog/);
  });

  it('shows "attendance upload: off (server\'s TransFlag)" under Settings > Cloud server', async () => {
    handshakeWith(transFlag);
    rig.link = startSync(rig.clock, { url: rig.server.url, logger: rig.logs.logger });
    await rig.link.whenIdle();

    const lines = cloudServerScreen();

    expect(lines).toContain('attendance upload: off');
    expect(lines).toContain("(server's TransFlag)");
  });
});

describe('a handshake whose TransFlag has AttLog', () => {
  it('uploads punches by themselves in the bit-string form, and warns of nothing', async () => {
    handshakeWith('1000000000');
    rig.link = startSync(rig.clock, { url: rig.server.url, logger: rig.logs.logger });
    await rig.link.whenIdle();

    punch(rig.clock, '1001');
    await rig.link.whenIdle();

    expect(rig.server.punches.map((p) => p.pin)).toEqual(['1001']);
    expect(rig.link.status().attendanceUpload).toBe(true);
    expect(rig.logs.lines().some((line) => line.missing === 'AttLog')).toBe(false);
    expect(cloudServerScreen()).toContain('attendance upload: on');
  });

  it('turns upload off when a SET OPTION TransFlag leaves AttLog out, and says so', async () => {
    rig.link = startSync(rig.clock, { url: rig.server.url, logger: rig.logs.logger });
    await rig.link.whenIdle();

    rig.server.queue('C:90:SET OPTION TransFlag=0100000000');
    await rig.link.whenIdle();
    punch(rig.clock, '1002');
    await rig.link.whenIdle();

    expect(rig.server.punches).toEqual([]);
    expect(rig.logs.lines().find((line) => line.missing === 'AttLog')?.msg).toMatch(/^SET OPTION: /);
    expect(cloudServerScreen()).toContain('attendance upload: off');
  });
});

describe('the address on Settings > Cloud server', () => {
  it('is the server the link talks to, though the clock setting is empty', async () => {
    rig.link = startSync(rig.clock, { url: rig.server.url, logger: rig.logs.logger });
    await rig.link.whenIdle();

    const lines = cloudServerScreen();

    expect(rig.clock.settings().cloudServer).toBe('');
    expect(lines).toContain('Talks to:');
    expect(lines).toContain(`  127.0.0.1:${rig.server.port}`);
  });

  it('is shown again after the server reboots the clock', async () => {
    rig.link = startSync(rig.clock, { url: rig.server.url, logger: rig.logs.logger });
    await rig.link.whenIdle();

    rig.server.queue('C:95:REBOOT');
    await rig.link.whenIdle();
    await rig.link.whenIdle();

    expect(cloudServerScreen()).toContain(`  127.0.0.1:${rig.server.port}`);
  });

  it('shows before the server ever answered, without an upload line', async () => {
    await rig.server.stop();
    rig.link = startSync(rig.clock, { url: rig.server.url, logger: rig.logs.logger });

    const lines = cloudServerScreen();

    expect(lines).toContain(`  127.0.0.1:${rig.server.port}`);
    expect(lines.some((line) => line.startsWith('attendance upload'))).toBe(false);
    await rig.server.restart();
  });
});
