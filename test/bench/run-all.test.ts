// `npm run bench`'s runner (scripts/bench/run-all.ts) in its own process, on small scripts of the test's
// own so that no real benchmark runs: it says on stderr which of how many runs, that a long one is still
// going, and when each ends, prints the total last on stdout, and stops quietly, its benchmark with it,
// when its reader goes away.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../fixtures/temp-dir.js';

const RUNNER = fileURLToPath(new URL('../../scripts/bench/run-all.ts', import.meta.url));
const temp = makeTempDir('timeclock-bench-runner-');
afterAll(() => temp.remove());

/** A script printing `rows` Markdown rows, then its pid in a file (if it gets that far). */
function script(name: string, rows: number): string {
  const file = temp.file(`${name}.ts`);
  fs.writeFileSync(
    file,
    `import fs from 'node:fs';\nfor (let i = 0; i < ${rows}; i++) console.log(\`| ${name} | \${i} |\`);\n` +
      `fs.writeFileSync(${JSON.stringify(temp.file(`${name}.done`))}, 'done');\n`,
  );
  return file;
}

function runner(
  args: string[],
  closeStdout = false,
  env: Record<string, string> = {},
  onStderr: (sofar: string) => void = () => {},
) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    if (closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => onStderr((stderr += chunk.toString('utf8'))));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('the benchmark runner', () => {
  it('shows each benchmark’s place and end on stderr, and the total last on stdout', async () => {
    const one = script('one', 3);
    const two = script('two', 3);

    const { status, stdout, stderr } = await runner([one, two]);

    expect(status).toBe(0);
    expect(stderr).toMatch(new RegExp(`^\\[1/2\\] ${one}: running…\\n\\[1/2\\] ${one}: done in [\\d.]+ s$`, 'm'));
    expect(stderr).toMatch(new RegExp(`^\\[2/2\\] ${two}: done in [\\d.]+ s$`, 'm'));
    expect(stdout).toContain('| two | 2 |');
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^2 benchmarks in [\d.]+ s: 2 done, 0 failed$/);
  }, 120_000);

  it('says a long benchmark is still going, with the time it has taken', async () => {
    // The benchmark ends once the runner has said so twice (a file the test writes): no wall time is asserted.
    const enough = temp.file('long.enough');
    const long = temp.file('long.ts');
    fs.writeFileSync(
      long,
      `import fs from 'node:fs';\n` +
        `setInterval(() => fs.existsSync(${JSON.stringify(enough)}) && process.exit(0), 20);\n`,
    );
    const told = (stderr: string) => (stderr.match(/: [\d.]+ s…\n/g) ?? []).length >= 2;

    const { status, stderr } = await runner([long], false, { BENCH_PROGRESS_MS: '50' }, (sofar) => {
      if (told(sofar)) fs.writeFileSync(enough, 'yes');
    });

    expect(status).toBe(0);
    expect(stderr).toMatch(new RegExp(`^\\[1/1\\] ${long}: [\\d.]+ s…$`, 'm'));
  }, 120_000);

  it('stops quietly, with the benchmark it runs, when its reader has gone', async () => {
    const endless = script('endless', 1e9);
    const after = script('after', 1);

    const { status, stderr } = await runner([endless, after], true);

    expect(stderr).not.toMatch(/EPIPE|Unhandled|at .*\(/);
    expect(status).toBe(0);
    expect(fs.existsSync(temp.file('endless.done'))).toBe(false);
    expect(fs.existsSync(temp.file('after.done'))).toBe(false);
  }, 120_000);
});
