// A server whose handshake leaves AttLog out of TransFlag gets no punches by themselves, as from a real
// clock: "the clock is online but no attendance arrives". The clock keeps that behaviour and says it, in
// a warning at the handshake and on its Settings > Cloud server screen, in both forms of TransFlag.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/runtime/index.js';
import { startSync, type SyncLink } from '../../src/sync/index.js';
import { capturedLogger, punch, virtualClock } from './helpers.js';
import { startScriptedServer, type ScriptedServer } from './scripted-server.js';

let server: ScriptedServer;
let clock: Clock;
let link: SyncLink | undefined;
let logs: ReturnType<typeof capturedLogger>;

beforeEach(async () => {
  server = await startScriptedServer();
  clock = virtualClock();
  server.date = () => clock.source.now();
  logs = capturedLogger();
});

afterEach(async () => {
  await link?.stop();
  link = undefined;
  clock.close();
  await server.stop();
});

/** The clock's Settings > Cloud server screen, opened from idle (no admin enrolled: the menu is open). */
function cloudServerScreen(): string[] {
  clock.press('MENU');
  clock.press('3');
  clock.press('2');
  return clock.frame().lines;
}

function handshakeWith(transFlag: string): void {
  server.handshakeBody = `GET OPTION FROM: TC1A000001\nDelay=10\nRealtime=1\nTransFlag=${transFlag}\n`;
}

describe.each([
  ['the word list', 'TransData OpLog\tEnrollUser\tChgUser\tEnrollFP\tChgFP'],
  ['the bit string', '0111000000'],
])('a handshake whose TransFlag (%s) leaves out AttLog', (_form, transFlag) => {
  it('uploads no punch by itself, and keeps it on the clock', async () => {
    handshakeWith(transFlag);
    link = startSync(clock, { url: server.url, logger: logs.logger });
    await link.whenIdle();

    punch(clock, '1001');
    await link.whenIdle();

    expect(server.punches).toEqual([]);
    expect(server.requests.filter((r) => r.query.table === 'ATTLOG')).toEqual([]);
    expect(clock.punches().map((p) => p.pin)).toEqual(['1001']);
    expect(link.status()).toMatchObject({ state: 'online', attendanceUpload: false });
  });

  it('logs a warning at the handshake naming the missing flag', async () => {
    handshakeWith(transFlag);
    link = startSync(clock, { url: server.url, logger: logs.logger });

    await link.whenIdle();

    const warning = logs.lines().find((line) => line.missing === 'AttLog');
    expect(warning).toMatchObject({ level: 40, module: 'sync' });
    expect(warning?.msg).toMatch(/^handshake: the server's TransFlag leaves out AttLog/);
  });

  it('shows "attendance upload: off (server\'s TransFlag)" under Settings > Cloud server', async () => {
    handshakeWith(transFlag);
    link = startSync(clock, { url: server.url, logger: logs.logger });
    await link.whenIdle();

    const lines = cloudServerScreen();

    expect(lines).toContain('attendance upload: off');
    expect(lines).toContain("(server's TransFlag)");
  });
});

describe('a handshake whose TransFlag has AttLog', () => {
  it('uploads punches by themselves in the bit-string form, and warns of nothing', async () => {
    handshakeWith('1000000000');
    link = startSync(clock, { url: server.url, logger: logs.logger });
    await link.whenIdle();

    punch(clock, '1001');
    await link.whenIdle();

    expect(server.punches.map((p) => p.pin)).toEqual(['1001']);
    expect(link.status().attendanceUpload).toBe(true);
    expect(logs.lines().some((line) => line.missing === 'AttLog')).toBe(false);
    expect(cloudServerScreen()).toContain('attendance upload: on');
  });

  it('turns upload off when a SET OPTION TransFlag leaves AttLog out, and says so', async () => {
    link = startSync(clock, { url: server.url, logger: logs.logger });
    await link.whenIdle();

    server.queue('C:90:SET OPTION TransFlag=0100000000');
    await link.whenIdle();
    punch(clock, '1002');
    await link.whenIdle();

    expect(server.punches).toEqual([]);
    expect(logs.lines().find((line) => line.missing === 'AttLog')?.msg).toMatch(/^SET OPTION: /);
    expect(cloudServerScreen()).toContain('attendance upload: off');
  });
});

describe('the address on Settings > Cloud server', () => {
  it('is the server the link talks to, though the clock setting is empty', async () => {
    link = startSync(clock, { url: server.url, logger: logs.logger });
    await link.whenIdle();

    const lines = cloudServerScreen();

    expect(clock.settings().cloudServer).toBe('');
    expect(lines).toContain('Talks to:');
    expect(lines).toContain(`  127.0.0.1:${server.port}`);
  });

  it('is shown again after the server reboots the clock', async () => {
    link = startSync(clock, { url: server.url, logger: logs.logger });
    await link.whenIdle();

    server.queue('C:95:REBOOT');
    await link.whenIdle();
    await link.whenIdle();

    expect(cloudServerScreen()).toContain(`  127.0.0.1:${server.port}`);
  });

  it('shows before the server ever answered, without an upload line', async () => {
    await server.stop();
    link = startSync(clock, { url: server.url, logger: logs.logger });

    const lines = cloudServerScreen();

    expect(lines).toContain(`  127.0.0.1:${server.port}`);
    expect(lines.some((line) => line.startsWith('attendance upload'))).toBe(false);
    await server.restart();
  });
});
