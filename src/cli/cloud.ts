// `timeclock cloud`: the reference cloud on its own — the PUSH server for clocks and the portal's JSON
// API for people and scripts — until SIGINT or SIGTERM.
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { createCloud, type Cloud } from '../cloud/index.js';
import { createLogger } from '../log.js';
import { StoreOpenError } from '../store/index.js';
import { createAccountsCommand } from './cloud-accounts.js';
import { createCertCommand } from './cloud-cert.js';
import { LOG_LEVELS, defaultDataDir } from './defaults.js';
import { checkLogFormat, logFormatFor, stderrLog, type LogFormat } from './log-format.js';
import { firstAccount, firstAccountLines, keptAccount, keptAccountLine } from './portal-account.js';
import { watchQuietHeap } from './quiet-heap.js';
import { UsageError, executeAlone, onAction, optionsOf, timeclockCommand } from './program.js';

export interface CloudIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Stops the cloud when aborted (tests); SIGINT and SIGTERM always do. */
  signal?: AbortSignal;
}

const PROCESS_IO: CloudIo = { stdout: process.stdout, stderr: process.stderr };

/**
 * `timeclock cloud`: its options and the action that runs the cloud. Subcommands (`cloud accounts …`)
 * go under it with addCommand, each built with timeclockCommand so that help, version and exit codes
 * work the same there.
 */
export function createCloudCommand(io: CloudIo = PROCESS_IO): Command {
  const command = timeclockCommand('cloud', io)
    .summary('run the reference cloud (PUSH server + portal API) on its own')
    .description(
      "Runs the reference cloud: clocks connect to http://<host>:<port>/iclock/…, and the portal's JSON API\n" +
        'is at /api/… (employees, clocks, commands, punches, faults).',
    )
    .addOption(new Option('--port <port>', 'TCP port (default 8081; 0 picks a free one)').env('TIMECLOCK_CLOUD_PORT'))
    .addOption(new Option('--host <address>', 'address to listen on (default 127.0.0.1)').env('TIMECLOCK_CLOUD_HOST'))
    .addOption(
      new Option(
        '--data <dir>',
        'data folder, as for run: its cloud.db and portal-password.txt (default $XDG_DATA_HOME/timeclock-sim)',
      ).env('TIMECLOCK_CLOUD_DATA'),
    )
    .option('--memory', 'keep everything in memory: nothing survives the process')
    .addOption(
      new Option('--token <token>', 'a bearer token the API takes as a SysAdmin’s, for scripts').env(
        'TIMECLOCK_CLOUD_TOKEN',
      ),
    )
    .option(
      '--allowed-host <name>',
      'a host name people reach the portal by, besides IP addresses and localhost (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .addOption(
      new Option('--tls-cert <file>', 'serve HTTPS with this certificate (PEM)').env('TIMECLOCK_CLOUD_TLS_CERT'),
    )
    .addOption(new Option('--tls-key <file>', 'the key (PEM) of --tls-cert').env('TIMECLOCK_CLOUD_TLS_KEY'))
    .option('--plain-http', 'serve plain HTTP off loopback too (without it, only loopback or HTTPS)')
    .option(
      '--auto-register',
      'register clocks with unknown serial numbers on first contact (up to 20,000; later ones wait as pending)',
    )
    .option('--delay <seconds>', 'seconds between a clock’s polls, sent in the handshake (default 10)')
    .option('--time-zone <minutes>', 'the handshake’s TimeZone in minutes east of UTC (default 0)')
    .addOption(new Option('--log-level <level>', `${LOG_LEVELS.join(' ')} (default info)`).env('TIMECLOCK_LOG_LEVEL'))
    .addOption(
      new Option(
        '--log-format <form>',
        'log lines on stderr: human or json (default human on a terminal, else json)',
      ).env('TIMECLOCK_LOG_FORMAT'),
    );
  command.addCommand(createAccountsCommand(io, () => dataFileOf(optionsOf<CloudFlags>(command), io)));
  command.addCommand(createCertCommand(io));
  return onAction(command, () => serveCloud(readSettings(optionsOf<CloudFlags>(command), io), io));
}

/** `timeclock cloud …argv`; resolves to the exit code once the cloud has stopped. */
export function cloudCommand(argv: string[], io: CloudIo = PROCESS_IO): Promise<number> {
  return executeAlone(createCloudCommand(io), argv, io);
}

interface CloudFlags {
  port?: string;
  host?: string;
  data?: string;
  memory?: boolean;
  token?: string;
  autoRegister?: boolean;
  delay?: string;
  timeZone?: string;
  logLevel?: string;
  logFormat?: string;
  allowedHost?: string[];
  tlsCert?: string;
  tlsKey?: string;
  plainHttp?: boolean;
}

async function serveCloud(settings: ReturnType<typeof readSettings>, io: CloudIo): Promise<number> {
  const logger = createLogger({
    level: settings.logLevel,
    destination: stderrLog(logFormatFor(settings.logFormat, io.stderr), io.stderr),
  });
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
    io.stdout.write(`portal: ${listener.url}/  API: ${listener.url}/api  (OpenAPI at /api/openapi.json)\n`);
    const dir = settings.cloud.data === ':memory:' ? undefined : path.dirname(settings.cloud.data);
    const account = firstAccount(cloud.accounts, dir);
    if (account) io.stdout.write(`${firstAccountLines(account).join('\n')}\n`);
    const kept = account || dir === undefined ? undefined : keptAccount(dir);
    if (kept) io.stdout.write(`${keptAccountLine(kept)}\n`);
  } catch (error) {
    await cloud.close();
    io.stderr.write(
      `timeclock cloud: cannot listen on ${settings.host}:${settings.port}: ${(error as Error).message}\n`,
    );
    return 2;
  }
  // The process is the cloud's alone: after a burst its heap is given back (quiet-heap.ts).
  const heap = watchQuietHeap(logger);
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
  heap.stop();
  await cloud.close();
  return 0;
}

function readSettings(flags: CloudFlags, io: CloudIo) {
  const port = wholeFlag(flags.port, 'port', 0, 65_535) ?? 8081;
  const delay = wholeFlag(flags.delay, 'delay', 1, 86_400);
  const timeZone = wholeFlag(flags.timeZone, 'time-zone', -720, 840);
  const data = dataFileOf(flags, io);
  return {
    host: flags.host ?? '127.0.0.1',
    port,
    logLevel: logLevelFlag(flags.logLevel),
    logFormat: logFormatFlag(flags.logFormat),
    cloud: {
      data,
      autoRegister: flags.autoRegister === true,
      allowedHosts: flags.allowedHost ?? [],
      plainHttp: flags.plainHttp === true,
      ...tlsOf(flags),
      ...(flags.token !== undefined ? { token: flags.token } : {}),
      push: {
        ...(delay === undefined ? {} : { delay }),
        ...(timeZone === undefined ? {} : { timeZoneMinutes: timeZone }),
      },
    },
  };
}

/** The certificate and key of --tls-cert and --tls-key, read now: both or neither. */
function tlsOf(flags: CloudFlags): { tls?: { cert: Buffer; key: Buffer } } {
  if (flags.tlsCert === undefined && flags.tlsKey === undefined) return {};
  if (flags.tlsCert === undefined || flags.tlsKey === undefined) {
    throw new UsageError('--tls-cert and --tls-key go together: give both');
  }
  const read = (file: string, flag: string) => {
    try {
      return fs.readFileSync(file);
    } catch (error) {
      throw new UsageError(`${flag} ${file}: ${(error as Error).message}`);
    }
  };
  return { tls: { cert: read(flags.tlsCert, '--tls-cert'), key: read(flags.tlsKey, '--tls-key') } };
}

/**
 * The database file of `--data`: a folder, as for `timeclock run` (made when missing), holding cloud.db.
 * The old form, a file (an existing one, or a name ending in .db), still works and says so once.
 */
function dataFileOf(flags: CloudFlags, io: CloudIo): string {
  if (flags.memory) return ':memory:';
  const given = path.resolve(flags.data ?? defaultDataDir());
  const { file, oldForm } = cloudDatabaseIn(given);
  if (oldForm) {
    io.stderr.write(
      `timeclock cloud: --data ${given} is a file: used as the database, as before; --data now names ` +
        `the data folder, which holds cloud.db (--data ${path.dirname(given)})\n`,
    );
  } else {
    try {
      fs.mkdirSync(given, { recursive: true });
    } catch (error) {
      throw new UsageError(`--data ${given}: ${(error as Error).message}`);
    }
  }
  return file;
}

/** `dir/cloud.db` for a folder; the path itself for a file given the old way (existing, or named *.db). */
export function cloudDatabaseIn(given: string): { file: string; oldForm: boolean } {
  const isFile = fs.existsSync(given) && !fs.statSync(given).isDirectory();
  if (isFile || (!fs.existsSync(given) && given.endsWith('.db'))) return { file: given, oldForm: true };
  return { file: path.join(given, 'cloud.db'), oldForm: false };
}

function wholeFlag(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^-?\d{1,6}$/.test(String(value)) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function logFormatFlag(value: string | undefined): LogFormat | undefined {
  const problem = value === undefined ? undefined : checkLogFormat(value);
  if (problem) throw new UsageError(`--log-format ${problem}, got "${value}"`);
  return value as LogFormat | undefined;
}

function logLevelFlag(value: string | undefined): string {
  const level = value ?? 'info';
  if (!LOG_LEVELS.includes(level))
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  return level;
}
