// The firmware's watchdog: a fault inside a step (a port that throws) is logged, the clock reboots on
// the same store and keeps running, and no write of the failed step is left half done.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import type { Clock } from '../../src/runtime/index.js';
import { enterId, flashClock, openMenuAs } from '../fixtures/clock.js';
import { STAFF } from '../fixtures/staff.js';
import { makeTempDir, type TempDir } from '../fixtures/temp-dir.js';

/** A logger whose JSON lines the test reads. */
function logLines() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

/** Makes one method of a port throw on its next call only, as a flash write that fails once. */
function failNextCall<T extends object>(port: T, method: keyof T & string, after?: () => void): void {
  const original = port[method];
  (port as Record<string, unknown>)[method] = () => {
    (port as Record<string, unknown>)[method] = original;
    after?.();
    throw new Error(`${method}: flash write failed`);
  };
}

/** Makes one method of a port throw until the returned function puts it back, as a dead flash chip. */
function failEveryCall<T extends object>(port: T, method: keyof T & string): () => void {
  const original = port[method];
  (port as Record<string, unknown>)[method] = () => {
    throw new Error(`${method}: flash dead`);
  };
  return () => ((port as Record<string, unknown>)[method] = original);
}

let dir: TempDir | undefined;
afterEach(() => dir?.remove());

describe('a fault inside a punch', () => {
  it('is logged as a firmware fault and the clock reboots to the idle screen', () => {
    const { lines, logger } = logLines();
    const { clock, flash } = flashClock({ logger });
    failNextCall(flash.punches, 'append');

    enterId(clock, STAFF.user.pin);

    expect(lines).toContainEqual(expect.objectContaining({ level: 50, msg: 'firmware fault: rebooting' }));
    expect(lines.filter((l) => l.msg === 'power on')).toHaveLength(2);
    expect(clock.frame().screen).toBe('idle');
  });

  it('records nothing for the failed punch and tells no one it was recorded', () => {
    const { clock, flash } = flashClock();
    const recorded: unknown[] = [];
    clock.on('punch.recorded', (fact) => recorded.push(fact));
    failNextCall(flash.punches, 'append');

    enterId(clock, STAFF.user.pin);

    expect(clock.punches()).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it('keeps running after the reboot: the same person punches again at once', () => {
    const { clock, flash } = flashClock();
    failNextCall(flash.punches, 'append');
    enterId(clock, STAFF.user.pin);

    enterId(clock, STAFF.user.pin);

    expect(clock.frame().lines[0]).toBe('Thank you, Una User');
    expect(clock.punches()).toHaveLength(1);
  });

  it('keeps its timers after the reboot: the next result still goes away after 3 s', () => {
    const { clock, flash } = flashClock();
    failNextCall(flash.punches, 'append');
    enterId(clock, STAFF.user.pin);
    enterId(clock, STAFF.user.pin);

    clock.advance(3_000);

    expect(clock.frame().screen).toBe('idle');
  });
});

describe('a fault in the middle of a write of several rows', () => {
  /** An Administrator on the delete confirmation of the secure user, on the given clock. */
  function confirmingDelete(clock: Clock): void {
    openMenuAs(clock, STAFF.admin.pin);
    clock.press('1');
    clock.type(STAFF.secure.pin);
    for (const key of ['OK', '2'] as const) clock.press(key);
  }

  it('leaves the user and their templates both in place on a SQLite file', () => {
    dir = makeTempDir();
    const { clock, flash } = flashClock({ file: dir.file('clock.db') });
    confirmingDelete(clock);
    failNextCall(flash.users, 'remove');

    clock.press('OK');

    expect(clock.records.users.findByPin(STAFF.secure.pin)).toBeDefined();
    expect(clock.records.templates.listFor(STAFF.secure.pin)).toHaveLength(1);
    expect(clock.frame().screen).toBe('idle');
    clock.close();
    flash.close();
  });

  it('leaves them both in place in memory too', () => {
    const { clock, flash } = flashClock();
    confirmingDelete(clock);
    failNextCall(flash.users, 'remove');

    clock.press('OK');

    expect(clock.records.users.findByPin(STAFF.secure.pin)).toBeDefined();
    expect(clock.records.templates.listFor(STAFF.secure.pin)).toHaveLength(1);
  });
});

describe('a fault at power on', () => {
  it('halts the clock with an error naming the fault instead of rebooting into it again and again', () => {
    const { clock, flash } = flashClock();
    failEveryCall(flash.settings, 'load');

    expect(() => clock.restart()).toThrow('clock TC1A000001 cannot power on: load: flash dead');
  });

  it('answers every call after that with the reason the clock is halted', () => {
    const { clock, flash } = flashClock();
    failEveryCall(flash.settings, 'load');
    expect(() => clock.restart()).toThrow();

    expect(() => clock.press('1')).toThrow('clock TC1A000001 is halted: it could not power on (load: flash dead)');
  });

  it('halts, without throwing at the person punching, when the reboot after a punch fault fails too', () => {
    const { lines, logger } = logLines();
    const { clock, flash } = flashClock({ logger });
    failNextCall(flash.punches, 'append', () => failEveryCall(flash.settings, 'load'));

    enterId(clock, STAFF.user.pin);

    expect(lines).toContainEqual(expect.objectContaining({ level: 60, msg: 'firmware fault at power on: halted' }));
    expect(() => clock.frame()).toThrow(/is halted/);
  });

  it('powers on again with restart() once the fault is gone', () => {
    const { clock, flash } = flashClock();
    const repair = failEveryCall(flash.settings, 'load');
    expect(() => clock.restart()).toThrow();

    repair();
    clock.restart();
    enterId(clock, STAFF.user.pin);

    expect(clock.frame().lines[0]).toBe('Thank you, Una User');
  });
});
