// Every clock of a process runs on one clock machine (src/runtime/seat.ts), its store the seated clock's:
// clocks whose inputs and timers interleave each write only their own store, the machine outside any
// clock refuses rather than write someone's, and a clock costs what its own state costs, not a machine.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { loadDeviceModel } from '../../src/devices/index.js';
import { seatedClockMachine } from '../../src/runtime/index.js';
import { testClock } from '../fixtures/clock.js';
import { STAFF } from '../fixtures/staff.js';

describe('clocks on one shared machine', () => {
  it('each write only their own store while their inputs and timers interleave', () => {
    const [a, b] = [testClock(), testClock()];

    a.type(STAFF.user.pin);
    b.tapCard(STAFF.secure.card);
    b.advance(10 * 60_000);
    a.press('OK');
    a.advance(10 * 60_000);
    b.tapCard(STAFF.user.card);

    expect(a.punches().map((p) => p.pin)).toEqual([STAFF.user.pin]);
    expect(b.punches().map((p) => p.pin)).toEqual([STAFF.secure.pin, STAFF.user.pin]);
  });

  it('refuses to run outside a clock instead of reaching another clock’s store', () => {
    testClock();
    const input = {
      model: loadDeviceModel('biometric'),
      serialNumber: 'TC1A000001',
      macAddress: '00:17:61:00:00:01',
      now: 0,
    };
    let refused: unknown;

    try {
      const actor = createActor(seatedClockMachine(), { input });
      actor.subscribe({ error: (error) => (refused = error) });
      actor.start();
    } catch (error) {
      refused = error;
    }

    expect(String(refused)).toMatch(/outside its clock: no store is seated/);
  });

  it('keeps a clock to what it holds: 1,000 clocks in a process take well under a machine each', () => {
    // In a process of its own, as node runs it: the test runner's development builds hold more per actor.
    const probe = fileURLToPath(new URL('../../scripts/bench/clock-memory.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', probe, '1000'], { encoding: 'utf8' });

    const { clockKiB } = JSON.parse(out) as { clockKiB: number };

    // A machine each (xstate's provide, twice) took ~115 KiB a clock; on the shared one a clock holds ~20.
    expect(clockKiB).toBeLessThan(50);
  }, 60_000);
});
