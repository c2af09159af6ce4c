// A driver for profiling the firmware step of a card tap: N taps of users in turn on an in-memory store,
// after a warm-up, with wall and CPU µs per tap. Run under `node --cpu-prof --import tsx` and read the
// .cpuprofile; `root` (a checkout, default this one) lets one run compare another branch in the same minute.
// Run: node --import tsx scripts/bench/step-profile.ts [taps] [root]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Firmware from '../../firmware/index.js';
import type * as Runtime from '../../src/runtime/index.js';

const N = Number(process.argv[2] ?? 20_000);
const root = path.resolve(process.argv[3] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../..'));
const USERS = 40_000;
const WARM = 2_000;

const firmware = (await import(path.join(root, 'firmware/index.ts'))) as typeof Firmware;
const runtime = (await import(path.join(root, 'src/runtime/index.ts'))) as typeof Runtime;

const clock = runtime.createClock({ store: 'memory', time: { virtual: '2026-11-25T08:00:00' } });
clock.load({
  users: Array.from({ length: USERS }, (_, i) =>
    firmware.newUser(String(10_000 + i), { card: String(50_000 + i), verifyMode: 0 }),
  ),
});
for (let i = 0; i < WARM; i++) clock.tapCard(String(50_000 + i));
const cpu = process.cpuUsage();
const started = performance.now();
for (let i = 0; i < N; i++) clock.tapCard(String(50_000 + WARM + (i % (USERS - WARM))));
const wall = performance.now() - started;
const used = process.cpuUsage(cpu);
const stored = clock.punches().length - WARM;
if (stored !== Math.min(N, USERS - WARM)) throw new Error(`${N} taps stored ${stored} punches`);
console.log(
  `${root}: per tap wall ${((wall * 1000) / N).toFixed(1)} µs, CPU ${((used.user + used.system) / N).toFixed(1)} µs`,
);
