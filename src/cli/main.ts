// The `timeclock` command: picks the subcommand and turns bad usage into a message and exit code 2.
import { listDeviceModels } from '../devices/index.js';
import { UsageError } from './args.js';
import { cloudCommand } from './cloud.js';
import { portsCommand } from './ports.js';
import { replayCommand } from './replay.js';
import { runCommand } from './run.js';
import { coverageCommand, scenarioCommand } from './scenario.js';

const USAGE = `Usage: timeclock <command> [options]

Commands:
  run       run the clock (default)
  cloud     run the reference cloud (PUSH server + portal API) on its own
  scenario  run QA scenarios (YAML) in virtual time
  coverage  firmware states and transitions the scenarios reach
  replay    replay a --record journal and compare every screen
  models    list the clock models in devices/
  ports     list the serial ports a --bridge can use
  help      show this text

'timeclock <command> --help' shows a command's options.
`;

export async function main(argv: string[]): Promise<number> {
  const [command = 'run', ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest);
      case 'cloud':
        return await cloudCommand(rest);
      case 'scenario':
        return await scenarioCommand(rest);
      case 'coverage':
        return await coverageCommand(rest);
      case 'replay':
        return await replayCommand(rest);
      case 'ports':
        return await portsCommand(rest);
      case 'models':
        process.stdout.write(`${listDeviceModels().join('\n')}\n`);
        return 0;
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return 0;
      default:
        if (command.startsWith('--')) return await runCommand(argv);
        process.stderr.write(`timeclock: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`timeclock: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
