// Screen snapshots: `expect: { snapshot: name }` compares the whole frame text with the one stored in
// __snapshots__/<scenario file>.snap.json next to the file; --update-snapshots writes them instead.
import fs from 'node:fs';
import path from 'node:path';

export class SnapshotStore {
  private stored: Record<string, string[]> | undefined;
  private changed = false;
  /** Snapshots written or rewritten by this run. */
  updated = 0;

  constructor(
    /** undefined for scenarios given as objects: snapshots then live only for the run. */
    readonly file: string | undefined,
    private readonly update: boolean,
  ) {}

  static forScenarioFile(scenarioFile: string, update: boolean): SnapshotStore {
    const dir = path.join(path.dirname(scenarioFile), '__snapshots__');
    return new SnapshotStore(path.join(dir, `${path.basename(scenarioFile)}.snap.json`), update);
  }

  /** undefined when the text is the stored one (or was just stored); else what differs. */
  check(key: string, text: string): { expected: string; actual: string } | undefined {
    const snapshots = this.load();
    const lines = text.split('\n');
    const old = snapshots[key];
    if (old !== undefined && old.join('\n') === text) return undefined;
    if (this.update) {
      snapshots[key] = lines;
      this.changed = true;
      this.updated++;
      return undefined;
    }
    if (old === undefined)
      return { expected: 'a stored snapshot', actual: 'none stored yet: run with --update-snapshots' };
    return { expected: `\n${indent(old)}`, actual: `\n${indent(lines)}` };
  }

  /** Writes the file when this run changed it; keys sorted, so the file diffs well. */
  save(): void {
    if (!this.changed || this.file === undefined || this.stored === undefined) return;
    const sorted = Object.fromEntries(Object.entries(this.stored).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, `${JSON.stringify(sorted, null, 2)}\n`);
    this.changed = false;
  }

  private load(): Record<string, string[]> {
    if (this.stored) return this.stored;
    this.stored = {};
    if (this.file !== undefined && fs.existsSync(this.file)) {
      this.stored = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string[]>;
    }
    return this.stored;
  }
}

function indent(lines: string[]): string {
  return lines.map((l) => `      | ${l}`).join('\n');
}
