#!/usr/bin/env node
// The `timeclock` command. In a checkout, `run` starts from an esbuild bundle of the sources (rebuilt
// when a source is newer than it), so the clock draws its first frame well within a second, and the other
// commands run the TypeScript sources through tsx: no build step either way. An installed package has no
// sources, only the compiled dist/ that `npm pack` built, and runs that.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const argv = process.argv.slice(2);
const running = argv.length === 0 || argv[0] === 'run' || argv[0].startsWith('-');

const checkout = fs.existsSync(path.join(root, 'src', 'cli', 'main.ts'));
const main = checkout ? (running && (await bundledMain())) || (await sourceMain()) : await compiledMain();
process.exitCode = await main(argv);

async function compiledMain() {
  return (await import(pathToFileURL(path.join(root, 'dist', 'src', 'cli', 'main.js')).href)).main;
}

async function sourceMain() {
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../src/cli/main.ts')).main;
}

/** The bundle's main, or undefined when it cannot be built here (tsx then runs the sources). */
async function bundledMain() {
  // Inside the checkout, so that the code still finds devices/ by walking up from itself.
  const bundle = path.join(root, 'node_modules', '.cache', 'timeclock', 'cli.mjs');
  try {
    if (newestSource() > mtime(bundle)) await build(bundle);
    return (await import(pathToFileURL(bundle).href)).main;
  } catch (error) {
    process.emitWarning(`timeclock: running from the sources (${error.message})`);
    return undefined;
  }
}

async function build(bundle) {
  const esbuild = await import('esbuild');
  const partial = `${bundle}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
    outfile: partial,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  // Two clocks starting at once must not load each other's half-written file.
  fs.renameSync(partial, bundle);
}

function newestSource() {
  let newest = mtime(path.join(root, 'package.json'));
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else newest = Math.max(newest, mtime(file));
    }
  };
  for (const dir of ['src', 'firmware']) walk(path.join(root, dir));
  return newest;
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
