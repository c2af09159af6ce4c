// Property-based fuzzing of the scenario loader (src/scenario/load.ts, yaml-reader.ts): any text, and any
// shape of YAML built from a real scenario's pieces, loads or fails with a ScenarioFileError that names
// the file (and, where there is text to point into, the line and column) — never another exception.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ScenarioFileError, parseScenarioText } from '../../src/scenario/index.js';
import { FUZZ_TIMEOUT, fuzzParameters, replaceAlong } from '../fixtures/fuzz.js';
import { anyText } from '../fixtures/push-arbitraries.js';

const FILE = 'fuzz.yaml';

/** Loads or throws only the boundary's error, naming the file; returns how many scenarios loaded. */
function loadsOrExplains(text: string): number {
  try {
    return parseScenarioText(text, FILE).length;
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioFileError);
    expect((error as Error).message).toMatch(/^fuzz\.yaml(:\d+:\d+)?( \([^)]*\))?: \S/);
    return 0;
  }
}

/** The repository's scenarios, parsed: real shapes for the mutations to start from. */
const examples: unknown[] = fs
  .readdirSync('scripts/scenarios')
  .filter((name) => name.endsWith('.yaml'))
  .flatMap((name) => {
    const text = fs.readFileSync(path.join('scripts/scenarios', name), 'utf8');
    return text.split(/^---$/m).map((doc) => parse(doc) as unknown);
  })
  .filter((doc) => doc !== null && typeof doc === 'object');

// prettier-ignore
const WORDS = [
  'name', 'steps', 'employees', 'clock', 'clocks', 'cloud', 'device', 'seed', 'groups', 'keys', 'press', 'expect',
  'screen', 'advance', 'finger', 'card', 'menu', 'portal', 'sync', 'network', 'use', 'embedded', 'none', 'OK',
  'MENU', '1001', 'badge', 'verify', 'timezone', 'time', '2026-11-25T07:58:00', '-05:00', '1s..5s', '99999999h',
];

/** A YAML value built from the scenario vocabulary, nested a few levels. */
const yamlValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...WORDS),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    anyText(20),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...WORDS), anyText(8)), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A real scenario with one field, at any depth, replaced by something else. */
const mutatedExample = fc
  .tuple(fc.constantFrom(...examples), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), yamlValue)
  .map(([example, route, replacement]) => replaceAlong(structuredClone(example), route, replacement));

describe('scenario files', () => {
  it(
    'load or explain themselves for any text at all',
    () => {
      fc.assert(
        fc.property(anyText(300), (text) => void loadsOrExplains(text)),
        fuzzParameters(2_000),
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'load or explain themselves for any YAML built from the scenario vocabulary',
    () => {
      fc.assert(
        fc.property(yamlValue, (value) => void loadsOrExplains(stringify(value))),
        fuzzParameters(500),
      );
    },
    FUZZ_TIMEOUT,
  );

  it(
    'load or explain themselves when any field of a real scenario is replaced by anything',
    () => {
      fc.assert(
        fc.property(mutatedExample, (scenario) => void loadsOrExplains(stringify(scenario))),
        fuzzParameters(400),
      );
    },
    FUZZ_TIMEOUT,
  );

  it('includes the repository scenarios unchanged among those that load', () => {
    expect(examples.length).toBeGreaterThan(3);
    for (const example of examples) expect(loadsOrExplains(stringify(example))).toBe(1);
  });
});
