// What the sync tests share: a clock in virtual time with a few employees, punching by ID, and a
// bounded wait on real I/O (polling a condition, never sleeping a fixed time).
import { Writable } from 'node:stream';
import { afterEach, beforeEach } from 'vitest';
import { newUser } from '../../firmware/users.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { PushRequest, PushTransport } from '../../src/protocol/index.js';
import { createClock, type Clock, type ClockOptions } from '../../src/runtime/index.js';
import type { SyncLink } from '../../src/sync/index.js';
import { startScriptedServer, type ScriptedServer } from './scripted-server.js';

export const START = '2026-11-25T07:58:00';

/** Non-secure employees (Verify=0): their ID typed on the keypad punches. */
export const EMPLOYEES = ['1001', '1002', '1003'];

export function virtualClock(options: ClockOptions = {}): Clock {
  const clock = createClock({ time: { virtual: START }, ...options });
  if (clock.records.users.count() === 0) {
    for (const pin of EMPLOYEES) clock.load({ users: [newUser(pin, { name: `Employee ${pin}`, verifyMode: 0 })] });
  }
  return clock;
}

/** Types the PIN and OK, then lets the result screen go, so that the next punch starts from idle. */
export function punch(clock: Clock, pin: string): void {
  clock.type(pin);
  clock.press('OK');
  if (clock.source.kind === 'virtual') clock.advance(4_000);
}

/**
 * Waits for real I/O until `condition` holds; fails naming `what` after `timeoutMs`, which only catches a
 * link that is stuck: it is generous, so that a busy machine is slow, not red.
 */
export async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A logger whose JSON lines a test can read. */
export function capturedLogger(): { logger: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const text = (): string => chunks.join('');
  const lines = (): Record<string, unknown>[] =>
    text()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines, text };
}

/** Records each request the moment the link makes it: a timer that fires a request shows at once. */
export function recording(inner: PushTransport): PushTransport & { seen: PushRequest[] } {
  const seen: PushRequest[] = [];
  return {
    seen,
    request: (request) => {
      seen.push(request);
      return inner.request(request);
    },
    close: () => inner.close(),
  };
}

/**
 * A backlog loaded through the firmware: `count` punches `stepMs` apart from now, by the PINs in turn —
 * what a clock holds after a long time offline.
 */
export function loadBacklog(clock: Clock, count: number, pins: readonly string[], stepMs: number): void {
  const start = clock.now();
  const punch = (i: number) => ({ pin: pins[i % pins.length]!, time: start + i * stepMs, workCode: 0 });
  clock.load({ punches: Array.from({ length: count }, (_, i) => ({ ...punch(i), state: 0, verify: 0 }) as const) });
}

/** Non-secure employees 2000, 2001… for tests that punch often: each punches again only after the duplicate window. */
export function addEmployees(clock: Clock, count: number): string[] {
  const pins = Array.from({ length: count }, (_, i) => String(2000 + i));
  clock.load({ users: pins.map((pin) => newUser(pin, { name: `Worker ${pin}`, verifyMode: 0 })) });
  return pins;
}

export interface ScriptedRig {
  server: ScriptedServer;
  clock: Clock;
  logs: ReturnType<typeof capturedLogger>;
  /** The test's link, if it started one: stopped after the test. */
  link: SyncLink | undefined;
}

/** A scripted PUSH server and a virtual clock whose time it serves, new for each test of the file. */
export function useScriptedRig(): ScriptedRig {
  const rig = {} as ScriptedRig;
  beforeEach(async () => {
    rig.server = await startScriptedServer();
    rig.clock = virtualClock();
    rig.server.date = () => rig.clock.source.now();
    rig.logs = capturedLogger();
    rig.link = undefined;
  });
  afterEach(async () => {
    await rig.link?.stop();
    rig.clock.close();
    await rig.server.stop();
  });
  return rig;
}
