// The runner's harness around the embedded reference cloud (src/cloud) and the clocks' sync links
// (src/sync): requests go in-process, and the cloud reads and waits on the scenario's virtual time.
import {
  createCloud,
  DAY_MS,
  hoursText,
  inProcessTransport,
  Timesheets,
  weekOf,
  type Cloud,
  type Employee,
  type Result,
} from '../cloud/index.js';
import { parseTimestamp } from '../../firmware/index.js';
import { formatCommandText } from '../protocol/index.js';
import type { Logger } from '../log.js';
import type { ClockSource } from '../runtime/index.js';
import type { Clock } from '../runtime/index.js';
import { startSync, type SyncLink } from '../sync/index.js';
import type { CloudCommandView, CloudHarness } from './cloud-harness.js';
import { templatesOf } from './seed.js';
import type { CloudFault, EmployeeSpec, PortalOp } from './types.js';
import { codedError } from '../errors.js';

export interface EmbeddedCloudOptions {
  source: ClockSource;
  logger: Logger;
  serials: readonly string[];
  /** The TimeZone the cloud hands every clock at the handshake. */
  timeZoneMinutes: number;
  /** Seconds between polls (the PUSH `Delay`); the cloud's default when undefined. */
  delaySeconds?: number;
  errorDelaySeconds?: number;
}

const FAULT_SETTING = {
  'drop-commands': 'dropCommands',
  'error-500': 'status500',
  timeout: 'hang',
  garbage: 'garbage',
  reset: 'reset',
} as const;

export function createEmbeddedCloud(options: EmbeddedCloudOptions): CloudHarness {
  const sleeper = new VirtualSleeper(options.source);
  const cloud: Cloud = createCloud(cloudOptions(options, sleeper));
  for (const serial of options.serials) cloud.registerClock(serial);
  const links = new Map<string, SyncLink>();
  const transport = inProcessTransport(cloud);
  return {
    embedded: cloud,
    seed(employees) {
      for (const employee of employees) add(cloud, employee);
    },
    connect(clock: Clock) {
      links.set(clock.serialNumber, startSync(clock, { transport, logger: options.logger }));
    },
    portal: (op) => portal(cloud, op),
    setAvailable(up) {
      if (up) {
        cloud.faults.clear();
        void cloud.comeBack();
      } else void cloud.goAway();
    },
    fault(fault: CloudFault, count) {
      cloud.faults.set({ [FAULT_SETTING[fault]]: count });
    },
    settle: () => settle(links, sleeper),
    whenIdle(serial) {
      const link = links.get(serial);
      return link
        ? link.whenIdle()
        : Promise.reject(codedError('TC_ERR_SCENARIO_STEP', `clock ${serial} has no sync link`));
    },
    ...views(cloud),
    async close() {
      await Promise.all([...links.values()].map((link) => link.stop()));
      transport.close();
      await cloud.close();
    },
  };
}

/**
 * The cloud's delay faults wait on virtual time, like everything else in a scenario; settle() must not
 * wait for a request that is waiting out such a delay, so the sleeper counts them and says when one starts.
 */
class VirtualSleeper {
  count = 0;
  /** What settle() races its links against; one for every settle() until a sleep starts. */
  private nextStart: { started: Promise<void>; resolve: () => void } | undefined;

  constructor(private readonly source: ClockSource) {}

  readonly sleep = (ms: number): Promise<void> => {
    this.count++;
    this.nextStart?.resolve();
    this.nextStart = undefined;
    return new Promise<void>((resolve) => {
      this.source.setTimeout(() => {
        this.count--;
        resolve();
      }, ms);
    });
  };

  /** Resolves when the next sleep starts. */
  oneStarts(): Promise<void> {
    if (this.nextStart === undefined) {
      let resolve = (): void => {};
      const started = new Promise<void>((done) => (resolve = done));
      this.nextStart = { started, resolve };
    }
    return this.nextStart.started;
  }
}

function cloudOptions(options: EmbeddedCloudOptions, sleeper: VirtualSleeper): Parameters<typeof createCloud>[0] {
  const { source } = options;
  return {
    now: () => source.now(),
    sleep: sleeper.sleep,
    logger: options.logger,
    push: {
      timeZoneMinutes: options.timeZoneMinutes,
      ...(options.delaySeconds === undefined ? {} : { delay: options.delaySeconds }),
      ...(options.errorDelaySeconds === undefined ? {} : { errorDelay: options.errorDelaySeconds }),
    },
  };
}

/**
 * True once no link has a round in flight; false when a request waits out a delay fault (only virtual
 * time can end it). Most calls of a day find every link idle: they have their answer at once, no promise.
 */
function settle(links: ReadonlyMap<string, SyncLink>, sleeper: VirtualSleeper): boolean | Promise<boolean> {
  for (const link of links.values()) if (link.working()) return settleWorking(links, sleeper);
  return true;
}

async function settleWorking(links: ReadonlyMap<string, SyncLink>, sleeper: VirtualSleeper): Promise<boolean> {
  for (;;) {
    const working: SyncLink[] = [];
    for (const link of links.values()) if (link.working()) working.push(link);
    if (working.length === 0) return true;
    if (sleeper.count > 0) return false;
    const settled = working.length === 1 ? working[0]!.settled() : Promise.all(working.map((link) => link.settled()));
    await Promise.race([settled, sleeper.oneStarts()]);
  }
}

function portal(cloud: Cloud, op: PortalOp): void {
  if (op.kind === 'add') return add(cloud, op.employee);
  const employee = employeeByBadge(cloud, op.badge);
  if (op.kind === 'update') {
    const section = {
      ...(op.newBadge === undefined ? {} : { badge: op.newBadge }),
      ...(op.nonSecure === undefined ? {} : { nonSecure: op.nonSecure }),
      ...(op.role === undefined ? {} : { role: op.role }),
      ...(op.clocks === undefined ? {} : { clocks: [...op.clocks].sort() }),
    };
    accepted(cloud.portal.saveClocksSection(employee.employeeId, section));
    return;
  }
  // The support article's repair: deselect the clocks and press Add/Remove (the clocks delete the
  // employee), then select them again and press Add/Remove (a fresh copy of the profile).
  const chosen = op.clocks ?? employee.clocks;
  accepted(
    cloud.portal.addRemove(
      employee.employeeId,
      employee.clocks.filter((sn) => !chosen.includes(sn)),
    ),
  );
  accepted(cloud.portal.addRemove(employee.employeeId, [...new Set([...employee.clocks, ...chosen])]));
}

function employeeByBadge(cloud: Cloud, badge: string): Employee {
  const employee = cloud.store.employees.findByBadge(badge);
  if (employee === undefined)
    throw codedError('TC_ERR_SCENARIO_STEP', `the portal has no employee with badge ${badge}`);
  return employee;
}

/** What a scenario's expectations read of the cloud. */
function views(cloud: Cloud): Pick<CloudHarness, 'punches' | 'commands' | 'employee' | 'hours'> {
  return {
    punches: (serial) => cloud.store.punches.count(serial),
    commands(serial): CloudCommandView[] {
      return cloud.store.commands
        .list({ sn: serial, limit: 100_000 })
        .map((c) => ({ state: c.state, text: formatCommandText(c.command) }));
    },
    employee(badge) {
      const e = cloud.store.employees.findByBadge(badge);
      return e && { badge: e.badge, nonSecure: e.nonSecure, role: e.role, clocks: e.clocks };
    },
    hours(badge, date) {
      const employee = cloud.store.employees.findByBadge(badge);
      return employee && hoursOn(cloud, employee.employeeId, date);
    },
  };
}

/** A portal operation's value; a refusal becomes the step's failure, with the portal's reason. */
function accepted<T>(result: Result<T>): T {
  if (!result.ok) throw codedError('TC_ERR_SCENARIO_STEP', `the portal refused: ${result.problem.message}`);
  return result.value;
}

function add(cloud: Cloud, e: EmployeeSpec): void {
  accepted(
    cloud.portal.createEmployee({
      employeeId: e.employeeId,
      firstName: e.first,
      lastName: e.last,
      badge: e.badge,
      nonSecure: e.nonSecure,
      role: e.role,
      clocks: [...e.clocks].sort(),
      card: e.card,
      password: e.password,
      templates: templatesOf(e),
    }),
  );
}

/** The hours of a date and of its week, by the timesheet the portal shows. */
function hoursOn(cloud: Cloud, employeeId: string, date: string): { day: string; week: string } | undefined {
  const day = parseTimestamp(`${date} 00:00:00`);
  if (day === undefined) return undefined;
  const week = weekOf(day);
  const found = new Timesheets(cloud.store).forEmployee(employeeId, { from: week, days: 7 });
  if (!found.ok) return undefined;
  const { sheet } = found.value;
  return { day: hoursText(sheet.days[(day - week) / DAY_MS]!.minutes), week: hoursText(sheet.minutes) };
}
