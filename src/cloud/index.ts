// The embedded reference cloud: the server side of PUSH and the portal of the support article
// (employees, clocks, Clocks section, Add/Remove), over node:http or in-process.
export { createCloud, type Cloud, type CloudOptions } from './cloud.js';
export { Faults, noFaults, type FaultCount, type FaultSettings } from './faults.js';
export type { Listener } from './http.js';
export { EVENT_STREAM_HEADERS, type PortalFace } from './web/index.js';
export { guardHook } from './web-guard.js';
export type { Change, Portal } from './portal.js';
export type { ClockChange } from './clock-changes-store.js';
export { userOf, profileCommands, VERIFY_NON_SECURE, VERIFY_SECURE } from './profile.js';
export type { CloudStore } from './store.js';
export type {
  ClocksSection,
  CloudClock,
  CloudPunch,
  CommandState,
  Employee,
  NewEmployee,
  QueuedCommand,
} from './types.js';
export type { Problem, Result } from './validate.js';
export { inProcessTransport, httpTransport, type PushTransport } from '../protocol/index.js';

// Re-exported so that other rooms reach these only through this index.
export { ACCOUNT_ROLES } from './accounts-store.js';
export { Accounts, FIRST_ACCOUNT } from './accounts.js';
export { openCloudStore } from './store.js';
