// `timeclock fleet --data DIR` run twice on the same folder, out of process as a user runs it: the second
// run's clocks continue their stores (the first run's punches still held, new ones numbered after them)
// and the embedded cloud's file keeps what it was sent, so the server holds every punch of both runs.
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { openSharedStore } from '../../src/store/index.js';
import { tempDirForTest } from '../fixtures/temp-dir.js';
import { readReport } from './helpers.js';
import { fleetProcess } from './processes.js';

const CLOCKS = 4;
const PER_CLOCK = 2;

/** A morning's punch for every employee; the second run is the same day's noon. */
const profile = (name: string, start: string, at: string) => `name: ${name}
start: '${start}'
duration: 1m
employeesPerClock: ${PER_CLOCK}
powerOnSpread: 5s
day:
  - { at: '${at}', spread: 20s, share: 1 }
verify: { pin: 1 }
`;

type Held = string[];

/** Every punch the fleet's file holds, `sn seq pin time`, read with the store's own code after a run. */
function heldIn(file: string): Held {
  const shared = openSharedStore(file);
  try {
    return shared.serialNumbers().flatMap((sn) => {
      const store = shared.clock(sn);
      const punches = store.punches.after(0, 1_000_000).map((p) => `${sn} ${p.seq} ${p.pin} ${p.time}`);
      store.close();
      return punches;
    });
  } finally {
    shared.close();
  }
}

it('continues every clock’s store on a second run over the same --data, and the server holds both runs', async () => {
  const temp = tempDirForTest('timeclock-fleet-restart-');
  fs.writeFileSync(temp.file('morning.yaml'), profile('morning', '07:59:50', '08:00'));
  fs.writeFileSync(temp.file('noon.yaml'), profile('noon', '11:59:50', '12:00'));
  const fleet = (profileFile: string, report: string) =>
    fleetProcess([
      ...['--clocks', String(CLOCKS), '--cloud', 'embedded', '--profile', temp.file(profileFile)],
      ...['--speed', '10x', '--data', temp.file('data'), '--report', temp.file(report)],
    ]);

  const first = await fleet('morning.yaml', 'first.json');
  expect(first.code, first.err).toBe(0);
  const afterFirst = heldIn(temp.file('data/clocks.db'));
  expect(afterFirst).toHaveLength(CLOCKS * PER_CLOCK);
  expect(readReport(temp.file('first.json')).totals).toMatchObject({ made: 8, onServer: 8, lost: 0 });

  const second = await fleet('noon.yaml', 'second.json');
  expect(second.code, second.err).toBe(0);
  const afterSecond = heldIn(temp.file('data/clocks.db'));
  // The first run's punches, each under the same clock and seq; the second run's after them.
  expect(afterSecond).toEqual(expect.arrayContaining(afterFirst));
  expect(afterSecond).toHaveLength(2 * CLOCKS * PER_CLOCK);
  const seqsOf = (held: Held, sn: string) =>
    held.filter((p) => p.startsWith(`${sn} `)).map((p) => Number(p.split(' ')[1]));
  for (const sn of new Set(afterFirst.map((p) => p.split(' ')[0]!))) {
    const fresh = seqsOf(
      afterSecond.filter((p) => !afterFirst.includes(p)),
      sn,
    );
    expect(fresh).toHaveLength(PER_CLOCK);
    expect(Math.min(...fresh)).toBeGreaterThan(Math.max(...seqsOf(afterFirst, sn)));
  }
  // The clocks hold 16 punches, and the server (the embedded cloud's file in the same folder) all 16.
  const report = readReport(temp.file('second.json'));
  expect(report.totals).toMatchObject({ clocks: CLOCKS, made: 8, onServer: 16, lost: 0 });
  expect(report.verdict.failures).toEqual([]);
}, 120_000);
