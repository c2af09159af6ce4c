// `timeclock cloud`: the reference cloud on its own — the PUSH server for clocks and the portal's JSON
// API for people and scripts — until SIGINT or SIGTERM.
import path from 'node:path';
import { createCloud, type Cloud } from '../cloud/index.js';
import { createLogger } from '../log.js';
import { StoreOpenError } from '../store/index.js';
import { UsageError, helpText, parseArgs, type FlagSpec } from './args.js';
import { LOG_LEVELS, defaultDataDir } from './config.js';

export const CLOUD_FLAGS: Record<string, FlagSpec> = {
  port: { kind: 'string', env: 'TIMECLOCK_CLOUD_PORT', describe: 'TCP port (default 8081; 0 picks a free one)' },
  host: { kind: 'string', env: 'TIMECLOCK_CLOUD_HOST', describe: 'address to listen on (default 127.0.0.1)' },
  data: { kind: 'string', env: 'TIMECLOCK_CLOUD_DATA', describe: 'database file (default <data dir>/cloud.db)' },
  memory: { kind: 'boolean', describe: 'keep everything in memory: nothing survives the process' },
  token: { kind: 'string', env: 'TIMECLOCK_CLOUD_TOKEN', describe: 'bearer token of the API (required off loopback)' },
  'auto-register': { kind: 'boolean', describe: 'register clocks with unknown serial numbers on first contact' },
  delay: { kind: 'string', describe: 'seconds between a clock’s polls, sent in the handshake (default 10)' },
  'time-zone': { kind: 'string', describe: 'the handshake’s TimeZone in minutes east of UTC (default 0)' },
  'log-level': { kind: 'string', env: 'TIMECLOCK_LOG_LEVEL', describe: 'trace debug info warn error (default info)' },
  help: { kind: 'boolean', describe: 'show this help' },
};

const USAGE = `Usage: timeclock cloud [options]

Runs the reference cloud: clocks connect to http://<host>:<port>/iclock/…, and the portal's JSON API
is at /api/… (employees, clocks, commands, punches, faults).`;

export interface CloudIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Stops the cloud when aborted (tests); SIGINT and SIGTERM always do. */
  signal?: AbortSignal;
}

export async function cloudCommand(
  argv: string[],
  io: CloudIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let settings: ReturnType<typeof readSettings>;
  try {
    settings = readSettings(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`timeclock cloud: ${error.message}\n`);
    return 2;
  }
  if (settings === 'help') {
    io.stdout.write(helpText(USAGE, CLOUD_FLAGS));
    return 0;
  }
  const logger = createLogger({ level: settings.logLevel });
  let cloud: Cloud;
  try {
    cloud = createCloud({ ...settings.cloud, logger });
  } catch (error) {
    io.stderr.write(`timeclock cloud: ${error instanceof StoreOpenError ? error.message : String(error)}\n`);
    return 2;
  }
  try {
    const listener = await cloud.listen({ host: settings.host, port: settings.port });
    io.stdout.write(`timeclock cloud at ${listener.url}  (data: ${settings.cloud.data})\n`);
  } catch (error) {
    await cloud.close();
    io.stderr.write(
      `timeclock cloud: cannot listen on ${settings.host}:${settings.port}: ${(error as Error).message}\n`,
    );
    return 2;
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (io.signal?.aborted) stop();
    io.signal?.addEventListener('abort', stop, { once: true });
  });
  await cloud.close();
  return 0;
}

function readSettings(argv: string[]) {
  const { flags, positionals } = parseArgs(argv, CLOUD_FLAGS);
  if (flags.help) return 'help' as const;
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = wholeFlag(flags.port, 'port', 0, 65_535) ?? 8081;
  const delay = wholeFlag(flags.delay, 'delay', 1, 86_400);
  const timeZone = wholeFlag(flags['time-zone'], 'time-zone', -720, 840);
  const data = flags.memory ? ':memory:' : path.resolve(String(flags.data ?? path.join(defaultDataDir(), 'cloud.db')));
  return {
    host: String(flags.host ?? '127.0.0.1'),
    port,
    logLevel: logLevelFlag(flags['log-level']),
    cloud: {
      data,
      autoRegister: flags['auto-register'] === true,
      ...(typeof flags.token === 'string' ? { token: flags.token } : {}),
      push: {
        ...(delay === undefined ? {} : { delay }),
        ...(timeZone === undefined ? {} : { timeZoneMinutes: timeZone }),
      },
    },
  };
}

function wholeFlag(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^-?\d{1,6}$/.test(String(value)) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** The same directory `timeclock run` keeps its data in. */
function logLevelFlag(value: string | boolean | undefined): string {
  const level = String(value ?? 'info');
  if (!LOG_LEVELS.includes(level))
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  return level;
}
