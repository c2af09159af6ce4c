// Runs every benchmark one after another (each in its own process, so none inherits another's heap)
// and prints what each prints: `npm run bench`, or `npm run bench -- firmware sync` for some of them.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHES = [
  'firmware',
  'tui-keypress',
  'tui-startup',
  'cloud-load',
  'cloud-upload',
  'sync-upload',
  'scenario-day',
  'serial-decoders',
  'serial-control',
  'lan',
];

const dir = path.dirname(fileURLToPath(import.meta.url));
const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !BENCHES.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; benchmarks: ${BENCHES.join(' ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of chosen.length > 0 ? chosen : BENCHES) {
  console.log(`\n## ${name}\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, `${name}.ts`)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
