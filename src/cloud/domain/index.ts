// The cloud's rules: accounts and passwords, the portal's operations, ingest of what clocks upload, the
// registration of clocks and how they prove who they are, faults and events. The only layer that calls ../db/.

// What leaves this room, by name.
export { Accounts, type Identity, FIRST_ACCOUNT } from './accounts.js';
export {
  invalid,
  ok,
  type Result,
  checkClockList,
  checkClocksSection,
  checkNewEmployee,
  type Problem,
  isSerialNumber,
} from './validate.js';
export { checkFaults, Faults, noFaults, type FaultCount, type FaultSettings, GARBAGE_BODY } from './faults.js';
export { Portal, type Change } from './portal.js';
export {
  ClockRegistry,
  DEFAULT_REGISTRATION,
  type NewClock,
  type Registered,
  type RegistrationOptions,
} from './registration.js';
export { CloudEvents } from './events.js';
export { Ingest } from './ingest.js';
export { userOf, profileCommands, VERIFY_NON_SECURE, VERIFY_SECURE } from './profile.js';
export { authenticate, browserHeader } from './device-auth.js';
export { generateToken } from './passwords.js';
export { Records } from './records.js';
export { ClockLink, type Delivery } from './clock-link.js';
// Records' shapes the domain hands the faces (the store itself stays inside).
export type { ApiToken, ClockChange, PunchQuery } from '../db/index.js';
