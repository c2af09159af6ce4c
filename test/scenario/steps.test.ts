// Each kind of step, run against the real runtime in virtual time (cloud: none here; the cloud steps
// are in cloud-steps.test.ts).
import { describe, expect, it } from 'vitest';
import { runLoadedScenario } from '../../src/scenario/index.js';
import { scenarioOf } from './helpers.js';

const HEAD = `clock: { serial: TC1A000001, time: "2026-11-25T07:58:00" }
cloud: none
employees:
  - { first: Ana, last: Lopez, badge: 1001, card: 3809012973, fingers: [right-index] }
  - { first: Bruno, last: Silva, badge: 1002, nonSecure: true }
  - { first: Ada, last: Admin, badge: 9001, role: administrator, nonSecure: true }
`;

/** Runs the steps (YAML list items) after the common head; returns the result. */
function run(steps: string, head = HEAD) {
  return runLoadedScenario(scenarioOf(`name: a step\n${head}steps:\n${steps}`));
}

describe('scenario steps', () => {
  it('keys type digits and press presses one key or a list of keys', async () => {
    const result = await run(`  - keys: "10"
  - expect: { state: idEntry, screen: "10_" }
  - press: ["0", "2"]
  - press: OK
  - expect: { screen: "Thank you, Bruno Silva", punch: { badge: 1002, verify: pin } }
`);

    expect(result.message).toBeUndefined();
    expect(result).toMatchObject({ ok: true, stepsRun: 5, steps: 5 });
  });

  it('finger places an enrolled, an unknown or a poorly read finger', async () => {
    const result = await run(`  - finger: { badge: 1001, finger: right-index, quality: poor }
  - expect: { screen: "Poor image" }
  - advance: 3s
  - finger: { unknown: true }
  - expect: { screen: "Verification failed" }
  - advance: 3s
  - finger: 1001/right-index
  - expect: { punch: { badge: 1001, verify: finger } }
`);

    expect(result.message).toBeUndefined();
  });

  it('card taps a card', async () => {
    const result = await run(
      '  - card: 3809012973\n  - expect: { punch: { badge: 1001, verify: card }, punches: 1 }\n',
    );

    expect(result.message).toBeUndefined();
  });

  it('network and cloud drive the online icons when there is no cloud', async () => {
    const result = await run(`  - expect: { icons: { network: ok, cloud: red-dot } }
  - cloud: up
  - expect: { icons: { network: ok, cloud: ok } }
  - network: down
  - expect: { icons: { network: x, cloud: x } }
  - network: up
  - cloud: down
  - expect: { icons: { network: ok, cloud: offline } }
`);

    expect(result.message).toBeUndefined();
  });

  it('advance moves virtual time, firing the timers on the way', async () => {
    const result = await run(`  - keys: "1002"
  - press: OK
  - advance: 2s
  - expect: { state: result }
  - advance: 1s
  - expect: { state: idle }
  - advance: 1h2m
  - expect: { screen: "09:00" }
`);

    expect(result.message).toBeUndefined();
    expect(result.virtualMs).toBe(3_000 + 62 * 60_000);
  });

  it('advance with a range draws the time from the seed', async () => {
    const steps = '  - advance: 1s..10m\n';
    const [a, b, c] = await Promise.all([
      run(steps),
      run(steps),
      runLoadedScenario(scenarioOf(`name: x\nseed: 7\nsteps:\n${steps}`)),
    ]);

    expect(a.virtualMs).toBe(b.virtualMs);
    expect(a.virtualMs).toBeGreaterThanOrEqual(1_000);
    expect(a.virtualMs).toBeLessThanOrEqual(600_000);
    expect(c.virtualMs).not.toBe(a.virtualMs);
  });

  it('wait lets time run until the expectation holds, and stops there', async () => {
    const result = await run(`  - keys: "1002"
  - press: OK
  - wait: { state: idle, timeout: 10s }
`);

    expect(result.message).toBeUndefined();
    expect(result.virtualMs).toBe(3_000);
  });

  it('wait fails with what it waited for once the timeout has passed', async () => {
    const result = await run('  - wait: { screen: "Thank you", timeout: 5s }\n');

    expect(result.ok).toBe(false);
    expect(result.virtualMs).toBe(5_000);
    expect(result.failure).toMatchObject({ error: 'still not true after waiting 5s' });
    expect(result.failure!.mismatches[0]).toMatchObject({ what: 'screen', expected: 'shows "Thank you"' });
  });

  it('restart power-cycles the clock: a fresh screen, the same punches', async () => {
    const result = await run(`  - keys: "1002"
  - press: OK
  - restart: true
  - expect: { state: idle, punches: 1, log: [{ msg: restart, count: 1 }, { msg: power on, count: 2 }] }
`);

    expect(result.message).toBeUndefined();
  });

  it('menu opens the menu as an administrator and picks items by label', async () => {
    const result = await run(`  - menu: { path: [Settings, About device], as: 9001 }
  - expect: { state: menu.about, screen: "Serial number: TC1A000001" }
  - press: ESC
  - menu: [Punch rules]
  - expect: { state: menu.punchRules }
`);

    expect(result.message).toBeUndefined();
  });

  it('menu fails naming the items the page shows when the label is not there', async () => {
    const result = await run('  - menu: { path: [Wi-Fi], as: 9001 }\n');

    expect(result.failure?.error).toBe(
      'menu: no item "Wi-Fi" on the Menu page; it shows: 1. User management, 2. Enroll fingerprint, 3. Settings',
    );
  });

  it('menu fails when the clock asks for an administrator and the step gives none', async () => {
    const result = await run('  - menu: [Settings]\n');

    expect(result.failure?.error).toMatch(
      /asks for an administrator’s verification: write menu: \{ path: \[…\], as: BADGE \}/,
    );
  });

  it('on picks the clock a step acts on and looks at', async () => {
    const head = `clocks: [{ serial: TC1A000001 }, { serial: TC3P000002, device: proximity, timezone: "+01:00" }]
employees: [{ first: Bo, last: Two, badge: 2002, nonSecure: true, clocks: [TC3P000002] }]
`;
    const result = await run(
      `  - { keys: "2002", on: TC3P000002 }
  - { press: OK, on: TC3P000002 }
  - { expect: { screen: "Thank you, Bo Two", punches: 1 }, on: TC3P000002 }
  - expect: { punches: 0, screen: "07:58", user: { badge: 2002, present: false } }
  - { expect: { screen: "08:58" }, on: TC3P000002 }
`,
      head,
    );

    expect(result.message).toBeUndefined();
  });

  it('a failing expectation reports the step, expected against actual, the screen and the log', async () => {
    const result = await run('  - keys: "1001"\n  - press: OK\n  - expect: { screen: "Thank you", punches: 1 }\n');

    expect(result.ok).toBe(false);
    expect(result.failure).toMatchObject({
      index: 3,
      at: { file: 'test.yaml', line: 11, column: 5 },
      on: 'TC1A000001',
    });
    expect(result.failure!.mismatches).toEqual([
      { what: 'screen', expected: 'shows "Thank you"', actual: 'shows "Unknown User"' },
      { what: 'punches on the clock', expected: '1', actual: '0' },
    ]);
    expect(result.message).toContain(
      'step 3 of 3 at test.yaml:11:5 (steps[2]): expect: { screen: "Thank you", punches: 1 }',
    );
    expect(result.message).toContain('on TC1A000001 at 2026-11-25 07:58:00');
    expect(result.message).toContain('  │Unknown User                    │');
    expect(result.message).toMatch(/last 1 log lines:\n {2}07:58:00\.000 INFO {2}runtime power on/);
  });
});
