// Shared by the serial tests: a clock in virtual time with a few employees, mock ports that record the
// bytes on the wire, a log collector, and a bounded poll for real I/O.
import { Writable } from 'node:stream';
import { SerialPortMock } from 'serialport';
import { newUser, simulatedTemplate } from '../../firmware/index.js';
import { createLogger, type Logger } from '../../src/log.js';
import { createClock, type Clock } from '../../src/runtime/index.js';
import { startBridge, type BridgeKind, type OpenPort } from '../../src/serial/index.js';
import { closeAfterEach } from '../fixtures/after-each.js';

export const MORNING = '2026-11-25T07:58:00';

/** Una 1003 (any method, card 3003), Sam 1004 (finger or card, card 3808980205), both with a right index. */
export function serialClock(): Clock {
  const clock = createClock({ store: 'memory', time: { virtual: MORNING } });
  clock.load({
    users: [
      newUser('1003', { name: 'Una User', verifyMode: 0, card: '3003' }),
      newUser('1004', { name: 'Sam Secure', verifyMode: 6, card: '3808980205' }),
    ],
    templates: ['1003', '1004'].map((pin) => ({
      pin,
      fid: 6,
      valid: true,
      template: simulatedTemplate({ person: pin, fid: 6 }),
    })),
  });
  return clock;
}

/** Polls `probe` until it returns something truthy, for at most `ms` (real I/O needs real time). */
export async function until<T>(probe: () => T | undefined | null | false, what: string, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * Advances `clock`'s virtual time `stepMs` at a time until `done`, for at most `ms` of real time: a bridge's
 * polls and pauses run on virtual time, the bytes it exchanges on real I/O.
 */
export function drive(clock: Clock, done: () => boolean, what: string, stepMs = 50, ms = 5000): Promise<true> {
  return until(
    () => {
      if (done()) return true;
      clock.advance(stepMs);
      return false;
    },
    what,
    ms,
  );
}

/** Lets pending promise callbacks and I/O callbacks run (a few turns of the event loop). */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** What mockPorts gives: the factory to open with and the ports it opened. */
export type MockPorts = ReturnType<typeof mockPorts>;

/** A mock port factory: each open creates a SerialPortMock on the binding, and the streams are kept. */
export function mockPorts(): { openPort: OpenPort; streams: SerialPortMock[]; latest(): SerialPortMock } {
  const streams: SerialPortMock[] = [];
  return {
    streams,
    openPort: (path, baudRate) => {
      const stream = new SerialPortMock({ path, baudRate, autoOpen: false });
      streams.push(stream);
      return stream;
    },
    latest() {
      const s = streams.at(-1);
      if (s === undefined) throw new Error('no port was opened');
      return s;
    },
  };
}

/** A recording device on the mock binding at `path`; the binding is reset after the test, once what was opened on it is closed. */
export function createMockDevice(path: string): void {
  closeAfterEach(() => SerialPortMock.binding.reset());
  SerialPortMock.binding.createPort(path, { echo: false, record: true });
}

/** Bytes the bridge has written to the mock port so far. */
export function wire(stream: SerialPortMock): Buffer {
  return stream.port?.recording ?? Buffer.alloc(0);
}

/**
 * A serial clock with the bridge of `spec` open on a recording mock device (the spec's path), its lines
 * logged; the clock and the bridge closed after the test.
 */
export async function openMockBridge<K extends BridgeKind>(spec: `${K}:${string}`) {
  createMockDevice(spec.split(':')[1]!.split(',')[0]!);
  const clock = serialClock();
  const ports = mockPorts();
  const log = captureLogger();
  const bridge = startBridge<K>(clock, spec, { openPort: ports.openPort, logger: log.logger });
  closeAfterEach(
    () => clock.close(),
    () => bridge.stop(),
  );
  await until(() => bridge.state === 'open', 'the port to open');
  return { clock, bridge, ports, log };
}

/**
 * The device at the far end of the latest mock port: each chunk the host has written since the last look
 * goes to `onWritten` with the port to answer on, looked at every millisecond until the returned stop.
 */
export function answerWrites(
  ports: { streams: SerialPortMock[] },
  onWritten: (chunk: Buffer, port: NonNullable<SerialPortMock['port']>) => void,
): () => void {
  let seen = 0;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    const stream = ports.streams.at(-1);
    const rec = stream === undefined ? Buffer.alloc(0) : wire(stream);
    if (rec.length > seen && stream?.port) {
      onWritten(rec.subarray(seen), stream.port);
      seen = rec.length;
    }
    setTimeout(tick, 1);
  };
  tick();
  return () => void (stopped = true);
}

/** A logger whose lines are kept as objects. */
export function captureLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination: destination as never, time: () => 'T' });
  return { logger, lines };
}

export function messages(lines: Record<string, unknown>[]): string[] {
  return lines.map((l) => String(l.msg));
}
