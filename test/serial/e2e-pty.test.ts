// End to end over real pty pairs made by socat: a separate process plays a card reader, a fingerprint
// module talks to its host, the control protocol runs over a pty and over TCP, and an adapter that is
// pulled out and plugged back in is reopened.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/runtime/index.js';
import { startBridge } from '../../src/serial/index.js';
import { captureLogger, messages, serialClock, until } from './helpers.js';
import { requireTool } from '../fixtures/tools.js';
import { ptyPair } from './pty.js';

const cleanup: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A clock bridged to one end (`b`) of a fresh pty pair by `spec` (`rdm6300:<end>…`), once the clock has it open. */
async function clockOnPty(spec: (end: string) => string, options: Parameters<typeof startBridge>[2] = {}) {
  const pty = await ptyPair();
  const clock = serialClock();
  const bridge = startBridge(clock, spec(pty.b), options);
  cleanup.push(
    pty.dispose,
    () => clock.close(),
    () => bridge.stop(),
  );
  await until(() => bridge.state === 'open', 'the clock to open its end');
  return { pty, clock, bridge };
}

const RIG = path.join(import.meta.dirname, 'rigs', 'rdm6300-rig.ts');

/** Runs the reader rig in its own process; resolves with its exit code. */
function runRig(pty: string, tagHex: string, count: number): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', RIG, pty, tagHex, String(count)], { stdio: 'ignore' });
  return new Promise((resolve) => child.once('exit', resolve));
}

function drive(clock: Clock, done: () => boolean, what: string, ms = 10_000): Promise<true> {
  return until(
    () => {
      if (done()) return true;
      clock.advance(50);
      return false;
    },
    what,
    ms,
  );
}

const socat = requireTool('socat');

describe.skipIf(socat.missing !== undefined)(`over a real pty pair${socat.title}`, () => {
  it('a reader process writes RDM6300 frames into one end, and the clock punches once', async () => {
    const { pty, clock } = await clockOnPty((end) => `rdm6300:${end}`);

    // The card held over the reader: three frames, one tap (virtual time does not move meanwhile).
    expect(await runRig(pty.a, '62E3086CED', 3)).toBe(0);
    await until(() => clock.punches().length === 1, 'the punch', 10_000);

    expect(clock.punches()).toEqual([expect.objectContaining({ pin: '1004', verify: 4 })]);
  });

  it('reopens a pty that disappeared, after its backoff, and reads cards again', async () => {
    const log = captureLogger();
    const { pty, clock, bridge } = await clockOnPty((end) => `rdm6300:${end},retry=1000`, { logger: log.logger });

    await pty.stop();
    await until(() => bridge.state === 'waiting', 'the bridge to notice', 10_000);
    expect(messages(log.lines)).toContain('port closed; retrying');
    clock.tapCard('3003');
    expect(clock.punches()).toHaveLength(1);

    await pty.restart();
    await drive(clock, () => bridge.state === 'open', 'the port to reopen');
    expect(await runRig(pty.a, '62E3086CED', 1)).toBe(0);
    await until(() => clock.punches().length === 2, 'a punch through the new pty', 10_000);
    // A hang guard, not a speed check: socat's stop and restart and the 1 s backoff took 10 s once under a
    // full suite's load; each wait above is on a condition.
  }, 30_000);

  it('a clock hosts a fingerprint module that another clock emulates, and punches the finger it finds', async () => {
    const pty = await ptyPair();
    const moduleClock = serialClock();
    const hostClock = serialClock();
    const device = startBridge(moduleClock, `zfm-device:${pty.a}`);
    const host = startBridge(hostClock, `zfm:${pty.b},poll=100`);
    cleanup.push(
      pty.dispose,
      () => moduleClock.close(),
      () => hostClock.close(),
      () => device.stop(),
      () => host.stop(),
    );
    await until(() => device.state === 'open' && host.state === 'open', 'both ends to open');

    // The emulated library holds the clock's templates in PIN order: 1003 on page 0, 1004 on page 1.
    host.api.pages.set(1, { pin: '1004', fid: 6 });
    device.api.place('1004/right-index');
    await drive(hostClock, () => hostClock.punches().length === 1, 'the punch on the host clock');

    expect(hostClock.punches()[0]).toMatchObject({ pin: '1004', verify: 1 });
  });

  it('speaks the control protocol over a pty', async () => {
    const { pty } = await clockOnPty((end) => `control:${end}`);

    const rig = new SerialPort({ path: pty.a, baudRate: 115200 });
    cleanup.push(() => new Promise((resolve) => (rig.isOpen ? rig.close(resolve) : resolve(undefined))));
    let text = '';
    rig.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    await until(() => rig.isOpen, 'the rig to open its end');
    rig.write('{"id":1,"cmd":"keys","keys":"1003#"}\n');
    const reply = await until(() => lines(text).find((m) => m.id === 1), 'the reply', 10_000);

    expect(reply).toMatchObject({ type: 'reply', ok: true });
    expect(lines(text)).toContainEqual(expect.objectContaining({ event: 'punch.recorded' }));
  });

  it('speaks the control protocol over TCP on loopback', async () => {
    const clock = serialClock();
    const bridge = startBridge(clock, 'control:tcp:0');
    cleanup.push(
      () => clock.close(),
      () => bridge.stop(),
    );
    await bridge.ready();
    const [host, port] = [bridge.address()!.replace(/:\d+$/, ''), Number(bridge.address()!.split(':').at(-1))];
    expect(host).toBe('127.0.0.1');

    const socket = net.connect(port, host);
    cleanup.push(() => socket.destroy());
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.write('{"id":"s","cmd":"screen"}\n');
    const reply = await until(() => lines(text).find((m) => m.id === 's'), 'the reply');

    expect(lines(text)[0]).toMatchObject({ type: 'hello', protocol: 1 });
    expect(reply).toMatchObject({ ok: true, frame: { screen: 'idle' } });
  });
});

function lines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.trim().startsWith('{') && l.trim().endsWith('}'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
