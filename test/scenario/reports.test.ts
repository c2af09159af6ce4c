// The CI reports: JUnit XML (a testsuite per file, a testcase per scenario, failure or error) and TAP
// version 13 (a test point per scenario, a YAML block for a failure).
import { describe, expect, it } from 'vitest';
import { formatJUnit, formatTap, type FileResult, type ScenarioResult } from '../../src/scenario/index.js';

const passed: ScenarioResult = {
  name: 'Ana punches in',
  file: 'a.yaml',
  index: 0,
  ok: true,
  stepsRun: 3,
  steps: 3,
  seed: 1,
  virtualMs: 3000,
  wallMs: 12,
  snapshotsUpdated: 0,
};

const failed: ScenarioResult = {
  ...passed,
  name: 'Bruno & <the> "manager"',
  ok: false,
  wallMs: 1500,
  failure: {
    index: 2,
    at: { file: 'a.yaml', line: 7, column: 5, path: 'steps[1]' },
    via: [],
    text: 'expect: { screen: Thank you }',
    on: 'TC1A000001',
    clockTime: '2026-11-25 07:58:00',
    elapsedMs: 0,
    mismatches: [{ what: 'screen', expected: 'shows "Thank you"', actual: 'shows "Unknown User"' }],
    frame: 'Unknown User',
    logTail: [],
  },
  message:
    'step 2 of 3 at a.yaml:7:5 (steps[1]): expect: { screen: Thank you }\n  screen:\n    expected: shows "Thank you"',
};

const results: FileResult[] = [
  { file: 'a.yaml', scenarios: [passed, failed] },
  {
    file: 'b.yaml',
    scenarios: [],
    error: {
      message: 'b.yaml:2:3 (steps): expected a list of steps, got "x"',
      at: { file: 'b.yaml', line: 2, column: 3, path: 'steps' },
    },
  },
];

describe('the JUnit XML report', () => {
  it('has a testsuite per file with counts, and a testcase per scenario', () => {
    const xml = formatJUnit(results, 2000);

    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="timeclock scenarios" tests="3" failures="1" errors="1" time="2.000">/,
    );
    expect(xml).toContain('<testsuite name="a.yaml" tests="2" failures="1" errors="0" time="1.512">');
    expect(xml).toContain('<testcase classname="a.yaml" name="Ana punches in" time="0.012">\n    </testcase>');
    expect(xml.match(/<testcase /g)).toHaveLength(3);
  });

  it('escapes names and puts the failure text in a failure element', () => {
    const xml = formatJUnit(results, 2000);

    expect(xml).toContain('name="Bruno &amp; &lt;the&gt; &quot;manager&quot;"');
    expect(xml).toContain(
      '<failure type="StepFailure" message="step 2 of 3 at a.yaml:7:5 (steps[1]): expect: { screen: Thank you } screen: expected: shows &quot;Thank you&quot;">step 2 of 3',
    );
    expect(xml).toContain('expected: shows "Thank you"</failure>');
  });

  it('reports a bad file as an error testcase', () => {
    expect(formatJUnit(results, 2000)).toContain(
      '<testsuite name="b.yaml" tests="1" failures="0" errors="1" time="0">\n    <testcase classname="b.yaml" name="(load)" time="0">\n      <error type="ScenarioFileError" message="b.yaml:2:3 (steps): expected a list of steps, got &quot;x&quot;">',
    );
  });
});

describe('the TAP report', () => {
  it('is TAP version 13 with a plan and one point per scenario or bad file', () => {
    const tap = formatTap(results).split('\n');

    expect(tap.slice(0, 3)).toEqual(['TAP version 13', '1..3', 'ok 1 - Ana punches in']);
    expect(tap).toContain('not ok 2 - Bruno & <the> "manager"');
    expect(tap).toContain('not ok 3 - b.yaml # bad file');
  });

  it('adds a YAML block to a failing point with where the step is written', () => {
    const tap = formatTap(results);
    const block = tap.slice(tap.indexOf('not ok 2'), tap.indexOf('not ok 3'));

    expect(block).toContain('  ---\n  message: |-\n    step 2 of 3 at a.yaml:7:5');
    expect(block).toMatch(/ {2}at:\n {4}file: a\.yaml\n {4}line: 7\n {4}column: 5/);
    expect(block).toContain('  clock: TC1A000001\n');
    expect(block.trimEnd().endsWith('  ...')).toBe(true);
  });
});
