// `KIND:PATH[,name=value…]` → a checked BridgeSpec. Drivers are picked by name from a table, and every
// error names the part that is wrong: the kind (listing the valid ones), the path, or the option.
import { controlDriver } from './control-driver.js';
import { osdpPanelDriver } from './osdp-panel.js';
import { rdm6300Driver } from './rdm6300.js';
import { commonOptions } from './options.js';
import { parseTcpPath } from './stream-endpoints.js';
import type { BridgeSpec, Driver, OptionSpec } from './types.js';
import { wiegandDriver } from './wiegand.js';
import { zfmDeviceDriver } from './zfm-device.js';
import { zfmHostDriver } from './zfm-host.js';
import { TimeclockError } from '../errors.js';

/** Every kind of bridge, by the name used in `--bridge KIND:PATH`. */
export const DRIVERS = {
  rdm6300: rdm6300Driver,
  wiegand: wiegandDriver,
  zfm: zfmHostDriver,
  'zfm-device': zfmDeviceDriver,
  osdp: osdpPanelDriver,
  control: controlDriver,
} as const;

export type BridgeKind = keyof typeof DRIVERS;

export const BRIDGE_KINDS = Object.keys(DRIVERS) as BridgeKind[];

/** A bad spec; `part` is what was wrong (`kind`, `path`, or `option baud`). */
export class BridgeSpecError extends TimeclockError<'TC_ERR_BRIDGE_SPEC'> {
  override name = 'BridgeSpecError';
  constructor(
    readonly spec: string,
    readonly part: string,
    problem: string,
  ) {
    super('TC_ERR_BRIDGE_SPEC', `bridge "${redactSpec(spec)}": ${part} ${problem}`);
  }
}

/** The spec as logs, banners and errors show it: a `token=` option's value is a secret. */
export function redactSpec(text: string): string {
  return text.replace(/([,:]token=)[^,]*/g, '$1***');
}

export function driverFor(kind: string): Driver<object> | undefined {
  return Object.hasOwn(DRIVERS, kind) ? (DRIVERS[kind as BridgeKind] as Driver<object>) : undefined;
}

/** What a kind takes: `baud` (its default the kind's) and `retry`, as every kind, then its own. */
export function driverOptions(driver: Driver<object>): Record<string, OptionSpec> {
  return { ...commonOptions(driver.defaultBaud), ...driver.options };
}

export function unknownKind(text: string, kind: string): BridgeSpecError {
  const problem = kind === '' ? 'is missing' : `"${kind}" is not one of ${BRIDGE_KINDS.join(', ')}`;
  return new BridgeSpecError(text, 'kind', `${problem} (write KIND:PATH[,name=value…])`);
}

/**
 * `rdm6300:/dev/ttyUSB0,baud=9600`, `control:tcp:7000`, `control:stdio`, `zfm:/dev/ttyAMA0,map=pages.json`.
 * The path runs to the first comma; options are `name=value`, each checked by the kind.
 */
export function parseBridgeSpec(text: string): BridgeSpec {
  const colon = text.indexOf(':');
  const kind = colon < 0 ? text : text.slice(0, colon);
  const driver = driverFor(kind);
  if (driver === undefined) throw unknownKind(text, kind);
  const [path = '', ...pairs] = colon < 0 ? [] : text.slice(colon + 1).split(',');
  if (path === '')
    throw new BridgeSpecError(text, 'path', 'is missing (a device such as /dev/ttyUSB0, tcp:PORT or stdio)');
  if (path.startsWith('tcp:')) {
    const tcp = parseTcpPath(path);
    if (typeof tcp === 'string') throw new BridgeSpecError(text, 'path', tcp.replace(/^"[^"]*" /, ''));
  }
  const specs = driverOptions(driver);
  const options: BridgeSpec['options'] = {};
  for (const [name, spec] of Object.entries(specs)) options[name] = spec.default;
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (spec === undefined) {
      const valid = Object.keys(specs).join(', ');
      throw new BridgeSpecError(text, `option "${name}"`, `is not an option of ${kind} (options: ${valid})`);
    }
    if (eq < 0) throw new BridgeSpecError(text, `option "${name}"`, 'needs a value (name=value)');
    const value = spec.parse(pair.slice(eq + 1));
    if (typeof value === 'object') throw new BridgeSpecError(text, `option "${name}"`, value.problem);
    options[name] = value;
  }
  const problem = driver.check?.(path, options);
  if (problem !== undefined) throw new BridgeSpecError(text, problem.part, problem.problem);
  return { kind, path, options, text: redactSpec(text) };
}

/** The kinds and their options, for `--help` and the README. */
export function bridgeHelp(): string {
  return BRIDGE_KINDS.map((kind) => {
    const d = DRIVERS[kind] as Driver<object>;
    const options = Object.entries(driverOptions(d)).map(([name, o]) => `      ${name}=…`.padEnd(22) + o.describe);
    return [`  ${kind}`.padEnd(14) + d.describe, ...options].join('\n');
  }).join('\n');
}
