// Same file and seed, same result: two runs give the same outcome, the same virtual time, the same
// failure text (screen and log lines included) and the same journal, byte for byte.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenario, type ScenarioResult } from '../../src/scenario/index.js';
import { tempDir } from './helpers.js';

const SCENARIO = `name: a day at the front desk
clock: { serial: TC1A000001, time: "2026-11-25T07:58:00", timezone: "-05:00" }
cloud: { embedded: { delay: 2s } }
employees:
  - { first: Ana, last: Lopez, badge: 1001, fingers: [right-index] }
  - { first: Bruno, last: Silva, badge: 1002, nonSecure: true }
steps:
  - sync: idle
  - finger: 1001/right-index
  - advance: 1m..20m
  - keys: "1002"
  - press: OK
  - cloud: { fault: error-500, count: 3 }
  - advance: 30s..3m
  - finger: 1001/right-index
  - sync: idle
  - expect: { cloud: { punches: 4 } }
`;

/** What must not differ between runs: everything but the wall-clock time. */
function stable(result: ScenarioResult) {
  const { wallMs: _wall, ...rest } = result;
  return rest;
}

describe('determinism', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('gives the same result, failure text and journal for the same file and seed', async () => {
    const file = dir.write('day.yaml', SCENARIO);
    const [a, b] = [dir.path + '/a.jsonl', dir.path + '/b.jsonl'];

    const first = await runScenario(file, { seed: 42, record: a });
    const second = await runScenario(file, { seed: 42, record: b });

    expect(stable(second)).toEqual(stable(first));
    expect(first.ok).toBe(false);
    expect(first.message).toContain('punches at the cloud from TC1A000001');
    expect(fs.readFileSync(b, 'utf8')).toBe(fs.readFileSync(a, 'utf8'));
  });

  it('draws other times with another seed', async () => {
    const file = dir.write('day2.yaml', SCENARIO);

    const [one, other] = [await runScenario(file, { seed: 1 }), await runScenario(file, { seed: 2 })];

    expect(one.virtualMs).not.toBe(other.virtualMs);
  });
});
