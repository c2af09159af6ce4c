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

/** `012-staffed-a-wrong-password-once.yaml`: the set-up, then the plan's title or what the walk was kept for. */
export function fileNameOf(index: number, found: FoundPath, describe: Describe): string {
  const slug = (found.title ?? describe(goalOf(found)).replace(/^screen\./, ''))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 48)
    .replace(/^-+|-+$/g, '');
  return `${String(index + 1).padStart(3, '0')}-${found.setup.name}-${slug}.yaml`;
}

/** The transition a walk was kept for: the last new one it took (it was cut right after it). */
function goalOf(found: FoundPath): string {
  return found.reached[found.reached.length - 1] ?? '';
}

export function scenarioText(found: FoundPath, describe: Describe, dir: string): string {
  const doc = new Document(
    {
      name: found.title ?? `Reaches ${describe(goalOf(found))}`,
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
  const employees = doc.get('employees', true);
  if (isCollection(employees)) employees.flow = false;
  const steps = doc.get('steps', true);
  if (isCollection(steps)) {
    steps.flow = false;
    for (const item of steps.items) if (isCollection(item)) item.flow = false;
    // Each step that was the first in the folder to take a transition says which, above it.
    let at = 0;
    for (const walked of found.steps) {
      const item = steps.items[at];
      if (walked.takes.length > 0 && isCollection(item))
        item.commentBefore = walked.takes.map((id) => ` takes ${describe(id)}`).join('\n');
      at += 2;
    }
  }
  const header = [
    schemaLine(dir),
    '# Written by `timeclock scenario generate` from the firmware graph. A comment above a step names the',
    '# transitions of the firmware it was the first in this folder to take; each step is followed by the',
    '# screen it must leave.',
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
