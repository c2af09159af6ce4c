// Property-based fuzzing of device files (src/devices/json-text.ts, firmware/device.ts): any text is JSON
// or a JsonSyntaxError naming file:line:column; any JSON is a model or a DeviceModelError naming the file
// and the field; a model written back as JSON reads as the same model.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeviceModelError, parseDeviceModel } from '../../firmware/device.js';
import { JsonSyntaxError, parseJsonText } from '../../src/devices/json-text.js';
import { FUZZ_TIMEOUT, fuzzParameters, replaceAlong } from '../fixtures/fuzz.js';
import { biometricJson } from '../fixtures/models.js';
import { anyText } from '../fixtures/push-arbitraries.js';

const FILE = 'devices/fuzz.json';

/** Parses a device file's text, or throws only the boundary's errors, each naming the file and the place. */
function loadsOrExplains(text: string): void {
  try {
    parseDeviceModel(parseJsonText(text, FILE), FILE);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      expect(error.message).toMatch(/^devices\/fuzz\.json:\d+:\d+: invalid JSON: \S/);
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.column).toBeGreaterThanOrEqual(1);
    } else {
      expect(error).toBeInstanceOf(DeviceModelError);
      expect((error as Error).message).toMatch(/^devices\/fuzz\.json: field "[^"]+" \S/);
    }
  }
}

/** The shipped model with one field, at any depth, replaced by any JSON value. */
const mutatedModel = fc
  .tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }))
  .map(([route, replacement]) => replaceAlong(biometricJson(), route, replacement));

describe('device files', () => {
  it(
    'are JSON or a syntax error naming file, line and column, for any text',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            anyText(200),
            mutatedModel.map((m) => JSON.stringify(m, null, 2)),
            // A real file cut short or with a character dropped: the mistakes people make in an editor.
            fc.tuple(fc.nat(), fc.nat()).map(([cut, drop]) => {
              const text = JSON.stringify(biometricJson(), null, 2);
              const at = drop % text.length;
              return (text.slice(0, at) + text.slice(at + 1)).slice(0, text.length - (cut % 40));
            }),
          ),
          loadsOrExplains,
        ),
        fuzzParameters(2_000),
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'are a model or an error naming the field, for any JSON value in place of any field',
    () => {
      fc.assert(
        fc.property(mutatedModel, (json) => loadsOrExplains(JSON.stringify(json))),
        fuzzParameters(2_000),
      );
    },
    FUZZ_TIMEOUT,
  );

  it('read back as the same model when a model is written as JSON', () => {
    const model = parseDeviceModel(biometricJson(), FILE);

    expect(parseDeviceModel(parseJsonText(JSON.stringify(model), FILE), FILE)).toEqual(model);
  });
});
