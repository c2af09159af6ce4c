// The GitHub Actions workflows the documents show (```yaml github-workflow): each value of the matrix's
// shard runs the workflow's `timeclock` lines as the job would, and the shards' JUnit reports together
// hold every scenario file once, which is what the report job merges.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { discoverScenarioFiles } from '../../src/scenario/index.js';
import { requireTool } from '../fixtures/tools.js';
import { parseJUnitFiles } from '../scenario/junit-parse.js';
import { ROOT, allBlocks } from './blocks.js';
import { makeSandbox, runLine, type Sandbox } from './sandbox.js';

interface Workflow {
  jobs: Record<string, { strategy?: { matrix?: { shard?: number[] } }; steps: { run?: string }[] }>;
}

const workflows = allBlocks().filter((b) => b.info === 'yaml github-workflow');

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = makeSandbox();
});
afterAll(() => sandbox.remove());

// Each workflow's JUnit reports are read by Python's XML parser, as a CI server would read them.
const python = requireTool('python3');

describe.skipIf(python.missing !== undefined).each(workflows.map((b) => [b.where, b] as const))(
  `the workflow at %s${python.title}`,
  (_where, block) => {
    const workflow = parse(block.code) as Workflow;
    const sharded = Object.values(workflow.jobs).filter((job) => job.strategy?.matrix?.shard !== undefined);
    const lines = sharded
      .flatMap((job) => job.steps.flatMap((step) => step.run ?? []))
      .filter((l) => /\btimeclock\b/.test(l));

    it('has a job whose matrix numbers the shards 1 to N, as its --shard lines name N', () => {
      expect(sharded).toHaveLength(1);
      const shards = sharded[0]!.strategy!.matrix!.shard!;
      const totals = lines.map((l) => /--shard \$\{\{ matrix\.shard \}\}\/(\d+)/.exec(l)?.[1]);

      expect(totals.length).toBeGreaterThan(0);
      for (const total of totals) expect(shards).toEqual(Array.from({ length: Number(total) }, (_, i) => i + 1));
    });

    it('runs every scenario file in exactly one shard, each shard exiting 0 with a JUnit report that parses', async () => {
      const reports: string[] = [];

      for (const shard of sharded[0]!.strategy!.matrix!.shard!) {
        for (const line of lines) {
          const command = line.replaceAll('${{ matrix.shard }}', String(shard));
          const { status, stdout, stderr } = await runLine(command, sandbox);
          expect(status, `${command}\n${stdout}\n${stderr}`).toBe(0);
          const junit = /--junit (\S+)/.exec(command)?.[1];
          if (junit) reports.push(path.join(sandbox.dir, junit));
        }
      }

      const suites = parseJUnitFiles(reports).flatMap((r) => r.suites.map((s) => s.name));
      const expected = discoverScenarioFiles([path.join(ROOT, 'scripts/scenarios')]).map((f) => path.relative(ROOT, f));
      expect(suites.sort()).toEqual(expected.sort());
    }, 120_000);
  },
);
