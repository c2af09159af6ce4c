// `include:` of shared set-ups: a scenario names YAML files (relative to itself) whose clocks, cloud,
// employees, groups and steps are merged into it before it is read. Errors name the include line.
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { substituteRow, type Row } from './examples.js';
import { Field, Source } from './yaml-reader.js';

/** What an included file may hold: a scenario's set-up and steps, no name of its own. */
export const INCLUDE_KEYS = ['include', 'device', 'clock', 'clocks', 'cloud', 'employees', 'seed', 'groups', 'steps'];

/** Keys a file says once: the scenario's own value wins over an include's, the first include's over later ones. */
const SINGLE_KEYS = ['device', 'clock', 'clocks', 'cloud', 'seed'] as const;

/** The scenario's fields after its includes were merged in; each field keeps the file it was written in. */
export interface MergedFields {
  single: Map<string, Field>;
  /** Lists of employees, included ones first. */
  employees: Field[];
  groups: { key: Field; value: Field; name: string }[];
  /** Lists of steps: the includes' first, in include order, then the scenario's. */
  steps: Field[];
  /** Every file read through `include:`, for `--watch`. */
  files: string[];
}

/** The depth past which a chain of includes is a mistake, not a design. */
const MAX_DEPTH = 16;

export function mergeIncludes(entries: Map<string, Field>, row: Row | undefined): MergedFields {
  const merged: MergedFields = { single: new Map(), employees: [], groups: [], steps: [], files: [] };
  const file = [...entries.values()][0]?.source.file ?? '';
  collect(entries, merged, [path.resolve(file)], row);
  return merged;
}

function collect(entries: Map<string, Field>, merged: MergedFields, chain: string[], row: Row | undefined): void {
  // The file's own single values first, so that they win over what it includes.
  for (const key of SINGLE_KEYS) {
    const field = entries.get(key);
    // `clock` and `clocks` are one setting: the first file to give either decides.
    const taken = key === 'clock' || key === 'clocks' ? clockTaken(merged) : merged.single.has(key);
    if (field && !taken) merged.single.set(key, field);
  }
  const own = { employees: entries.get('employees'), groups: entries.get('groups'), steps: entries.get('steps') };
  const include = entries.get('include');
  for (const item of include?.items('a file or a list of files to include', true) ?? []) {
    const included = readIncluded(item, chain, row);
    merged.files.push(included.file);
    collect(included.entries, merged, [...chain, included.file], row);
  }
  if (own.employees) merged.employees.push(own.employees);
  if (own.steps) merged.steps.push(own.steps);
  for (const group of own.groups?.pairs('groups of steps, by name') ?? []) {
    const earlier = merged.groups.find((g) => g.name === group.name);
    if (earlier) {
      group.key.fail(`group "${group.name}" is also defined at ${earlier.key.source.file}:${earlier.key.ref.line}`);
    }
    merged.groups.push(group);
  }
}

function clockTaken(merged: MergedFields): boolean {
  return merged.single.has('clock') || merged.single.has('clocks');
}

function readIncluded(item: Field, chain: string[], row: Row | undefined) {
  const name = item.string('a path to a YAML file, relative to this one');
  const file = path.resolve(path.dirname(item.source.file), name);
  if (chain.includes(file)) {
    const cycle = [...chain.slice(chain.indexOf(file)), file].map((f) => path.basename(f)).join(' → ');
    item.fail(`include "${name}" makes a cycle: ${cycle}`);
  }
  if (chain.length >= MAX_DEPTH) item.fail(`include "${name}" is ${MAX_DEPTH} includes deep: is it a cycle?`);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return item.fail(`cannot include "${name}" (${file}): ${reason}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  // Named as the including file is named (relative stays relative), so messages read alike.
  const shown = path.join(path.dirname(item.source.file), name);
  const source = new Source(shown, lines, text, row);
  const problem = doc.errors[0];
  if (problem) {
    const [pos] = problem.linePos ?? [];
    const where = pos ? `${shown}:${pos.line}:${pos.col}` : shown;
    item.fail(`included file ${where} is not valid YAML: ${problem.message.split('\n')[0]}`);
  }
  const root = new Field(source, row ? substituteRow(doc.contents, row, source) : doc.contents, '');
  return { file, entries: root.entries(INCLUDE_KEYS, 'an included set-up') };
}
