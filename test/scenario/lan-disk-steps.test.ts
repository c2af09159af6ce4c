// The `disk:` and `lan:` steps: a full, read-only or failing volume refuses the clock's writes as SQLite
// does (the clock says so and keeps running); an SDK client's DISABLEDEVICE, ENABLEDEVICE and remote
// enrollment enter the firmware as the LAN session sends them. In-process first, then as a user runs them.
import { afterAll, describe, expect, it } from 'vitest';
import { runLoadedScenario } from '../../src/scenario/index.js';
import { timeclock } from './cli-process.js';
import { loadError, scenarioOf, tempDir } from './helpers.js';

const HEAD = `clock: { serial: TC1A000001, time: "2026-11-25T07:58:00" }
cloud: none
employees:
  - { first: Una, last: User, badge: 1003, nonSecure: true, card: 5003, fingers: [right-index] }
`;

function run(steps: string, head = HEAD) {
  return runLoadedScenario(scenarioOf(`name: a step\n${head}steps:\n${steps}`));
}

describe('the disk: step', () => {
  it('full refuses the punch on the screen and in the log, and ok takes the next one', async () => {
    const result = await run(`  - disk: full
  - keys: "1003"
  - press: OK
  - expect: { screen: [Memory full, Punch not saved], punches: 0 }
  - expect: { log: [{ msg: "store write refused (full)" }] }
  - advance: 3s
  - disk: ok
  - card: 5003
  - expect: { screen: "Thank you, Una User", punches: 1 }
`);

    expect(result.message).toBeUndefined();
    expect(result.ok).toBe(true);
  });

  it('read-only and failing name their fault, and the clock keeps running', async () => {
    const result = await run(`  - disk: read-only
  - card: 5003
  - expect: { screen: Memory read-only, punches: 0 }
  - advance: 3s
  - disk: failing
  - card: 5003
  - expect: { screen: Memory error, punches: 0 }
`);

    expect(result.message).toBeUndefined();
  });

  it('fails an expectation that the punch was stored while the disk is full', async () => {
    const result = await run('  - disk: full\n  - card: 5003\n  - expect: { punches: 1 }\n');

    expect(result.ok).toBe(false);
    expect(result.failure?.mismatches[0]).toMatchObject({ expected: '1', actual: '0' });
  });

  it('is refused at load time for a state it does not know, naming the ones it does', () => {
    expect(loadError(`name: x\n${HEAD}steps:\n  - disk: half\n`)).toMatch(
      /bad\.yaml:7:\d+ \(steps\[0\]\.disk\): expected one of ok, full, read-only, failing/,
    );
  });
});

describe('the lan: step', () => {
  it('disable takes the screen and refuses punches until enable', async () => {
    const result = await run(`  - lan: disable
  - expect: { state: busy }
  - card: 5003
  - keys: "1003"
  - expect: { state: busy, punches: 0 }
  - lan: enable
  - expect: { state: idle }
  - card: 5003
  - expect: { punches: 1 }
`);

    expect(result.message).toBeUndefined();
  });

  it('enroll starts a remote enrollment that three scans complete', async () => {
    const result = await run(`  - lan: { enroll: 1003/left-index }
  - expect: { state: menu.enrollScan }
  - finger: 1003/left-index
  - finger: 1003/left-index
  - finger: 1003/left-index
  - expect: { state: menu.enrollDone, user: { badge: 1003, present: true, fingers: [3, 6] } }
  - advance: 3s
  - expect: { state: idle }
`);

    expect(result.message).toBeUndefined();
  });

  it('enroll of a user the clock does not hold fails the step, as an SDK client gets ACK_ERROR', async () => {
    const result = await run('  - lan: { enroll: 2002/left-index }\n');

    expect(result.ok).toBe(false);
    expect(result.failure?.error).toContain('lan: the clock has no user 2002 to enroll');
  });

  it('enroll is refused at load time on a model without a fingerprint reader', () => {
    const head = HEAD.replace('clock: { serial: TC1A000001,', 'device: proximity\nclock: {');
    expect(loadError(`name: x\n${head}steps:\n  - lan: { enroll: 1003/left-index }\n`)).toContain(
      'the proximity clock has no fingerprint reader to enroll on',
    );
  });
});

describe('disk: and lan: as a user runs them', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());
  const file = dir.write(
    'disk-and-lan.yaml',
    `name: a full disk, then the payroll software disables the clock\n${HEAD}steps:
  - disk: full
  - card: 5003
  - expect: { screen: Memory full, punches: 0 }
  - advance: 3s
  - disk: ok
  - lan: disable
  - card: 5003
  - expect: { state: busy, punches: 0 }
  - lan: enable
  - card: 5003
  - expect: { screen: "Thank you, Una User", punches: 1 }
`,
  );

  it('passes under timeclock scenario, and its journal replays screen for screen', async () => {
    const journal = `${dir.path}/run.jsonl`;
    const run = await timeclock(['scenario', file, '--record', journal]);
    const replay = await timeclock(['replay', journal]);

    expect(run.stdout).toContain('1 scenario in 1 file: 1 passed, 0 failed, 0 bad files');
    expect(run.code).toBe(0);
    expect(replay.code).toBe(0);
  }, 120_000);
});
