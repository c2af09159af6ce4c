// `timeclock run`: the clock on the host. On a terminal it opens the wall clock UI (src/tui); with
// --headless, or when stdout is not a terminal, each new screen frame is printed and one-line commands
// on standard input drive the keypad and readers, as scripts expect.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { createLogger, type Logger } from '../log.js';
import { LogFile } from '../log-file.js';
import { createClock, type Clock } from '../runtime/index.js';
import type { Bridge, BridgeSpec } from '../serial/index.js';
import { startLan } from './lan.js';
import type { LanListener } from '../lan/index.js';
import { bridgeFlagHelp, bridgeSpecsFromFlags, startBridges, stopBridges, usesStdio } from './bridge-flags.js';
import { ConfigError, PRECEDENCE_NOTE, addRunOptions, resolveRunConfig, runFlagsOf, type RunConfig } from './config.js';
import { UsageError, executeAlone, onAction, timeclockCommand } from './program.js';
import { recordClock } from '../scenario/index.js';
import { connectCloud, type CloudLink } from './cloud-link.js';
import { runHeadless, untilStdinEnds } from './headless.js';
import { seedDemoCompany } from './demo.js';
import { firstAccountLines, keptAccountLine } from './portal-account.js';
import { logFormatFor, stderrLog } from './log-format.js';
import { FACE_PATH, portalFace, startFaceServer, type FaceCloud, type FaceServer } from '../face/index.js';

export { RUN_FLAGS, defaultDataDir } from './config.js';

export interface RunIo {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

const PROCESS_IO: RunIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };

export function createRunCommand(io: RunIo = PROCESS_IO): Command {
  const command = addRunOptions(timeclockCommand('run', io))
    .description('run the clock (the default command)')
    .addHelpText('after', `\n${PRECEDENCE_NOTE}\n${bridgeFlagHelp()}`);
  return onAction(command, () => {
    const flags = runFlagsOf(command);
    // The bridges are checked first, so that a bad spec is reported before the config file is read.
    const flagBridges = bridgeSpecsFromFlags(flags.bridge, io.env);
    const config = resolveRunConfig(flags, io.env);
    return runClock(config, flagBridges.length > 0 ? flagBridges : config.bridges, io);
  });
}

/** `timeclock run …argv`; resolves to the exit code. */
export function runCommand(argv: string[], io: RunIo = PROCESS_IO): Promise<number> {
  return executeAlone(createRunCommand(io), argv, io);
}

async function runClock(config: RunConfig, bridgeSpecs: BridgeSpec[], io: RunIo): Promise<number> {
  // A bridge on stdio owns stdin and stdout: no terminal UI, no console, and the banner goes to stderr.
  const stdioTaken = usesStdio(bridgeSpecs);
  const say = stdioTaken ? io.stderr : io.stdout;
  // Loaded only for a terminal: scripts that run headless do not pay for blessed.
  const tui = config.headless || stdioTaken || !io.stdout.isTTY ? undefined : await import('../tui/index.js');
  const headless = !tui || tui.isDumbTerminal(io.env);
  if (!config.memory) {
    try {
      fs.mkdirSync(config.dataDir, { recursive: true });
    } catch (error) {
      throw new ConfigError(`data directory ${config.dataDir}: ${(error as Error).message}`);
    }
    const readOnly = readOnlyProblem(config.dataDir);
    if (readOnly !== undefined) {
      io.stderr.write(`timeclock: ${readOnly}\n`);
      return 2;
    }
  }
  const logFile = config.memory ? undefined : path.join(config.dataDir, 'timeclock.log');
  // The UI owns the terminal: its logs go to the log pane and the file, never to stdout or stderr.
  const sink = headless ? undefined : tui.createLogSink({ file: logFile });
  // A full or read-only data volume costs log lines (dropped and counted), never the clock.
  const file =
    sink || !logFile
      ? undefined
      : new LogFile(logFile, { onProblem: (message) => io.stderr.write(`timeclock: ${message}\n`) });
  const logger = createLogger({
    level: config.logLevel,
    destination: sink ?? file ?? stderrLog(logFormatFor(config.logFormat, io.stderr), io.stderr),
  });

  const clock = openClock(config, logger, io);
  if (!clock) {
    sink?.close();
    return 2;
  }
  const seeded = config.demo ? seedDemoCompany(clock) : 0;
  const place = config.memory ? 'in memory' : config.dataDir;
  say.write(`timeclock-sim ${clock.model.displayName}  SN ${clock.serialNumber}\n`);
  say.write(
    config.memory
      ? 'data: in memory\n'
      : `data: ${config.dataDir}  (log: ${logFile}; store sync ${clock.storeSync()})\n`,
  );
  if (config.time !== 'real') say.write(`time: virtual from ${config.time.virtual}; it moves only when advanced\n`);
  if (config.configFile) say.write(`config: ${config.configFile}\n`);
  if (seeded > 0) logger.info({ users: seeded }, 'demo company seeded');

  // The journal starts before the cloud link, which drives the recorded clock like the bridges do: what
  // the cloud told the clock (online, the server's time) is in the journal, and a replay needs no cloud.
  let recording: ReturnType<typeof recordClock> | undefined;
  try {
    recording = config.record ? recordClock(clock, path.resolve(config.record)) : undefined;
  } catch (error) {
    clock.close();
    sink?.close();
    throw new ConfigError(`--record ${config.record}: ${(error as Error).message}`);
  }
  const driven = recording?.clock ?? clock;

  let cloud: CloudLink;
  // The face acts on the cloud's switch, which exists once the link does.
  let faceCloud: FaceCloud | undefined;
  const faceSource = { clock: driven, cloud: () => faceCloud };
  try {
    cloud = await connectCloud(driven, {
      target: config.cloud,
      ...(config.cloudCa === undefined ? {} : { ca: readCa(config.cloudCa) }),
      ...(config.cloudKey === undefined ? {} : { key: config.cloudKey }),
      dataDir: config.dataDir,
      memory: config.memory,
      demo: config.demo,
      ...(config.cloudPort === undefined ? {} : { port: config.cloudPort }),
      // The terminal UI shows it in its panel; headless, the screens' reader is told on stdout.
      ...(tui && !headless ? {} : { notice: (text: string) => void say.write(`cloud: ${text}\n`) }),
      logger,
      // The handshake's Date sets the clock: in virtual time the embedded cloud keeps the clock's time.
      ...(config.time === 'real' ? {} : { now: () => driven.source.now() }),
      face: portalFace(faceSource),
    });
  } catch (error) {
    io.stderr.write(`timeclock: cloud ${config.cloud}: ${error instanceof Error ? error.message : String(error)}\n`);
    recording?.close();
    clock.close();
    sink?.close();
    return 2;
  }
  say.write(`cloud: ${cloud.url ? `embedded, ${cloud.url}` : config.cloud}\n`);
  if (cloud.url) say.write(`portal: ${cloud.url}/  (API at ${cloud.url}/api)\n`);
  if (config.cloud !== 'none') faceCloud = cloud.control;
  let face: FaceServer | undefined;
  if (!cloud.url && config.cloud !== 'none') {
    // Your own cloud has no page for it: the face gets a loopback port of its own.
    try {
      face = await startFaceServer(faceSource, { logger });
      say.write(`clock face: ${face.url}  (this machine only)\n`);
    } catch (error) {
      say.write(`clock face: not served: ${(error as Error).message}\n`);
    }
  }
  if (cloud.firstAccount) say.write(`${firstAccountLines(cloud.firstAccount).join('\n')}\n`);
  if (cloud.keptAccount) say.write(`${keptAccountLine(cloud.keptAccount)}\n`);
  if (cloud.url) say.write(`clock face: ${cloud.url}${FACE_PATH}  (signed in to the portal)\n`);
  let bridges: Bridge[] = [];
  let lan: LanListener | undefined;
  // Inputs first, then the cloud link, then the clock they both use.
  const stop = async () => {
    await lan?.close();
    await stopBridges(bridges);
    recording?.close();
    await face?.close();
    await cloud.stop();
    clock.close();
  };
  const cloudSwitch = (up: boolean) => cloud.control.setReachable(up);

  try {
    // The bridges drive the recorded clock, so that a replay sees their inputs too.
    bridges = await startBridges(driven, bridgeSpecs, {
      logger,
      cloudSwitch,
      ...(config.memory ? {} : { dataDir: config.dataDir }),
    });
    lan = await startLan(config.lan, driven, logger, say);
  } catch (error) {
    await stop();
    sink?.close();
    if (error instanceof UsageError) throw error;
    throw new ConfigError(`bridges: ${(error as Error).message}`);
  }
  for (const b of bridges) {
    const where = b.address()
      ? ` (listening on ${b.address()})`
      : b.state === 'waiting'
        ? ' (not open yet: retrying, see the log)'
        : '';
    say.write(`bridge: ${b.spec.text}${where}\n`);
    if (b.notice !== undefined) say.write(`  ${b.notice}\n`);
  }

  if (stdioTaken) {
    const status = await untilStdinEnds(io);
    await stop();
    return status;
  }
  if (headless || !sink) {
    const status = await runHeadless(driven, io, cloudSwitch);
    await stop();
    return status;
  }
  const status = await tui.launchTui({
    clock: driven,
    cloud: cloud.control,
    logs: sink,
    place,
    // The banner above is behind the UI's screen: the panel says the portal's address and password file.
    portal: cloud.portal,
    // A crash: nothing can be awaited here, so the order is all that is left to keep.
    shutdown: () => {
      void lan?.close();
      void stopBridges(bridges);
      recording?.close();
      void cloud.stop();
      clock.close();
      sink.close();
    },
  });
  await stop();
  sink.close();
  io.stdout.write(`timeclock: stopped; data ${config.memory ? 'was in memory' : `kept in ${config.dataDir}`}\n`);
  return status;
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

/** The CA file of --cloud-ca, read once; a missing or unreadable file is a usage error naming it. */
function readCa(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`--cloud-ca ${file}: ${(error as Error).message}`);
  }
}
