// A database file's owner lock: `<file>.lock` holds the pid of the process using the file, so that two
// simulators (or two clouds) never share one file. SQLite alone would let both write, interleaving them.
// The clock's store and the cloud's database both take it, each naming itself in its errors.
import fs from 'node:fs';

/** The errors a lock throws, in the words of the file's owner (the clock's store, the cloud database). */
export interface LockErrors {
  /** Who holds such a file, as the errors name it: `timeclock`, `program`. */
  readonly owner: string;
  locked(file: string, holder: string): Error;
  unreadable(file: string, detail: string, cause?: unknown): Error;
}

export interface StoreLock {
  readonly lockFile: string;
  release(): void;
}

/** Lock files this process holds: our own pid in a lock we do not hold is a stale one (pid reuse). */
const held = new Set<string>();
let exitHookInstalled = false;

export function acquireFileLock(file: string, errors: LockErrors): StoreLock {
  const lockFile = `${file}.lock`;
  if (held.has(lockFile)) throw errors.locked(file, `a store already open in this process (pid ${process.pid})`);
  installExitHook();
  // A few rounds, because a stale lock removed here may be recreated by a clock starting alongside.
  for (let round = 0; round < 3; round += 1) {
    if (tryCreate(file, lockFile, errors)) {
      held.add(lockFile);
      return { lockFile, release: () => release(lockFile) };
    }
    const holder = readHolder(file, lockFile, errors);
    if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
      throw errors.locked(file, `another ${errors.owner} (pid ${holder}, see ${lockFile})`);
    }
    if (holder !== undefined || fs.existsSync(lockFile)) removeStale(file, lockFile, errors);
  }
  throw errors.locked(file, `another ${errors.owner} starting at the same time (see ${lockFile})`);
}

/** Creates the lock with its content in one step (a hard link), so no reader sees it empty. */
function tryCreate(file: string, lockFile: string, errors: LockErrors): boolean {
  const draft = `${lockFile}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(draft, `${process.pid}\n`);
    fs.linkSync(draft, lockFile);
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    if (codeOf(error) === 'EPERM' || codeOf(error) === 'ENOTSUP') return tryCreateWithoutLinks(file, lockFile, errors);
    throw errors.unreadable(file, `cannot create its lock file ${lockFile} (${messageOf(error)})`, error);
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

/** For file systems without hard links: create-exclusive, then write. */
function tryCreateWithoutLinks(file: string, lockFile: string, errors: LockErrors): boolean {
  try {
    fs.writeFileSync(lockFile, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw errors.unreadable(file, `cannot create its lock file ${lockFile} (${messageOf(error)})`, error);
  }
}

/** The pid in the lock file; undefined when the file is gone or holds no pid (a torn write: stale). */
function readHolder(file: string, lockFile: string, errors: LockErrors): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(lockFile, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw errors.unreadable(file, `cannot read its lock file ${lockFile} (${messageOf(error)})`, error);
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

function removeStale(file: string, lockFile: string, errors: LockErrors): void {
  try {
    fs.rmSync(lockFile, { force: true });
  } catch (error) {
    throw errors.unreadable(file, `cannot remove the stale lock file ${lockFile} (${messageOf(error)})`, error);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, which still makes it a live holder.
    return codeOf(error) === 'EPERM';
  }
}

function release(lockFile: string): void {
  if (!held.delete(lockFile)) return;
  try {
    if (fs.readFileSync(lockFile, 'utf8').trim() === String(process.pid)) fs.rmSync(lockFile);
  } catch {
    // Already gone, or replaced by someone who judged it stale: either way it is no longer ours.
  }
}

/** A clock that exits without close() (process.exit, an uncaught error) should not leave its lock behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const lockFile of [...held]) release(lockFile);
  });
}

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
