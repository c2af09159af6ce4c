// The JSON Schema editors check scenarios with, and the loader that runs them, cannot drift apart: every
// shipped and documented scenario passes both, and what the loader refuses for its shape (a key it does
// not know, a value of the wrong kind) the schema refuses too. The loader checks more than a schema can
// say (devices, serial formats, group names), so the reverse does not hold.
import { Ajv } from 'ajv';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ScenarioFileError, discoverScenarioFiles, scenarioFromObject } from '../../src/scenario/index.js';
import { allBlocks } from '../readme/blocks.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/scenario/scenario.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** Every scenario the project ships or documents, as the objects its YAML documents parse to. */
const corpus: { where: string; data: unknown }[] = [
  ...discoverScenarioFiles([path.join(ROOT, 'scripts/scenarios')]).map((file) => ({
    where: path.relative(ROOT, file),
    text: fs.readFileSync(file, 'utf8'),
  })),
  ...allBlocks()
    .filter((b) => b.info === 'yaml scenario')
    .map((b) => ({ where: b.where, text: b.code })),
].flatMap(({ where, text }) =>
  parseAllDocuments(text)
    .map((doc) => doc.toJS() as unknown)
    .filter((data) => data !== null)
    .flatMap(rowsOf)
    .map((data, i) => ({ where: `${where} #${i + 1}`, data })),
);

/** A scenario with `examples:` is one scenario per row, `${column}` in place, as the loader reads it. */
function rowsOf(data: unknown): unknown[] {
  const { examples, ...rest } = data as { examples?: Record<string, unknown>[] };
  if (examples === undefined) return [data];
  const fill = (value: unknown, row: Record<string, unknown>): unknown => {
    if (typeof value === 'string') {
      const whole = /^\$\{([^}]*)\}$/.exec(value);
      if (whole) return row[whole[1]!];
      return value.replace(/\$\{([^}]*)\}/g, (_, key: string) => String(row[key]));
    }
    if (Array.isArray(value)) return value.map((v) => fill(v, row));
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, row)]));
    return value;
  };
  return examples.map((row) => fill(rest, row));
}

function loaderAccepts(data: unknown): true | string {
  try {
    scenarioFromObject(data, '(mutated)');
    return true;
  } catch (error) {
    if (error instanceof ScenarioFileError) return error.message;
    throw error;
  }
}

function schemaAccepts(data: unknown): true | string {
  return validate(data) ? true : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ');
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The scenario with one change at `at` (a path of keys and indexes). */
function mutated(data: Json, at: (string | number)[], change: (value: Json) => Json): Json {
  if (at.length === 0) return change(data);
  const [key, ...rest] = at;
  if (Array.isArray(data)) return data.map((v, i) => (i === key ? mutated(v, rest, change) : v));
  if (data !== null && typeof data === 'object')
    return { ...data, [key!]: mutated((data as Record<string, Json>)[key!]!, rest, change) };
  return data;
}

/** Paths of every object in the scenario: where an unknown key can go. */
function objectPaths(data: Json, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(data)) return data.flatMap((v, i) => objectPaths(v, [...at, i]));
  if (data === null || typeof data !== 'object') return [];
  return [at, ...Object.entries(data).flatMap(([k, v]) => objectPaths(v, [...at, k]))];
}

describe('the scenario schema and the loader', () => {
  it('have scenarios to compare', () => {
    expect(corpus.length).toBeGreaterThan(10);
  });

  it.each(corpus.map((c) => [c.where, c.data] as const))('both accept %s', (_where, data) => {
    expect(schemaAccepts(data)).toBe(true);
    expect(loaderAccepts(data)).toBe(true);
  });

  it('both refuse a key neither knows, in every object of every scenario', () => {
    const disagreements: string[] = [];
    for (const { where, data } of corpus) {
      for (const at of objectPaths(data as Json)) {
        const changed = mutated(data as Json, at, (v) => ({ ...(v as Record<string, Json>), bogusKey: 1 }));
        const loader = loaderAccepts(changed);
        const schemaVerdict = schemaAccepts(changed);
        if (loader === true || schemaVerdict === true)
          disagreements.push(
            `${where} at /${at.join('/')}: loader ${loader === true ? 'accepts' : 'refuses'}, schema ${schemaVerdict === true ? 'accepts' : 'refuses'}`,
          );
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('refuse by schema every value of the wrong kind that the loader refuses', () => {
    const disagreements: string[] = [];
    for (const { where, data } of corpus) {
      for (const at of objectPaths(data as Json)) {
        const object = at.reduce<Json>((v, k) => (v as Record<string, Json>)[k as string]!, data as Json);
        if (Array.isArray(object) || object === null || typeof object !== 'object') continue;
        for (const key of Object.keys(object)) {
          for (const wrong of [[], { nested: true }, true] as Json[]) {
            const changed = mutated(data as Json, [...at, key], () => wrong);
            const loader = loaderAccepts(changed);
            if (loader !== true && schemaAccepts(changed) === true)
              disagreements.push(`${where} /${[...at, key].join('/')} = ${JSON.stringify(wrong)}: ${loader}`);
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});
