// Validation of a clock model: a good model passes whole, and every mistake names its source and field.
import { biometricJson } from '../fixtures/models.js';
import { describe, expect, it } from 'vitest';

import { DeviceModelError, modelHasKey, parseDeviceModel, type DeviceModel } from '../../firmware/device.js';

type Json = Record<string, unknown>;

/** A valid model as a device file would hold it. */
function validModel(): Json {
  return { ...biometricJson(), model: 'test-clock', serialNumberFormat: 'TC9T######', macPrefix: '00:17:69' };
}

/** The DeviceModelError that parsing `data` throws. */
function errorOf(data: unknown): DeviceModelError {
  try {
    parseDeviceModel(data, 'test.json');
  } catch (error) {
    if (error instanceof DeviceModelError) return error;
    throw error;
  }
  throw new Error('expected a DeviceModelError, got a model');
}

function withChange(change: (model: Json) => void): Json {
  const model = validModel();
  change(model);
  return model;
}

describe('parseDeviceModel on a good model', () => {
  it('returns every field', () => {
    const model: DeviceModel = parseDeviceModel(validModel(), 'test.json');

    expect(model).toEqual(validModel());
  });

  it('accepts a fixed punch state by its name', () => {
    const data = withChange((m) => {
      m.defaults = { verifyMode: 6, duplicateWindowSeconds: 0, punchStateRule: { kind: 'fixed', state: 'out' } };
    });

    expect(parseDeviceModel(data, 'test.json').defaults.punchStateRule).toEqual({ kind: 'fixed', state: 1 });
  });

  it('accepts a schedule and turns its state names into protocol states', () => {
    const rule = {
      kind: 'schedule',
      slots: [
        { from: '00:00', state: 'in' },
        { from: '12:00', state: 'break-out' },
      ],
    };
    const data = withChange((m) => {
      m.defaults = { verifyMode: 0, duplicateWindowSeconds: 60, punchStateRule: rule };
    });

    expect(parseDeviceModel(data, 'test.json').defaults.punchStateRule).toEqual({
      kind: 'schedule',
      slots: [
        { from: '00:00', state: 0 },
        { from: '12:00', state: 2 },
      ],
    });
  });
});

describe('parseDeviceModel on a bad model', () => {
  it.each<[string, (m: Json) => void]>([
    ['capacity.users', (m) => ((m.capacity as Json).users = -1)],
    ['capacity.users', (m) => ((m.capacity as Json).users = 1.5)],
    ['capacity.punches', (m) => ((m.capacity as Json).punches = '1000')],
    ['readers.proximity', (m) => delete (m.readers as Json).proximity],
    ['screen.columns', (m) => ((m.screen as Json).columns = 10)],
    ['model', (m) => (m.model = 'Test Clock')],
    ['displayName', (m) => (m.displayName = '')],
    ['serialNumberFormat', (m) => (m.serialNumberFormat = 'tc1a######')],
    ['macPrefix', (m) => (m.macPrefix = '00:17:6a')],
    ['defaults.verifyMode', (m) => ((m.defaults as Json).verifyMode = 15)],
    ['defaults.verifyMode', (m) => ((m.defaults as Json).verifyMode = -1)],
    ['defaults.punchStateRule.kind', (m) => ((m.defaults as Json).punchStateRule = { kind: 'random' })],
    ['defaults.punchStateRule.state', (m) => ((m.defaults as Json).punchStateRule = { kind: 'fixed', state: 'lunch' })],
    ['defaults.punchStateRule.slots', (m) => ((m.defaults as Json).punchStateRule = { kind: 'schedule' })],
    [
      'defaults.punchStateRule.slots[0].from',
      (m) => ((m.defaults as Json).punchStateRule = { kind: 'schedule', slots: [{ from: '24:00', state: 'in' }] }),
    ],
    ['readers', (m) => (m.readers = null)],
    ['keypad', (m) => (m.keypad = [])],
    ['keypad[1][3]', (m) => ((m.keypad as string[][])[1]![3] = 'F5')],
    ['keypad[2]', (m) => ((m.keypad as unknown[])[2] = 'row')],
  ])('names %s', (field, change) => {
    const error = errorOf(withChange(change));

    expect(error.field).toBe(field);
    expect(error.message).toContain(`test.json: field "${field}"`);
  });

  it('names the key a keypad lacks', () => {
    const data = withChange((m) => {
      m.keypad = [['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'ESC', 'MENU']];
    });

    expect(errorOf(data).message).toBe('test.json: field "keypad" lacks the required key OK');
  });

  it('says what it got for a number out of range', () => {
    const error = errorOf(withChange((m) => ((m.capacity as Json).users = -5)));

    expect(error.message).toBe('test.json: field "capacity.users" must be a whole number from 1 to 1000000, got -5');
  });

  it('refuses fingerprint capacity on a model without a fingerprint reader', () => {
    const data = withChange((m) => {
      m.readers = { fingerprint: false, proximity: true };
    });

    expect(errorOf(data).field).toBe('capacity.fingerprints');
  });

  it('refuses a root that is not an object', () => {
    expect(errorOf([validModel()]).field).toBe('(root)');
  });

  it('carries the source it was given', () => {
    expect(errorOf(null).source).toBe('test.json');
  });
});

describe('modelHasKey', () => {
  const model = parseDeviceModel(validModel(), 'test.json');

  it('finds a key in any row', () => {
    expect(modelHasKey(model, 'F4')).toBe(true);
  });

  it('does not find a key the keypad lacks', () => {
    const small = parseDeviceModel(
      withChange((m) => {
        m.keypad = [['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'OK', 'ESC', 'MENU']];
      }),
      'test.json',
    );

    expect(modelHasKey(small, 'F1')).toBe(false);
  });
});

describe('names that are not states', () => {
  it('refuses "constructor" as a punch state instead of taking an inherited property', () => {
    const data = {
      ...validModel(),
      defaults: { verifyMode: 0, duplicateWindowSeconds: 60, punchStateRule: { kind: 'fixed', state: 'constructor' } },
    };

    expect(errorOf(data).field).toBe('defaults.punchStateRule.state');
  });
});
