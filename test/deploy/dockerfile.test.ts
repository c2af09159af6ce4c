// The container image, checked without a Docker engine (this machine and CI have only the client):
// every file the Dockerfile copies exists and is in the build context, the runtime stage holds what the
// npm package holds and runs as a numeric non-root user, and its entrypoint is the compiled command.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copiesOf, ignoredBy, readStages } from './dockerfile.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const stages = readStages(path.join(ROOT, 'Dockerfile'));
const build = stages[0]!;
const runtime = stages.at(-1)!;
const ignored = ignoredBy(path.join(ROOT, '.dockerignore'));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  files: string[];
  scripts: Record<string, string>;
};
const runs = (stage: typeof build) =>
  stage.instructions
    .filter((i) => i.keyword === 'RUN')
    .map((i) => i.args)
    .join(' && ');

/** Where a runtime path ends up, relative to the WORKDIR /app. */
const destinations = copiesOf(runtime).flatMap((c) =>
  c.sources.map((s) =>
    path.posix.join(c.destination, c.destination.endsWith('/') && !s.endsWith('/') ? path.posix.basename(s) : ''),
  ),
);

describe('the Dockerfile', () => {
  it('builds on node:20-bookworm and runs on node:20-bookworm-slim, as a numeric user that is not root', () => {
    const user = runtime.instructions.filter((i) => i.keyword === 'USER').at(-1)?.args ?? '';

    expect(stages.map((s) => s.from)).toEqual(['node:20-bookworm', 'node:20-bookworm-slim']);
    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(Number(user.split(':')[0])).toBeGreaterThan(0);
  });

  it('copies from the build context only files that exist and that .dockerignore keeps', () => {
    const sources = stages
      .flatMap(copiesOf)
      .filter((c) => c.from === undefined)
      .flatMap((c) => c.sources);

    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect(fs.existsSync(path.join(ROOT, source)), `${source} exists`).toBe(true);
      expect(ignored(source), `${source} is left out of the context by .dockerignore`).toBe(false);
    }
  });

  it('copies from the build stage only what its commands make: node_modules by npm ci, dist/ by the build script', () => {
    const fromBuild = copiesOf(runtime).filter((c) => c.from === build.name);
    const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
      extends: string;
      compilerOptions: { outDir?: string };
    };
    const base = JSON.parse(fs.readFileSync(path.join(ROOT, tsconfig.extends), 'utf8')) as {
      compilerOptions: { outDir: string };
    };

    expect(fromBuild.flatMap((c) => c.sources).sort()).toEqual(['/app/dist/', '/app/node_modules/']);
    expect(runs(build)).toMatch(/npm ci .*npm run build .*npm prune --omit=dev/);
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json');
    expect(tsconfig.compilerOptions.outDir ?? base.compilerOptions.outDir).toBe('dist');
  });

  it('starts the command package.json names, which runs the compiled dist/src/cli/entry.js outside a checkout', () => {
    const entrypoint = JSON.parse(runtime.instructions.find((i) => i.keyword === 'ENTRYPOINT')!.args) as string[];
    const bin = fs.readFileSync(path.join(ROOT, pkg.bin.timeclock!), 'utf8');

    expect(entrypoint).toEqual(['node', pkg.bin.timeclock]);
    expect(bin).toContain("path.join(root, 'dist', 'src', 'cli', 'entry.js')");
    expect(fs.existsSync(path.join(ROOT, 'src/cli/main.ts'))).toBe(true);
    // The bin takes a folder with src/cli/main.ts for a checkout and runs the sources through tsx instead.
    expect(destinations.filter((d) => d === 'src/' || d.startsWith('src/cli'))).toEqual([]);
  });

  it('carries into the runtime stage what the npm package carries (package.json files), less its docs', () => {
    const needed = pkg.files.filter((f) => f !== 'docs/').map((f) => f.replace(/\*.*$/, ''));

    for (const file of needed)
      expect(
        destinations.some((d) => file.startsWith(d)),
        file,
      ).toBe(true);
    expect(destinations).toContain('package.json');
  });

  it('carries the scenario suites and fleet profiles of scripts/, not its TypeScript tools', () => {
    expect(destinations).toContain('scripts/');
    expect(ignored('scripts/scenarios/verify-card.yaml')).toBe(false);
    expect(ignored('scripts/fleet/monday-rush.yaml')).toBe(false);
    expect(ignored('scripts/bench/fleet.ts')).toBe(true);
  });
});

describe('.dockerignore', () => {
  it('leaves the checkout’s installs, builds, tests, databases and history out of the build context', () => {
    for (const file of [
      'node_modules/yaml/package.json',
      'dist/src/index.js',
      '.git/HEAD',
      'test/log.test.ts',
      'cloud.db',
    ])
      expect(ignored(file), file).toBe(true);
    expect(ignored('firmware/clock.machine.test.ts')).toBe(true);
    expect(ignored('src/cli/main.ts')).toBe(false);
  });
});
