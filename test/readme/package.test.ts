// The package as others get it: `npm pack` (whose prepare script compiles dist/), the tarball installed
// into a fresh project from npm's cache, and the README's `ts` blocks run there as printed, importing
// 'timeclock-sim'; the same blocks from the clone itself, once its prepare has built dist/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, allBlocks } from './blocks.js';

const TSX = import.meta.resolve('tsx');
const tsBlocks = allBlocks().filter((b) => b.info === 'ts');

let dir: string;
let tarball: string;
let project: string;

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
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], ROOT)) as { filename: string }[];
  tarball = path.join(dir, packed[0]!.filename);
  project = path.join(dir, 'project');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), '{ "private": true, "type": "module" }\n');
  // Install scripts are skipped: building better-sqlite3 from source takes minutes where no prebuilt
  // binary can be fetched, and the snippets keep their store in memory. The checkout's binary stands in.
  run('npm', ['install', tarball, '--prefer-offline', '--ignore-scripts'], project);
  const binding = path.join('better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  fs.mkdirSync(path.dirname(path.join(project, 'node_modules', binding)), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'node_modules', binding), path.join(project, 'node_modules', binding));
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

  it('runs the timeclock command from its compiled code', () => {
    const output = run('npx', ['timeclock', 'models'], project);

    expect(output.split('\n')).toEqual(expect.arrayContaining(['biometric', 'proximity']));
  }, 60_000);
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
