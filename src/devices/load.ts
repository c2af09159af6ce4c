// Loads clock models from devices/*.json: finds the file for a model name, reads it, and hands it to
// the firmware's validator, so that every mistake in a model file is reported with its file and place.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DeviceModelError, parseDeviceModel, type DeviceModel } from '../../firmware/index.js';
import { parseJsonText } from './json-text.js';
import { codedError, TimeclockError } from '../errors.js';

/** A model name nobody shipped; `known` lists the names that would have worked. */
export class UnknownDeviceModelError extends TimeclockError<'TC_ERR_DEVICE_UNKNOWN'> {
  readonly unknownModel = true;

  constructor(
    readonly requested: string,
    readonly known: readonly string[],
    readonly dir: string,
  ) {
    super(
      'TC_ERR_DEVICE_UNKNOWN',
      known.length > 0
        ? `unknown clock model "${requested}"; known models: ${known.join(', ')}`
        : `unknown clock model "${requested}"; there are no models in ${dir}`,
    );
    this.name = 'UnknownDeviceModelError';
  }
}

/** A device file that exists (or was named by path) but cannot be read. */
export class DeviceFileError extends TimeclockError<'TC_ERR_DEVICE_FILE'> {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super('TC_ERR_DEVICE_FILE', `${file}: ${problem}`);
    this.name = 'DeviceFileError';
  }
}

let packageDevicesDir: string | undefined;

/**
 * The devices/ folder that ships with this package, found from this module's own file, so that it is
 * the same from any working directory and from the built copy in dist/ (one folder deeper).
 */
export function defaultDevicesDir(): string {
  if (packageDevicesDir !== undefined) return packageDevicesDir;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'devices'))) {
      packageDevicesDir = join(dir, 'devices');
      return packageDevicesDir;
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw codedError('TC_ERR_INSTALL', `no devices/ folder above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Names of the models in `dir` (its `*.json` files), sorted; none when the folder does not exist. */
export function listDeviceModels(dir: string = defaultDevicesDir()): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.endsWith('.json'))
    .map((entry) => entry.slice(0, -'.json'.length))
    .sort();
}

/**
 * The clock model called `name` (a file `<dir>/<name>.json`), or the model in a file when `name` is a
 * path (it ends in `.json` or has a folder in it; relative to the working directory).
 * Throws UnknownDeviceModelError, DeviceFileError, JsonSyntaxError or DeviceModelError.
 */
export function loadDeviceModel(name: string, dir: string = defaultDevicesDir()): DeviceModel {
  if (isPath(name)) return loadDeviceFile(resolve(name));
  const file = join(dir, `${name}.json`);
  const text = readText(file, () => new UnknownDeviceModelError(name, listDeviceModels(dir), dir));
  const model = parseDeviceModel(parseJsonText(text, file), file);
  // The name typed on the command line is the name the clock reports; two names for one model would
  // make scenarios and About device disagree.
  if (model.model !== name) {
    throw new DeviceModelError(file, 'model', `must be "${name}", the file's name, got "${model.model}"`);
  }
  return model;
}

/** The clock model in a `.json` file, wherever it is. */
export function loadDeviceFile(file: string): DeviceModel {
  const text = readText(file, () => new DeviceFileError(file, 'no such file'));
  return parseDeviceModel(parseJsonText(text, file), file);
}

function isPath(name: string): boolean {
  return name.endsWith('.json') || name.includes('/') || name.includes('\\') || isAbsolute(name);
}

function readText(file: string, missing: () => Error): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw missing();
    const code = errorCode(error) ?? (error instanceof Error ? error.message : String(error));
    throw new DeviceFileError(file, `cannot be read (${code})`);
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}
