// Seeding the fleet's own embedded cloud inside its process (cloud-child.ts): the same portal calls the API
// makes — register each clock, create its employees on it — without an HTTP request and a JSON body per
// employee, in one transaction per batch of clocks. 100,000 employees through the API took minutes on a
// busy machine; here each is the portal's own work only. A cloud at a URL is still seeded through its API.
import type { Cloud } from '../cloud/index.js';
import { employeeOf, FLEET_FINGER } from './identity.js';
import type { SeedTarget } from './portal-steps.js';
import { codedError } from '../errors.js';

/** Who the audit log names for the fleet's seeding. */
const FLEET_ACTOR = { kind: 'command-line', name: 'timeclock fleet' } as const;

/** Clocks per transaction: short enough that a cloud file's WAL stays small, long enough to amortize commits. */
const CLOCKS_PER_TRANSACTION = 500;

export interface Seeded {
  clocks: number;
  /** Employees created now; those already there (an earlier run on the same file) are left as they are. */
  employees: number;
}

/** Registers each clock and creates its employees, as POST /api/clocks and POST /api/employees would. */
export function seedInProcess(cloud: Cloud, clocks: readonly SeedTarget[], perClock: number): Seeded {
  const registry = cloud.registry.by(FLEET_ACTOR);
  const portal = cloud.portal.by(FLEET_ACTOR);
  const seeded: Seeded = { clocks: 0, employees: 0 };
  for (let from = 0; from < clocks.length; from += CLOCKS_PER_TRANSACTION) {
    cloud.store.transaction(() => {
      for (const { index, sn } of clocks.slice(from, from + CLOCKS_PER_TRANSACTION)) {
        registry.register({ sn });
        seeded.clocks++;
        for (let slot = 0; slot < perClock; slot++) {
          const { template, ...fields } = employeeOf(index, slot, perClock);
          const templates = [{ pin: fields.badge, fid: FLEET_FINGER, template, valid: true }];
          const created = portal.createEmployee({ ...fields, nonSecure: true, clocks: [sn], templates });
          if (created.ok) seeded.employees++;
          else if (created.problem.kind !== 'conflict')
            throw codedError('TC_ERR_FLEET_CLOUD', `seeding ${sn}: ${created.problem.message}`);
        }
      }
    });
  }
  return seeded;
}
