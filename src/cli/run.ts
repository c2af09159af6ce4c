// `timeclock run`: the clock on the host, headless for now — each new screen frame is printed, and
// one-line commands on standard input drive the keypad and readers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import pino from 'pino';
import { createLogger } from '../log.js';
import { StoreOpenError } from '../store/index.js';
import { createClock, type Clock } from '../runtime/index.js';
import { helpText, parseArgs, type FlagSpec } from './args.js';
import { CONSOLE_HELP, runConsoleCommand } from './console-commands.js';
import { seedDemoCompany } from './demo.js';

export const RUN_FLAGS: Record<string, FlagSpec> = {
  model: { kind: 'string', env: 'TIMECLOCK_MODEL', describe: 'clock model from devices/ (default biometric)' },
  serial: { kind: 'string', env: 'TIMECLOCK_SERIAL', describe: 'serial number (default: the model format from 1)' },
  data: { kind: 'string', env: 'TIMECLOCK_DATA', describe: 'data directory (default ~/.local/share/timeclock-sim)' },
  memory: { kind: 'boolean', describe: 'keep everything in memory: nothing survives the process' },
  'no-demo': { kind: 'boolean', describe: 'do not seed the demo company into an empty clock' },
  'log-level': { kind: 'string', env: 'TIMECLOCK_LOG_LEVEL', describe: 'trace debug info warn error (default info)' },
  help: { kind: 'boolean', describe: 'show this help' },
};

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'timeclock-sim');
}

export async function runCommand(
  argv: string[],
  io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const { flags } = parseArgs(argv, RUN_FLAGS);
  if (flags.help) {
    io.stdout.write(helpText('Usage: timeclock run [options]', RUN_FLAGS));
    return 0;
  }
  const dataDir = path.resolve(String(flags.data ?? defaultDataDir()));
  const memory = flags.memory === true;
  if (!memory) fs.mkdirSync(dataDir, { recursive: true });
  const logFile = memory ? undefined : path.join(dataDir, 'timeclock.log');
  const logger = createLogger({
    level: String(flags['log-level'] ?? 'info'),
    destination: logFile ? pino.destination({ dest: logFile, sync: false }) : pino.destination(2),
  });

  let clock: Clock;
  try {
    clock = createClock({
      device: typeof flags.model === 'string' ? flags.model : 'biometric',
      ...(typeof flags.serial === 'string' ? { serialNumber: flags.serial } : {}),
      store: memory ? 'memory' : path.join(dataDir, `${typeof flags.serial === 'string' ? flags.serial : 'clock'}.db`),
      logger,
    });
  } catch (error) {
    io.stderr.write(
      `timeclock: ${error instanceof StoreOpenError || error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  if (!flags['no-demo']) seedDemoCompany(clock.ports, clock.model);

  io.stdout.write(`timeclock-sim ${clock.model.displayName}  SN ${clock.serialNumber}\n`);
  io.stdout.write(memory ? 'data: in memory\n' : `data: ${dataDir}  (log: ${logFile})\n`);
  io.stdout.write(`Type commands (help for the list):\n\n${clock.screenText()}\n\n`);
  clock.on('frame.changed', ({ text }) => io.stdout.write(`${text}\n\n`));

  return new Promise<number>((resolve) => {
    const keepAlive = setInterval(() => {}, 1 << 30);
    const lines = readline.createInterface({ input: io.stdin });
    const stop = () => {
      clearInterval(keepAlive);
      lines.close();
      clock.close();
      resolve(0);
    };
    lines.on('line', (line) => {
      if (line.trim() === 'quit') return stop();
      if (line.trim() === 'help') return void io.stdout.write(`${CONSOLE_HELP}\n`);
      const problem = runConsoleCommand(clock, line);
      if (problem) io.stderr.write(`${problem}\n`);
    });
    lines.on('close', stop);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
