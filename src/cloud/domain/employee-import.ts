// Employees from a spreadsheet: a CSV (read by csv-parse, not by hand) checked row by row against the
// rules of a new employee and against the portal (IDs and badges taken, clocks unknown) before anything
// is written; the preview lists each bad row with why, and the import adds the good rows only.
import { parse } from 'csv-parse/sync';
import type { Change, Portal } from './portal.js';
import type { CloudStore } from '../db/index.js';
import type { NewEmployee } from '../types.js';
import { checkNewEmployee, invalid, ok, type Result } from './validate.js';
import { CloudBadRequest } from '../errors.js';

/** The most rows one import takes: a large site, and a page a browser still shows. */
export const IMPORT_MAX_ROWS = 5_000;

/** The columns, as the header row names them (any case); the first four are required. */
export const IMPORT_COLUMNS = [
  'employee id',
  'first name',
  'last name',
  'badge',
  'clocks',
  'non-secure',
  'role',
  'card',
] as const;
const REQUIRED = IMPORT_COLUMNS.slice(0, 4);

export interface ImportRow {
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  employeeId: string;
  name: string;
  /** What is wrong with it; empty for a row that will be added. */
  errors: string[];
  employee?: NewEmployee;
}

export interface ImportPreview {
  rows: ImportRow[];
  good: number;
  bad: ImportRow[];
}

/** Reads and checks every row; writes nothing. A file that is not a CSV of these columns is one problem. */
export function previewImport(store: CloudStore, csv: string): Result<ImportPreview> {
  let records: string[][];
  try {
    records = parse(csv, { skip_empty_lines: true, trim: true, relax_column_count: true, bom: true }) as string[][];
  } catch (error) {
    return invalid(`the file is not a CSV that can be read: ${(error as Error).message}`, 'csv');
  }
  const [header, ...body] = records;
  if (header === undefined) return invalid('the file is empty: it needs a header row and a row per employee', 'csv');
  const columns = header.map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    return invalid(`the header row lacks ${missing.join(', ')} (columns: ${IMPORT_COLUMNS.join(', ')})`, 'csv');
  }
  const unknown = columns.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) return invalid(`unknown columns ${unknown.join(', ')}; known: ${IMPORT_COLUMNS.join(', ')}`);
  if (body.length > IMPORT_MAX_ROWS)
    return invalid(`at most ${IMPORT_MAX_ROWS} rows in one import, got ${body.length}`);
  const seenIds = new Map<string, number>();
  const seenBadges = new Map<string, number>();
  const rows = body.map((cells, i) => {
    const cell = (name: string): string => cells[columns.indexOf(name)] ?? '';
    const row = checkRow(store, i + 2, cell);
    sameInFile(row, 'employee ID', row.employeeId, seenIds);
    sameInFile(row, 'badge', cell('badge'), seenBadges);
    return row;
  });
  const bad = rows.filter((r) => r.errors.length > 0);
  return ok({ rows, good: rows.length - bad.length, bad });
}

/** Adds the good rows of the file in one transaction: all of them or, if any fails, none. */
export function importEmployees(
  store: CloudStore,
  portal: Portal,
  csv: string,
): Result<{ added: Change[]; skipped: ImportRow[] }> {
  const preview = previewImport(store, csv);
  if (!preview.ok) return preview;
  return store.transaction(() => {
    const added: Change[] = [];
    for (const row of preview.value.rows) {
      if (row.employee === undefined) continue;
      const created = portal.createEmployee(row.employee);
      if (!created.ok)
        throw new CloudBadRequest(
          `import: line ${row.line} passed the preview but not Save: ${created.problem.message}`,
        );
      added.push(created.value);
    }
    return ok({ added, skipped: preview.value.bad });
  });
}

function checkRow(store: CloudStore, line: number, cell: (name: string) => string): ImportRow {
  const employeeId = cell('employee id');
  const row: ImportRow = { line, employeeId, name: `${cell('first name')} ${cell('last name')}`.trim(), errors: [] };
  const nonSecure = yesNo(cell('non-secure'));
  if (nonSecure === 'bad') row.errors.push(`non-secure must be yes or no, got “${cell('non-secure')}”`);
  const clocks = cell('clocks')
    .split(/[\s;]+/)
    .filter((sn) => sn !== '');
  const checked = checkNewEmployee({
    employeeId,
    firstName: cell('first name'),
    lastName: cell('last name'),
    badge: cell('badge'),
    card: cell('card'),
    clocks,
    ...(nonSecure === 'bad' || nonSecure === undefined ? {} : { nonSecure }),
    ...(cell('role') === '' ? {} : { role: cell('role').toLowerCase() }),
  });
  if (!checked.ok) {
    row.errors.push(checked.problem.message);
    return row;
  }
  if (store.employees.get(employeeId)) row.errors.push(`employee ID ${employeeId} is taken`);
  const holder = store.employees.findByBadge(checked.value.badge);
  if (holder) row.errors.push(`badge ${checked.value.badge} is ${holder.employeeId}’s`);
  const unknownClocks = (checked.value.clocks ?? []).filter((sn) => !store.clocks.exists(sn));
  if (unknownClocks.length > 0) row.errors.push(`no clock with serial number ${unknownClocks.join(', ')}`);
  if (row.errors.length === 0) row.employee = checked.value;
  return row;
}

/** A later row with the same value as an earlier one is refused: the first stays, the repeat is named. */
function sameInFile(row: ImportRow, what: string, value: string, seen: Map<string, number>): void {
  if (value === '') return;
  const first = seen.get(value);
  if (first === undefined) return void seen.set(value, row.line);
  row.errors.push(`${what} ${value} is also on line ${first}`);
  delete row.employee;
}

function yesNo(text: string): boolean | undefined | 'bad' {
  const t = text.toLowerCase();
  if (t === '') return undefined;
  if (['yes', 'y', 'on', 'true', '1'].includes(t)) return true;
  if (['no', 'n', 'off', 'false', '0'].includes(t)) return false;
  return 'bad';
}
