// `timeclock scenario --html FILE` as a user runs it: the report is parsed as HTML (parse5) and read
// the way a person reads it: failures first, expected/actual before the steps, a screen after each step.
import fs from 'node:fs';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeclock, type Finished } from './cli-process.js';
import { tempDir } from './helpers.js';

type Element = DefaultTreeAdapterMap['element'];
type Node = DefaultTreeAdapterMap['node'];

const PASSING = `name: Bruno punches with his badge
employees: [{ badge: 1002, nonSecure: true, first: Bruno, last: Silva }]
steps: [{ keys: "1002" }, { press: OK }, { expect: { screen: "Thank you, Bruno Silva" } }]
`;
// A name and an expectation holding markup: the report must show them as text.
const FAILING = `name: "Bruno is refused <script>alert(1)</script>"
employees: [{ first: Bruno, last: Silva, badge: 1002, nonSecure: true }]
steps:
  - keys: "1002"
  - press: OK
  - expect: { screen: "Unknown <b>User</b>" }
  - press: ESC
`;

function elements(node: Node, test: (e: Element) => boolean, found: Element[] = []): Element[] {
  if ('tagName' in node && test(node)) found.push(node);
  for (const child of 'childNodes' in node ? node.childNodes : []) elements(child, test, found);
  if ('content' in node) elements(node.content as Node, test, found);
  return found;
}
const classOf = (e: Element) => e.attrs.find((a) => a.name === 'class')?.value.split(' ') ?? [];
const byClass = (root: Node, name: string) => elements(root, (e) => classOf(e).includes(name));
const byTag = (root: Node, tag: string) => elements(root, (e) => e.tagName === tag);
function text(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(text).join('') : '';
}

describe('timeclock scenario --html', () => {
  const dir = tempDir();
  const report = `${dir.path}/report.html`;
  let run: Finished;
  let document: DefaultTreeAdapterMap['document'];
  beforeAll(async () => {
    const pass = dir.write('a-pass.yaml', PASSING);
    const fail = dir.write('b-fail.yaml', FAILING);
    run = await timeclock(['scenario', pass, fail, '--html', report]);
    document = parse(fs.readFileSync(report, 'utf8'));
  }, 120_000);
  afterAll(() => dir.remove());

  it('exits as without the report, and writes it', () => {
    expect(run.code).toBe(1);
    expect(text(byTag(document, 'title')[0]!)).toBe('timeclock scenarios: 1 passed, 1 failed');
  });

  it('puts the failing scenario first, whatever order the files ran in', () => {
    const sections = byTag(document, 'section');

    expect(sections.map((s) => classOf(s))).toEqual([
      ['scenario', 'failed'],
      ['scenario', 'passed'],
    ]);
    expect(text(byTag(sections[0]!, 'h2')[0]!)).toBe('✗ Bruno is refused <script>alert(1)</script>');
  });

  it('escapes what the scenario file says: no element comes from it', () => {
    expect(byTag(document, 'script')).toEqual([]);
    expect(byTag(document, 'b')).toEqual([]);
  });

  it("shows the failure's expected and actual before the steps", () => {
    const failed = byTag(document, 'section')[0]!;
    const failure = byClass(failed, 'failure')[0]!;

    expect(text(byClass(failure, 'expected')[0]!)).toBe('shows "Unknown <b>User</b>"');
    expect(text(byClass(failure, 'actual')[0]!)).toContain('Thank you, Bruno Silva');
    expect(text(byTag(failure, 'h3')[0]!)).toMatch(/^step 3 of 4 at .*b-fail\.yaml:6:5 \(steps\[2\]\): expect:/);
    const order = elements(failed, (e) => classOf(e).includes('failure') || classOf(e).includes('steps'));
    expect(order.map((e) => classOf(e)[0])).toEqual(['failure', 'steps']);
  });

  it('lists each step run with the screen it left, the failing one marked', () => {
    const [failed, passed] = byTag(document, 'section');
    const steps = byClass(failed!, 'step');
    const passedSteps = byClass(passed!, 'step');

    expect(steps.map((s) => text(byTag(s, 'code')[0]!))).toEqual([
      'keys: "1002"',
      'press: OK',
      'expect: { screen: "Unknown <b>User</b>" }',
    ]);
    expect(steps.map((s) => classOf(s)[1])).toEqual(['ok', 'ok', 'failed']);
    expect(text(byClass(steps[0]!, 'screen')[0]!)).toContain('1002');
    expect(text(byClass(steps[1]!, 'screen')[0]!)).toContain('Thank you, Bruno Silva');
    expect(passedSteps).toHaveLength(3);
    expect(text(byClass(passedSteps[2]!, 'screen')[0]!)).toContain('Thank you, Bruno Silva');
  });
});
