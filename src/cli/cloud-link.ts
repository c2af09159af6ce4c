// The clock's cloud for `timeclock run`: the embedded reference cloud in the same process (seeded with
// the demo company), an external PUSH server by URL, or none; and the panel's break / restore switch,
// which cuts the clock's line to the server so the icons and the offline queue behave as for real.
import path from 'node:path';
import { createCloud, type Cloud, type PortalFace } from '../cloud/index.js';
import type { Logger } from '../log.js';
import { CuttableLine, httpTransport } from '../protocol/index.js';
import type { Clock } from '../runtime/index.js';
import { startSync, type SyncLink } from '../sync/index.js';
import type { CloudControl } from '../tui/index.js';
import type { PortalInfo } from '../tui/index.js';
import { seedDemoEmployees } from './demo.js';
import { refusalAdvice } from './cloud-refusal.js';
import { firstAccount, keptAccount, type FirstAccount } from './portal-account.js';
import { listenOnLoopback } from '../loopback.js';
import { noCloudLink } from './no-cloud.js';

export interface CloudLink {
  control: CloudControl;
  /** The embedded cloud's address, when it runs. */
  url: string | undefined;
  /** The embedded cloud itself (its portal, accounts and store), when it runs. */
  cloud: Cloud | undefined;
  /** The portal's first SysAdmin, when this start made it. */
  firstAccount: FirstAccount | undefined;
  /** At a later start, the account whose password the file in the data folder keeps, if any. */
  keptAccount: FirstAccount | undefined;
  /** The embedded cloud's portal as the panel shows it (its address, the first SysAdmin), when it runs. */
  portal: PortalInfo | undefined;
  /** Resolves once pending commands and records have gone through; rejects while the cloud is unreachable. */
  whenIdle(): Promise<void>;
  stop(): Promise<void>;
}

export interface CloudLinkOptions {
  /** `embedded`, `none` or an http(s) URL. */
  target: string;
  dataDir: string;
  memory: boolean;
  demo: boolean;
  logger: Logger;
  /**
   * The embedded cloud's port, which must be free (0: any). Undefined: EMBEDDED_CLOUD_PORT when free,
   * else any free one.
   */
  port?: number;
  /** A CA (PEM) to trust for an https:// cloud with a self-signed certificate. */
  ca?: string;
  /** The device key a cloud at a URL issued this clock (`--cloud-key`); the embedded cloud issues its own. */
  key?: string;
  /**
   * The embedded cloud's time (default the host's). The handshake's Date sets the clock, so a clock in
   * virtual time that should stay there (a test, a benchmark) passes its own source's.
   */
  now?: () => number;
  /** Told once per refusal what to do about it (a 403 for an unregistered clock…), besides the log's warning. */
  notice?: (line: string) => void;
  /** The clock's face, among the embedded cloud's pages (src/face). */
  face?: PortalFace;
}

/** Where the embedded cloud listens when it can, so that the portal's address is the same at every start. */
export const EMBEDDED_CLOUD_PORT = 8081;

export async function connectCloud(clock: Clock, options: CloudLinkOptions): Promise<CloudLink> {
  if (options.target === 'none') return noCloudLink();
  const embedded = options.target === 'embedded' ? await startEmbeddedCloud(clock, options) : undefined;
  const cloud = embedded?.cloud;
  // Kept in the clock's settings, as an installer enters it on a clock: later runs against the same cloud
  // (embedded, or the same database served by `timeclock cloud`) send it without being told again.
  const deviceKey = embedded?.key ?? options.key;
  if (deviceKey !== undefined && clock.settings().cloudKey !== deviceKey) {
    clock.send({ type: 'settings.changed', settings: { ...clock.settings(), cloudKey: deviceKey } });
  }
  const account = cloud && firstAccount(cloud.accounts, options.memory ? undefined : options.dataDir);
  const kept = cloud && !account && !options.memory ? keptAccount(options.dataDir) : undefined;
  const url = cloud?.url ?? options.target;
  const http = httpTransport(url, { keepAlive: false, ...(options.ca ? { ca: options.ca } : {}) });
  const line = new CuttableLine(http, 'the cloud is cut off (simulator switch)');
  const link = startSync(clock, { transport: line, server: url, logger: options.logger });
  adviseOnRefusal(link, url, clock.serialNumber, options);
  return {
    control: syncControl(options.target === 'embedded' ? `embedded ${url}` : url, link, line, (problem) =>
      refusalAdvice(problem, url, clock.serialNumber),
    ),
    url: cloud?.url,
    cloud,
    firstAccount: account,
    keptAccount: kept,
    portal: cloud && { url: `${cloud.url}/`, firstAccount: account ?? kept },
    whenIdle: () => link.whenIdle(),
    async stop() {
      // Close the line first: a request hanging on a silent server must not hold the exit for its timeout.
      const stopping = link.stop();
      line.close();
      await stopping;
      await cloud?.close();
    },
  };
}

/**
 * `timeclock run --memory` for a clock in virtual time (tests, benchmarks): the cloud `target` names (the
 * embedded one by default, on any free port, with the demo company), and the embedded cloud on the
 * clock's own time, so that the handshake's Date leaves the clock where it is.
 */
export function connectMemoryCloud(clock: Clock, logger: Logger, target = 'embedded'): Promise<CloudLink> {
  return connectCloud(clock, {
    target,
    dataDir: '',
    memory: true,
    demo: true,
    logger,
    port: 0,
    now: () => clock.source.now(),
  });
}

/**
 * The embedded cloud knows one clock, its own, and hands it a new device key at every start (the key is
 * never on the wire for another to take); other serial numbers wait as pending, as on a separate cloud.
 */
async function startEmbeddedCloud(clock: Clock, options: CloudLinkOptions): Promise<{ cloud: Cloud; key: string }> {
  const cloud = createCloud({
    data: options.memory ? ':memory:' : path.join(options.dataDir, 'cloud.db'),
    logger: options.logger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.face ? { face: options.face } : {}),
  });
  cloud.registerClock(clock.serialNumber);
  const key = cloud.registry.issueKey(clock.serialNumber, false)!;
  if (options.demo && cloud.portal.searchEmployees('').length === 0) {
    seedDemoEmployees(cloud.portal, clock.serialNumber, clock.model);
  }
  const { taken } = await listenOnLoopback(cloud, {
    requested: options.port,
    fallback: EMBEDDED_CLOUD_PORT,
    code: 'TC_ERR_PORT',
    what: 'port',
  });
  if (taken !== undefined) {
    // The port actually used, not the one that was taken: the log is where one looks for the address.
    const used = Number(new URL(cloud.url!).port);
    options.logger.info({ taken, port: used }, `the embedded cloud’s port ${taken} is taken: listening on ${used}`);
  }
  return { cloud, key };
}

/** Says what to do when the cloud refuses the clock: once per kind of refusal, not at every retry. */
function adviseOnRefusal(link: SyncLink, url: string, serialNumber: string, options: CloudLinkOptions): void {
  let last: string | undefined;
  link.on('state.changed', ({ problem }) => {
    const advice = problem === undefined ? undefined : refusalAdvice(problem, url, serialNumber);
    if (advice === undefined || advice === last) return;
    last = advice;
    options.logger.warn({ problem }, `refused by the cloud: ${advice}`);
    options.notice?.(`refused: ${advice}`);
  });
}

function syncControl(
  target: string,
  link: SyncLink,
  line: CuttableLine,
  advice: (problem: string) => string | undefined,
): CloudControl {
  const listeners = new Set<() => void>();
  link.on('state.changed', () => listeners.forEach((listener) => listener()));
  // A handshake or SET OPTION may turn attendance upload off (TransFlag without AttLog): the panel says so.
  link.on('options.applied', () => listeners.forEach((listener) => listener()));
  return {
    target,
    status() {
      const { state, problem, attendanceUpload } = link.status();
      const why = problem === undefined ? state : `${problem}${advice(problem) ? ` — ${advice(problem)}` : ''}`;
      const detail = line.cut ? 'cut off (simulator)' : state === 'online' ? 'answering' : why;
      const status = { reachable: state === 'online' || state === 'connecting', detail };
      return attendanceUpload === undefined ? status : { ...status, attendanceUpload };
    },
    setReachable(reachable) {
      line.cut = !reachable;
      // Retry at once rather than after ErrorDelay: the switch is the user's, not the network's.
      void link.whenIdle().catch(() => {});
      listeners.forEach((listener) => listener());
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
