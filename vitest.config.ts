// vitest for `npm test`, in four projects: most files one after the other in a worker per core, sharing
// its modules; the long runs of processes and the few files that change or measure the process itself, a
// process per file, the longest first; last, alone, the floods. `npm run test:fast` is vitest.fast.config.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { longestFirst } from './test/fixtures/longest-first.js';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

/**
 * Floods of processes and clients that need the machine to themselves: run last, one file at a time. The
 * LAN flood's SDK client gives up after 5 s; the cloud's flood limits count per window of wall time.
 */
const ALONE = ['test/lan/flood.test.ts', 'test/cloud/floods.test.ts'];

/**
 * Long runs of real processes with no wall-time bound but a stuck guard (100,000 records read by the SDKs
 * from another process, clocks and clouds killed and started again, the control bridge's fan-out to 200
 * clients that do not read — their grace to read the `bye` is an hour), each in a process of its own: first,
 * beside the other files (a worker per core), so that the longest, the SDKs' reads, overlaps them instead
 * of running at the end with a core idle.
 */
const HEAVY = [
  'test/lan/sdk-process.test.ts',
  'test/lan/pyzk-machine.test.ts',
  'test/chaos/crash.test.ts',
  'test/chaos/cloud-crash.test.ts',
  'test/serial/control-fanout.test.ts',
];

/**
 * Seconds each long file took in a quiet run (2 cores): the order of a fresh clone's first run, where vitest
 * has no timings of its own yet (CI's), longest first; after a run, vitest's own timings take over.
 */
const ESTIMATES: Record<string, number> = {
  'test/readme/readme.test.ts': 36,
  'test/lan/sdk-process.test.ts': 35,
  'test/portal/article.e2e.test.ts': 34,
  'test/fleet/fd-limit.test.ts': 24,
  'test/serial/control-fanout.test.ts': 17,
  'test/fleet/shards.test.ts': 17,
  'test/readme/package.test.ts': 16.5,
  'test/fleet/profiles-run.test.ts': 16,
  'test/face/face.browser.test.ts': 14,
  'test/sync/push-peers.e2e.test.ts': 11,
  'test/lan/pyzk-machine.test.ts': 10,
  'test/tui/e2e-tmux.test.ts': 10,
  'test/cli/cloud-quiet-heap.test.ts': 10,
  'test/portal/responsive.browser.test.ts': 10,
  'test/scenario/generate.test.ts': 9,
  'test/fleet/truth.test.ts': 9,
  'test/lan/flood.test.ts': 7,
  'test/chaos/cloud-crash.test.ts': 6,
  'test/chaos/crash.test.ts': 4,
  'test/cloud/floods.test.ts': 4,
};

/** Every test file, as vitest names it (`test/…/x.test.ts`). */
const ALL = fs
  .readdirSync(path.join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => `test/${file.split(path.sep).join('/')}`);

/**
 * What in a test file's source makes it need a process of its own: it changes what the whole process
 * shares (the working folder, the process's own streams) or measures the process itself (its memory),
 * which files run before it in the same process would disturb. Fake timers are not in the list: the setup
 * file gives the real ones back after each file and checks it (test/fixtures/setup-file.ts), so a file that
 * fakes them shares a worker (a process of its own costs a fork and the imports again: vitest on the 4 such
 * files took 9.6 s of CPU, 8.5 shared; busy machine).
 */
const TOUCHES_THE_PROCESS = /process\.chdir|memoryUsage|vi\.spyOn\(process|vi\.stub(Env|Global)|vi\.(do)?mock\(/;
const OWN_PROCESS = ALL.filter(
  (file) =>
    !HEAVY.includes(file) &&
    !ALONE.includes(file) &&
    TOUCHES_THE_PROCESS.test(fs.readFileSync(path.join(ROOT, file), 'utf8')),
);

export default defineConfig({
  test: {
    // Before the test processes fork: the CLI's bundle built once, the packaged Chromium unpacked once.
    globalSetup: ['test/fixtures/global-setup.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    // A stuck-test guard, not a speed check: generous, so that a machine busy with other work is slow, not red.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The projects of a group in this order, each project's longest file first (test/fixtures/longest-first.ts).
    sequence: { sequencer: longestFirst(['heavy', 'own-process', 'shared', 'alone'], ESTIMATES) },
    // scrypt at N = 1,024 instead of 16,384 for the hashes made during the tests, in the test processes
    // and the CLIs they start (src/cloud/domain/passwords.ts; test/cloud/passwords.test.ts checks that a
    // CLI started without it hashes at full cost). The portals' tests hash and verify a few passwords each.
    env: { TIMECLOCK_TEST_SCRYPT_N: '1024' },
    // vitest's default leaves a core idle (cores − 1: one worker on two cores); many files here wait on
    // sockets and child processes, so a worker per core keeps both busy.
    maxWorkers: Math.max(2, os.availableParallelism()),
    // Runs in every file, however many share a worker: closes what the helpers opened for each test.
    setupFiles: ['test/fixtures/setup-file.ts'],
    projects: [
      {
        // Each worker (a process per core) runs file after file with the modules it imported before
        // (isolate: false): a file's start-up is the import of its sources, about 1 s of CPU in a fresh
        // process, most of it spared. Servers and child processes a file starts are its own to close.
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ['node_modules/**', ...OWN_PROCESS, ...HEAVY, ...ALONE],
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'own-process', include: OWN_PROCESS },
      },
      {
        extends: true,
        test: { name: 'heavy', include: HEAVY },
      },
      {
        extends: true,
        test: { name: 'alone', include: ALONE, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
