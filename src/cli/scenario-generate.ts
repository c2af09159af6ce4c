// `timeclock scenario generate DIR`: a suite for free. Walks of the scenario vocabulary, guided by the
// firmware's graph, run against the real firmware; each walk that takes a transition no earlier one took
// is written as a readable scenario file with its expectations. Refuses to overwrite files.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { describeTransition, machineGraph } from '../scenario/index.js';
import { undrivableTransitions } from '../scenario/index.js';
import { generateSetups } from '../scenario/index.js';
import { searchPaths } from '../scenario/index.js';
import { existingFiles, fileNameOf, scenarioText } from '../scenario/index.js';
import { UsageError, onAction, optionsOf, timeclockCommand, type OutputIo } from './program.js';

interface GenerateFlags {
  walks?: string;
  seed?: string;
}

export function createScenarioGenerateCommand(io: OutputIo): Command {
  const command = timeclockCommand('generate', io)
    .description("write scenario files that reach the firmware's states and transitions (from its graph)")
    .argument('<dir>', 'the folder to write the scenarios to (created if missing; no file is overwritten)')
    .option('--walks <n>', 'walks of the firmware to try (default 4000; more reach further, take longer)')
    .option('--seed <n>', 'seed of the walks (default 1): the same seed writes the same files');
  return onAction(command, async ([dir]) => {
    const flags = optionsOf<GenerateFlags>(command);
    const maxWalks = whole('walks', flags.walks ?? '4000', 1, 1_000_000);
    const seed = whole('seed', flags.seed ?? '1', 0, 0xffffffff);
    const graph = machineGraph();
    const byId = new Map(graph.transitions.map((t) => [t.id, t]));
    const result = await searchPaths(generateSetups(), { maxWalks, seed, patience: maxWalks });
    const describe = (id: string) => describeTransition(byId.get(id)!);
    const names = result.paths.map((p, i) => fileNameOf(i, p, describe));
    const clash = existingFiles(dir!, names);
    if (clash.length > 0) throw new UsageError(`${dir} already holds ${clash.join(', ')}: not overwritten`);
    fs.mkdirSync(dir!, { recursive: true });
    result.paths.forEach((found, i) =>
      fs.writeFileSync(path.join(dir!, names[i]!), scenarioText(found, describe, dir!)),
    );
    const undrivable = undrivableTransitions(graph).size;
    const drivable = graph.transitions.length - undrivable;
    io.stdout.write(
      `wrote ${names.length} scenario files to ${dir} (${result.walks} walks, seed ${seed}): they take ` +
        `${drivable - result.missed.length} of the ${drivable} transitions scenario steps can drive; ` +
        `${undrivable} cannot be driven (timeclock coverage ${dir} says why)\n`,
    );
    if (result.missed.length > 0) {
      io.stdout.write(`not reached within ${maxWalks} walks (try --walks more):\n`);
      for (const id of result.missed) io.stdout.write(`  ${describe(id)}\n`);
    }
    return 0;
  });
}

function whole(name: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max))
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}
