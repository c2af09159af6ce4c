// The cloud's SQL: tables and queries that the domain layer reads and writes through.
export { TimesheetRepository, type TimesheetEmployee, type TimesheetRow } from './timesheet-store.js';
