// `timeclock fleet`: many real clocks in one process against one cloud, driven by a workload profile,
// with a live view on stderr and a report at the end. Exit codes: 0 passed, 1 failed (a punch lost, no poll
// answered, punches planned and none made, too many unplanned refusals, a clock never online: verdict.ts),
// 2 bad usage (flags, profile, a cloud that cannot be seeded).
// `timeclock fleet merge` joins shard reports.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadDeviceModel } from '../devices/index.js';
import {
  CloudApiError,
  DEFAULT_MAX_SOCKETS,
  LiveView,
  ProfileFileError,
  checkSerialPattern,
  defaultSerialPattern,
  fdProblem,
  loadProfile,
  openFileLimit,
  reportLogLine,
  startEmbeddedCloud,
  startFleet,
  summaryLines,
  urlCloud,
  writeReport,
  type FleetCloud,
  type FleetOptions,
} from '../fleet/index.js';
import { parseDuration } from '../scenario/index.js';
import { formatShard, parseShard } from '../shard/index.js';
import type { CloudIo } from './cloud.js';
import { createFleetMergeCommand } from './fleet-merge.js';
import { UsageError, executeAlone, onAction, optionsOf, timeclockCommand } from './program.js';

/** As the cloud's; the signal ends the run early, as Ctrl-C does, and a terminal on stderr gets the live view. */
export type FleetIo = CloudIo & { stderr: { isTTY?: boolean } };

interface FleetFlags {
  clocks?: string;
  cloud?: string;
  cloudToken?: string;
  profile?: string;
  duration?: string;
  speed?: string;
  data?: string;
  serialPattern?: string;
  shard?: string;
  report?: string;
  seed?: string;
  model?: string;
  maxSockets?: string;
  maxRefused?: string;
  reportLog?: boolean;
}

const PROCESS_IO: FleetIo = { stdout: process.stdout, stderr: process.stderr };

export function createFleetCommand(io: FleetIo = PROCESS_IO): Command {
  const command = timeclockCommand('fleet', io)
    .summary('run many clocks against one cloud with a workload profile, and report')
    .description(
      'Runs N real clocks (firmware, store, PUSH link) in this process against one cloud, following a\n' +
        'workload profile (scripts/fleet/*.yaml): the day’s punches, network drops, reboots, portal changes.\n' +
        'Exits 0 when the run passed: every punch reached the server and the run tested what it planned;\n' +
        '1 when it failed (a punch lost, no poll answered, punches planned and none made, more unplanned\n' +
        'refusals than --max-refused, a clock never online), the reasons in the summary; 2 for bad usage.',
    )
    .option('--clocks <n>', 'clocks in the whole fleet (all shards together)')
    .option('--cloud <embedded|url>', 'embedded (the reference cloud, in a child process) or a PUSH server URL')
    .option(
      '--cloud-token <token>',
      'an API token of the cloud at --cloud URL: the fleet seeds it and makes portal changes',
    )
    .option('--profile <file>', 'the workload profile (YAML, src/fleet/profile.schema.json)')
    .option('--duration <time>', 'how long the run lasts in clock time, e.g. 8h, 45m (default: the profile’s, else 8h)')
    .option(
      '--speed <real|Nx>',
      'clock time per wall time (default real); Nx only with --cloud embedded, whose clock runs on the same scale',
    )
    .option(
      '--data <dir>',
      'the clocks’ stores in one SQLite file (and the embedded cloud’s) in this folder, new or an earlier run’s (its clocks continue); memory without it',
    )
    .option(
      '--serial-pattern <pattern>',
      'serial numbers, # digits filled with the clock’s index from 1 (default: the model’s format, first # a 9)',
    )
    .option('--shard <I/N>', 'run only shard I of N of the clocks (round-robin by index; same serials and rosters)')
    .option('--report <file.json>', 'write the report here, with .md and .svg beside it')
    .option('--report-log', 'print the report on stdout too, as one line `fleet merge` reads from a saved log')
    .option('--seed <n>', 'seed of the plan’s random draws (default 1): the same seed, the same plan')
    .option('--model <name>', 'the clock model from devices/ (default biometric)')
    .option('--max-sockets <n>', 'sockets open to the cloud at most, shared by all clocks (default 256)')
    .option(
      '--max-refused <percent>',
      'attempts refused for reasons the profile did not plan (not on the clock, no card…) above which the run fails (default 5%)',
    );
  // `merge` has a --report of its own: options after its name are its, not the fleet's.
  command.enablePositionalOptions().addCommand(createFleetMergeCommand(io));
  return onAction(command, async () => runFleetCommand(optionsOf<FleetFlags>(command), io));
}

/** `timeclock fleet …argv`; resolves to the exit code. */
export function fleetCommand(argv: string[], io: FleetIo = PROCESS_IO): Promise<number> {
  return executeAlone(createFleetCommand(io), argv, io);
}

async function runFleetCommand(flags: FleetFlags, io: FleetIo): Promise<number> {
  const settings = readSettings(flags);
  let cloud: FleetCloud;
  try {
    cloud =
      settings.cloud === 'embedded'
        ? await startEmbeddedCloud({
            start: settings.profile.start,
            delaySeconds: settings.profile.cloudDelaySeconds ?? 10,
            data: settings.dataDir === undefined ? ':memory:' : path.join(settings.dataDir, 'cloud.db'),
          })
        : urlCloud(settings.cloud, flags.cloudToken);
  } catch (error) {
    throw new UsageError(`cannot start the embedded cloud: ${(error as Error).message}`);
  }
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  io.signal?.addEventListener('abort', onSignal, { once: true });
  if (cloud.token === undefined) {
    io.stderr.write('fleet: no --cloud-token: the cloud is not seeded; clocks punch with the users it sends them\n');
  }
  const { cloud: _target, ...options } = settings;
  let view: LiveView | undefined = undefined;
  const onPhase: FleetOptions['onPhase'] = (phase, detail) => view?.setPhase(phase, detail);
  const run = startFleet({ ...options, cloud, signal: stop.signal, onPhase });
  view = new LiveView(run, io.stderr, {
    profile: settings.profile.name,
    shard: formatShard(settings.shard),
    durationMs: settings.durationMs,
    speed: settings.speed,
  });
  try {
    const report = await run.result;
    view.close();
    io.stdout.write(`${summaryLines(report).join('\n')}\n`);
    if (flags.report !== undefined) {
      const files = writeReport(report, flags.report);
      io.stdout.write(`report: ${files.json} (${path.basename(files.markdown)}, ${path.basename(files.chart)})\n`);
    }
    if (flags.reportLog) io.stdout.write(`${reportLogLine(report)}\n`);
    if (report.totals.polls === 0) {
      io.stderr.write(
        `timeclock fleet: the server answered no poll of any clock (${settings.cloud}): is it running there?\n`,
      );
    }
    // Nothing lost because nothing happened is not a pass: the verdict says what the run failed to test.
    for (const failure of report.verdict.failures) io.stderr.write(`timeclock fleet: FAILED: ${failure}\n`);
    return report.verdict.failures.length > 0 ? 1 : 0;
  } catch (error) {
    view.close();
    if (error instanceof CloudApiError) throw new UsageError(`the cloud refused the fleet: ${error.message}`);
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await cloud.stop();
  }
}

type Settings = Omit<FleetOptions, 'cloud'> & { cloud: string; shard: NonNullable<FleetOptions['shard']> };

function readSettings(flags: FleetFlags): Settings {
  const clocks = wholeNumber('--clocks', required('--clocks', flags.clocks), 1, 99_999);
  const target = required('--cloud', flags.cloud);
  if (target !== 'embedded' && !/^https?:\/\/./.test(target)) {
    throw new UsageError(`--cloud must be embedded or an http(s):// URL, got "${target}"`);
  }
  if (target === 'embedded' && flags.cloudToken !== undefined) {
    throw new UsageError('--cloud-token is for a cloud at a URL: the embedded cloud makes its own');
  }
  const profile = readProfile(required('--profile', flags.profile));
  if (target !== 'embedded' && flags.cloudToken === undefined && profile.portal.length > 0) {
    throw new UsageError(
      `${profile.file}: the profile makes portal changes, through the cloud's API: give --cloud-token (or use --cloud embedded)`,
    );
  }
  const speed = readSpeed(flags.speed ?? 'real');
  if (speed !== 1 && target !== 'embedded') {
    throw new UsageError(
      `--speed ${flags.speed} needs --cloud embedded: a cloud at a URL keeps its own time, so the clocks run in real time`,
    );
  }
  const durationText = flags.duration;
  const durationMs = durationText === undefined ? (profile.durationMs ?? 8 * 3_600_000) : parseDuration(durationText);
  if (durationMs === undefined || durationMs <= 0) {
    throw new UsageError(`--duration must be a duration such as 8h, 45m or 90s, got "${durationText}"`);
  }
  let model;
  try {
    model = loadDeviceModel(flags.model ?? 'biometric');
  } catch (error) {
    throw new UsageError(`--model: ${(error as Error).message}`);
  }
  const serialPattern = flags.serialPattern ?? defaultSerialPattern(model);
  const patternProblem = checkSerialPattern(model, serialPattern, clocks);
  if (patternProblem) throw new UsageError(`--serial-pattern ${patternProblem}`);
  let shard;
  try {
    shard = flags.shard === undefined ? { index: 1, total: 1 } : parseShard(flags.shard);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const settings: Settings = {
    profile,
    model,
    clocks,
    shard,
    cloud: target,
    speed,
    durationMs,
    seed: flags.seed === undefined ? 1 : wholeNumber('--seed', flags.seed, 0, 0xffffffff),
    serialPattern,
  };
  if (flags.maxSockets !== undefined) settings.maxSockets = wholeNumber('--max-sockets', flags.maxSockets, 1, 65_536);
  if (flags.maxRefused !== undefined) settings.maxRefused = readPercent('--max-refused', flags.maxRefused);
  const problem = fdProblem(
    { data: flags.data !== undefined, sockets: settings.maxSockets ?? DEFAULT_MAX_SOCKETS },
    openFileLimit(),
  );
  if (problem) throw new UsageError(problem);
  if (flags.data !== undefined) settings.dataDir = dataFolder(flags.data);
  return settings;
}

function readProfile(file: string) {
  try {
    return loadProfile(file);
  } catch (error) {
    if (error instanceof ProfileFileError) throw new UsageError(error.message);
    throw error;
  }
}

/** `real`, `1x`, `60x` or `60`: clock ms per wall ms. */
function readSpeed(text: string): number {
  if (text === 'real') return 1;
  const match = /^(\d+(\.\d+)?)x?$/.exec(text);
  const speed = match ? Number(match[1]) : Number.NaN;
  if (!(speed > 0 && speed <= 10_000)) throw new UsageError(`--speed must be real or Nx (such as 60x), got "${text}"`);
  return speed;
}

/**
 * The folder of the clocks' file: new, empty, or an earlier fleet run's, whose clocks continue their stores
 * (fleet-data.ts). A folder of other files is refused rather than written into.
 */
function dataFolder(dir: string): string {
  const resolved = path.resolve(dir);
  const names = fs.existsSync(resolved) ? fs.readdirSync(resolved) : [];
  if (names.length > 0 && !names.some((name) => FLEET_DATA_FILE.test(name))) {
    throw new UsageError(
      `--data ${dir} holds files but no fleet's clocks.db: give a new or empty folder, or an earlier fleet ` +
        "run's folder to continue its clocks",
    );
  }
  fs.mkdirSync(resolved, { recursive: true });
  return resolved;
}

/** The file fleet-data.ts names: clocks.db, or clocks-shard-I-of-N.db. */
const FLEET_DATA_FILE = /^clocks(-shard-\d+-of-\d+)?\.db$/;

/** `5%`, `5` or `0.5%`: a share from 0 to 1. */
function readPercent(flag: string, text: string): number {
  const match = /^(\d+(\.\d+)?)\s*%?$/.exec(text);
  const percent = match ? Number(match[1]) : Number.NaN;
  if (!(percent >= 0 && percent <= 100))
    throw new UsageError(`${flag} must be a percentage from 0 to 100, got "${text}"`);
  return percent / 100;
}

function required(flag: string, value: string | undefined): string {
  if (value === undefined) throw new UsageError(`${flag} is required (see 'timeclock fleet --help')`);
  return value;
}

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max))
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}
