// Whether a run tested what it planned: nothing lost is not enough. A run fails when a punch was lost, when
// the server answered no poll, when the profile planned punches and none was made, when more attempts than
// the stated share were refused for reasons the profile did not plan, or when a clock was never online.
// The same judgement for one process and for merged shards: it reads only the report.
import type { FleetReport } from './report.js';
import { OUTCOMES, type Outcome } from './tally.js';

/** Share of attempts that may be refused for unplanned reasons before the run fails (`--max-refused`). */
export const DEFAULT_MAX_REFUSED = 0.05;

/**
 * Refusals the profile does not ask for: the employee is not on the clock, has no finger or card, or the
 * screen said something else. Unknown cards and poor reads are drawn by the profile (`verify`), a clock
 * off by its reboots, and "already punched" is the firmware's rule against a repeat: none is a failure.
 */
const UNPLANNED: readonly Outcome[] = ['unknown user', 'not on the clock', 'no finger enrolled', 'no card', 'other'];

/** Clocks named in a failure at most; the report lists them all. */
const NAMED_CLOCKS = 5;

export interface Verdict {
  /** Why the run failed, one sentence each; empty when it passed. */
  failures: string[];
}

export function judge(r: Omit<FleetReport, 'verdict'>): Verdict {
  const t = r.totals;
  const failures: string[] = [];
  if (t.lost > 0) failures.push(`${t.lost} punches were lost (listed in the report)`);
  if (t.polls === 0) failures.push('the server answered no poll of any clock');
  const attempts = OUTCOMES.reduce((sum, o) => sum + t.attempts[o], 0);
  const refused = UNPLANNED.reduce((sum, o) => sum + t.attempts[o], 0);
  if (t.planned > 0 && t.made === 0) {
    failures.push(`the profile planned ${t.planned} punches and the clocks made none (${reasons(r)})${hint(r)}`);
  } else if (attempts > 0 && refused / attempts > r.run.maxRefused) {
    failures.push(
      `${refused} of ${attempts} attempts (${percent(refused / attempts)}) were refused for reasons the profile ` +
        `did not plan (${reasons(r)}), over --max-refused ${percent(r.run.maxRefused)}${hint(r)}`,
    );
  }
  const never = r.clocks.filter((c) => !c.wasOnline);
  if (never.length > 0) {
    const named = never.slice(0, NAMED_CLOCKS).map((c) => c.sn);
    const more = never.length > NAMED_CLOCKS ? ` and ${never.length - NAMED_CLOCKS} more` : '';
    failures.push(`${never.length} of ${r.clocks.length} clocks were never online (${named.join(', ')}${more})`);
  }
  return { failures };
}

/** `not on the clock 9, unknown card 1`: every refusal with its count, most first. */
function reasons(r: Omit<FleetReport, 'verdict'>): string {
  const counts = OUTCOMES.filter((o) => o !== 'punched' && r.totals.attempts[o] > 0)
    .map((o) => [o, r.totals.attempts[o]] as const)
    .sort((a, b) => b[1] - a[1]);
  return counts.length === 0 ? 'no attempt was made' : counts.map(([o, n]) => `${o} ${n}`).join(', ');
}

/** What to look at when the clocks hold none of the profile's employees. */
function hint(r: Omit<FleetReport, 'verdict'>): string {
  if (r.totals.attempts['not on the clock'] === 0) return '';
  return r.totals.onServer === undefined
    ? ': the cloud sent the clocks none of the employees; give --cloud-token so that the fleet seeds it'
    : ': the cloud sent the clocks none of the employees the fleet seeded';
}

function percent(share: number): string {
  return `${+(share * 100).toFixed(1)} %`;
}
