// `cloud: { url }`: the clocks' sync links talk real HTTP to an attendance server the scenario does
// not control. Only the link's own questions make sense then; the portal, faults and seeding belong to
// that server, and the loader refuses them before a run starts.
import type { Logger } from '../log.js';
import type { Clock } from '../runtime/index.js';
import { startSync, type SyncLink } from '../sync/index.js';
import type { CloudHarness } from './cloud-harness.js';
import { codedError } from '../errors.js';

export function createUrlCloud(url: string, logger: Logger): CloudHarness {
  const links = new Map<string, SyncLink>();
  const refuse = (what: string) => (): never => {
    throw codedError('TC_ERR_SCENARIO_NEEDS_CLOUD', `${what} needs the embedded cloud; this scenario talks to ${url}`);
  };
  return {
    realTime: true,
    seed: () => undefined,
    connect(clock: Clock) {
      links.set(clock.serialNumber, startSync(clock, { url, logger }));
    },
    portal: refuse('a portal operation'),
    setAvailable: refuse('switching the cloud off'),
    fault: refuse('a cloud fault'),
    whenIdle(serial) {
      const link = links.get(serial);
      return link
        ? link.whenIdle()
        : Promise.reject(codedError('TC_ERR_SCENARIO_STEP', `clock ${serial} has no sync link`));
    },
    punches: refuse('counting the cloud’s punches'),
    commands: refuse('reading the cloud’s commands'),
    employee: refuse('reading the cloud’s employees'),
    hours: refuse('reading the cloud’s timesheets'),
    async close() {
      await Promise.all([...links.values()].map((link) => link.stop()));
    },
  };
}
