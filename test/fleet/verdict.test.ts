// The verdict: what makes a run fail besides a lost punch — the refusals the profile did not plan over
// the stated share, and clocks never online — read from the report alone, so merged shards are judged
// the same way.
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/fleet/verdict.js';
import { shardReport } from './report-fixture.js';

function run(attempts: Partial<Record<string, number>>, maxRefused = 0.05) {
  const r = shardReport('1/1', [1, 1, 1]);
  r.run.maxRefused = maxRefused;
  Object.assign(r.totals.attempts, attempts);
  return r;
}

describe('the fleet verdict', () => {
  it('passes a run whose only refusals are the profile’s own (unknown cards, poor reads, reboots)', () => {
    expect(judge(run({ punched: 90, 'unknown card': 5, 'poor read': 3, 'clock off': 2 })).failures).toEqual([]);
  });

  it('fails a run with more unplanned refusals than the stated share, naming them and the share', () => {
    const r = run({ punched: 90, 'not on the clock': 6, 'no card': 4 });

    expect(judge(r).failures).toEqual([
      '10 of 100 attempts (10 %) were refused for reasons the profile did not plan (not on the clock 6, no card 4), ' +
        'over --max-refused 5 %: the cloud sent the clocks none of the employees the fleet seeded',
    ]);
    expect(judge(run({ punched: 90, 'not on the clock': 6, 'no card': 4 }, 0.1)).failures).toEqual([]);
  });

  it('fails a run with a clock that was never online, naming it', () => {
    const r = run({ punched: 3 });
    r.clocks = [
      {
        index: 0,
        sn: 'TC1A900001',
        shown: 'online',
        link: 'online',
        punches: 3,
        acknowledged: 3,
        pending: 0,
        wasOnline: true,
        readyAtStart: true,
      },
      {
        index: 1,
        sn: 'TC1A900002',
        shown: 'X',
        link: 'not started',
        punches: 0,
        acknowledged: 0,
        pending: 0,
        wasOnline: false,
        readyAtStart: false,
      },
    ];

    expect(judge(r).failures).toEqual(['1 of 2 clocks were never online (TC1A900002)']);
  });
});
