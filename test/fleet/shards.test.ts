// Shards: three `timeclock fleet --shard i/3` processes against one cloud at a URL give, merged, the
// same clocks and the same totals as one process running all the clocks against a cloud of its own.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCloud, type Cloud } from '../../src/cloud/index.js';
import { makeTempDir, type TempDir } from '../fixtures/temp-dir.js';
import { BIN, readReport, runFleet } from './helpers.js';

const TOKEN = 'fleet-shard-test-token';
// Real time against a URL: a short day, its punches a few seconds after the clocks have their rosters.
const PROFILE = `name: shard test
start: '07:59:54'
duration: 12s
employeesPerClock: 3
powerOnSpread: 1s
day:
  - { at: '08:00', spread: 2s, share: 1 }
verify: { pin: 0.5, card: 0.3, finger: 0.2 }
`;

let temp: TempDir;
let clouds: Cloud[] = [];
beforeEach(() => {
  temp = makeTempDir('timeclock-fleet-shards-');
});
afterEach(async () => {
  await Promise.all(clouds.map((c) => c.close()));
  clouds = [];
  temp.remove();
});

async function startCloud(): Promise<string> {
  const cloud = createCloud({ token: TOKEN, push: { delay: 1, errorDelay: 2 } });
  clouds.push(cloud);
  return (await cloud.listen({ port: 0 })).url;
}

function fleetProcess(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'fleet', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('timeclock fleet --shard', () => {
  it('gives, merged, the same clocks and totals as one process', async () => {
    const profile = temp.file('profile.yaml');
    fs.writeFileSync(profile, PROFILE);
    const common = ['--clocks', '7', '--profile', profile, '--cloud-token', TOKEN, '--seed', '5'];
    const [oneCloud, shardCloud] = [await startCloud(), await startCloud()];

    const runs = await Promise.all([
      fleetProcess([...common, '--cloud', oneCloud, '--report', temp.file('one.json')]),
      ...[1, 2, 3].map((i) =>
        fleetProcess([
          ...[...common, '--cloud', shardCloud, '--shard', `${i}/3`],
          ...['--report', temp.file(`shard-${i}.json`), '--report-log'],
        ]),
      ),
    ]);
    for (const run of runs) expect(run.code, run.output).toBe(0);
    const merged = await runFleet([
      'merge',
      ...[1, 2, 3].map((i) => temp.file(`shard-${i}.json`)),
      '--report',
      temp.file('all.json'),
    ]);

    expect(merged.code, merged.out + merged.err).toBe(0);
    const one = readReport(temp.file('one.json'));
    const all = readReport(temp.file('all.json'));
    expect(all.shards).toEqual(['1/3', '2/3', '3/3']);
    expect(one.totals.made).toBe(7 * 3);
    for (const key of ['clocks', 'made', 'acknowledged', 'onServer', 'lost'] as const)
      expect(all.totals[key], key).toBe(one.totals[key]);
    const perClock = (r: typeof one) => r.clocks.map((c) => [c.sn, c.punches, c.acknowledged]);
    expect(perClock(all)).toEqual(perClock(one));
    expect(all.latency.count).toBe(one.latency.count);
    expect(readReport(temp.file('shard-2.json')).clocks.map((c) => c.sn)).toEqual(['TC1A900002', 'TC1A900005']);

    // The shards' logs (what `kubectl logs` gives of each pod) carry their reports: no shared volume needed.
    runs.slice(1).forEach((run, i) => fs.writeFileSync(temp.file(`shard-${i + 1}.log`), run.output));
    const fromLogs = await runFleet(['merge', ...[1, 2, 3].map((i) => temp.file(`shard-${i}.log`))]);
    expect(fromLogs.code, fromLogs.err).toBe(0);
    expect(fromLogs.out).toBe(merged.out.replace(/\nreport: .*\n$/, '\n'));
  }, 120_000);
});
