// Runs benchmarks one after another, each in its own process (so none inherits another's heap), and
// prints what each prints: `npm run bench`, or `npm run bench -- firmware sync-upload` for some of them.
// Each runs from an esbuild bundle of itself, as `timeclock run` runs the clock: the figures are those of
// the code users run, without tsx's per-function name wrappers (`--tsx` runs the sources through tsx).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const BENCHES = [
  'firmware',
  'punch-breakdown',
  'startup-process',
  'tui-keypress',
  'tui-startup',
  'cloud-poll',
  'cloud-load',
  'cloud-upload',
  'cloud-attacks',
  'sync-upload',
  'scenario-day',
  'serial-decoders',
  'serial-control',
  'control-fanout',
  'lan',
  'lan-load',
];

const dir = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const viaTsx = args.includes('--tsx');
const chosen = args.filter((arg) => arg !== '--tsx');
const unknown = chosen.filter((name) => !BENCHES.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; benchmarks: ${BENCHES.join(' ')}`);
  process.exit(2);
}

/** Beside its source, so that what it finds relative to itself (a server script, devices/) is there. */
async function bundled(name: string): Promise<string> {
  const outfile = path.join(dir, `.${name}.bundle.mjs`);
  await build({
    entryPoints: [path.join(dir, `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

let failed = 0;
for (const name of chosen.length > 0 ? chosen : BENCHES) {
  console.log(`\n## ${name}${viaTsx ? ' (tsx)' : ''}\n`);
  const script = viaTsx ? path.join(dir, `${name}.ts`) : await bundled(name);
  const run = spawnSync(process.execPath, [...(viaTsx ? ['--import', 'tsx'] : []), script], {
    stdio: 'inherit',
  });
  if (!viaTsx) fs.rmSync(script, { force: true });
  if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
