// The tarball `npm pack` makes of this checkout, and a project that `npm install`ed it, each made once for
// a given content of what goes into it and kept in node_modules/.cache/timeclock-pack/: a pack compiles
// dist/ (the prepare script), about 15 s of CPU, and an install unpacks 65 MB, as much again, for the same
// bytes whenever their inputs are. The tarball is kept only while the checkout's dist/ is still the one that
// pack left (the clone's own tests import it); the install, for the same tarball, npm and project file.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './blocks.js';

const CACHE = path.join(ROOT, 'node_modules', '.cache', 'timeclock-pack');
/** What a pack reads besides the root's files: the sources dist/ is compiled from, and what ships as is. */
const INPUT_FOLDERS = ['bin', 'src', 'firmware', 'devices', 'docs'];
/** The root's files a pack reads or always ships (npm adds README, LICENSE and CHANGELOG of its own). */
const PACK_ROOT_FILES =
  /^(package(-lock)?\.json|tsconfig.*\.json|\.npm(ignore|rc)|(readme|licen[cs]e|changelog)(\..*)?)$/i;

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

/**
 * Install scripts are skipped: building better-sqlite3 from source takes minutes where no prebuilt binary
 * can be fetched, and the snippets keep their store in memory. The checkout's binary stands in.
 */
const INSTALL = ['install', '--prefer-offline', '--ignore-scripts'];
const PROJECT_FILE = '{ "private": true, "type": "module" }\n';
const BINDING = path.join('better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/**
 * A fresh `project` folder in which `npm install TARBALL` ran (the tarball packedTarball kept): installed
 * now, or its files as npm left them (package.json, its lock) and its node_modules hard-linked from the
 * install npm made of the same tarball with the same npm (and the same stand-in binary). Returns what that
 * install printed on stderr (its warnings).
 */
export function installedProject(tarball: string, project: string): string {
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), PROJECT_FILE);
  const key = createHash('sha256')
    .update([npmVersion(), ...INSTALL, PROJECT_FILE].join('\0'))
    .update(fs.readFileSync(tarball))
    .update(fs.readFileSync(path.join(ROOT, 'node_modules', BINDING)))
    .digest('hex')
    .slice(0, 32);
  const kept = path.join(CACHE, inputsHash(), `installed-${key}`);
  if (fs.existsSync(path.join(kept, 'stderr.txt'))) {
    for (const file of ['package.json', 'package-lock.json'])
      fs.copyFileSync(path.join(kept, file), path.join(project, file));
    execFileSync('cp', ['-al', path.join(kept, 'node_modules'), project]);
    return fs.readFileSync(path.join(kept, 'stderr.txt'), 'utf8');
  }
  const install = spawnSync('npm', [...INSTALL, tarball], { cwd: project, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`npm install ${tarball} failed:\n${install.stderr}`);
  fs.mkdirSync(path.dirname(path.join(project, 'node_modules', BINDING)), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'node_modules', BINDING), path.join(project, 'node_modules', BINDING));
  keepInstall(project, kept, install.stderr);
  return install.stderr;
}

/** Hard links of the install beside its tarball (gone with it), whole or not at all. */
function keepInstall(project: string, kept: string, stderr: string): void {
  if (!fs.existsSync(path.dirname(kept))) return;
  const partial = `${kept}-partial-${process.pid}`;
  fs.mkdirSync(partial);
  execFileSync('cp', ['-al', path.join(project, 'node_modules'), partial]);
  for (const file of ['package.json', 'package-lock.json'])
    fs.copyFileSync(path.join(project, file), path.join(partial, file));
  fs.writeFileSync(path.join(partial, 'stderr.txt'), stderr);
  try {
    fs.renameSync(partial, kept);
  } catch {
    fs.rmSync(partial, { recursive: true, force: true });
  }
}

/** The version of the npm on PATH, from its own package.json (no npm started). */
function npmVersion(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const bin = path.join(dir, 'npm');
    if (!fs.existsSync(bin)) continue;
    const pkg = path.join(path.dirname(fs.realpathSync(bin)), '..', 'package.json');
    return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
  }
  throw new Error('npm is not on PATH');
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
 * Every input of a pack, by content: the root's files a pack reads or ships (the package file and its
 * lock, the compiler's settings, the README and licence) and the input folders' files, and node's version.
 * When any changes, the key changes and it packs again; the root's other files (BENCHMARKS.md, the test
 * and lint settings) are not read by a pack.
 */
function inputsHash(): string {
  const hash = createHash('sha256').update(process.version);
  const rootFiles = fs
    .readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isFile() && PACK_ROOT_FILES.test(e.name))
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
