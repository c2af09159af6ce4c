// The JSON Schema editors complete from says what the loader reads: the same keys at the top, in a
// step and in an expectation, and the repo's scenarios are valid against its shape.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPECT_KEYS, STEP_KINDS, TOP_KEYS } from '../../src/scenario/index.js';

interface Schema {
  properties: Record<string, unknown>;
  definitions: Record<string, { properties: Record<string, unknown> }>;
}

const schema = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../src/scenario/scenario.schema.json'), 'utf8'),
) as Schema & { $schema: string };

const keys = (o: object) => Object.keys(o).sort();

describe('scenario.schema.json', () => {
  it('is a draft-07 schema', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('knows the top-level keys the loader reads', () => {
    expect(keys(schema.properties)).toEqual([...TOP_KEYS].sort());
  });

  it('knows every step kind, and `on`', () => {
    expect(keys(schema.definitions.step!.properties)).toEqual([...STEP_KINDS, 'on'].sort());
  });

  it('knows every expectation, and `timeout` for wait', () => {
    expect(keys(schema.definitions.expectation!.properties)).toEqual([...EXPECT_KEYS].sort());
    expect(keys(schema.definitions.wait!.properties)).toEqual([...EXPECT_KEYS, 'timeout'].sort());
  });
});
