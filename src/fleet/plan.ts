// The plan of a run, drawn from the seed: what each clock's employees do and when, the drops and reboots
// it suffers, and which employees the portal changes. Each clock draws from its own PRNG seeded by the
// run's seed and its global index, so a shard draws exactly what one process would for the same clock.
import { seededRandom, type Random } from '../scenario/index.js';
import { employeeAt } from './identity.js';
import { VERIFY_KINDS, type FleetProfile, type Moment, type PortalChange, type VerifyKind } from './profile.js';

/** One thing that happens to a clock, `at` ms after the run's start; kept sorted by `at`. */
export type PlanStep =
  | { at: number; kind: 'punch'; slot: number; verify: VerifyKind; draw: number }
  | { at: number; kind: 'drop'; link: 'internet' | 'cable'; up: boolean }
  | { at: number; kind: 'power'; on: boolean };

export interface PortalStep {
  at: number;
  change: PortalChange['change'] | 'add-back';
  /** Global employee numbers (clock index × per clock + slot). */
  employees: number[];
}

/** Mixes the run's seed with a clock's index (splitmix32), so neighbouring clocks draw unrelated numbers. */
export function clockSeed(seed: number, index: number): number {
  let z = (seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** Uniform within ±spread of the moment, never before the start. */
function when(random: Random, moment: Moment): number {
  return Math.max(0, Math.round(moment.atMs + (random() * 2 - 1) * moment.spreadMs));
}

function pickVerify(random: Random, mix: Record<VerifyKind, number>): VerifyKind {
  let r = random();
  for (const kind of VERIFY_KINDS) {
    if (r < mix[kind]) return kind;
    r -= mix[kind];
  }
  return 'pin';
}

/**
 * The steps of clock `index`. Every draw is made whether or not its step falls inside the run, so that
 * the same seed gives the same plan for any duration.
 */
export function planClock(profile: FleetProfile, seed: number, index: number): PlanStep[] {
  const random = seededRandom(clockSeed(seed, index));
  const steps: PlanStep[] = [];
  for (const window of profile.day) {
    for (let slot = 0; slot < profile.employeesPerClock; slot++) {
      const punches = random() < window.share;
      const at = when(random, window);
      const verify = pickVerify(random, profile.verify);
      const draw = Math.floor(random() * 0x7fffffff);
      if (punches) steps.push({ at, kind: 'punch', slot, verify, draw });
    }
  }
  for (const drop of profile.drops) {
    const hit = random() < drop.share;
    const at = when(random, drop);
    if (!hit) continue;
    steps.push({ at, kind: 'drop', link: drop.kind, up: false });
    steps.push({ at: at + drop.lengthMs, kind: 'drop', link: drop.kind, up: true });
  }
  for (const reboot of profile.reboots) {
    const hit = random() < reboot.share;
    const at = when(random, reboot);
    if (!hit) continue;
    steps.push({ at, kind: 'power', on: false });
    steps.push({ at: at + reboot.offMs, kind: 'power', on: true });
  }
  // Stable: steps due together keep the order above (a punch before a drop that starts with it).
  return steps.sort((a, b) => a.at - b.at);
}

/**
 * The portal's changes, with the employees each one is made for, drawn from the whole fleet (all shards):
 * each shard then makes the ones whose clock it runs. An add-remove is two steps: off, and back after
 * its gap.
 */
export function planPortal(profile: FleetProfile, seed: number, clocks: number): PortalStep[] {
  const everyone = clocks * profile.employeesPerClock;
  const steps: PortalStep[] = [];
  profile.portal.forEach((change, i) => {
    const random = seededRandom(clockSeed(seed ^ 0x5eed, 1_000_000 + i));
    const employees = sample(random, everyone, Math.min(change.employees, everyone));
    steps.push({ at: change.atMs, change: change.change, employees });
    if (change.change === 'add-remove') steps.push({ at: change.atMs + change.gapMs, change: 'add-back', employees });
  });
  return steps.sort((a, b) => a.at - b.at);
}

/** k distinct numbers of 0 … n-1, in increasing order (Floyd's sampling: k draws whatever n is). */
function sample(random: Random, n: number, k: number): number[] {
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = Math.floor(random() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** The portal step's employees that belong to clocks this process runs. */
export function employeesIn(step: PortalStep, perClock: number, runs: (index: number) => boolean): number[] {
  return step.employees.filter((n) => runs(employeeAt(n, perClock).index));
}
