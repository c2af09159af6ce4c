// Which files a run covers: the files named, and every .yaml / .yml under the directories named, in
// a stable order (the order results are reported in, whatever --jobs finishes first).
import fs from 'node:fs';
import path from 'node:path';
import { TimeclockError } from '../errors.js';

export class DiscoverError extends TimeclockError<'TC_ERR_SCENARIO_DISCOVER'> {
  override name = 'DiscoverError';
  constructor(message: string) {
    super('TC_ERR_SCENARIO_DISCOVER', message);
  }
}

export function discoverScenarioFiles(targets: readonly string[]): string[] {
  const files: string[] = [];
  for (const target of targets) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch {
      throw new DiscoverError(`${target}: no such file or directory`);
    }
    if (!stat.isDirectory()) {
      files.push(target);
      continue;
    }
    const found = walk(target);
    // A folder named to run that holds no scenario would pass while running nothing.
    if (found.length === 0) throw new DiscoverError(`${target}: the folder holds no scenario files (.yaml, .yml)`);
    files.push(...found);
  }
  return [...new Set(files)];
}

function walk(dir: string): string[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  return entries.flatMap((entry) => {
    // `_shared/`, `_office.yaml`: set-ups that scenarios include, not scenarios (as Sass's partials).
    if (entry.name.startsWith('_')) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__snapshots__' || entry.name === 'node_modules' ? [] : walk(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}
