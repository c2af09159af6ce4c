#!/usr/bin/env node
// The `timeclock` command. In a checkout, every command starts from an esbuild bundle of the sources
// (rebuilt when a source is newer than it), so the clock draws its first frame well within a second and
// runs without tsx's per-function wrappers; where the bundle cannot be built, tsx runs the sources. No
// build step either way. An installed package has no sources, only the compiled dist/ that `npm pack`
// built, and runs that.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const argv = process.argv.slice(2);

// A reader that goes away (`timeclock --help | head -1`) is not a crash: what was left to print is
// dropped, and the command ends as it would have. Any other output error is a bug and still thrown.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

const checkout = fs.existsSync(path.join(root, 'src', 'cli', 'main.ts'));
const main = checkout ? (await bundledMain()) || (await sourceMain()) : await compiledMain();
process.exitCode = await main(argv);

async function compiledMain() {
  return (await import(pathToFileURL(path.join(root, 'dist', 'src', 'cli', 'entry.js')).href)).main;
}

async function sourceMain() {
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../src/cli/entry.ts')).main;
}

/**
 * The bundle's main, or undefined when it cannot be built here (tsx then runs the sources). Each build
 * has a folder of its own, named by the newest source's time: the command, and beside it the modules that
 * run in child processes (a scenario worker, the fleet's cloud), which src/child-module.ts finds there.
 */
async function bundledMain() {
  // Inside the checkout, so that the code still finds devices/ by walking up from itself.
  const cache = path.join(root, 'node_modules', '.cache', 'timeclock');
  const folder = path.join(cache, `bundle-${Math.floor(newestSource())}`);
  try {
    if (!fs.existsSync(path.join(folder, 'cli.mjs'))) await build(cache, folder);
    return (await import(pathToFileURL(path.join(folder, 'cli.mjs')).href)).main;
  } catch (error) {
    process.emitWarning(`timeclock: running from the sources (${error.message})`);
    return undefined;
  }
}

async function build(cache, folder) {
  const esbuild = await import('esbuild');
  const partial = path.join(cache, `partial-${process.pid}`);
  await esbuild.build({
    entryPoints: {
      cli: path.join(root, 'src', 'cli', 'entry.ts'),
      worker: path.join(root, 'src', 'scenario', 'worker.ts'),
      'cloud-child': path.join(root, 'src', 'fleet', 'cloud-child.ts'),
    },
    outdir: partial,
    outExtension: { '.js': '.mjs' },
    // Chunks, so that a command loads only the modules it imports (entry.ts: the cloud alone).
    splitting: true,
    chunkNames: 'chunk-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Beside the bundle, not inside it: an inline map is a string of megabytes every process holds in its
    // heap for good; node reads a linked one only with --enable-source-maps. ASCII output keeps V8's copy
    // of the source one byte a character.
    sourcemap: 'linked',
    charset: 'ascii',
    logLevel: 'silent',
  });
  // Two commands starting at once must not load each other's half-written files: the first whole folder
  // in place wins, and the other build is thrown away.
  try {
    fs.renameSync(partial, folder);
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    if (!fs.existsSync(path.join(folder, 'cli.mjs'))) throw error;
  }
  pruneOlderBundles(cache, folder);
}

/** Builds replaced over an hour ago: a command still running from one has long forked its children. */
function pruneOlderBundles(cache, current) {
  const hourAgo = Date.now() - 3_600_000;
  for (const entry of fs.readdirSync(cache)) {
    const folder = path.join(cache, entry);
    if (folder === current || !/^(bundle|partial)-\d+$|^cli\.mjs$/.test(entry)) continue;
    if (mtime(folder) < hourAgo) fs.rmSync(folder, { recursive: true, force: true });
  }
}

function newestSource() {
  // This file too: it holds the build's options.
  let newest = Math.max(mtime(path.join(root, 'package.json')), mtime(fileURLToPath(import.meta.url)));
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
