// `timeclock replay --screens` in its own process, on a journal `timeclock scenario --record` wrote: every
// input is shown with the screen it left, boxed, as the README's "screen by screen" says; without the
// flag the replay prints its one summary line.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../fixtures/temp-dir.js';

const BIN = fileURLToPath(new URL('../../bin/timeclock.js', import.meta.url));
const SCENARIO = fileURLToPath(new URL('../../scripts/scenarios/verify-card.yaml', import.meta.url));
const temp = makeTempDir('timeclock-replay-');
afterAll(() => temp.remove());

const timeclock = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

describe('timeclock replay --screens', () => {
  it('shows each input and the screen it left, then the summary', () => {
    const journal = temp.file('journal.jsonl');
    expect(timeclock('scenario', SCENARIO, '--record', journal).status).toBe(0);

    const plain = timeclock('replay', journal);
    const shown = timeclock('replay', journal, '--screens');

    const inputs = Number(/: (\d+) inputs over .* every screen matched$/m.exec(plain.stdout)?.[1]);
    expect(plain.stdout.split('\n').filter((line) => line !== '')).toHaveLength(1);
    expect(shown.status).toBe(0);
    const steps = shown.stdout.match(/^\+\S+ +TC1A000001 +\{.*\}\n +┌─+┐\n(?: +│.*│\n)+ +└─+┘$/gm) ?? [];
    expect(inputs).toBeGreaterThan(3);
    expect(steps).toHaveLength(inputs);
    expect(steps[0]).toContain('{"card":"3809012999"}');
    expect(steps[0]).toContain('Unknown card');
    expect(shown.stdout.trimEnd().split('\n').at(-1)).toBe(plain.stdout.trimEnd());
  }, 120_000);
});
