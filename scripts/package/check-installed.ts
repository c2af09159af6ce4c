// The package as a QA engineer gets it: `npm pack` of this checkout, installed offline (from npm's cache)
// into a new project, then `npx timeclock init`, its schema lines resolved, its include:/examples:
// scenarios run with an --html report, and `scenario generate` + `coverage` there. Too slow for the test
// suite (the install compiles better-sqlite3): CI runs it after `npm test` (.ci/run). Exit 1 on a failed check.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-package-'));
const project = path.join(work, 'project');
const failures: string[] = [];

function check(what: string, ok: boolean, detail = ''): void {
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${what}${ok || detail === '' ? '' : `\n     ${detail.trim().replace(/\n/g, '\n     ')}`}`,
  );
  if (!ok) failures.push(what);
}

/** Runs a command to its end; what it printed, both streams, and its exit status. */
function run(command: string, args: string[], cwd: string): { code: number; out: string } {
  console.log(`$ ${[command, ...args].join(' ')}   (in ${cwd})`);
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? 1, out: `${r.stdout}${r.stderr}` };
}

/** The `$schema=` reference of a YAML file, resolved from its folder. */
function schemaOf(file: string): string | undefined {
  const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(fs.readFileSync(file, 'utf8'))?.[1];
  return ref === undefined ? undefined : path.resolve(path.dirname(file), ref);
}

function checkSchemaLines(files: string[]): void {
  const installed = path.join(project, 'node_modules/timeclock-sim/');
  const resolved = files.map((file) => ({ file, schema: schemaOf(file) }));
  const bad = resolved.filter(
    ({ schema }) =>
      schema === undefined ||
      !schema.startsWith(installed) ||
      !fs.existsSync(schema) ||
      (JSON.parse(fs.readFileSync(schema, 'utf8')) as { title?: string }).title !== 'timeclock-sim scenario',
  );
  check(
    `the ${files.length} files' $schema lines resolve to the schema in node_modules/timeclock-sim`,
    files.length > 0 && bad.length === 0,
    bad.map((b) => `${path.relative(project, b.file)} -> ${b.schema ?? 'no $schema line'}`).join('\n'),
  );
}

/** The scenario files of a folder: set-ups (`_shared/…`, names starting with _) carry no schema line. */
function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.yaml') && !/(^|\/)_/.test(f))
    .map((f) => path.join(dir, f));
}

function main(): void {
  console.log(`working in ${work}`);
  fs.mkdirSync(project);
  fs.writeFileSync(
    path.join(project, 'package.json'),
    '{ "name": "qa-project", "version": "1.0.0", "private": true }\n',
  );

  // npm pack runs `prepare` (the build), as a publish would.
  const packed = run('npm', ['pack', '--pack-destination', work], ROOT);
  const tarball = fs.readdirSync(work).find((f) => f.endsWith('.tgz'));
  check('npm pack writes a tarball', packed.code === 0 && tarball !== undefined, packed.out);
  if (tarball === undefined) return;

  const install = run('npm', ['install', path.join(work, tarball), '--offline', '--no-audit', '--no-fund'], project);
  check('npm install of the tarball, offline from the cache, succeeds', install.code === 0, install.out);
  check('npm install prints no engine warning (EBADENGINE) on this Node', !/EBADENGINE/.test(install.out), install.out);

  const exported = run(
    'node',
    ['--input-type=module', '-e', "console.log(import.meta.resolve('timeclock-sim/scenario.schema.json'))"],
    project,
  );
  check(
    'the package exports timeclock-sim/scenario.schema.json',
    exported.code === 0 && exported.out.includes('node_modules/timeclock-sim/src/scenario/scenario.schema.json'),
    exported.out,
  );

  if (checkInit()) checkGenerate();
}

/** init, its schema lines, and its scenarios run with an --html report; false when init wrote nothing. */
function checkInit(): boolean {
  const init = run('npx', ['timeclock', 'init', 'qa'], project);
  check(
    'npx timeclock init qa writes the folder',
    init.code === 0 && fs.existsSync(path.join(project, 'qa')),
    init.out,
  );
  if (!fs.existsSync(path.join(project, 'qa'))) return false;
  checkSchemaLines(yamlFiles(path.join(project, 'qa')));

  // A failing scenario beside them: the report must put its expected/actual first.
  fs.writeFileSync(
    path.join(project, 'qa/wrong-name.yaml'),
    "name: Wrong name on the screen\ninclude: _shared/office.yaml\nsteps:\n  - use: badge 1002\n  - expect: { screen: 'Thank you, Nobody' }\n",
  );
  const report = path.join(project, 'report.html');
  const scenarios = run('npx', ['timeclock', 'scenario', 'qa', '--html', report], project);
  // include: and examples: at work: two rows of the table, the About scenario, the failing one.
  check(
    'the scenarios (include:, a table under examples:) run: 3 pass, the wrong one fails',
    scenarios.code === 1 && scenarios.out.includes('4 scenarios in 3 files: 3 passed, 1 failed, 0 bad files'),
    scenarios.out,
  );
  const html = fs.existsSync(report) ? fs.readFileSync(report, 'utf8') : '';
  const failureAt = html.indexOf('Thank you, Nobody');
  const passingAt = html.indexOf('Bruno punches Check In with F1');
  check(
    '--html writes the report, the failure (its expected text) before the passing scenarios, screens after steps',
    failureAt >= 0 && passingAt > failureAt && html.includes('Thank you, Bruno Silva') && html.includes('TC1A000001'),
    html === '' ? 'no report written' : `failure at ${failureAt}, first passing scenario at ${passingAt}`,
  );

  return true;
}

/** scenario generate in the project: files wired to the installed schema, all passing, coverage 100%. */
function checkGenerate(): void {
  const generate = run('npx', ['timeclock', 'scenario', 'generate', 'generated'], project);
  check('npx timeclock scenario generate writes a suite', generate.code === 0, generate.out);
  if (generate.code !== 0) return;
  checkSchemaLines(yamlFiles(path.join(project, 'generated')));
  const suite = run('npx', ['timeclock', 'scenario', 'generated', '--jobs', '2'], project);
  check('every generated file passes', suite.code === 0 && / 0 failed, 0 bad files/.test(suite.out), suite.out);
  const coverage = run('npx', ['timeclock', 'coverage', 'generated'], project);
  check(
    'coverage of the generated folder says 100% of what can be driven',
    /^Drivable: +(\d+)\/\1 taken \(100%\)/m.test(coverage.out),
    coverage.out.split('\n').slice(0, 4).join('\n'),
  );
}

try {
  main();
} finally {
  if (failures.length === 0) fs.rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work} for a look`);
}
console.log(failures.length === 0 ? 'package checks: all passed' : `package checks: ${failures.length} failed`);
process.exitCode = failures.length === 0 ? 0 : 1;
