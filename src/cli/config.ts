// How `timeclock run` is configured: flags beat environment variables beat a config file
// (`timeclock.config.json` in the data directory, or the file --config names). Every value is checked
// at this boundary, and a bad one is reported with where it came from: the flag, the variable or the field.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { parseJsonText } from '../devices/index.js';
import type { BridgeSpec } from '../serial/index.js';
import { BRIDGE_FLAG, bridgeSpecsFromConfig } from './bridge-flags.js';
import type { LogFormat } from './log-format.js';
import { LOG_LEVELS, defaultDataDir } from './defaults.js';
import { UsageError, optionFrom, type FlagSpec } from './program.js';
import { SETTINGS, parseRunTime, type RunTime, type Setting, type SettingName } from './run-settings.js';

export { LOG_LEVELS, defaultDataDir };
export { parseLanSpec, parseRunTime, type RunTime } from './run-settings.js';

export interface RunConfig {
  model: string;
  /** Undefined: the model's format filled from 1. */
  serial: string | undefined;
  /** Absolute; unused (nothing written) when `memory`. */
  dataDir: string;
  memory: boolean;
  /** `embedded`, `none` or an http(s) URL of a PUSH server. */
  cloud: string;
  /** A PEM file of the CA to trust for an https:// cloud with a self-signed certificate. */
  cloudCa: string | undefined;
  /** The device key the cloud at `cloud` issued this clock; undefined: the one the clock keeps, if any. */
  cloudKey: string | undefined;
  /** `full`: every punch fsynced before the thanks; `normal`: WAL's faster mode (a power cut may lose the last). */
  storeSync: 'full' | 'normal';
  demo: boolean;
  logLevel: string;
  /** How log lines on stderr look (a run in memory, headless); undefined: human on a terminal, else JSON. */
  logFormat: LogFormat | undefined;
  headless: boolean;
  /** Wall time, or virtual time from a local date and time that only `advance` (or `wait`) moves on. */
  time: RunTime;
  /** The journal `--record` writes, if any. */
  record: string | undefined;
  /** The config file's "bridges", checked; run.ts lets --bridge and TIMECLOCK_BRIDGES replace them. */
  bridges: BridgeSpec[];
  /** The LAN protocol listener (SDKs on port 4370): `default` (loopback 4370, else a free port), `off`, PORT or HOST:PORT. */
  lan: string;
  /** The embedded cloud's port, when given (then it must be free); undefined: 8081, else a free one. */
  cloudPort: number | undefined;
  /** The config file that was read, if any. */
  configFile: string | undefined;
  /** Where each value that did not come from the defaults came from, for error messages. */
  origins: Partial<Record<SettingName, string>>;
}

/** A bad flag, variable or config file: `timeclock` prints the message and exits with status 2. */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
  constructor(message: string) {
    super(message, 'TC_ERR_CONFIG');
  }
}

export const CONFIG_FILE_NAME = 'timeclock.config.json';

/** A value and where it came from. */
interface Found {
  value: string | boolean;
  origin: string;
  fromFile?: boolean;
}

/** The flags of `timeclock run`, each with the variable that stands in for it. */
export const RUN_FLAGS: Record<string, FlagSpec> = {
  ...Object.fromEntries(
    Object.values(SETTINGS).map(
      (s) =>
        [s.flag, { kind: s.kind, env: s.env, describe: s.describe, ...(s.value ? { value: s.value } : {}) }] as const,
    ),
  ),
  config: {
    kind: 'string',
    value: 'file',
    env: 'TIMECLOCK_CONFIG',
    describe: `config file (default <data>/${CONFIG_FILE_NAME})`,
  },
  bridge: BRIDGE_FLAG,
};

/** The flags given on the command line, by setting name (`--no-demo` arrives as `demo: false`). */
export type RunFlags = Partial<Record<SettingName | 'config', string | boolean>> & { bridge?: string[] };

export function addRunOptions(command: Command): Command {
  for (const [name, spec] of Object.entries(RUN_FLAGS)) command.addOption(optionFrom(name, spec));
  return command;
}

/** The run flags on the command line: not commander's defaults, since variables and the file come before those. */
export function runFlagsOf(command: Command): RunFlags {
  const given = Object.entries(command.opts()).filter(([name]) => command.getOptionValueSource(name) === 'cli');
  return Object.fromEntries(given) as RunFlags;
}

export const PRECEDENCE_NOTE = `Flags beat environment variables, which beat the config file. Config file fields:
  model, serial, data (only in a file given by --config), memory, cloud, cloudCa, cloudKey, storeSync, time, demo,
  logLevel, logFormat, lan, cloudPort,
  bridges (a list of "KIND:PATH[,name=value…]").
`;

/** Resolves the run configuration from the flags given (runFlagsOf). Throws ConfigError or UsageError. */
export function resolveRunConfig(
  flags: RunFlags,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): RunConfig {
  // Environment variables are read here, not by commander, so that they can sit above the config file.
  const found = new Map<SettingName, Found>();
  for (const [name, setting] of Object.entries(SETTINGS) as [SettingName, Setting][]) {
    const flag = flags[name];
    const fromEnv = env[setting.env];
    if (flag !== undefined) found.set(name, { value: flag, origin: `--${setting.flag}` });
    else if (fromEnv !== undefined && fromEnv !== '')
      found.set(name, { value: envValue(setting, fromEnv), origin: setting.env });
  }

  const explicit = typeof flags.config === 'string' ? flags.config : env.TIMECLOCK_CONFIG || undefined;
  const memoryFirst = found.get('memory')?.value === true;
  const dataFirst = path.resolve(cwd, String(found.get('data')?.value ?? defaultDataDir(env)));
  const configFile = explicit
    ? path.resolve(cwd, explicit)
    : !memoryFirst && fs.existsSync(path.join(dataFirst, CONFIG_FILE_NAME))
      ? path.join(dataFirst, CONFIG_FILE_NAME)
      : undefined;
  if (explicit && configFile && !fs.existsSync(configFile)) {
    throw new ConfigError(`config file ${configFile} (from --config) does not exist`);
  }
  let bridges: BridgeSpec[] = [];
  if (configFile) {
    const file = readConfigFile(configFile, explicit !== undefined);
    for (const [name, entry] of file.settings) {
      if (!found.has(name)) found.set(name, entry);
    }
    bridges = file.bridges;
  }

  for (const [name, { value, origin }] of found) {
    const problem = typeof value === 'string' ? SETTINGS[name].check?.(value) : undefined;
    if (problem) throw new ConfigError(`${origin} ${problem}, got ${JSON.stringify(value)}`);
  }
  const text = (name: SettingName): string | undefined => {
    const value = found.get(name)?.value;
    return typeof value === 'string' ? value : undefined;
  };
  // A relative data directory in a config file is relative to that file, not to where timeclock was started.
  const dataBase = configFile && found.get('data')?.fromFile ? path.dirname(configFile) : cwd;
  return {
    model: text('model') ?? 'biometric',
    serial: text('serial'),
    dataDir: path.resolve(dataBase, text('data') ?? defaultDataDir(env)),
    memory: found.get('memory')?.value === true,
    cloud: text('cloud') ?? 'embedded',
    storeSync: text('storeSync') === 'normal' ? 'normal' : 'full',
    cloudCa: text('cloudCa') === undefined ? undefined : path.resolve(cwd, text('cloudCa')!),
    cloudKey: text('cloudKey'),
    time: parseRunTime(text('time') ?? 'real')!,
    demo: found.get('demo')?.value !== false,
    logLevel: text('logLevel') ?? 'info',
    logFormat: text('logFormat') as LogFormat | undefined,
    lan: text('lan') ?? 'default',
    cloudPort: text('cloudPort') === undefined ? undefined : Number(text('cloudPort')),
    headless: found.get('headless')?.value === true,
    record: text('record'),
    bridges,
    configFile,
    origins: Object.fromEntries([...found].map(([name, entry]) => [name, entry.origin])),
  };
}

function envValue(setting: Setting, text: string): string | boolean {
  if (setting.kind === 'string') return text;
  const on = text !== '0' && text.toLowerCase() !== 'false';
  // TIMECLOCK_NO_DEMO, like --no-demo, says the opposite of the setting.
  return setting.flag.startsWith('no-') ? !on : on;
}

/** The settings a config file holds, each with the field it came from; throws naming the bad field. */
function readConfigFile(file: string, explicit: boolean): { settings: [SettingName, Found][]; bridges: BridgeSpec[] } {
  let data: unknown;
  try {
    data = parseJsonText(fs.readFileSync(file, 'utf8'), file);
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`${file}: must be a JSON object such as {"model": "biometric"}`);
  }
  const allowed = (Object.keys(SETTINGS) as SettingName[]).filter((name) => SETTINGS[name].inFile);
  // "bridges" is a list, not a flag-like setting: bridge-flags.ts checks it and names the bad entry.
  const { bridges: bridgeList, ...rest } = data as Record<string, unknown>;
  const bridges = bridgeSpecsFromConfig(bridgeList, file);
  const settings = Object.entries(rest).map(([field, value]): [SettingName, Found] => {
    const name = field as SettingName;
    if (!allowed.includes(name)) {
      throw new ConfigError(`${file}: unknown field "${field}"; fields: ${[...allowed, 'bridges'].join(', ')}`);
    }
    if (name === 'data' && !explicit) {
      throw new ConfigError(`${file}: field "data" is only allowed in a file given by --config`);
    }
    const kind = SETTINGS[name].kind;
    if (typeof value !== kind || (kind === 'string' && value === '')) {
      const wanted = kind === 'boolean' ? 'true or false' : 'a non-empty string';
      throw new ConfigError(`${file}: field "${field}" must be ${wanted}, got ${JSON.stringify(value)}`);
    }
    return [name, { value: value as string | boolean, origin: `${file}: field "${field}"`, fromFile: true }];
  });
  return { settings, bridges };
}
