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
export type { ApiToken, ClockChange, PunchCorrection, PunchQuery, TimesheetEmployee } from '../db/index.js';
export {
  DAY_MS,
  dayOf,
  dayText,
  decimalHours,
  directionOf,
  hoursText,
  MAX_SHIFT_MS,
  pairPunches,
  TIMESHEET_RULES,
  timesheetOf,
  WARM_UP_MS,
  weekOf,
  type Direction,
  type MissingPunch,
  type Timesheet,
  type TimesheetDay,
  type TimesheetPunch,
  type WorkPair,
} from './timesheet.js';
export {
  actorText,
  checkPunchState,
  checkPunchTime,
  checkReason,
  PUNCH_STATES,
  PunchCorrections,
  REASON_MAX,
  type ChangeRecord,
  type EffectivePunch,
  type RecordChange,
} from './punch-corrections.js';
export { MAX_DAYS, MAX_EMPLOYEES, Timesheets, type EmployeeTimesheet, type Period } from './timesheets.js';
export { type SheetColumns } from './timesheet-columns.js';
export { MARK_ADDED, MARK_CORRECTED } from '../db/index.js';
export {
  IMPORT_COLUMNS,
  IMPORT_MAX_ROWS,
  importEmployees,
  previewImport,
  type ImportPreview,
  type ImportRow,
} from './employee-import.js';
export { deletionNotice, EmployeeLife, renameEmployee, type DeletionNotice } from './employee-life.js';
export { type StatusNotice } from './employee-status.js';
export { ASSIGN_MAX_EMPLOYEES, employeeIdsOf, type Assignment, type AssignmentPlan } from './bulk-assign.js';
export {
  actorOf,
  Audit,
  auditFilterOf,
  type AuditFilter,
  type AuditFilterText,
  clockActor,
  CLOUD_ACTOR,
  COMMAND_LINE_ACTOR,
  DEFAULT_AUDIT_KEEP,
  type Actor,
  type AuditChange,
} from './audit.js';
export { employeeFacts, employeeIdentity, type EmployeeFacts } from './audit-facts.js';
export type { AuditEntry, AuditKind, AuditQuery, ActorKind } from '../db/index.js';
export { ACTOR_KINDS, AUDIT_KINDS } from '../db/index.js';
