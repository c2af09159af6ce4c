// The transports' error contract: backoff that doubles to a cap, a TCP listener that retries a busy
// port, and a clock that refuses an input without taking the bridge down.
import net from 'node:net';
import { SerialPortMock } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeEm4100, startBridge } from '../../src/serial/index.js';
import { Backoff } from '../../src/serial/serial-endpoint.js';
import { captureLogger, createMockDevice, messages, mockPorts, serialClock, until } from './helpers.js';

const cleanup: (() => Promise<unknown> | unknown)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  SerialPortMock.binding.reset();
});

describe('Backoff', () => {
  it('doubles from the first delay up to 30 s, and starts again after a success', () => {
    const backoff = new Backoff(500);
    const delays = Array.from({ length: 9 }, () => backoff.next());
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });
});

describe('a TCP bridge', () => {
  it('retries a port that is in use, on the clock, and listens once it is free', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const clock = serialClock();
    const log = captureLogger();
    const bridge = startBridge(clock, `control:tcp:${port},retry=200`, { logger: log.logger });
    cleanup.push(
      () => clock.close(),
      () => bridge.stop(),
    );
    await until(() => messages(log.lines).includes('cannot listen; retrying'), 'the first failure');
    expect(bridge.state).toBe('waiting');

    await new Promise((resolve) => blocker.close(resolve));
    clock.advance(200);
    await until(() => bridge.state === 'open', 'the listener');
    expect(bridge.address()).toBe(`127.0.0.1:${port}`);
  });
});

describe('a bridge whose clock refuses an input', () => {
  it('logs the refusal and keeps reading', async () => {
    createMockDevice('/dev/ttyRefuse');
    const clock = serialClock();
    const ports = mockPorts();
    const log = captureLogger();
    const bridge = startBridge(clock, 'rdm6300:/dev/ttyRefuse', { openPort: ports.openPort, logger: log.logger });
    cleanup.push(() => bridge.stop());
    await until(() => bridge.state === 'open', 'the port to open');

    clock.close();
    ports.latest().port!.emitData(encodeEm4100(0x62, 0xe3086ced));
    await until(() => messages(log.lines).includes('card tap refused'), 'the refusal to be logged');
    expect(bridge.state).toBe('open');
  });
});
