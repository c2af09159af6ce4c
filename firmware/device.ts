// A clock model as data: its readers, keys, screen, capacities and identity formats. Models live as
// JSON files in devices/; this module validates one and names the field when it is wrong.
import { TimeclockError } from './errors.js';
import { PUNCH_STATE_NAMES, type PunchState, type PunchStateRule } from './punches.js';

export type Key =
  | '0'
  | '1'
  | '2'
  | '3'
  | '4'
  | '5'
  | '6'
  | '7'
  | '8'
  | '9'
  | 'OK'
  | 'ESC'
  | 'BACK'
  | 'F1'
  | 'F2'
  | 'F3'
  | 'F4'
  | 'MENU'
  | 'UP'
  | 'DOWN';

export const ALL_KEYS: readonly Key[] = [
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  'OK',
  'ESC',
  'BACK',
  'F1',
  'F2',
  'F3',
  'F4',
  'MENU',
  'UP',
  'DOWN',
];

export interface DeviceModel {
  /** Short name used on the command line and in scenarios (`biometric`). */
  model: string;
  /** Marketing name shown under About device. */
  displayName: string;
  firmwareVersion: string;
  /** Serial number pattern: `#` is a digit, anything else literal (`TC1A######`). */
  serialNumberFormat: string;
  /** MAC prefix (three octets); the rest comes from the serial number. */
  macPrefix: string;
  readers: { fingerprint: boolean; proximity: boolean };
  /** Keypad keys, as rows for a UI to lay out. */
  keypad: Key[][];
  screen: { columns: number; rows: number };
  capacity: { users: number; fingerprints: number; cards: number; punches: number };
  defaults: {
    verifyMode: number;
    duplicateWindowSeconds: number;
    punchStateRule: PunchStateRule;
  };
  /** How the model speaks the LAN (pull SDK) protocol where firmware differs; absent: LAN_DEFAULTS. */
  lan?: LanProfile;
}

export interface LanProfile {
  /** `~Platform` as the clock reports it to an SDK. */
  platform: string;
  /** Bytes of a user record, over TCP and UDP alike: 72 on the TFT platforms, 28 on old black-and-white firmware. */
  userRecordBytes: 72 | 28;
  /** A bulk read up to this many bytes is answered as one DATA packet over TCP; a larger one in chunks. */
  wholeReadMaxBytes: number;
}

export const LAN_DEFAULTS: LanProfile = {
  platform: 'ZMM220_TFT',
  userRecordBytes: 72,
  wholeReadMaxBytes: 16 * 1024 * 1024,
};

export function lanProfile(model: DeviceModel): LanProfile {
  return model.lan ?? LAN_DEFAULTS;
}

export class DeviceModelError extends TimeclockError<'TC_ERR_DEVICE_MODEL'> {
  constructor(
    readonly source: string,
    readonly field: string,
    problem: string,
  ) {
    super('TC_ERR_DEVICE_MODEL', `${source}: field "${field}" ${problem}`);
    this.name = 'DeviceModelError';
  }
}

/** Validates parsed JSON as a device model; throws DeviceModelError naming the source and field. */
export function parseDeviceModel(data: unknown, source: string): DeviceModel {
  const at = new FieldReader(source);
  const root = at.object(data, '(root)');
  const readers = at.object(root.readers, 'readers');
  const screen = at.object(root.screen, 'screen');
  const capacity = at.object(root.capacity, 'capacity');
  const defaults = at.object(root.defaults, 'defaults');
  const model: DeviceModel = {
    model: at.string(root.model, 'model', /^[a-z0-9][a-z0-9-]*$/),
    displayName: at.string(root.displayName, 'displayName'),
    firmwareVersion: at.string(root.firmwareVersion, 'firmwareVersion'),
    serialNumberFormat: at.string(root.serialNumberFormat, 'serialNumberFormat', /^[A-Z0-9#]{4,20}$/),
    macPrefix: at.string(root.macPrefix, 'macPrefix', /^[0-9A-F]{2}:[0-9A-F]{2}:[0-9A-F]{2}$/),
    readers: {
      fingerprint: at.boolean(readers.fingerprint, 'readers.fingerprint'),
      proximity: at.boolean(readers.proximity, 'readers.proximity'),
    },
    keypad: at.keypad(root.keypad),
    screen: {
      columns: at.integer(screen.columns, 'screen.columns', 20, 80),
      rows: at.integer(screen.rows, 'screen.rows', 6, 30),
    },
    capacity: {
      users: at.integer(capacity.users, 'capacity.users', 1, 1_000_000),
      fingerprints: at.integer(capacity.fingerprints, 'capacity.fingerprints', 0, 1_000_000),
      cards: at.integer(capacity.cards, 'capacity.cards', 0, 1_000_000),
      punches: at.integer(capacity.punches, 'capacity.punches', 1, 10_000_000),
    },
    defaults: {
      verifyMode: at.integer(defaults.verifyMode, 'defaults.verifyMode', 0, 14),
      duplicateWindowSeconds: at.integer(defaults.duplicateWindowSeconds, 'defaults.duplicateWindowSeconds', 0, 86_400),
      punchStateRule: at.punchStateRule(defaults.punchStateRule),
    },
  };
  if (root.lan !== undefined) model.lan = at.lanProfile(root.lan);
  if (!model.readers.fingerprint && model.capacity.fingerprints > 0) {
    throw new DeviceModelError(source, 'capacity.fingerprints', 'must be 0 on a model without a fingerprint reader');
  }
  return model;
}

type Json = Record<string, unknown>;

class FieldReader {
  constructor(private readonly source: string) {}

  fail(field: string, problem: string): never {
    throw new DeviceModelError(this.source, field, problem);
  }

  object(value: unknown, field: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, 'must be an object');
    return value as Json;
  }

  string(value: unknown, field: string, pattern?: RegExp): string {
    if (typeof value !== 'string' || value.length === 0) this.fail(field, 'must be a non-empty string');
    if (pattern && !pattern.test(value)) this.fail(field, `must match ${String(pattern)}, got "${value}"`);
    return value;
  }

  boolean(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') this.fail(field, 'must be true or false');
    return value;
  }

  integer(value: unknown, field: string, min: number, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(field, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  keypad(value: unknown): Key[][] {
    if (!Array.isArray(value) || value.length === 0) this.fail('keypad', 'must be a non-empty array of key rows');
    const rows = value.map((row: unknown, r) => {
      if (!Array.isArray(row)) this.fail(`keypad[${r}]`, 'must be an array of keys');
      return row.map((key: unknown, k) => {
        if (!ALL_KEYS.includes(key as Key)) this.fail(`keypad[${r}][${k}]`, `must be one of ${ALL_KEYS.join(' ')}`);
        return key as Key;
      });
    });
    for (const required of ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'OK', 'ESC', 'MENU'] as const) {
      if (!rows.flat().includes(required)) this.fail('keypad', `lacks the required key ${required}`);
    }
    return rows;
  }

  lanProfile(value: unknown): LanProfile {
    const lan = this.object(value, 'lan');
    const bytes = this.integer(lan.userRecordBytes, 'lan.userRecordBytes', 28, 72);
    if (bytes !== 28 && bytes !== 72) this.fail('lan.userRecordBytes', `must be 72 or 28, got ${bytes}`);
    return {
      platform: this.string(lan.platform, 'lan.platform', /^[A-Za-z0-9_]{1,31}$/),
      userRecordBytes: bytes,
      wholeReadMaxBytes: this.integer(lan.wholeReadMaxBytes, 'lan.wholeReadMaxBytes', 0, 256 * 1024 * 1024),
    };
  }

  punchStateRule(value: unknown): PunchStateRule {
    const rule = this.object(value, 'defaults.punchStateRule');
    switch (rule.kind) {
      case 'toggle':
        return { kind: 'toggle' };
      case 'fixed':
        return { kind: 'fixed', state: this.punchState(rule.state, 'defaults.punchStateRule.state') };
      case 'schedule': {
        if (!Array.isArray(rule.slots)) this.fail('defaults.punchStateRule.slots', 'must be an array');
        const slots = rule.slots.map((slot: unknown, i) => {
          const s = this.object(slot, `defaults.punchStateRule.slots[${i}]`);
          return {
            from: this.string(s.from, `defaults.punchStateRule.slots[${i}].from`, /^([01]\d|2[0-3]):[0-5]\d$/),
            state: this.punchState(s.state, `defaults.punchStateRule.slots[${i}].state`),
          };
        });
        return { kind: 'schedule', slots };
      }
      default:
        return this.fail('defaults.punchStateRule.kind', 'must be "toggle", "fixed" or "schedule"');
    }
  }

  punchState(value: unknown, field: string): PunchState {
    // Own keys only: a name such as `constructor` must not pass as a state.
    const state =
      typeof value === 'string' && Object.hasOwn(PUNCH_STATE_NAMES, value) ? PUNCH_STATE_NAMES[value] : undefined;
    if (state === undefined) this.fail(field, `must be one of ${Object.keys(PUNCH_STATE_NAMES).join(', ')}`);
    return state;
  }
}

/** A key the model has. */
export function modelHasKey(model: DeviceModel, key: Key): boolean {
  return model.keypad.some((row) => row.includes(key));
}
