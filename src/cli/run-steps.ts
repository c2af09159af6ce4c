// The steps of `timeclock run` before the clock is handed to its face (terminal UI, headless screens, or
// a bridge on stdio): the data directory, the log, the banner, the journal, the cloud link, the inputs.
// Each says what failed and where; run.ts puts them in order.
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { createLogger, type Logger } from '../log.js';
import { LogFile } from '../log-file.js';
import { createClock, type Clock } from '../runtime/index.js';
import type { LanListener } from '../lan/index.js';
import type { Bridge, BridgeSpec } from '../serial/index.js';
import type { LogSink } from '../tui/index.js';
import type { recordClock } from '../scenario/index.js';
import { startBridges } from './bridge-flags.js';
import type { CloudLink } from './cloud-link.js';
import { ConfigError, type RunConfig } from './config.js';
import { seedDemoCompany } from './demo.js';
import { startLan } from './lan.js';
import { logFormatFor, stderrLog } from './log-format.js';
import { UsageError } from './program.js';
import type { RunIo } from './run.js';
import type { FaceServer, FaceSource } from '../face/index.js';
import { noCloudLink } from './no-cloud.js';
import type { PortalFace } from '../cloud/index.js';

/** Makes the data directory; a read-only one is said in one line. Returns false when the run cannot go on. */
export function prepareDataDir(config: RunConfig, io: RunIo): boolean {
  if (config.memory) return true;
  try {
    fs.mkdirSync(config.dataDir, { recursive: true });
  } catch (error) {
    throw new ConfigError(`data directory ${config.dataDir}: ${(error as Error).message}`);
  }
  const readOnly = readOnlyProblem(config.dataDir);
  if (readOnly === undefined) return true;
  io.stderr.write(`timeclock: ${readOnly}\n`);
  return false;
}

/**
 * A data directory the clock cannot write to (a read-only volume, no permission): said in one line at
 * start, before the log file and the store would each fail on it with an error of their own.
 */
function readOnlyProblem(dir: string): string | undefined {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EROFS' ? 'is on a read-only file system' : `cannot be written (${code ?? 'error'})`;
    return (
      `data directory ${dir} ${why}: the clock keeps its punches and its log there. ` +
      'Make it writable, choose another with --data, or run with --memory.'
    );
  }
}

/** The logger: into the UI's log sink when there is one, else into the data directory's file, else stderr. */
export function runLogger(config: RunConfig, io: RunIo, sink: LogSink | undefined): Logger {
  const logFile = logFileOf(config);
  // A full or read-only data volume costs log lines (dropped and counted), never the clock.
  const file =
    sink || !logFile
      ? undefined
      : new LogFile(logFile, { onProblem: (message) => io.stderr.write(`timeclock: ${message}\n`) });
  return createLogger({
    level: config.logLevel,
    destination: sink ?? file ?? stderrLog(logFormatFor(config.logFormat, io.stderr), io.stderr),
  });
}

export function logFileOf(config: RunConfig): string | undefined {
  return config.memory ? undefined : path.join(config.dataDir, 'timeclock.log');
}

/** The clock the configuration describes, or undefined after saying on stderr what is wrong with it. */
function openClock(config: RunConfig, logger: Logger, io: RunIo): Clock | undefined {
  try {
    return createClock({
      device: config.model,
      ...(config.serial !== undefined ? { serialNumber: config.serial } : {}),
      store: config.memory ? 'memory' : path.join(config.dataDir, `${config.serial ?? 'clock'}.db`),
      storeSync: config.storeSync,
      time: config.time,
      logger,
    });
  } catch (error) {
    const origins = (['model', 'serial', 'data'] as const)
      .filter((name) => config.origins[name] !== undefined)
      .map((name) => `${name} from ${config.origins[name]}`);
    const from = origins.length ? ` (${origins.join('; ')})` : '';
    io.stderr.write(`timeclock: ${error instanceof Error ? error.message : String(error)}${from}\n`);
    return undefined;
  }
}

/**
 * The clock, seeded for --demo, said in the banner, and recorded for --record; undefined after saying on
 * stderr what is wrong with the configuration. On the way out of a failure the log sink is closed.
 */
export async function openRecordedClock(
  config: RunConfig,
  { logger, io, say, sink }: { logger: Logger; io: RunIo; say: Writable; sink: LogSink | undefined },
): Promise<{ clock: Clock; recording: ReturnType<typeof recordClock> | undefined } | undefined> {
  const clock = openClock(config, logger, io);
  if (!clock) {
    sink?.close();
    return undefined;
  }
  const seeded = config.demo ? seedDemoCompany(clock) : 0;
  writeBanner(say, clock, config);
  if (seeded > 0) logger.info({ users: seeded }, 'demo company seeded');
  try {
    return { clock, recording: await startRecording(config, clock) };
  } catch (error) {
    clock.close();
    sink?.close();
    throw error;
  }
}

/** Which clock, where its data is, its time and config file. */
function writeBanner(say: Writable, clock: Clock, config: RunConfig): void {
  say.write(`timeclock-sim ${clock.model.displayName}  SN ${clock.serialNumber}\n`);
  say.write(
    config.memory
      ? 'data: in memory\n'
      : `data: ${config.dataDir}  (log: ${logFileOf(config)}; store sync ${clock.storeSync()})\n`,
  );
  if (config.time !== 'real') say.write(`time: virtual from ${config.time.virtual}; it moves only when advanced\n`);
  if (config.configFile) say.write(`config: ${config.configFile}\n`);
}

/**
 * The journal of --record. It starts before the cloud link, which drives the recorded clock like the
 * bridges do: what the cloud told the clock is in the journal, and a replay needs no cloud.
 */
async function startRecording(config: RunConfig, clock: Clock): Promise<ReturnType<typeof recordClock> | undefined> {
  if (!config.record) return undefined;
  // The scenario room (its YAML reader among it) is loaded for a run that records, not for every run.
  const { recordClock } = await import('../scenario/index.js');
  try {
    return recordClock(clock, path.resolve(config.record));
  } catch (error) {
    throw new ConfigError(`--record ${config.record}: ${(error as Error).message}`);
  }
}

/** The cloud link of --cloud, or undefined after saying on stderr why not. */
export async function linkCloud(
  config: RunConfig,
  clock: Clock,
  logger: Logger,
  io: RunIo,
  notice: ((text: string) => void) | undefined,
  face: () => Promise<PortalFace>,
): Promise<CloudLink | undefined> {
  // No cloud, no web server: `--cloud none` loads neither the cloud nor the clock's face.
  if (config.cloud === 'none') return noCloudLink();
  try {
    const { connectCloud } = await import('./cloud-link.js');
    return await connectCloud(clock, {
      target: config.cloud,
      ...(config.cloudCa === undefined ? {} : { ca: readCa(config.cloudCa) }),
      ...(config.cloudKey === undefined ? {} : { key: config.cloudKey }),
      dataDir: config.dataDir,
      memory: config.memory,
      demo: config.demo,
      ...(config.cloudPort === undefined ? {} : { port: config.cloudPort }),
      ...(notice === undefined ? {} : { notice }),
      logger,
      // The handshake's Date sets the clock: in virtual time the embedded cloud keeps the clock's time.
      ...(config.time === 'real' ? {} : { now: () => clock.source.now() }),
      ...(config.cloud === 'embedded' ? { face: await face() } : {}),
    });
  } catch (error) {
    io.stderr.write(`timeclock: cloud ${config.cloud}: ${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
}

/** The CA file of --cloud-ca, read once; a missing or unreadable file is a usage error naming it. */
function readCa(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`--cloud-ca ${file}: ${(error as Error).message}`);
  }
}

export async function writeCloud(say: Writable, config: RunConfig, cloud: CloudLink): Promise<void> {
  say.write(`cloud: ${cloud.url ? `embedded, ${cloud.url}` : config.cloud}\n`);
  if (!cloud.url) return;
  say.write(`portal: ${cloud.url}/  (API at ${cloud.url}/api)\n`);
  // Only an embedded cloud has accounts and the face's page, and then both rooms are loaded already.
  const { firstAccountLines, keptAccountLine } = await import('./portal-account.js');
  const { FACE_PATH } = await import('../face/index.js');
  if (cloud.firstAccount) say.write(`${firstAccountLines(cloud.firstAccount).join('\n')}\n`);
  if (cloud.keptAccount) say.write(`${keptAccountLine(cloud.keptAccount)}\n`);
  say.write(`clock face: ${cloud.url}${FACE_PATH}  (signed in to the portal)\n`);
}

/** Your own cloud has no page for the clock's face: it gets a loopback port of its own, said at start. */
export async function serveFace(
  config: RunConfig,
  cloud: CloudLink,
  source: FaceSource,
  context: { logger: Logger; say: Writable },
): Promise<FaceServer | undefined> {
  if (cloud.url || config.cloud === 'none') return undefined;
  try {
    const { startFaceServer } = await import('../face/index.js');
    const face = await startFaceServer(source, { logger: context.logger });
    context.say.write(`clock face: ${face.url}  (this machine only)\n`);
    return face;
  } catch (error) {
    context.say.write(`clock face: not served: ${(error as Error).message}\n`);
    return undefined;
  }
}

export interface Inputs {
  bridges: Bridge[];
  lan: LanListener | undefined;
}

/** The bridges and the LAN port; on a failure, `stop` is run and the error is a usage error. */
export async function startInputs(
  config: RunConfig,
  clock: Clock,
  specs: BridgeSpec[],
  context: { logger: Logger; say: Writable; cloudSwitch: (up: boolean) => void; stop: () => Promise<void> },
  inputs: Inputs,
): Promise<void> {
  const { logger, say, cloudSwitch } = context;
  try {
    inputs.bridges = await startBridges(clock, specs, {
      logger,
      cloudSwitch,
      ...(config.memory ? {} : { dataDir: config.dataDir }),
    });
    inputs.lan = await startLan(config.lan, clock, logger, say);
  } catch (error) {
    await context.stop();
    if (error instanceof UsageError) throw error;
    throw new ConfigError(`bridges: ${(error as Error).message}`);
  }
  for (const b of inputs.bridges) {
    const where = b.address()
      ? ` (listening on ${b.address()})`
      : b.state === 'waiting'
        ? ' (not open yet: retrying, see the log)'
        : '';
    say.write(`bridge: ${b.spec.text}${where}\n`);
    if (b.notice !== undefined) say.write(`  ${b.notice}\n`);
  }
}
