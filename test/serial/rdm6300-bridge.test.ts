// The rdm6300 bridge over node-serialport's mock binding: frames become punches, a held card is one
// tap, and a port that fails or disappears is retried with backoff on the clock's (virtual) time.
import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeEm4100, startBridge, type Bridge } from '../../src/serial/index.js';
import type { Clock } from '../../src/runtime/index.js';
import { captureLogger, createMockDevice, messages, mockPorts, serialClock, until, wire } from './helpers.js';

const SAM = encodeEm4100(0x62, 0xe3086ced); // card 3808980205, user 1004
const cleanup: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  SerialPortMock.binding.reset();
});

function started(
  path: string,
  extra = '',
): { clock: Clock; bridge: Bridge; ports: ReturnType<typeof mockPorts>; log: ReturnType<typeof captureLogger> } {
  const clock = serialClock();
  const ports = mockPorts();
  const log = captureLogger();
  const bridge = startBridge(clock, `rdm6300:${path}${extra}`, { openPort: ports.openPort, logger: log.logger });
  cleanup.push(
    () => clock.close(),
    () => bridge.stop(),
  );
  return { clock, bridge, ports, log };
}

describe('rdm6300 bridge', () => {
  it('turns a card frame into a card punch, and writes nothing to the reader', async () => {
    createMockDevice('/dev/ttyRDM0');
    const { clock, bridge, ports } = started('/dev/ttyRDM0');
    await until(() => bridge.state === 'open', 'the port to open');

    ports.latest().port!.emitData(SAM);
    await until(() => clock.punches().length === 1, 'a punch');

    expect(clock.punches()[0]).toMatchObject({ pin: '1004', verify: 4 });
    expect(clock.frame().lines.join('\n')).toContain('Thank you, Sam Secure');
    expect(wire(ports.latest())).toHaveLength(0);
  });

  it('opens the port at the baud rate of the spec', async () => {
    createMockDevice('/dev/ttyRDM1');
    const { bridge, ports } = started('/dev/ttyRDM1', ',baud=19200');
    await until(() => bridge.state === 'open', 'the port to open');
    expect(ports.latest().baudRate).toBe(19200);
  });

  it('reads the repeats of a held card as one tap, and the card again after it was away', async () => {
    createMockDevice('/dev/ttyRDM2');
    const { clock, bridge, ports, log } = started('/dev/ttyRDM2');
    await until(() => bridge.state === 'open', 'the port to open');
    const taps = () => messages(log.lines).filter((m) => m === 'card read').length;
    const frames = () => messages(log.lines).filter((m) => m === 'card read' || m === 'card still held').length;

    for (let i = 1; i <= 4; i++) {
      ports.latest().port!.emitData(SAM);
      await until(() => frames() === i, `frame ${i}`);
      clock.advance(100); // the reader repeats about every 100 ms while the card is held
    }
    expect(taps()).toBe(1);

    clock.advance(300);
    ports.latest().port!.emitData(SAM);
    await until(() => taps() === 2, 'a second tap');
  });

  it('logs a port that disappears, keeps the clock running, and reopens it after the backoff', async () => {
    createMockDevice('/dev/ttyRDM3');
    const { clock, bridge, ports, log } = started('/dev/ttyRDM3');
    await until(() => bridge.state === 'open', 'the port to open');

    ports.latest()._disconnected(new Error('unplugged'));
    await until(() => bridge.state === 'waiting', 'the bridge to wait');
    expect(log.lines).toContainEqual(expect.objectContaining({ msg: 'port closed; retrying', retryInMs: 500 }));

    clock.tapCard('3003'); // the clock itself does not care
    expect(clock.punches()).toHaveLength(1);

    clock.advance(500);
    await until(() => bridge.state === 'open', 'the port to reopen');
    expect(ports.streams).toHaveLength(2);
    ports.latest().port!.emitData(SAM);
    await until(() => clock.punches().length === 2, 'a punch through the reopened port');
  });

  it('retries a port that cannot open with doubling delays until it appears', async () => {
    const { clock, bridge, log } = started('/dev/ttyRDM4', ',retry=100');
    const retries = () => log.lines.filter((l) => l.msg === 'cannot open port; retrying').map((l) => l.retryInMs);
    await until(() => retries().length === 1, 'the first failure');

    clock.advance(100);
    await until(() => retries().length === 2, 'the second failure');
    clock.advance(200);
    await until(() => retries().length === 3, 'the third failure');
    expect(retries()).toEqual([100, 200, 400]);

    createMockDevice('/dev/ttyRDM4');
    clock.advance(400);
    await until(() => bridge.state === 'open', 'the port to open at last');
  });

  it('stops: the port is closed and no retry is left on the clock', async () => {
    createMockDevice('/dev/ttyRDM5');
    const { bridge, ports } = started('/dev/ttyRDM5');
    await until(() => bridge.state === 'open', 'the port to open');
    await bridge.stop();
    expect(ports.latest().isOpen).toBe(false);
    expect(bridge.state).toBe('stopped');
  });
});
