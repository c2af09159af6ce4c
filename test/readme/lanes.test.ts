// The README test's shell lanes: a line that two sections show after the same file-changing lines runs
// once, and the later section gets its files as if it had run there; after other lines it runs again.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDirForTest, type TempDir } from '../fixtures/temp-dir.js';
import type { Block } from './blocks.js';
import { ShellLanes } from './lanes.js';

/** A block of `section` whose lines first write their label to `runs`, outside the sandboxes: each real run. */
function block(temp: TempDir, section: string, lines: [label: string, line: string][]): Block {
  const counted = lines.map(([label, line]) => `echo ${label} >> ${temp.file('runs')}; ${line}`);
  return { where: `${section}:1`, section, info: 'sh', code: `${counted.join('\n')}\n` };
}

const runsIn = (temp: TempDir) => fs.readFileSync(temp.file('runs'), 'utf8').trim().split('\n').sort();

async function results(lanes: ShellLanes, blocks: Block[], lines: number) {
  const all = blocks.flatMap((b) => Array.from({ length: lines }, (_, i) => lanes.result(b, i)));
  return Promise.all(all);
}

describe('the shell lanes', () => {
  it('run a line once for two sections that show it after the same lines, each with its files', async () => {
    const temp = tempDirForTest('timeclock-lanes-');
    const first = block(temp, 'A', [
      ['echo', 'echo made > made.txt   # a first reader'],
      ['cat', 'cat made.txt'],
      ['true', 'true'],
    ]);
    const second = block(temp, 'B', [
      ['true', 'true'],
      ['echo', 'echo made > made.txt   # another comment'],
      ['cat', 'cat made.txt'],
      ['wc', 'wc -c < made.txt'],
    ]);
    const lanes = new ShellLanes();

    lanes.start([first, second]);
    const [, readA, , , , readB] = await results(lanes, [first, second], 3);
    const counted = await lanes.result(second, 3);
    await lanes.remove();

    expect([readA!.status, readA!.stdout, readB!.status, readB!.stdout]).toEqual([0, 'made\n', 0, 'made\n']);
    // B's own line reads the file that A's run of the shared `echo` wrote into B's scratch directory.
    expect([counted.status, counted.stdout.trim()]).toEqual([0, '5']);
    // `true` changes no file: B's `echo` comes after the same lines as A's, and so does its `cat`. A's
    // `true` after the echo is not B's `true` before it.
    expect(runsIn(temp)).toEqual(['cat', 'echo', 'true', 'true', 'wc']);
  });

  it('run a line again after other lines that changed the files', async () => {
    const temp = tempDirForTest('timeclock-lanes-');
    const first = block(temp, 'A', [
      ['one', 'echo one > f'],
      ['cat', 'cat f'],
    ]);
    const second = block(temp, 'B', [
      ['two', 'echo two > f'],
      ['cat', 'cat f'],
    ]);
    const lanes = new ShellLanes();

    lanes.start([first, second]);
    const [, one, , two] = await results(lanes, [first, second], 2);
    await lanes.remove();

    expect([one!.stdout, two!.stdout]).toEqual(['one\n', 'two\n']);
    expect(runsIn(temp)).toEqual(['cat', 'cat', 'one', 'two']);
  });
});
