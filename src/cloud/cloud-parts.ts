// The cloud's parts made from its options: the store, the domain (portal, accounts, ingest, registry,
// records, the clock link, faults, events) and what each face is given (the PUSH, API and web contexts and
// the HTTP server's parts). createCloud (cloud.ts) gives them a life: listening, going away, closing.
import { createLogger, type Logger } from '../log.js';
import { defaultPushOptions } from '../protocol/index.js';
import type { ApiContext } from './api/index.js';
import type { CloudOptions } from './cloud.js';
import { openCloudStore, type CloudStore } from './db/index.js';
import {
  Accounts,
  Audit,
  CLOUD_ACTOR,
  DEFAULT_AUDIT_KEEP,
  ClockLink,
  ClockRegistry,
  CloudEvents,
  DEFAULT_REGISTRATION,
  Faults,
  Ingest,
  Portal,
  Records,
  EmployeeLife,
  Timesheets,
  PunchCorrections,
} from './domain/index.js';
import { BodyGate, ByteBudget, DEFAULT_FLOOD_LIMITS, RefusalLimiter } from './limits.js';
import { DEFAULT_LOG_LIMITS, LogLimiter } from './log-limit.js';
import type { PushContext } from './push/index.js';
import { DEFAULT_TIMEOUTS, type ServerParts } from './server.js';
import type { WebContext } from './web/index.js';

export interface CloudParts {
  store: CloudStore;
  faults: Faults;
  events: CloudEvents;
  portal: Portal;
  accounts: Accounts;
  registry: ClockRegistry;
  log: Logger;
  /** Warnings an outsider can cause, flushed at close. */
  quiet: LogLimiter;
  push: PushContext;
  /** What the HTTP server is built from (push, api and web contexts, guards, limits). */
  server: ServerParts;
}

/**
 * The parts of a cloud. `gone` says whether the cloud has gone away (fault injection); `goAway` is the
 * API's way to make it go (POST /api/faults/go-away).
 */
export function cloudParts(options: CloudOptions, gone: () => boolean, goAway: (forMs: number) => void): CloudParts {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const log = (options.logger ?? createLogger({ level: 'silent' })).child({ module: 'cloud' });
  const store = openCloudStore(options.data ?? ':memory:', now());
  const faults = new Faults();
  const quiet = new LogLimiter(log, now, { ...DEFAULT_LOG_LIMITS, ...options.logLimits });
  const events = new CloudEvents();
  const { audit, portal, accounts, ingest, registry } = domainOf(options, store, now, log, events);
  const { attlogStamp: _a, operlogStamp: _o, attphotoStamp: _p, ...defaults } = defaultPushOptions();
  const pushOptions = { ...defaults, ...options.push };
  const onlineWithinMs = 3 * pushOptions.delay * 1000;
  const push: PushContext = {
    link: new ClockLink(store, registry, faults, now, log, events),
    ingest,
    faults,
    events,
    now,
    sleep,
    log,
    quiet,
    options: pushLimitsOf(options, pushOptions),
  };
  const records = new Records(store, now, onlineWithinMs);
  const { employeeLife, timesheets, corrections } = pagesDomainOf(store, now, portal, audit);
  const api: ApiContext = {
    records,
    audit,
    employeeLife,
    corrections,
    portal,
    accounts,
    registry,
    faults,
    now,
    log,
    onlineWithinMs,
    token: options.token,
    // The answer must leave before the socket closes, hence the turn of the event loop.
    goAway: (forMs) => void setImmediate(() => goAway(forMs)),
  };
  const web: WebContext = {
    portal,
    audit,
    accounts,
    registry,
    records,
    employeeLife,
    timesheets,
    corrections,
    events,
    now,
    onlineWithinMs,
    log,
    face: options.face,
  };
  const parts = serverPartsOf(options, { store, push, api, web }, gone, log);
  return { store, faults, events, portal, accounts, registry, log, quiet, push, server: parts };
}

/** The PUSH options the clocks are given, with how often and how many times a command is sent. */
function pushLimitsOf(options: CloudOptions, pushOptions: PushContext['options']['options']): PushContext['options'] {
  return {
    options: pushOptions,
    resendAfterMs: options.resendAfterMs ?? 60_000,
    maxSends: options.maxSends ?? 10,
    commandsPerPoll: options.commandsPerPoll ?? 20,
  };
}

/** The HTTP server's parts: the faces' contexts, the host guard, the sessions, TLS, timeouts and flood limits. */
function serverPartsOf(
  options: CloudOptions,
  faces: Pick<ServerParts, 'store' | 'push' | 'api' | 'web'>,
  gone: () => boolean,
  log: Logger,
): ServerParts {
  const floodLimits = { ...DEFAULT_FLOOD_LIMITS, ...options.floodLimits };
  return {
    ...faces,
    guard: { allowedHosts: (options.allowedHosts ?? []).map((h) => h.toLowerCase()) },
    sessionTtlMs: options.sessionTtlMs ?? 8 * 3_600_000,
    secureCookies: options.tls !== undefined,
    tls: options.tls,
    timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
    gone,
    log,
    // Wall time, as the sockets' own timeouts: a virtual-time cloud's windows would never end.
    limiter: new RefusalLimiter(floodLimits, () => performance.now()),
    bodyBudget: new ByteBudget(floodLimits.bodyBytesInFlight),
    bodyGate: new BodyGate(floodLimits.bodiesPerAddress),
    routes: [],
  };
}

/** The domain objects the PUSH, API and portal faces share, each writing its audit rows. */
function domainOf(options: CloudOptions, store: CloudStore, now: () => number, log: Logger, events: CloudEvents) {
  const audit = new Audit(store, now, options.auditKeep ?? DEFAULT_AUDIT_KEEP);
  const portal = new Portal(store, now, log, events, audit);
  const accounts = new Accounts(store, now, log, audit);
  const ingest = new Ingest(store, portal, now, log, { adoptClockUsers: options.adoptClockUsers ?? true });
  const registry = new ClockRegistry(
    store,
    now,
    log,
    {
      ...DEFAULT_REGISTRATION,
      ...options.registration,
      autoRegister: options.autoRegister ?? false,
    },
    audit,
    CLOUD_ACTOR,
  );
  return { audit, portal, accounts, ingest, registry };
}

/** The domain objects only the API and the portal use: an employee's life, timesheets, punch corrections. */
function pagesDomainOf(store: CloudStore, now: () => number, portal: Portal, audit: Audit) {
  // Every correction's write calls this one seam, inside its transaction: one audit row (who, what, before, after).
  const corrections = new PunchCorrections(store, now, (change) =>
    audit.record(change.actor, {
      kind: 'punch',
      subject: (change.after ?? change.before)?.employeeId ?? '',
      action: change.kind,
      before: change.before,
      after: change.after,
    }),
  );
  return { employeeLife: new EmployeeLife(store, portal), timesheets: new Timesheets(store), corrections };
}
