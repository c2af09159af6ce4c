// Stable error codes outside the cloud: every error class the rooms export carries a code of its own
// from src/errors.ts, every throw in src/ (outside src/cloud/) and firmware/ is coded, and every code is
// documented in docs/errors.md. Each check fails when a class, a throw or a code is added without it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as firmware from '../../firmware/index.js';
import * as devices from '../../src/devices/index.js';
import * as fleet from '../../src/fleet/index.js';
import * as lan from '../../src/lan/index.js';
import * as protocol from '../../src/protocol/index.js';
import * as runtime from '../../src/runtime/index.js';
import * as scenario from '../../src/scenario/index.js';
import * as serial from '../../src/serial/index.js';
import * as shard from '../../src/shard/index.js';
import * as store from '../../src/store/index.js';
import * as sync from '../../src/sync/index.js';
import * as library from '../../src/index.js';
import { ConfigError } from '../../src/cli/config.js';
import { UsageError } from '../../src/cli/program.js';
import { ERROR_CODES, TimeclockError, errorCodeOf, isErrorCode } from '../../src/errors.js';
import { StoreWriteError } from '../../src/store/faults.js';
import { JsonSyntaxError } from '../../src/devices/json-text.js';
import { DiscoverError } from '../../src/scenario/discover.js';
import { JournalError } from '../../src/scenario/journal.js';
import { MergeError } from '../../src/fleet/merge.js';
import { ProfileFileError } from '../../src/fleet/profile.js';
import { CloudApiError } from '../../src/fleet/cloud-api.js';

const root = path.resolve(import.meta.dirname, '../..');
const at = { file: 'a.yaml', path: '' };
type ErrorClass = abstract new (...args: never[]) => Error;

/** One instance of each class, for every way it is made (StoreOpenError has a code per reason). */
const SAMPLES = new Map<ErrorClass, Error[]>([
  [firmware.DeviceModelError, [new firmware.DeviceModelError('m.json', 'model', 'is missing')]],
  [runtime.StoreDoorError, [new runtime.StoreDoorError('users.put')]],
  [StoreWriteError, [new StoreWriteError('full', 'a.db', 'full')]],
  [
    store.StoreOpenError,
    (['corrupt', 'locked', 'newer-schema', 'unreadable'] as const).map((r) => new store.StoreOpenError('a.db', r, r)),
  ],
  [protocol.TransportError, [new protocol.TransportError('timeout', 'no answer')]],
  [sync.CloudFailure, [new sync.CloudFailure('status', 'HTTP 500', 500)]],
  [devices.UnknownDeviceModelError, [new devices.UnknownDeviceModelError('x', [], 'devices')]],
  [devices.DeviceFileError, [new devices.DeviceFileError('a.json', 'unreadable')]],
  [JsonSyntaxError, [new JsonSyntaxError('a.json', 1, 2, 'comma')]],
  [serial.BridgeSpecError, [new serial.BridgeSpecError('em4100:x', 'kind', 'is unknown')]],
  [UsageError, [new UsageError('bad flag')]],
  [ConfigError, [new ConfigError('bad config')]],
  [scenario.ScenarioFileError, [new scenario.ScenarioFileError(at, 'bad step')]],
  [DiscoverError, [new DiscoverError('no such file')]],
  [JournalError, [new JournalError('cut')]],
  [ProfileFileError, [new ProfileFileError(at, 'bad profile')]],
  [MergeError, [new MergeError('not a report')]],
  [CloudApiError, [new CloudApiError('refused')]],
]);

const rooms = { firmware, devices, fleet, lan, protocol, runtime, scenario, serial, shard, store, sync, library };

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') || f.endsWith('.tsx'))
    .map((f) => path.join(dir, f))
    .filter((f) => !f.startsWith(path.join('src', 'cloud')));
}
const SOURCES = [...sourceFiles('src'), ...sourceFiles('firmware')].map((file) => ({
  file,
  text: fs.readFileSync(path.join(root, file), 'utf8'),
}));

describe('stable error codes', () => {
  it('knows every error class the rooms export', () => {
    const exported = new Set<ErrorClass>();
    for (const room of Object.values(rooms)) {
      for (const value of Object.values(room)) {
        if (typeof value === 'function' && value.prototype instanceof Error) exported.add(value as ErrorClass);
      }
    }
    exported.delete(TimeclockError);
    const missing = [...exported].filter((cls) => !SAMPLES.has(cls)).map((cls) => cls.name);
    expect(missing).toEqual([]);
  });

  it('gives each error class codes of its own, all from the table', () => {
    const owner = new Map<string, string>();
    for (const [cls, instances] of SAMPLES) {
      for (const error of instances) {
        expect(error, cls.name).toBeInstanceOf(cls);
        expect(error, cls.name).toBeInstanceOf(TimeclockError);
        const code = errorCodeOf(error);
        expect(code, `${cls.name} has no code of the table`).toBeDefined();
        expect(owner.get(code!) ?? cls.name, `${code} is both ${owner.get(code!)}'s and ${cls.name}'s`).toBe(cls.name);
        owner.set(code!, cls.name);
      }
    }
    expect(owner.size).toBe(21);
  });

  it('codes the errors thrown without a class, keeping RangeError and TypeError where they were', () => {
    const notCoded = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error;
      }
      throw new Error('did not throw');
    };
    const shardError = notCoded(() => shard.parseShard('5/4', '--shard'));
    expect(shardError).toBeInstanceOf(RangeError);
    expect(errorCodeOf(shardError)).toBe('TC_ERR_SHARD');
    const clockError = notCoded(() => runtime.createClock({ device: 'biometric', serialNumber: 'nope' }));
    expect(errorCodeOf(clockError)).toBe('TC_ERR_CLOCK_OPTIONS');
  });

  it('leaves no throw in src/ (outside the cloud) or firmware/ without a code', () => {
    const uncoded = SOURCES.flatMap(({ file, text }) =>
      text
        .split('\n')
        .map((line, i) => ({ line, at: `${file}:${i + 1}` }))
        .filter(({ line }) => /new (Error|RangeError|TypeError|SyntaxError)\(|class \w+ extends Error\b/.test(line))
        .map(({ at: where }) => where),
    );
    // The base class itself, the built-in classes given codes, and SQLite's own errors (with SQLite's
    // codes) that the fault switch throws as better-sqlite3 would.
    const allowed = ['firmware/errors.ts:12', 'src/store/fault-switch.ts:'];
    const rest = uncoded.filter(
      (where) => !allowed.some((a) => where.startsWith(a)) && !where.startsWith('src/errors.ts'),
    );
    expect(rest).toEqual([]);
  });

  it('uses every code of the table, and only those', () => {
    const used = new Set(SOURCES.flatMap(({ text }) => [...text.matchAll(/'(TC_ERR_[A-Z_]+)'/g)].map((m) => m[1]!)));
    const table = Object.keys(ERROR_CODES);
    expect([...used].filter((code) => !isErrorCode(code))).toEqual([]);
    const inTable = SOURCES.filter(
      ({ file }) => file === path.join('src', 'errors.ts') || file === path.join('firmware', 'errors.ts'),
    );
    const usedElsewhere = new Set(
      SOURCES.filter((s) => !inTable.includes(s)).flatMap(({ text }) =>
        [...text.matchAll(/'(TC_ERR_[A-Z_]+)'/g)].map((m) => m[1]!),
      ),
    );
    expect(table.filter((code) => !usedElsewhere.has(code))).toEqual([]);
  });

  it('documents every code in docs/errors.md', () => {
    const docs = fs.readFileSync(path.join(root, 'docs/errors.md'), 'utf8');
    const start = docs.indexOf('## Clock, LAN, serial, fleet, scenario');
    expect(start).toBeGreaterThanOrEqual(0);
    const end = docs.indexOf('\n## ', start + 1);
    const section = docs.slice(start, end < 0 ? undefined : end);
    const headed = new Set([...section.matchAll(/^### `(TC_ERR_[A-Z_]+)`/gm)].map((m) => m[1]!));
    expect(Object.keys(ERROR_CODES).filter((code) => !headed.has(code))).toEqual([]);
    expect([...headed].filter((code) => !isErrorCode(code))).toEqual([]);
  });
});
