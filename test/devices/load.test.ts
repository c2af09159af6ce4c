// Loading clock models from files: the shipped ones, and the errors a person editing one would meet.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  defaultDevicesDir,
  DeviceFileError,
  DeviceModelError,
  JsonSyntaxError,
  listDeviceModels,
  loadDeviceFile,
  loadDeviceModel,
  UnknownDeviceModelError,
} from '../../src/devices/index.js';

const shipped = JSON.parse(readFileSync(join(defaultDevicesDir(), 'biometric.json'), 'utf8')) as Record<
  string,
  unknown
>;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'timeclock-devices-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a model file into the temp folder: the shipped biometric model with `changes` applied. */
function writeModel(name: string, change: (model: Record<string, unknown>) => void = () => {}): string {
  const model = structuredClone(shipped);
  model.model = name;
  change(model);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(model, null, 2));
  return file;
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected an error, got none');
}

describe('the shipped models', () => {
  it('lists biometric and proximity in the repository devices folder', () => {
    expect(listDeviceModels()).toEqual(['biometric', 'proximity']);
  });

  it('loads the biometric clock with a fingerprint and a proximity reader', () => {
    const model = loadDeviceModel('biometric');

    expect(model.model).toBe('biometric');
    expect(model.readers).toEqual({ fingerprint: true, proximity: true });
  });

  it('loads the proximity clock without a fingerprint reader', () => {
    const model = loadDeviceModel('proximity');

    expect(model.readers).toEqual({ fingerprint: false, proximity: true });
    expect(model.capacity.fingerprints).toBe(0);
  });

  it('finds the devices folder from the module, whatever the working directory', () => {
    const before = process.cwd();
    process.chdir(tmpdir());
    try {
      expect(loadDeviceModel('biometric').model).toBe('biometric');
    } finally {
      process.chdir(before);
    }
  });

  it('loads a model given as a path to its .json file', () => {
    const model = loadDeviceModel(join(defaultDevicesDir(), 'proximity.json'));

    expect(model.model).toBe('proximity');
  });
});

describe('an unknown model name', () => {
  it('is refused with the list of the models that exist', () => {
    const error = errorOf(() => loadDeviceModel('x'));

    expect(error).toBeInstanceOf(UnknownDeviceModelError);
    expect(error.message).toBe('unknown clock model "x"; known models: biometric, proximity');
  });

  it('lists the models of the folder it was asked to look in', () => {
    writeModel('kiosk');
    writeFileSync(join(dir, 'notes.txt'), 'not a model');

    const error = errorOf(() => loadDeviceModel('biometric', dir));

    expect(error.message).toBe('unknown clock model "biometric"; known models: kiosk');
  });

  it('says the folder is empty when there are no models at all', () => {
    const error = errorOf(() => loadDeviceModel('biometric', join(dir, 'missing')));

    expect(error.message).toContain('there are no models in');
  });
});

describe('a model file with a wrong field', () => {
  it('names capacity.users when it is negative', () => {
    writeModel('bad', (m) => {
      m.capacity = { users: -5, fingerprints: 0, cards: 10, punches: 10 };
    });

    const error = errorOf(() => loadDeviceModel('bad', dir));

    expect(error).toBeInstanceOf(DeviceModelError);
    expect(error.message).toContain('capacity.users');
    expect(error.message).toContain(join(dir, 'bad.json'));
  });

  it('names readers.fingerprint when it is not a boolean', () => {
    writeModel('bad', (m) => {
      m.readers = { fingerprint: 'yes', proximity: true };
    });

    expect(errorOf(() => loadDeviceModel('bad', dir)).message).toContain('"readers.fingerprint"');
  });

  it('names the model field when it differs from the file name', () => {
    const file = writeModel('kiosk', (m) => {
      m.model = 'biometric';
    });

    const error = errorOf(() => loadDeviceModel('kiosk', dir));

    expect(error.message).toBe(`${file}: field "model" must be "kiosk", the file's name, got "biometric"`);
  });

  it('accepts any model name in a file loaded by path', () => {
    const file = writeModel('kiosk', (m) => {
      m.model = 'kiosk-2';
    });

    expect(loadDeviceFile(file).model).toBe('kiosk-2');
  });
});

describe('a model file that is not valid JSON', () => {
  it('names the file, line and column of a missing comma', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "model": "broken"\n  "displayName": "x"\n}\n');

    const error = errorOf(() => loadDeviceModel('broken', dir));

    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect(error.message).toBe(`${file}:3:3: invalid JSON: Expected ',' or '}' after property value`);
  });

  it('points at the bracket after a trailing comma in an array, where V8 gives no position', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "keypad": [\n    ["1", "2"],\n  ]\n}\n');

    const error = errorOf(() => loadDeviceModel('broken', dir));

    expect(error.message).toBe(`${file}:4:3: invalid JSON: Unexpected token ']'`);
  });

  it('points just after the text when the file ends too soon', () => {
    const file = join(dir, 'short.json');
    writeFileSync(file, '{\n  "model": ');

    const error = errorOf(() => loadDeviceModel('short', dir)) as JsonSyntaxError;

    expect([error.line, error.column]).toEqual([2, 12]);
  });

  it('reads a file saved with a byte-order mark', () => {
    const file = writeModel('bom');
    writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8')}`);

    expect(loadDeviceModel('bom', dir).model).toBe('bom');
  });
});

describe('a device file that cannot be read', () => {
  it('says a path that does not exist is no such file', () => {
    const file = join(dir, 'nowhere.json');

    const error = errorOf(() => loadDeviceModel(file));

    expect(error).toBeInstanceOf(DeviceFileError);
    expect(error.message).toBe(`${file}: no such file`);
  });

  it('says a folder named like a model cannot be read', () => {
    mkdirSync(join(dir, 'folder.json'));

    const error = errorOf(() => loadDeviceModel('folder', dir));

    expect(error).toBeInstanceOf(DeviceFileError);
    expect(error.message).toContain('cannot be read (EISDIR)');
  });
});
