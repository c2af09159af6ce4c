// The table of `timeclock`'s commands: what the program's own help lists for each (name, operands,
// summary), and the module that builds the whole command, imported only when that command runs. A start
// pays for the command it runs and no other: `--version` and `--help` load commander alone, `cloud` no
// terminal UI, `init` neither the cloud nor the scenario runner (BENCHMARKS.md, start-up in a new process).
import type { Command } from 'commander';
import type { RunIo } from './run.js';

export interface CommandEntry {
  name: string;
  /** The operands as the program's help lists them after `[options]`: `[paths...]`, `<journal>`. */
  operands?: string;
  /** The line the program's help gives it, the command's own summary (or description when it has none). */
  summary: string;
  /** The whole command: options, subcommands and an action that loads what it runs. */
  load(io: RunIo): Promise<Command>;
}

/** In the order the program's help lists them; test/cli/help-text.test.ts checks each against its module. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'run',
    summary: 'run the clock (the default command)',
    load: async (io) => (await import('./run.js')).createRunCommand(io),
  },
  {
    name: 'cloud',
    summary: 'run the reference cloud (PUSH server + portal API) on its own',
    load: async (io) => (await import('./cloud.js')).createCloudCommand(io),
  },
  {
    name: 'scenario',
    operands: '[paths...]',
    summary: 'run QA scenarios (YAML) in virtual time',
    load: async (io) => (await import('./scenario.js')).createScenarioCommand(io),
  },
  {
    name: 'init',
    operands: '[dir]',
    summary: 'write a scenarios folder to start from, wired to the JSON Schema for editors',
    load: async (io) => (await import('./init.js')).createInitCommand(io),
  },
  {
    name: 'coverage',
    operands: '[paths...]',
    summary: 'firmware states and transitions the scenarios reach',
    load: async (io) => (await import('./scenario.js')).createCoverageCommand(io),
  },
  {
    name: 'replay',
    operands: '<journal>',
    summary: 'replay a recorded journal and compare every screen',
    load: async (io) => (await import('./replay.js')).createReplayCommand(io),
  },
  {
    name: 'models',
    summary: 'list the clock models in devices/',
    load: async (io) => (await import('./models.js')).createModelsCommand(io),
  },
  {
    name: 'ports',
    summary: 'list the serial ports a bridge can use',
    load: async (io) => (await import('./ports.js')).createPortsCommand(io),
  },
  {
    name: 'fleet',
    summary: 'run many clocks against one cloud with a workload profile, and report',
    load: async (io) => (await import('./fleet.js')).createFleetCommand(io),
  },
];

/** The entry named `name`, if it is a command. */
export function commandEntry(name: string | undefined): CommandEntry | undefined {
  return COMMANDS.find((entry) => entry.name === name);
}
