// The cloud's database room: SQL only — the store (one SQLite file, migrated on open), its tables and
// queries (`*-store.ts`). Only the domain (../domain/) and the wiring (../cloud.ts, ../server.ts) use it.

// What leaves this room, by name.
export { type CloudStore, openCloudStore } from './store.js';
export { ACCOUNT_ROLES, type Account, type AccountRole, type ApiToken } from './accounts-store.js';
export { type ClockChange } from './clock-changes-store.js';
export { type PunchQuery } from './clocks-store.js';
export { sessionSecret, sqliteSessionStore } from './session-store.js';
// The day table's build from scratch, as migration 7 runs it: the test that the triggers keep the same table.
export { fillPunchDays } from './punch-days-store.js';
export { MARK_ADDED, MARK_CORRECTED, MARK_NONE, parsePacked, PunchColumns, type PunchBatch } from './punch-columns.js';
export { TimesheetRepository, type TimesheetEmployee, type TimesheetRow } from './timesheet-store.js';
export { type CorrectionKind, type PunchCorrection } from './punch-corrections-store.js';
export {
  ACTOR_KINDS,
  AUDIT_KINDS,
  type ActorKind,
  type AuditEntry,
  type AuditKind,
  type AuditQuery,
} from './audit-store.js';
