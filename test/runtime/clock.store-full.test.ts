// A store that refuses writes (the in-process twin of test/cli/disk-full.test.ts, which proves it on a
// real full volume): the firmware refuses the punch on its screen, tells no one it was recorded, keeps
// running, and stores the next punch once the store takes writes again.
import { describe, expect, it } from 'vitest';
import type { ClockPorts } from '../../firmware/index.js';
import type { Clock, ClockFact } from '../../src/runtime/index.js';
import { StoreWriteError } from '../../src/store/index.js';
import { enterId, flashClock, screenBody } from '../fixtures/clock.js';
import { STAFF } from '../fixtures/staff.js';

/** Makes the punch log refuse every append as a full disk does, until the returned function frees it. */
function fillPunchLog(flash: ClockPorts, fault: 'full' | 'read-only' = 'full'): () => void {
  const punches = flash.punches;
  const append = punches.append.bind(punches);
  punches.append = () => {
    throw new StoreWriteError(fault, '/data/clock.db', 'database or disk is full');
  };
  return () => (punches.append = append);
}

function facts(clock: Clock) {
  const heard: ClockFact[] = [];
  clock.on('punch.recorded', (f) => heard.push(f));
  clock.on('store.failed', (f) => heard.push(f));
  return heard;
}

describe('a punch the store refuses', () => {
  it('shows "Memory full" and "Punch not saved" with the red LED, never "Thank you"', () => {
    const { clock, flash } = flashClock();
    const frames: string[] = [];
    clock.on('frame.changed', ({ text }) => frames.push(text));
    fillPunchLog(flash);

    enterId(clock, STAFF.user.pin);

    expect(clock.frame().lines).toEqual(['Memory full', '', 'Punch not saved', 'Tell an administrator']);
    expect(clock.frame().leds).toEqual({ green: false, red: true });
    expect(frames.join('\n')).not.toContain('Thank you');
  });

  it('tells store.failed naming the person, and no punch.recorded', () => {
    const { clock, flash } = flashClock();
    const heard = facts(clock);
    fillPunchLog(flash);

    enterId(clock, STAFF.user.pin);

    expect(heard).toEqual([
      expect.objectContaining({ type: 'store.failed', what: 'punch', fault: 'full', pin: STAFF.user.pin }),
    ]);
    expect(clock.punches()).toEqual([]);
    expect(clock.state()).toBe('running');
  });

  it('keeps the fault on the idle screen until a punch is stored again', () => {
    const { clock, flash } = flashClock();
    const free = fillPunchLog(flash, 'read-only');
    enterId(clock, STAFF.user.pin);
    clock.press('ESC');
    expect(screenBody(clock)).toContain('! Memory read-only');

    free();
    clock.tapCard(STAFF.secure.card);

    expect(clock.frame().lines[0]).toBe('Thank you, Sam Secure');
    clock.press('ESC');
    expect(screenBody(clock)).not.toContain('Memory');
  });

  it('lets the same person punch at once when space returns: the refused punch did not count', () => {
    const { clock, flash } = flashClock();
    const heard = facts(clock);
    const free = fillPunchLog(flash);
    enterId(clock, STAFF.user.pin);

    free();
    enterId(clock, STAFF.user.pin);

    expect(clock.frame().lines[0]).toBe('Thank you, Una User');
    expect(clock.punches()).toMatchObject([{ pin: STAFF.user.pin, seq: 1 }]);
    expect(heard.map((f) => f.type)).toEqual(['store.failed', 'punch.recorded']);
  });

  it('answers a LAN write refused by the store with a problem, not a crash', () => {
    const { clock, flash } = flashClock();
    const answers: ClockFact[] = [];
    clock.on('lan.answered', (f) => answers.push(f));
    const transaction = flash.transaction;
    flash.transaction = () => {
      throw new StoreWriteError('full', '/data/clock.db', 'database or disk is full');
    };

    clock.send({ type: 'lan.request', id: 7, request: { kind: 'clear-attendance' } });

    flash.transaction = transaction;
    expect(answers).toEqual([{ type: 'lan.answered', id: 7, ok: false, problem: 'memory full: not stored' }]);
    expect(clock.state()).toBe('running');
  });
});
