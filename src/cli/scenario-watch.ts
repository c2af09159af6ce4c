// `timeclock scenario --watch`: runs the scenarios, then again each time one of their files or a file
// they include changes (or a scenario file appears in a folder named), one clear line per run, until
// Ctrl-C. The watch is on folders, so that an editor that saves by renaming a new file is still seen.
import fs from 'node:fs';
import path from 'node:path';
import { loadScenarioFile } from '../scenario/index.js';
import type { FileResult } from '../scenario/index.js';
import type { CommandIo } from './scenario.js';

export interface WatchedRun {
  /** Runs the suite once and prints its report; `files` are the scenario files it ran. */
  run(): Promise<{ files: string[]; results: FileResult[] }>;
}

/** Changes within this long are one change: an editor's save is several events. */
const SETTLE_MS = 150;

export async function watchScenarios(paths: readonly string[], suite: WatchedRun, io: CommandIo): Promise<number> {
  let runs = 0;
  let watchers: fs.FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const changed = new Set<string>();

  const once = async (): Promise<void> => {
    const why = changed.size === 0 ? 'first run' : `changed: ${[...changed].join(', ')}`;
    changed.clear();
    runs++;
    let ran: Awaited<ReturnType<WatchedRun['run']>>;
    try {
      ran = await suite.run();
    } catch (error) {
      // The folder emptied while an editor renames, a path removed: say so and keep watching what was.
      io.stdout.write(`[watch] run ${runs} (${why}): ${(error as Error).message}; waiting for changes\n`);
      return;
    }
    const { files, results } = ran;
    const watched = watchedFiles(files, paths);
    const scenarios = results.flatMap((r) => r.scenarios);
    const failed = scenarios.filter((s) => !s.ok).length;
    const bad = results.filter((r) => r.error).length;
    for (const w of watchers) w.close();
    watchers = watchFolders(watched, paths, (file) => {
      changed.add(file);
      clearTimeout(timer);
      timer = setTimeout(() => (running = running.then(once)), SETTLE_MS);
    });
    // Said once the watch is on, so that whoever waits for this line and then saves is seen.
    io.stdout.write(
      `[watch] run ${runs} (${why}): ${scenarios.length - failed} passed, ${failed} failed, ${bad} bad file${bad === 1 ? '' : 's'}` +
        ` — watching ${watched.size} file${watched.size === 1 ? '' : 's'}; Ctrl-C stops\n`,
    );
  };

  running = once();
  await running;
  return new Promise((resolve) => {
    process.once('SIGINT', () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
      void running.then(() => resolve(0));
    });
  });
}

/** The scenario files and every file they include (a file that does not load is watched alone). */
function watchedFiles(files: readonly string[], paths: readonly string[]): Set<string> {
  const watched = new Set(files.map((f) => path.resolve(f)));
  for (const file of files) {
    try {
      for (const scenario of loadScenarioFile(file)) for (const include of scenario.includes) watched.add(include);
    } catch {
      // A bad file: its own report said why; it is watched so that fixing it runs again.
    }
  }
  for (const p of paths) if (fs.existsSync(p) && !fs.statSync(p).isDirectory()) watched.add(path.resolve(p));
  return watched;
}

/** Watches each folder holding a watched file, and each folder named, for the files that matter in it. */
function watchFolders(files: ReadonlySet<string>, paths: readonly string[], onChange: (file: string) => void) {
  const folders = new Map<string, boolean>();
  for (const file of files) folders.set(path.dirname(file), folders.get(path.dirname(file)) ?? false);
  // A folder named on the command line: a new scenario file in it counts too.
  for (const p of paths) if (fs.existsSync(p) && fs.statSync(p).isDirectory()) folders.set(path.resolve(p), true);
  return [...folders].map(([folder, anyYaml]) =>
    fs.watch(folder, { recursive: anyYaml }, (_event, name) => {
      if (name === null) return;
      const file = path.join(folder, name.toString());
      const shown = path.relative(process.cwd(), file);
      if (files.has(file) || (anyYaml && /\.ya?ml$/.test(file))) onChange(shown.startsWith('..') ? file : shown);
    }),
  );
}
