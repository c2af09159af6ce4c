// The tarball `npm pack` makes of this checkout, packed once for a given content of what goes into it and
// kept in node_modules/.cache/timeclock-pack/: a pack compiles dist/ (the prepare script), about 15 s of
// CPU, for a tarball that is the same bytes whenever its inputs are. Kept only while the checkout's dist/
// is still the one that pack left, which the clone's own tests import.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './blocks.js';

const CACHE = path.join(ROOT, 'node_modules', '.cache', 'timeclock-pack');
/** What a pack reads besides the root's files: the sources dist/ is compiled from, and what ships as is. */
const INPUT_FOLDERS = ['bin', 'src', 'firmware', 'devices', 'docs'];

/** The tarball of the checkout, copied into `dest`: packed now unless one of the same inputs is kept. */
export function packedTarball(dest: string, run: (file: string, args: string[], cwd: string) => string): string {
  const key = inputsHash();
  const kept = path.join(CACHE, key);
  const keptTarball = tarballIn(kept);
  if (keptTarball && fs.readFileSync(path.join(kept, 'dist.sha256'), 'utf8') === distHash()) {
    const tarball = path.join(dest, path.basename(keptTarball));
    fs.copyFileSync(keptTarball, tarball);
    return tarball;
  }
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dest], ROOT)) as { filename: string }[];
  const tarball = path.join(dest, packed[0]!.filename);
  keep(key, tarball);
  return tarball;
}

/** Keeps the tarball under its inputs' key, replacing what older inputs left; a race keeps either whole copy. */
function keep(key: string, tarball: string): void {
  const partial = path.join(CACHE, `partial-${process.pid}`);
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  fs.copyFileSync(tarball, path.join(partial, path.basename(tarball)));
  fs.writeFileSync(path.join(partial, 'dist.sha256'), distHash());
  for (const entry of fs.readdirSync(CACHE)) {
    if (entry !== path.basename(partial)) fs.rmSync(path.join(CACHE, entry), { recursive: true, force: true });
  }
  try {
    fs.renameSync(partial, path.join(CACHE, key));
  } catch {
    fs.rmSync(partial, { recursive: true, force: true });
  }
}

function tarballIn(folder: string): string | undefined {
  if (!fs.existsSync(path.join(folder, 'dist.sha256'))) return undefined;
  const name = fs.readdirSync(folder).find((f) => f.endsWith('.tgz'));
  return name && path.join(folder, name);
}

/**
 * Every input of a pack, by content: the root's files (package.json, its lock, the tsconfigs, README…),
 * the input folders' files, and node's version. Whatever else changes, the key changes and it packs again.
 */
function inputsHash(): string {
  const hash = createHash('sha256').update(process.version);
  const rootFiles = fs
    .readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
  for (const file of [...rootFiles, ...INPUT_FOLDERS.flatMap(filesUnder)].sort()) {
    hash.update(`\0${file}\0`).update(fs.readFileSync(path.join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 32);
}

/** The compiled dist/ as it stands, by content; tsc's incremental state is no output. */
function distHash(): string {
  const hash = createHash('sha256');
  const files = filesUnder('dist').filter((f) => !f.endsWith('.tsbuildinfo'));
  for (const file of files.sort()) hash.update(`\0${file}\0`).update(fs.readFileSync(path.join(ROOT, file)));
  return hash.digest('hex');
}

/** The files under a folder of the checkout, relative to it; none when it is missing. */
function filesUnder(folder: string): string[] {
  const dir = path.join(ROOT, folder);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

