// `timeclock run`: the clock on the host. On a terminal it opens the wall clock UI (src/tui); with
// --headless, or when stdout is not a terminal, each new screen frame is printed and one-line commands
// on standard input drive the keypad and readers, as scripts expect.
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import type { BridgeSpec } from '../serial/index.js';
import { bridgeFlagHelp, bridgeSpecsFromFlags, stopBridges, usesStdio } from './bridge-flags.js';
import { PRECEDENCE_NOTE, addRunOptions, resolveRunConfig, runFlagsOf, type RunConfig } from './config.js';
import { executeAlone, onAction, timeclockCommand } from './program.js';
import { runHeadless, untilStdinEnds } from './headless.js';
import {
  linkCloud,
  logFileOf,
  openRecordedClock,
  prepareDataDir,
  runLogger,
  serveFace,
  startInputs,
  writeCloud,
  type Inputs,
} from './run-steps.js';
import type { FaceCloud } from '../face/index.js';

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
  if (!prepareDataDir(config, io)) return 2;
  // The UI owns the terminal: its logs go to the log pane and the file, never to stdout or stderr.
  const sink = headless ? undefined : tui.createLogSink({ file: logFileOf(config) });
  const logger = runLogger(config, io, sink);
  const opened = await openRecordedClock(config, { logger, io, say, sink });
  if (!opened) return 2;
  const { clock, recording } = opened;
  const driven = recording?.clock ?? clock;
  // The terminal UI shows the cloud's notices in its panel; headless, the screens' reader is told on stdout.
  const notice = tui && !headless ? undefined : (text: string) => void say.write(`cloud: ${text}\n`);
  // The face acts on the cloud's switch, which exists once the link does.
  let faceCloud: FaceCloud | undefined;
  const faceSource = { clock: driven, cloud: () => faceCloud };
  // The face among the embedded cloud's pages: loaded with that cloud, not for a run without one.
  const portalFace = async () => (await import('../face/index.js')).portalFace(faceSource);
  const cloud = await linkCloud(config, driven, logger, io, notice, portalFace);
  if (!cloud) {
    recording?.close();
    clock.close();
    sink?.close();
    return 2;
  }
  await writeCloud(say, config, cloud);
  if (config.cloud !== 'none') faceCloud = cloud.control;
  const face = await serveFace(config, cloud, faceSource, { logger, say });
  const inputs: Inputs = { bridges: [], lan: undefined };
  // Inputs first, then the cloud link, then the clock they both use.
  const stop = async () => {
    await inputs.lan?.close();
    await stopBridges(inputs.bridges);
    recording?.close();
    await face?.close();
    await cloud.stop();
    clock.close();
  };
  const cloudSwitch = (up: boolean) => cloud.control.setReachable(up);
  // The bridges drive the recorded clock, so that a replay sees their inputs too.
  const failed = async () => {
    await stop();
    sink?.close();
  };
  await startInputs(config, driven, bridgeSpecs, { logger, say, cloudSwitch, stop: failed }, inputs);

  if (stdioTaken || headless || !sink) {
    const status = stdioTaken ? await untilStdinEnds(io) : await runHeadless(driven, io, cloudSwitch);
    await stop();
    return status;
  }
  // A crash: nothing can be awaited here, so the order is all that is left to keep.
  const shutdown = () => {
    void inputs.lan?.close();
    void stopBridges(inputs.bridges);
    recording?.close();
    void cloud.stop();
    clock.close();
    sink.close();
  };
  const place = config.memory ? 'in memory' : config.dataDir;
  // The banner above is behind the UI's screen: the panel says the portal's address and password file.
  const status = await tui.launchTui({
    clock: driven,
    cloud: cloud.control,
    logs: sink,
    place,
    portal: cloud.portal,
    shutdown,
  });
  await stop();
  sink.close();
  io.stdout.write(`timeclock: stopped; data ${config.memory ? 'was in memory' : `kept in ${config.dataDir}`}\n`);
  return status;
}
