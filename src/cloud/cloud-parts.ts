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
  const floodLimits = { ...DEFAULT_FLOOD_LIMITS, ...options.floodLimits };
  const events = new CloudEvents();
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
    options: {
      options: pushOptions,
      resendAfterMs: options.resendAfterMs ?? 60_000,
      maxSends: options.maxSends ?? 10,
      commandsPerPoll: options.commandsPerPoll ?? 20,
    },
  };
  const records = new Records(store, now, onlineWithinMs);
  const employeeLife = new EmployeeLife(store, portal);
  const timesheets = new Timesheets(store);
  const api: ApiContext = {
    records,
    audit,
    employeeLife,
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
    events,
    now,
    onlineWithinMs,
    log,
    face: options.face,
  };
  const parts: ServerParts = {
    store,
    push,
    api,
    web,
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
  return { store, faults, events, portal, accounts, registry, log, quiet, push, server: parts };
}
