// The steps that need the embedded cloud: seeding, sync: idle, portal operations, the server going
// away and misbehaving, and expectations on what the cloud holds. Requests go in-process.
import { describe, expect, it } from 'vitest';
import { createCloud } from '../../src/cloud/index.js';
import { runLoadedScenario } from '../../src/scenario/index.js';
import { scenarioOf } from './helpers.js';

const HEAD = `clock: { serial: TC1A000001, time: "2026-11-25T07:58:00", timezone: "-05:00" }
cloud: embedded
employees:
  - { id: E1001, first: Ana, last: Lopez, badge: 1001, card: 3809012973, fingers: [right-index] }
`;

function run(steps: string, head = HEAD) {
  return runLoadedScenario(scenarioOf(`name: a cloud step\n${head}steps:\n${steps}`));
}

describe('scenario steps with the embedded cloud', () => {
  it("polls once per the cloud's Delay of virtual time, as a real clock polls its server", async () => {
    // The embedded cloud hands the clock the reference cloud's own Delay (10 s) unless the scenario says.
    const seen: Record<string, number> = {};
    const result = await runLoadedScenario(
      scenarioOf(`name: an hour of polls\n${HEAD}steps:\n  - sync: idle\n  - advance: 1h\n`),
      {
        onCloud: (cloud) =>
          cloud.events.on('clock.seen', ({ endpoint }) => void (seen[endpoint] = (seen[endpoint] ?? 0) + 1)),
      },
    );

    expect(result.message).toBeUndefined();
    // 360 of the hour, and the ones sync: idle asked for at the start (the profiles it fetched, then none).
    expect(seen.getrequest).toBeGreaterThanOrEqual(360);
    expect(seen.getrequest).toBeLessThanOrEqual(363);
  });

  it('seeds employees into the cloud, and sync: idle brings their profiles to the clock', async () => {
    const result = await run(`  - expect: { user: { badge: 1001, present: false }, cloud: { commands: { queued: 2 } } }
  - sync: idle
  - expect: { user: { badge: 1001, fingers: [right-index], verify: 6 }, cloud: { commands: { done: 2, pending: 0 } } }
  - expect: { icons: { network: ok, cloud: ok }, screen: "07:58", log: { msg: "command applied", module: sync, count: 2 } }
`);

    expect(result.message).toBeUndefined();
  });

  it('portal update saves the Clocks section and queues the profile', async () => {
    const result = await run(`  - sync: idle
  - portal: { update: { badge: 1001, nonSecure: true, role: manager } }
  - expect: { cloud: { employee: { badge: 1001, nonSecure: true, role: manager }, holds: "/USERINFO PIN=1001.*Pri=2.*Verify=0/" } }
  - sync: idle
  - expect: { user: { badge: 1001, verify: 0 } }
`);

    expect(result.message).toBeUndefined();
  });

  it('portal addRemove deletes the employee on the clock and sends a fresh copy', async () => {
    const result = await run(`  - sync: idle
  - portal: { addRemove: { badge: 1001 } }
  - expect: { cloud: { holds: ["DATA DELETE USERINFO PIN=1001", "/DATA UPDATE FINGERTMP PIN=1001\\tFID=6/"] } }
  - sync: idle
  - expect: { user: { badge: 1001, fingers: [right-index] }, cloud: { commands: { done: 6 } } }
`);

    expect(result.message).toBeUndefined();
  });

  it('portal add creates an employee; a refused operation fails the step with the portal’s reason', async () => {
    const ok = await run(`  - portal: { add: { first: Bo, last: New, badge: 1005, nonSecure: true } }
  - sync: idle
  - keys: "1005"
  - press: OK
  - expect: { screen: "Thank you, Bo New" }
`);
    const refused = await run('  - portal: { add: { id: E1001, first: Bo, badge: 1006 } }\n');

    expect(ok.message).toBeUndefined();
    expect(refused.failure?.error).toBe('the portal refused: employee ID E1001 is taken');
  });

  it('cloud down puts the red dot on the cloud icon; punches wait on the clock until cloud up', async () => {
    const result = await run(`  - sync: idle
  - cloud: down
  - finger: 1001/right-index
  - wait: { icons: { cloud: red-dot }, timeout: 1m }
  - advance: 10m
  - expect: { cloud: { punches: 0 }, punches: 1 }
  - cloud: up
  - wait: { icons: { cloud: ok }, timeout: 1m }
  - sync: idle
  - expect: { cloud: { punches: 1 } }
`);

    expect(result.message).toBeUndefined();
  });

  it('cloud faults make the server answer 500, time out or send garbage', async () => {
    for (const fault of ['error-500', 'timeout', 'garbage', 'reset']) {
      const result = await run(`  - sync: idle
  - cloud: { fault: ${fault}, count: always }
  - wait: { icons: { cloud: red-dot }, timeout: 1m }
  - expect: { log: { msg: "cloud unreachable or erroring", level: warn } }
`);
      expect(result.message, fault).toBeUndefined();
    }
  });

  it('drop-commands loses a command the portal then shows as done', async () => {
    // The profile is lost: the template that follows it is refused (-10, PIN not on the device).
    const result = await run(`  - cloud: { fault: drop-commands, count: 1 }
  - sync: idle
  - expect: { user: { badge: 1001, present: false }, cloud: { commands: { done: 1, failed: 1 } } }
`);

    expect(result.message).toBeUndefined();
  });

  it('expect cloud hours: two punches 8 h 30 min apart are a day of 8:30 by the timesheet rules', async () => {
    const result = await run(`  - sync: idle
  - finger: 1001/right-index
  - advance: 8h30m
  - finger: 1001/right-index
  - sync: idle
  - expect: { cloud: { punches: 2, hours: { badge: 1001, date: 2026-11-25, day: "8:30", week: "8:30" } } }
`);
    const wrong = await run(`  - sync: idle
  - finger: 1001/right-index
  - advance: 8h
  - finger: 1001/right-index
  - sync: idle
  - expect: { cloud: { hours: { badge: 1001, date: 2026-11-25, day: "8:30" } } }
`);

    expect(result.message).toBeUndefined();
    expect(wrong.message).toMatch(/hours of employee 1001 on 2026-11-25.*8:30.*8:00/s);
  });

  it('sync: idle fails, saying why, while the network link is down', async () => {
    const result = await run('  - network: down\n  - sync: idle\n');

    expect(result.failure?.error).toBe('sync: idle: the network link is down');
  });
});

describe('scenario steps with an external cloud', () => {
  it('sync: idle waits on a real PUSH server over loopback HTTP', async () => {
    const cloud = createCloud({ autoRegister: true });
    const listener = await cloud.listen();
    cloud.registerClock('TC1A000001');
    cloud.portal.createEmployee({
      employeeId: 'E7',
      firstName: 'Eve',
      lastName: 'Web',
      badge: '1007',
      nonSecure: true,
      clocks: ['TC1A000001'],
    });
    try {
      const result = await runLoadedScenario(
        scenarioOf(`name: an external cloud
clock: { serial: TC1A000001 }
cloud: { url: ${listener.url} }
steps:
  - sync: idle
  - keys: "1007"
  - press: OK
  - expect: { screen: "Thank you, Eve Web" }
  - sync: idle
`),
      );

      expect(result.message).toBeUndefined();
      expect(cloud.store.punches.count('TC1A000001')).toBe(1);
    } finally {
      await cloud.close();
    }
  });
});
