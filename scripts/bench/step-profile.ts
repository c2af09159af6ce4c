// A driver for profiling a card tap: N taps of users in turn on an in-memory store (the firmware step) or
// on a SQLite file in sync `normal` or `full` (the whole identify + punch), after a warm-up, with wall and
// CPU µs per tap. Run under `node --cpu-prof --import tsx` and read the .cpuprofile; `root` (a checkout,
// default this one) lets one run compare another branch in the same minute. With a gap (ms of virtual time
// between taps, as in real time; 0 by default, a frozen clock) the clock's timers fire between the taps as
// they would; the firmware's macrosteps and microsteps a tap (the timers' included) are counted by xstate's
// inspection in a run of their own, so that counting costs the timed run nothing.
// Run: node --import tsx scripts/bench/step-profile.ts [taps] [root] [memory|normal|full] [gap ms]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InspectionEvent } from 'xstate';
import type * as Firmware from '../../firmware/index.js';
import type * as Runtime from '../../src/runtime/index.js';

const N = Number(process.argv[2] ?? 20_000);
const root = path.resolve(process.argv[3] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../..'));
const STORE = process.argv[4] ?? 'memory';
if (!['memory', 'normal', 'full'].includes(STORE)) throw new Error(`store "${STORE}": memory, normal or full`);
const GAP = Number(process.argv[5] ?? 0);
const USERS = 40_000;
const WARM = 2_000;

const firmware = (await import(path.join(root, 'firmware/index.ts'))) as typeof Firmware;
const runtime = (await import(path.join(root, 'src/runtime/index.ts'))) as typeof Runtime;

const dir = STORE === 'memory' ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-step-'));
const users = Array.from({ length: USERS }, (_, i) =>
  firmware.newUser(String(10_000 + i), { card: String(50_000 + i), verifyMode: 0 }),
);

/** A clock seeded with the users, counting the firmware's steps when asked; its taps `gap` ms apart. */
function seededClock(file: string | undefined, inspect?: (event: InspectionEvent) => void) {
  const clock = runtime.createClock({
    store: file ?? 'memory',
    storeSync: STORE === 'full' ? 'full' : 'normal',
    time: { virtual: '2026-11-25T08:00:00' },
    ...(inspect ? { inspect } : {}),
  });
  clock.load({ users });
  const tap = (i: number) => {
    if (GAP > 0) clock.advance(GAP);
    clock.tapCard(String(50_000 + (i % USERS)));
  };
  return { clock, tap };
}

// The steps a tap costs, counted apart (a user's first punch each, as in the timed run).
const counted = { macro: 0, micro: 0 };
const counting = seededClock(dir && path.join(dir, 'counted.db'), (event) => {
  if (event.type === '@xstate.snapshot') counted.macro++;
  if (event.type === '@xstate.microstep') counted.micro++;
});
for (let i = 0; i < WARM; i++) counting.tap(i);
Object.assign(counted, { macro: 0, micro: 0 });
for (let i = WARM; i < 2 * WARM; i++) counting.tap(i);
counting.clock.close();

const { clock, tap } = seededClock(dir && path.join(dir, 'clock.db'));
for (let i = 0; i < WARM; i++) tap(i);
const cpu = process.cpuUsage();
const started = performance.now();
for (let i = 0; i < N; i++) tap(WARM + (i % (USERS - WARM)));
const wall = performance.now() - started;
const used = process.cpuUsage(cpu);
const stored = clock.punches().length - WARM;
clock.close();
if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
if (stored !== Math.min(N, USERS - WARM)) throw new Error(`${N} taps stored ${stored} punches`);
console.log(
  `${root} (${STORE}, taps ${GAP} ms apart): per tap wall ${((wall * 1000) / N).toFixed(1)} µs, ` +
    `CPU ${((used.user + used.system) / N).toFixed(1)} µs; ` +
    `${(counted.macro / WARM).toFixed(2)} macrosteps and ${(counted.micro / WARM).toFixed(2)} microsteps a tap`,
);
