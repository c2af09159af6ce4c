// The code blocks of the project's Markdown documents, by their fences, and how each kind is run. The
// fence's info string says it: the language, then what to do with it (`yaml scenario`, `sh background`),
// or `norun: <reason>` for a block that is not run. An `output` block holds what the block before it prints.
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** The documents whose every block `npm test` runs. */
export const DOCUMENTS = ['README.md', 'scripts/scenarios/README.md'];

export interface Block {
  /** `README.md:92`: the document and the line of the opening fence. */
  where: string;
  /** `README.md ## Fleet: many clocks against one server`: the document and the heading the block is under. */
  section: string;
  info: string;
  code: string;
  /** The `output` block right after this one, if any. */
  output?: string;
}

/**
 * Every kind of block and what runs it. A block whose info string is not here fails the test that
 * lists them, so that a new block is either given a runner or marked `norun: <reason>`.
 */
export const RUNNERS: Record<string, string> = {
  sh: 'each line in a scratch directory where `npx timeclock` is this checkout (a bare `timeclock` is not, as in a clone); every line exits 0',
  'sh background': 'each line started; it must come up (print its bridges) and is then stopped',
  ts: 'as a module in a project that installed the packed tarball (test/readme/package.test.ts); prints its output block',
  'yaml scenario': 'as a scenario file with timeclock scenario; every scenario passes (and the schema agrees)',
  'json control-hello': 'the hello of the session command below it, field for field',
  'jsonl session': 'the `$` command is started; `>` lines are sent, `<` lines must follow in order (… for anything)',
  python: 'python3 in the same scratch directory; prints its output block',
  'mjs lan-sdk':
    'an ES module run with node in a scratch directory that has the SDKs installed, its simulator on a free LAN port (TIMECLOCK_LAN); prints its output block',
  'yaml github-workflow':
    "a GitHub Actions workflow: for each value of its matrix's shard, its `run:` lines that call timeclock run in the scratch directory (the sandbox stands for `npm ci`) and exit 0, and the shards' JUnit reports hold every scenario file once (workflow.test.ts)",
  tree: 'every folder named at the start of a line exists',
  'json device-model': 'loaded as a device file from a scratch devices/ folder',
};

export function blocksOf(document: string): Block[] {
  const lines = fs.readFileSync(path.join(ROOT, document), 'utf8').split('\n');
  const blocks: Block[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(.*)$/.exec(lines[i]!);
    if (/^#{1,6} /.test(lines[i]!)) heading = lines[i]!;
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`${document}:${start + 1}: a code block that is never closed`);
    const info = open[1]!.trim();
    const code = `${body.join('\n')}\n`;
    const previous = blocks.at(-1);
    if (info === 'output') {
      if (!previous) throw new Error(`${document}:${start + 1}: an output block with no block before it`);
      previous.output = code;
    } else blocks.push({ where: `${document}:${start + 1}`, section: `${document} ${heading}`.trim(), info, code });
  }
  return blocks;
}

export function allBlocks(): Block[] {
  return DOCUMENTS.flatMap(blocksOf);
}

/** The reason given by `norun: <reason>`, or undefined for a block that runs. */
export function noRunReason(block: Block): string | undefined {
  return /^\w+ norun: *(.*)$/.exec(block.info)?.[1];
}

/** The lines of a shell block that are commands: neither blank nor comments. */
export function commandLines(code: string): string[] {
  return code.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));
}
