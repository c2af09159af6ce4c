// Loading scenario files: YAML (one scenario per document, documents split by `---`) or a plain
// object, validated field by field into the Scenario model. Every problem is a ScenarioFileError that
// names the file, line, column and what was expected there.
import { Document, LineCounter, isScalar, parseAllDocuments } from 'yaml';
import { modelNamed, readClocks, readCloud, readEmployees } from './load-setup.js';
import { readSteps, type StepContext } from './load-steps.js';
import { readRows, rowName, substituteRow, type Row } from './examples.js';
import { mergeIncludes } from './include.js';
import { Field, ScenarioFileError, Source, readYamlText, required, yamlErrorRef } from './yaml-reader.js';
import type { ClockSpec, CloudSpec, EmployeeSpec, Scenario } from './types.js';

export const TOP_KEYS = [
  'name',
  'description',
  'device',
  'clock',
  'clocks',
  'cloud',
  'employees',
  'seed',
  'groups',
  'steps',
  'include',
  'examples',
] as const;

/** Reads and validates every scenario of a file. */
export function loadScenarioFile(file: string): Scenario[] {
  return parseScenarioText(readYamlText(file), file);
}

export function parseScenarioText(text: string, file: string): Scenario[] {
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines });
  if (!Array.isArray(documents)) throw new ScenarioFileError({ file, path: '' }, 'the file holds no scenario');
  const source = new Source(file, lines, text);
  const scenarios: Scenario[] = [];
  documents.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error) {
      throw new ScenarioFileError(
        yamlErrorRef(file, error),
        `not valid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      );
    }
    // A `---` at the end of a file makes an empty document: nothing to run, nothing wrong, as long as
    // the file holds a scenario somewhere (checked below).
    const empty = doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null);
    if (empty) return;
    scenarios.push(...readDocument(new Field(source, doc.contents, ''), index));
  });
  // A file that runs nothing would pass CI while checking nothing: most likely a file emptied by mistake.
  if (scenarios.length === 0) {
    throw new ScenarioFileError(
      { file, path: '' },
      'the file holds no scenario (it is empty, or only comments and ---): write one, or remove the file',
    );
  }
  const names = new Set<string>();
  for (const scenario of scenarios) {
    if (names.has(scenario.name))
      throw new ScenarioFileError(scenario.at, `two scenarios are named "${scenario.name}"`);
    names.add(scenario.name);
  }
  return scenarios;
}

/** A scenario written as an object (what a YAML file parses to); errors name the field path. */
export function scenarioFromObject(data: unknown, file = '(object)'): Scenario {
  const doc = new Document(data);
  const scenarios = readDocument(new Field(new Source(file), doc.contents, ''), 0);
  if (scenarios.length !== 1)
    throw new ScenarioFileError({ file, path: 'examples' }, 'examples: makes several scenarios');
  return scenarios[0]!;
}

/** One scenario, or one per row of its `examples:`, each read from a copy with the row's values in place. */
function readDocument(root: Field, index: number): Scenario[] {
  const e = root.entries(TOP_KEYS, 'a scenario');
  const examples = e.get('examples');
  if (examples === undefined) return [readScenario(root, index)];
  const placed = String(e.get('name')?.value ?? '').includes('${');
  return readRows(examples).map((row) => {
    const source = root.source.withRow(row);
    const scenario = readScenario(new Field(source, substituteRow(root.node, row, source), ''), index, row);
    scenario.name = rowName(scenario.name, row, placed);
    return scenario;
  });
}

/** What the chosen cloud cannot do, said where the file asks for it. */
function checkCloudFits(
  cloud: CloudSpec,
  clocks: ClockSpec[],
  employees: EmployeeSpec[],
  list: Field | undefined,
): void {
  if (cloud.kind === 'url' && employees.length > 0) {
    list!.fail(
      'employees are seeded into the embedded cloud or, with cloud: none, into the clocks; an external cloud has its own',
    );
  }
  if (cloud.kind !== 'embedded') return;
  const zones = new Set(clocks.map((c) => c.timeZoneMinutes));
  if (zones.size > 1) {
    throw new ScenarioFileError(
      clocks[1]!.at,
      'the embedded cloud gives every clock one TimeZone: give the clocks the same timezone',
    );
  }
}

function readScenario(root: Field, index: number, row?: Row): Scenario {
  const own = root.entries(TOP_KEYS, 'a scenario');
  const name = required(own, 'name', root, 'what the scenario checks, in a sentence').string();
  const merged = mergeIncludes(own, row);
  const e = merged.single;
  const deviceField = e.get('device');
  const device = deviceField ? modelNamed(deviceField.string(), deviceField).model : 'biometric';
  const { clocks, models, startUtc } = readClocks(root, e.get('clock'), e.get('clocks'), device);
  const cloud = readCloud(e.get('cloud'));
  const serials = clocks.map((c) => c.serial);
  const employees = readEmployees(merged.employees, serials, cloud.kind === 'embedded');
  checkCloudFits(cloud, clocks, employees, merged.employees[0]);
  const context: StepContext = {
    clocks: serials,
    models,
    groups: new Map(merged.groups.map((g) => [g.name, g.value])),
    hasCloud: cloud.kind !== 'none',
    cloudIsEmbedded: cloud.kind === 'embedded',
    lanClocks: clocks.filter((c) => c.lan === true).map((c) => c.serial),
  };
  // Groups are checked where they are written, used or not: a typo in an unused group is still a typo.
  for (const group of merged.groups)
    readSteps(group.value, context, serials[0]!, [{ ...group.key.ref, path: `groups.${group.name}` }]);
  if (merged.steps.length === 0) required(own, 'steps', root, 'the list of steps');
  const steps = merged.steps.flatMap((list) => readSteps(list, context, serials[0]!));
  const scenario: Scenario = {
    name,
    file: root.source.file,
    index,
    startUtc,
    clocks,
    cloud,
    employees,
    steps,
    at: root.ref,
    includes: [...new Set(merged.files)],
  };
  const description = e.get('description');
  if (description) scenario.description = description.string();
  const seed = e.get('seed');
  if (seed) scenario.seed = seed.integer(0, 0xffffffff);
  return scenario;
}
