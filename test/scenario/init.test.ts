// `timeclock init` as a user runs it in a project that installed the package: the folder it writes runs
// green, each scenario's schema line resolves to the schema the package ships, and nothing is overwritten.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeclock, type Finished } from './cli-process.js';
import { tempDir } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  files: string[];
  exports: Record<string, unknown>;
};

describe('timeclock init', () => {
  const project = tempDir();
  let init: Finished;
  beforeAll(async () => {
    // The project's node_modules/timeclock-sim, as npm install leaves it (the checkout stands for the package).
    fs.mkdirSync(path.join(project.path, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(project.path, 'node_modules/timeclock-sim'));
    init = await timeclock(['init', 'qa'], project.path);
  }, 120_000);
  afterAll(() => project.remove());

  it('writes a scenarios folder with a shared set-up, two scenarios and a README', () => {
    expect(init.code).toBe(0);
    expect(fs.readdirSync(path.join(project.path, 'qa')).sort()).toEqual([
      'README.md',
      '_shared',
      'about-device.yaml',
      'punch-with-badge.yaml',
    ]);
    expect(fs.readFileSync(path.join(project.path, 'qa/README.md'), 'utf8')).toContain('npx timeclock scenario');
  });

  it('wires each scenario to the schema the package ships, through node_modules', () => {
    for (const file of ['qa/about-device.yaml', 'qa/punch-with-badge.yaml']) {
      const text = fs.readFileSync(path.join(project.path, file), 'utf8');
      const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)?.[1];
      const resolved = path.resolve(path.dirname(path.join(project.path, file)), ref ?? '');

      expect(ref).toMatch(/^\.\.\/node_modules\/timeclock-sim\//);
      expect((JSON.parse(fs.readFileSync(resolved, 'utf8')) as { title: string }).title).toBe('timeclock-sim scenario');
    }
  });

  it('ships the schema in the package and exports it', () => {
    expect(pkg.files).toContain('src/scenario/scenario.schema.json');
    expect(pkg.exports['./scenario.schema.json']).toBe('./src/scenario/scenario.schema.json');
  });

  it('writes scenarios that pass, the shared set-up not run as one', async () => {
    const run = await timeclock(['scenario', 'qa'], project.path);

    expect(run.stdout).toContain('3 scenarios in 2 files: 3 passed, 0 failed, 0 bad files');
    expect(run.code).toBe(0);
  });

  it('refuses to overwrite, naming the files already there', async () => {
    fs.writeFileSync(path.join(project.path, 'qa/about-device.yaml'), '# mine\n');

    const again = await timeclock(['init', 'qa'], project.path);

    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      'qa already holds README.md, _shared/office.yaml, punch-with-badge.yaml, about-device.yaml: not overwritten',
    );
    expect(fs.readFileSync(path.join(project.path, 'qa/about-device.yaml'), 'utf8')).toBe('# mine\n');
  });
});
