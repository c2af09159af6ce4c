// The embedded reference cloud: the server side of PUSH and the portal of the support article
// (employees, clocks, Clocks section, Add/Remove), over node:http or in-process.
export { createCloud, type Cloud, type CloudOptions } from './cloud.js';
export { Faults, noFaults, type FaultCount, type FaultSettings } from './domain/index.js';
export type { Listener } from './http.js';
export { EVENT_STREAM_HEADERS, guardHook, type PortalFace, type Watch } from './web/index.js';
export type { Change, Portal } from './domain/index.js';
export type { ClockChange } from './db/index.js';
export { userOf, profileCommands, VERIFY_NON_SECURE, VERIFY_SECURE } from './domain/index.js';
export type { CloudStore } from './db/index.js';
export type {
  ClocksSection,
  CloudClock,
  CloudPunch,
  CommandState,
  Employee,
  NewEmployee,
  QueuedCommand,
} from './types.js';
export type { Problem, Result } from './domain/index.js';
export { inProcessTransport, httpTransport, type PushTransport } from '../protocol/index.js';

// Re-exported so that other rooms reach these only through this index.
export { ACCOUNT_ROLES } from './db/index.js';
export { Accounts, COMMAND_LINE_ACTOR, FIRST_ACCOUNT } from './domain/index.js';
export { openCloudStore } from './db/index.js';
export { DAY_MS, hoursText, Timesheets, TIMESHEET_RULES, weekOf } from './domain/index.js';
