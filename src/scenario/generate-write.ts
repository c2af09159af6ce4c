// Writing what the generator found as scenario files a person can read: the set-up, each step followed
// by what the screen must show after it, and a comment naming the transitions the file was first to take.
import fs from 'node:fs';
import path from 'node:path';
import { Document, isCollection, visit } from 'yaml';
import type { FoundPath, WalkedStep } from './generate-search.js';

/** The header line that ties a file to the schema, from a folder of a project that installed the package. */
export function schemaLine(dir: string): string {
  const schema = path.resolve('node_modules/timeclock-sim/src/scenario/scenario.schema.json');
  return `# yaml-language-server: $schema=${path.relative(path.resolve(dir), schema)}`;
}

/** `screen.idle: keypad.key [key(ESC)]` from `clock.screen.idle keypad.key #2` and its guard. */
export type Describe = (id: string) => string;

export function fileNameOf(index: number, found: FoundPath): string {
  return `${String(index + 1).padStart(3, '0')}-${found.setup.name}.yaml`;
}

export function scenarioText(found: FoundPath, describe: Describe, dir: string): string {
  const reached = found.reached.map(describe);
  const doc = new Document(
    {
      name: `Generated: ${reached[0] ?? 'the set-up'}`,
      description: `Set-up: ${found.setup.purpose}.`,
      ...found.setup.fields,
      steps: withExpectations(found.steps),
    },
    // Steps repeat (press: OK); YAML anchors and aliases for them would only puzzle a reader.
    { aliasDuplicateObjects: false },
  );
  // One line per step, per employee, per clock: `- expect: { state: idle }`, as the shipped scenarios read.
  visit(doc, (_key, node, path) => {
    if (isCollection(node) && path.length >= 3) node.flow = true;
  });
  const steps = doc.get('steps', true);
  if (isCollection(steps)) {
    steps.flow = false;
    for (const item of steps.items) if (isCollection(item)) item.flow = false;
  }
  const header = [
    schemaLine(dir),
    '# Written by `timeclock scenario generate` from the firmware graph; the first in its folder to take:',
    ...reached.map((r) => `#   ${r}`),
  ].join('\n');
  return `${header}\n${doc.toString({ lineWidth: 0, flowCollectionPadding: true })}`;
}

/** After each step, the screen state it left; the first line of the screen where the state changed or the walk ends. */
function withExpectations(steps: readonly WalkedStep[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let previous = 'idle';
  steps.forEach((walked, i) => {
    out.push(walked.step);
    const last = i === steps.length - 1;
    const expect: Record<string, unknown> = { state: walked.screen };
    const line = walked.lines.map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('/'));
    if ((walked.screen !== previous || last) && line !== undefined) expect.screen = line;
    out.push({ expect });
    previous = walked.screen;
  });
  return out;
}

/** Files in `dir` that writing `names` would overwrite. */
export function existingFiles(dir: string, names: readonly string[]): string[] {
  return names.filter((name) => fs.existsSync(path.join(dir, name)));
}
