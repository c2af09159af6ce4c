// The README and the scenario README are tested documents: every code block is run as printed, by the
// runner its fence names (blocks.ts), and what it shows it prints is checked. The `ts` blocks run in
// package.test.ts, against the packed tarball. The shell blocks run a section (a heading) at a time in
// scratch directories of their own, sections side by side (lanes.ts); the other blocks meanwhile.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDeviceModel } from '../../src/devices/index.js';
import { formatReport, runScenarioFile, totalsOf } from '../../src/scenario/index.js';
import { requireTool } from '../fixtures/tools.js';
import { ROOT, RUNNERS, allBlocks, commandLines, noRunReason, type Block } from './blocks.js';
import { ShellLanes } from './lanes.js';
import { lineProcessForTest, makeSandbox, runLine, type Sandbox } from './sandbox.js';

const blocks = allBlocks();
/**
 * A stuck guard, not a speed check: the shell lanes run beside these tests, so on a busy machine a
 * clock's start may take a good part of a minute.
 */
const STUCK_MS = 180_000;
const ofKind = (info: string) => blocks.filter((b) => b.info === info);

let sandbox: Sandbox;
const lanes = new ShellLanes();
beforeAll(() => {
  sandbox = makeSandbox();
  lanes.start(ofKind('sh'));
});
afterAll(async () => {
  sandbox.remove();
  await lanes.remove();
}, 600_000);

describe('the code blocks of the documents', () => {
  it('each have a runner, or say why they are not run', () => {
    const orphans = blocks
      .filter((b) => RUNNERS[b.info] === undefined && noRunReason(b) === undefined)
      .map((b) => `${b.where} \`\`\`${b.info}`);

    expect(orphans, 'give these blocks an info string of test/readme/blocks.ts RUNNERS').toEqual([]);
  });

  it('give a reason whenever they are not run, and are rarely not run', () => {
    const skipped = blocks.filter((b) => noRunReason(b) !== undefined);

    for (const block of skipped) expect(noRunReason(block)!.length, block.where).toBeGreaterThan(20);
    expect(skipped.length).toBeLessThanOrEqual(1);
  });

  it('show their output only after a block that prints it', () => {
    const withOutput = blocks.filter((b) => b.output !== undefined).map((b) => b.info);

    expect(withOutput.every((info) => info === 'ts' || info === 'python' || info === 'mjs lan-sdk')).toBe(true);
  });
});

describe.each(ofKind('sh background').map((b) => [b.where, b] as const))('the server block at %s', (_where, block) => {
  it.each(commandLines(block.code).map((line) => line.replace(/\s+#.*$/, '')))(
    'starts `%s` and its bridge',
    async (line) => {
      const spec = /--bridge (\S+)/.exec(line)?.[1] ?? '';
      const process = lineProcessForTest(line, sandbox);
      await process.waitFor(new RegExp(`^bridge: ${spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`, 'm'));
    },
    STUCK_MS,
  );
});

describe.each(ofKind('yaml scenario').map((b) => [b.where, b] as const))('the scenario at %s', (where, block) => {
  it(
    'passes',
    async () => {
      const file = path.join(sandbox.dir, `${where.replace(/[/:.]/g, '-')}.yaml`);
      fs.writeFileSync(file, block.code);

      const result = await runScenarioFile(file);

      expect(result.error?.message).toBeUndefined();
      expect(result.scenarios.length).toBeGreaterThan(0);
      const report = formatReport([result], totalsOf([result], 0), undefined);
      for (const scenario of result.scenarios) expect(scenario.message, report).toBeUndefined();
    },
    STUCK_MS,
  );
});

/** The session block's command, its requests, and the lines that must answer each (the hello first). */
function sessionOf(block: Block): { command: string; exchanges: { request?: string; expected: string[] }[] } {
  const lines = block.code.split('\n').filter((l) => l !== '');
  const command = lines.find((l) => l.startsWith('$ '))?.slice(2);
  if (!command) throw new Error(`${block.where}: a session block starts with its "$ command" line`);
  const exchanges: { request?: string; expected: string[] }[] = [{ expected: [] }];
  for (const line of lines) {
    if (line.startsWith('> ')) exchanges.push({ request: line.slice(2), expected: [] });
    else if (line.startsWith('< ')) exchanges.at(-1)!.expected.push(line.slice(2));
    else if (!line.startsWith('$ ')) throw new Error(`${block.where}: "${line}" is not a $, > or < line`);
  }
  return { command, exchanges };
}

/** A shown line as a pattern: literal text, with … for anything. */
function linePattern(shown: string): RegExp {
  const parts = shown.split('…').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`);
}

/** The first line (the hello) each session command printed in its session's test, which runs before the hellos'. */
const hellos = new Map<string, string>();

describe.each(ofKind('jsonl session').map((b) => [b.where, b] as const))('the session at %s', (_where, block) => {
  it(
    'is what the clock answers, line for line',
    async () => {
      const { command, exchanges } = sessionOf(block);
      const clock = lineProcessForTest(command, sandbox);
      for (const { request, expected } of exchanges) {
        if (request !== undefined) clock.write(request);
        for (const shown of expected) {
          const line = await clock.nextLine();
          if (!hellos.has(command)) hellos.set(command, line);
          expect(line, `after ${request ?? 'connecting'}`).toMatch(linePattern(shown));
        }
      }
      // Nothing more than the session shows: a last request's reply closes it.
      clock.write('{"id":"end","cmd":"hello"}');
      expect(await clock.nextLine()).toMatch(/^\{"type":"reply","id":"end"/);
    },
    STUCK_MS,
  );
});

describe.each(ofKind('json control-hello').map((b) => [b.where, b] as const))('the hello at %s', (where, block) => {
  it(
    'is the hello of the session command, field for field',
    async () => {
      const document = where.split(':')[0];
      const session = blocks.find((b) => b.info === 'jsonl session' && b.where.startsWith(`${document}:`));
      const { command } = sessionOf(session!);
      const hello = hellos.get(command) ?? (await lineProcessForTest(command, sandbox).nextLine());
      expect(JSON.parse(hello)).toEqual(JSON.parse(block.code));
    },
    STUCK_MS,
  );
});

const python = requireTool('python3');

describe.skipIf(python.missing !== undefined).each(ofKind('python').map((b) => [b.where, b] as const))(
  `the Python example at %s${python.title}`,
  (where, block) => {
    it(
      'prints what the document shows',
      async () => {
        const file = path.join(sandbox.dir, `${where.replace(/[/:.]/g, '-')}.py`);
        fs.writeFileSync(file, block.code);

        const { status, stdout, stderr } = await runLine(`python3 ${JSON.stringify(file)}`, sandbox);

        expect(status, stderr).toBe(0);
        expect(stdout).toBe(block.output);
      },
      STUCK_MS,
    );
  },
);

describe.each(ofKind('mjs lan-sdk').map((b) => [b.where, b] as const))('the LAN SDK example at %s', (where, block) => {
  it(
    'prints what the document shows, as printed, also when port 4370 is taken',
    async () => {
      const file = path.join(sandbox.dir, `${where.replace(/[/:.]/g, '-')}.mjs`);
      fs.writeFileSync(file, block.code);
      // The SDK as a reader's `npm install node-zklib` would put it.
      const sdk = path.join(sandbox.dir, 'node_modules', 'node-zklib');
      if (!fs.existsSync(sdk)) fs.symlinkSync(path.join(ROOT, 'node_modules', 'node-zklib'), sdk);
      // Another program on 4370 (or one already there): the example must find the clock where it moved.
      const holder = net.createServer();
      await new Promise<void>((resolve) => {
        holder.once('error', () => resolve());
        holder.listen(4370, '127.0.0.1', () => resolve());
      });

      try {
        const { status, stdout, stderr } = await runLine(`node ${JSON.stringify(file)}`, sandbox);

        expect(status, stderr).toBe(0);
        expect(stdout).toBe(block.output);
      } finally {
        await new Promise<void>((resolve) => (holder.listening ? holder.close(() => resolve()) : resolve()));
      }
    },
    STUCK_MS,
  );
});

describe.each(ofKind('tree').map((b) => [b.where, b] as const))('the folders at %s', (_where, block) => {
  it.each(commandLines(block.code).map((line) => line.split(/\s+/)[0]!))('%s exists', (folder) => {
    expect(fs.statSync(path.join(ROOT, folder)).isDirectory()).toBe(true);
  });
});

describe.each(ofKind('json device-model').map((b) => [b.where, b] as const))(
  'the device file at %s',
  (_where, block) => {
    it('loads as a clock model', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-devices-'));
      const model = (JSON.parse(block.code) as { model: string }).model;
      fs.writeFileSync(path.join(dir, `${model}.json`), block.code);

      expect(loadDeviceModel(model, dir)).toMatchObject({ model });
      fs.rmSync(dir, { recursive: true, force: true });
    });
  },
);

// Last in the file, and started first: the shell blocks' sections run side by side in the background
// (lanes.ts) while the tests above run, and each test below reads its line's result.
describe.each(ofKind('sh').map((b) => [b.where, b] as const))('the shell block at %s', (_where, block) => {
  it.each(commandLines(block.code).map((line, index) => [line, index] as const))(
    'runs `%s` with exit status 0',
    async (_line, index) => {
      const { status, stdout, stderr } = await lanes.result(block, index);

      expect(status, `${stdout}\n${stderr}`).toBe(0);
    },
    // The wait spans the lines queued before this one; a stuck line is cut by runLine after 300 s.
    600_000,
  );
});
