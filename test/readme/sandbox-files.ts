// What a command line did to a scratch directory's files, as a patch another scratch directory can take:
// the files and folders it added or changed, with their contents, and those it removed. Symbolic links
// (the checkout's bin and scripts/) are the sandbox's own and not followed.
import fs from 'node:fs';
import path from 'node:path';

/** Every folder (null) and file (its bytes) under a directory, by path relative to it. */
export type Files = Map<string, Buffer | null>;

/** A folder's change: what to write (a folder is null), and what to remove. */
export interface Patch {
  written: Map<string, Buffer | null>;
  removed: string[];
}

export function filesOf(dir: string): Files {
  const files: Files = new Map();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, full);
    if (entry.isDirectory()) files.set(relative, null);
    else if (entry.isFile()) files.set(relative, fs.readFileSync(full));
  }
  return files;
}

export function patchBetween(before: Files, after: Files): Patch {
  const written = new Map<string, Buffer | null>();
  for (const [file, content] of after) {
    const was = before.get(file);
    const same = before.has(file) && (content === null ? was === null : was != null && content.equals(was));
    if (!same) written.set(file, content);
  }
  return { written, removed: [...before.keys()].filter((file) => !after.has(file)) };
}

export function isEmpty(patch: Patch): boolean {
  return patch.written.size === 0 && patch.removed.length === 0;
}

/** Applies the patch to `dir`: folders first (a path's parents come before it), then files. */
export function applyPatch(dir: string, patch: Patch): void {
  for (const file of [...patch.removed].sort().reverse())
    fs.rmSync(path.join(dir, file), { recursive: true, force: true });
  const written = [...patch.written].sort(([a], [b]) => a.localeCompare(b));
  for (const [file, content] of written) if (content === null) fs.mkdirSync(path.join(dir, file), { recursive: true });
  for (const [file, content] of written) {
    if (content === null) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
}
