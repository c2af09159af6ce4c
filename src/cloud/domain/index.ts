// The cloud's rules, as the HTTP layers (push, api, web) reach them: only this layer calls db/.
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
export { MAX_DAYS, MAX_EMPLOYEES, Timesheets, type EmployeeTimesheet, type Period } from './timesheets.js';
export {
  IMPORT_COLUMNS,
  IMPORT_MAX_ROWS,
  importEmployees,
  previewImport,
  type ImportPreview,
  type ImportRow,
} from './employee-import.js';
export { deletionNotice, renameEmployee, type DeletionNotice } from './employee-life.js';
