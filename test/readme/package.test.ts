// The package as others get it: `npm pack` (whose prepare script compiles dist/; packed.ts keeps the
// tarball of the same inputs), the tarball installed into a fresh project from npm's cache, and the README's
// `ts` blocks run there as printed, importing 'timeclock-sim'; the same blocks from the clone itself, once
// its prepare has built dist/.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, allBlocks } from './blocks.js';
import { installedProject, packedTarball } from './packed.js';

const TSX = import.meta.resolve('tsx');
const tsBlocks = allBlocks().filter((b) => b.info === 'ts');

let dir: string;
let tarball: string;
let project: string;
/** What `npm install` of the tarball printed on stderr (its warnings). */
let installWarnings: string;

function run(file: string, args: string[], cwd: string): string {
  return execFileSync(file, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-pack-'));
  tarball = packedTarball(dir, run);
  project = path.join(dir, 'project');
  installWarnings = installedProject(tarball, project);
}, 180_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the packed package', () => {
  it('carries the compiled library, the clock models and the command, and no tests', () => {
    const files = run('tar', ['tzf', tarball], dir).split('\n');

    expect(files).toEqual(
      expect.arrayContaining([
        'package/dist/src/index.js',
        'package/dist/src/index.d.ts',
        'package/dist/src/cli/main.js',
        'package/dist/src/cli/entry.js',
        'package/dist/firmware/index.js',
        'package/devices/biometric.json',
        'package/bin/timeclock.js',
        'package/docs/wire-formats.md',
      ]),
    );
    expect(files.filter((f) => f.startsWith('package/test/') || /^package\/src\/.*\.ts$/.test(f))).toEqual([]);
  });

  it.each(tsBlocks.map((b) => [b.where, b] as const))(
    'runs the README block at %s as printed, with the output it shows',
    (where, block) => {
      const file = path.join(project, `${where.replace(/[/:.]/g, '-')}.ts`);
      fs.writeFileSync(file, block.code);

      const output = run(process.execPath, ['--import', TSX, file], project);

      expect(output).toBe(block.output);
    },
    60_000,
  );

  it('installs without an engine warning on this Node (no dependency wants a newer one)', () => {
    expect(installWarnings).not.toMatch(/EBADENGINE/);
  });

  it('runs the timeclock command from its compiled code', () => {
    const output = run('npx', ['timeclock', 'models'], project);

    expect(output.split('\n')).toEqual(expect.arrayContaining(['biometric', 'proximity']));
  }, 60_000);
});

describe('a QA engineer in a project that installed the package', () => {
  /** `$schema=` of a YAML file, resolved from its folder. */
  const schemaOf = (file: string) => {
    const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(fs.readFileSync(file, 'utf8'))?.[1] ?? '';
    return path.resolve(path.dirname(file), ref);
  };
  const yamlIn = (folder: string) =>
    fs
      .readdirSync(path.join(project, folder), { recursive: true, encoding: 'utf8' })
      // Set-ups (`_shared/…`) are not scenarios and carry no schema line.
      .filter((f) => f.endsWith('.yaml') && !/(^|\/)_/.test(f))
      .map((f) => path.join(project, folder, f));
  const installedSchema = () => path.join(project, 'node_modules/timeclock-sim/src/scenario/scenario.schema.json');

  it('gets from npx timeclock init scenarios whose $schema lines resolve to the installed schema', () => {
    run('npx', ['timeclock', 'init', 'qa'], project);
    const files = yamlIn('qa');

    expect(files).toHaveLength(2);
    for (const file of files) expect(schemaOf(file)).toBe(installedSchema());
    expect((JSON.parse(fs.readFileSync(installedSchema(), 'utf8')) as { title: string }).title).toBe(
      'timeclock-sim scenario',
    );
  }, 60_000);

  it('runs them (include:, a table under examples:) with an --html report that puts the failure first', () => {
    fs.writeFileSync(
      path.join(project, 'qa/wrong-name.yaml'),
      "name: Wrong name\ninclude: _shared/office.yaml\nsteps:\n  - use: badge 1002\n  - expect: { screen: 'Thank you, Nobody' }\n",
    );
    const report = path.join(project, 'report.html');
    const result = spawnSync('npx', ['timeclock', 'scenario', 'qa', '--html', report], {
      cwd: project,
      encoding: 'utf8',
    });
    const html = fs.readFileSync(report, 'utf8');

    expect(result.stdout).toContain('4 scenarios in 3 files: 3 passed, 1 failed, 0 bad files');
    expect(result.status).toBe(1);
    expect(html.indexOf('Thank you, Nobody')).toBeGreaterThan(0);
    expect(html.indexOf('Bruno punches Check In with F1')).toBeGreaterThan(html.indexOf('Thank you, Nobody'));
    expect(html).toContain('Thank you, Bruno Silva');
  }, 60_000);

  it('gets from scenario generate files wired to the installed schema, which pass', () => {
    // The planned paths alone (a small budget): the whole suite is generate.test.ts's, from the clone.
    run('npx', ['timeclock', 'scenario', 'generate', 'generated', '--walks', '40'], project);
    const files = yamlIn('generated');
    const suite = run('npx', ['timeclock', 'scenario', 'generated'], project);

    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(schemaOf(file)).toBe(installedSchema());
    expect(suite).toMatch(new RegExp(`${files.length} scenarios in ${files.length} files: ${files.length} passed`));
  }, 120_000);
});

describe('a clone', () => {
  it('builds dist/ whenever npm installs or packs it (the prepare script)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };

    expect(pkg.scripts.prepare).toBe('npm run build');
    expect(fs.existsSync(path.join(ROOT, 'dist', 'src', 'index.js'))).toBe(true);
  });

  it.each(tsBlocks.map((b) => [b.where, b] as const))(
    'runs the README block at %s from inside the clone, importing the package by its name',
    (where, block) => {
      // test-results/ is inside the package and ignored by git: 'timeclock-sim' resolves to the clone itself.
      const scratch = path.join(ROOT, 'test-results', 'readme');
      fs.mkdirSync(scratch, { recursive: true });
      const file = path.join(scratch, `${where.replace(/[/:.]/g, '-')}.ts`);
      fs.writeFileSync(file, block.code);

      const output = run(process.execPath, ['--import', TSX, file], ROOT);

      expect(output).toBe(block.output);
    },
    60_000,
  );
});
