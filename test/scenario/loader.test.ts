// The loader: every field checked, each problem named by file, line, column and what was expected.
import { describe, expect, it } from 'vitest';
import { ScenarioFileError, parseScenarioText, scenarioFromObject } from '../../src/scenario/index.js';
import { loadError, scenarioOf } from './helpers.js';

const ISSUE_EXAMPLE = `name: PIN punch needs non-secure
device: biometric
clock: { serial: TC1A000001, time: "2026-11-25T07:58:00", timezone: "-05:00" }
cloud: embedded
employees:
  - { id: E1001, first: Ana, last: Lopez, badge: 1001, nonSecure: false, role: user,
      clocks: [TC1A000001], card: 3809012973, fingers: [right-index] }
steps:
  - sync: idle
  - keys: "1001"
  - press: OK
  - expect: { screen: "Unknown User" }
  - portal: { update: { badge: 1001, nonSecure: true } }
  - portal: { addRemove: { badge: 1001 } }
  - expect: { screen: "/Thank you, Ana/", punch: { badge: 1001, state: in, verify: pin } }
  - finger: { badge: 1001, finger: right-index }
  - card: 3809012973
  - network: down
  - cloud: down
  - cloud: { fault: drop-commands }
  - expect: { icons: { network: ok, cloud: offline } }
  - advance: 8h
  - wait: { screen: "/Thank you/", timeout: 10s }
  - restart: true
  - expect: { cloud: { punches: 2 } }
`;

describe('the scenario loader', () => {
  it('reads the example of the issue into normalised steps', () => {
    const scenario = scenarioOf(ISSUE_EXAMPLE);

    expect(scenario.clocks).toEqual([expect.objectContaining({ serial: 'TC1A000001', timeZoneMinutes: -300 })]);
    expect(scenario.startUtc).toBe(Date.UTC(2026, 10, 25, 12, 58));
    expect(scenario.employees[0]).toMatchObject({
      badge: '1001',
      card: '3809012973',
      fingers: [6],
      clocks: ['TC1A000001'],
    });
    expect(scenario.steps.map((s) => s.action.kind)).toEqual([
      'sync',
      'keys',
      'press',
      'expect',
      'portal',
      'portal',
      'expect',
      'finger',
      'card',
      'network',
      'cloud',
      'cloud',
      'expect',
      'advance',
      'wait',
      'restart',
      'expect',
    ]);
    expect(scenario.steps[13]!.action).toEqual({ kind: 'advance', ms: 8 * 3_600_000 });
    expect(scenario.steps[14]!.action).toMatchObject({ kind: 'wait', timeoutMs: 10_000 });
  });

  it('keeps the file, line and column of every step', () => {
    const scenario = scenarioOf(ISSUE_EXAMPLE, 'issue.yaml');

    expect(scenario.steps[1]!.at).toEqual({ file: 'issue.yaml', line: 10, column: 5, path: 'steps[1]' });
    expect(scenario.steps[1]!.text).toBe('keys: "1001"');
  });

  it('names the line and column of an unknown step key and lists the known ones', () => {
    const message = loadError('name: x\nsteps:\n  - keys: "1"\n  - prss: OK\n');

    expect(message).toMatch(
      /^bad\.yaml:4:5 \(steps\[1\]\.prss\): unknown key "prss" in a step; expected one of: keys, press/,
    );
  });

  it('refuses unknown keys at the top, in a clock, an employee and an expectation', () => {
    expect(loadError('name: x\nstep: []\n')).toMatch(/^bad\.yaml:2:1 .*unknown key "step" in a scenario/);
    expect(loadError('name: x\nclock: { serial: TC1A000001, zone: Z }\nsteps: []\n')).toMatch(
      /:2:30 .*unknown key "zone" in a clock/,
    );
    expect(loadError('name: x\nemployees: [{ badge: 1, first: A, pin: 2 }]\nsteps: []\n')).toMatch(
      /:2:35 .*unknown key "pin" in an employee/,
    );
    expect(loadError('name: x\nsteps:\n  - expect: { screan: a }\n')).toMatch(
      /:3:15 .*unknown key "screan" in an expectation/,
    );
  });

  it('says what was expected and what was there', () => {
    expect(loadError('name: x\nsteps:\n  - press: OKAY\n')).toBe(
      'bad.yaml:3:12 (steps[0].press): expected a key: 0 1 2 3 4 5 6 7 8 9 OK ESC BACK F1 F2 F3 F4 MENU UP DOWN, got "OKAY"',
    );
    expect(loadError('name: x\nsteps:\n  - advance: 8 hours\n')).toBe(
      'bad.yaml:3:14 (steps[0].advance): expected a duration such as 8h, 1m30s, 500ms (at most 366d), got "8 hours"',
    );
    expect(loadError('name: x\nclock: { serial: TC9 }\nsteps: []\n')).toMatch(
      /:2:18 \(clock\.serial\): expected a serial number of the biometric format TC1A######, got "TC9"/,
    );
    expect(loadError('name: x\ndevice: kiosk\nsteps: []\n')).toMatch(
      /:2:9 \(device\): expected a clock model from devices\/ \(biometric, proximity/,
    );
  });

  it('reports YAML syntax errors with their position', () => {
    expect(loadError('name: x\nsteps:\n  - keys: [1\n')).toMatch(/^bad\.yaml:4:1: not valid YAML: /);
  });

  it('refuses a step with two actions, or none', () => {
    expect(loadError('name: x\nsteps: [ { keys: "1", press: OK } ]\n')).toMatch(
      /:2:10 .*a step has one action, this one has keys and press/,
    );
    expect(loadError('name: x\nclocks: [{ serial: TC1A000001 }]\nsteps: [ { on: TC1A000001 } ]\n')).toMatch(
      /a step needs an action/,
    );
  });

  it('refuses cloud steps in a scenario without a cloud', () => {
    expect(loadError('name: x\nsteps:\n  - sync: idle\n')).toMatch(/:3:11 .*sync needs a cloud/);
    expect(loadError('name: x\nsteps:\n  - portal: { addRemove: { badge: 1 } }\n')).toMatch(
      /portal operations act on the embedded cloud/,
    );
    expect(loadError('name: x\nsteps:\n  - expect: { cloud: { punches: 1 } }\n')).toMatch(/expect cloud needs a cloud/);
  });

  it('checks that a step names a clock of the scenario and a key the model has', () => {
    const two = 'name: x\nclocks: [{ serial: TC1A000001 }, { serial: TC1A000002 }]\nsteps:\n';
    expect(loadError(`${two}  - { keys: "1", on: TC1A000003 }\n`)).toMatch(
      /:4:22 .*expected a clock of this scenario \(TC1A000001, TC1A000002\)/,
    );
    expect(scenarioOf(`${two}  - { keys: "1", on: TC1A000002 }\n`).steps[0]!.on).toBe('TC1A000002');
  });

  it('expands groups in place, each step knowing the use it came through', () => {
    const scenario = scenarioOf(
      'name: x\ngroups:\n  badge:\n    - keys: "1001"\n    - press: OK\nsteps:\n  - use: badge\n  - use: badge\n',
    );

    expect(scenario.steps.map((s) => s.action.kind)).toEqual(['keys', 'press', 'keys', 'press']);
    expect(scenario.steps[2]!.at).toMatchObject({ line: 4, column: 7 });
    expect(scenario.steps[2]!.via).toEqual([{ file: 'test.yaml', line: 8, column: 5, path: 'groups.badge' }]);
  });

  it('refuses an unknown group and a group that uses itself', () => {
    expect(loadError('name: x\nsteps:\n  - use: login\n')).toMatch(
      /:3:10 .*expected a group defined under "groups" \(none defined\)/,
    );
    expect(loadError('name: x\ngroups:\n  a: [ { use: b } ]\n  b: [ { use: a } ]\nsteps: []\n')).toMatch(
      /group "a" uses itself|group "b" uses itself/,
    );
  });

  it('reads several scenarios from one file, split by ---', () => {
    const scenarios = parseScenarioText('name: one\nsteps: []\n---\nname: two\nsteps: []\n---\n', 'two.yaml');

    expect(scenarios.map((s) => [s.name, s.index, s.at.line])).toEqual([
      ['one', 0, 1],
      ['two', 1, 4],
    ]);
  });

  it.each([
    ['an empty file', ''],
    ['a file with only ---', '---\n'],
    ['a file with only --- and ---', '---\n---\n'],
    ['a file with only comments', '# to do\n\n'],
  ])('refuses %s, naming it: a file that runs nothing would pass while checking nothing', (_, text) => {
    expect(() => parseScenarioText(text, 'empty.yaml')).toThrow(ScenarioFileError);
    expect(() => parseScenarioText(text, 'empty.yaml')).toThrow(/^empty\.yaml(:\d+:\d+)?: .*no scenario/);
  });

  it('checks a scenario given as an object by field path', () => {
    const error = (() => {
      try {
        scenarioFromObject({ name: 'x', steps: [{ keys: '1' }, { press: 'NOPE' }] });
      } catch (e) {
        return e;
      }
    })();

    expect(error).toBeInstanceOf(ScenarioFileError);
    expect((error as Error).message).toMatch(/^\(object\) \(steps\[1\]\.press\): expected a key/);
  });

  it('refuses what the embedded cloud cannot do: verify modes and clocks in different zones', () => {
    expect(loadError('name: x\ncloud: embedded\nemployees: [{ badge: 1, first: A, verify: id }]\nsteps: []\n')).toMatch(
      /:3:43 \(employees\[0\]\.verify\): the embedded cloud’s portal sets non-secure on or off/,
    );
    expect(
      loadError(
        'name: x\ncloud: embedded\nclocks: [{ serial: TC1A000001 }, { serial: TC1A000002, timezone: "+01:00" }]\nsteps: []\n',
      ),
    ).toMatch(/gives every clock one TimeZone/);
  });
});

describe('durations', () => {
  it('refuses an advance of more than a year, which would keep CI busy for hours', () => {
    expect(loadError('name: x\nsteps:\n  - advance: 99999999h\n')).toContain('at most 366d');
  });
});
