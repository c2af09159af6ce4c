// `--bridge KIND:PATH[,name=value…]` for `timeclock run`: repeatable, also from TIMECLOCK_BRIDGES
// (specs separated by `;`) and the config file's "bridges" list. Each spec is checked here, before the
// clock starts.
import type { Logger } from '../log.js';
import type { Clock } from '../runtime/index.js';
import { bridgeHelp, parseBridgeSpec, startBridge, type Bridge, type BridgeSpec } from '../serial/index.js';
import { UsageError, type FlagSpec } from './program.js';

export const BRIDGE_ENV = 'TIMECLOCK_BRIDGES';

/** The flag as RUN_FLAGS lists it. */
export const BRIDGE_FLAG: FlagSpec = {
  kind: 'string',
  value: 'spec',
  env: BRIDGE_ENV,
  repeatable: true,
  describe: 'connect hardware or a rig: KIND:PATH[,name=value…]; repeatable (see Bridges below)',
};

export function bridgeFlagHelp(): string {
  return [
    'Bridges (--bridge KIND:PATH[,name=value…], repeatable):',
    '  PATH is a serial device (/dev/ttyUSB0) or a pty, tcp:PORT or tcp:HOST:PORT (loopback',
    '  unless a host is named), or stdio. `timeclock ports` lists the serial ports.',
    '',
    bridgeHelp(),
    '',
  ].join('\n');
}

/** The specs of the --bridge flags given (`texts`), or else of the environment, checked. */
export function bridgeSpecsFromFlags(
  texts: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): BridgeSpec[] {
  const origin = texts.length > 0 ? '--bridge' : BRIDGE_ENV;
  const chosen = texts.length > 0 ? texts : (env[BRIDGE_ENV] ?? '').split(';').filter((t) => t.trim() !== '');
  return chosen.map((text) => parseOne(text.trim(), origin));
}

/** The config file's `"bridges": ["rdm6300:/dev/ttyUSB0", …]`, checked; `origin` names the file. */
export function bridgeSpecsFromConfig(value: unknown, origin: string): BridgeSpec[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new UsageError(`${origin}: field "bridges" must be a list of "KIND:PATH[,name=value…]" strings`);
  }
  return (value as string[]).map((text, i) => parseOne(text, `${origin}: field "bridges[${i}]"`));
}

function parseOne(text: string, origin: string): BridgeSpec {
  try {
    return parseBridgeSpec(text);
  } catch (error) {
    throw new UsageError(`${origin}: ${(error as Error).message}`);
  }
}

/** True when a bridge speaks on stdio: then the run command must leave stdin and stdout to it. */
export function usesStdio(specs: readonly BridgeSpec[]): boolean {
  return specs.some((spec) => spec.path === 'stdio');
}

/** Starts every bridge; a bridge that cannot start (a broken page map file) stops the ones before it. */
export async function startBridges(
  clock: Clock,
  specs: readonly BridgeSpec[],
  options: { logger: Logger; dataDir?: string; cloudSwitch?: (up: boolean) => void },
): Promise<Bridge[]> {
  if (specs.filter((s) => s.path === 'stdio').length > 1)
    throw new UsageError('--bridge: only one bridge can use stdio');
  const bridges: Bridge[] = [];
  try {
    for (const spec of specs) bridges.push(startBridge(clock, spec, options));
    // Each has opened, listened or logged why not, so that what is printed next can say where it is.
    await Promise.all(bridges.map((bridge) => bridge.ready()));
  } catch (error) {
    await stopBridges(bridges);
    throw new UsageError(`--bridge: ${(error as Error).message}`);
  }
  return bridges;
}

export async function stopBridges(bridges: readonly Bridge[]): Promise<void> {
  await Promise.all(bridges.map((bridge) => bridge.stop()));
}
