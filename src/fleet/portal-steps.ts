// What the fleet asks of the portal: before the run, the clocks and the employees assigned to each (the
// cloud then sends every clock its roster with its normal PUSH commands); during it, the profile's changes.
import type { CloudApi } from './cloud-api.js';
import { inParallel, type Queued } from './cloud-api.js';
import { employeeAt, employeeOf } from './identity.js';
import type { PortalStep } from './plan.js';

/** API calls in flight at once: enough to keep the cloud busy, few enough not to starve its clocks. */
const API_CONCURRENCY = 8;

export interface SeedTarget {
  index: number;
  sn: string;
}

/** Registers each clock and creates its employees; `progress` hears how many clocks are done. */
export async function seedCloud(
  api: CloudApi,
  clocks: readonly SeedTarget[],
  perClock: number,
  progress?: (done: number) => void,
): Promise<void> {
  let done = 0;
  await inParallel(clocks, API_CONCURRENCY, async ({ index, sn }) => {
    await api.registerClock(sn);
    for (let slot = 0; slot < perClock; slot++) await api.createEmployee(employeeOf(index, slot, perClock), sn);
    progress?.(++done);
  });
}

/**
 * Makes one portal change for the given employees (global numbers); every command it queued is noted
 * with the time of the call, for the command round trips.
 */
export async function applyPortalStep(
  api: CloudApi,
  step: PortalStep,
  employees: readonly number[],
  perClock: number,
  snOf: (index: number) => string,
  queuedAt: Map<string, number>,
): Promise<number> {
  let queuedCount = 0;
  await inParallel(employees, API_CONCURRENCY, async (n) => {
    const { index, slot } = employeeAt(n, perClock);
    const { employeeId } = employeeOf(index, slot, perClock);
    const started = performance.now();
    let queued: Queued;
    if (step.change === 'non-secure-off' || step.change === 'non-secure-on') {
      queued = await api.setNonSecure(employeeId, step.change === 'non-secure-on');
    } else {
      queued = await api.addRemove(employeeId, step.change === 'add-back' ? [snOf(index)] : []);
    }
    for (const { id } of queued) queuedAt.set(String(id), started);
    queuedCount += queued.length;
  });
  return queuedCount;
}
