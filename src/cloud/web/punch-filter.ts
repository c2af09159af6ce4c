// The punches page's filters, read from its query string: a date range (the clocks' local dates), an
// employee (an employee ID, or a name or ID to search for) and a clock; shared by the page and the CSV.
import { parseTimestamp } from '../../../firmware/index.js';
import type { PunchQuery } from '../domain/index.js';
import type { Employee } from '../types.js';
import type { WebContext } from './context.js';

export interface PunchFilter {
  /** `YYYY-MM-DD`, as typed; '' when not given. */
  from: string;
  to: string;
  /** An employee ID, or words of a name to search for. */
  employee: string;
  sn: string;
}

export interface ResolvedFilter {
  filter: PunchFilter;
  /** The store query without its paging; undefined when the filter cannot match anything as given. */
  query?: Omit<PunchQuery, 'limit' | 'afterId'>;
  employee?: Employee;
  /** Several employees match the words: the person picks one. */
  choices: Employee[];
  problems: string[];
}

/** How many employees a name search offers to choose from. */
const CHOICES = 20;

export function readFilter(raw: unknown): PunchFilter {
  const q = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const text = (key: string): string => (typeof q[key] === 'string' ? (q[key] as string).trim().slice(0, 100) : '');
  return { from: text('from'), to: text('to'), employee: text('employee'), sn: text('sn') };
}

export function resolveFilter(ctx: WebContext, filter: PunchFilter): ResolvedFilter {
  const problems: string[] = [];
  const from = dayBound(filter.from, '00:00:00', 'From', problems);
  const to = dayBound(filter.to, '23:59:59', 'To', problems);
  if (from !== undefined && to !== undefined && from > to) problems.push('From must be on or before To.');
  let employee: Employee | undefined;
  let choices: Employee[] = [];
  if (filter.employee !== '') {
    employee = ctx.records.employee(filter.employee);
    if (employee === undefined) {
      const found = ctx.portal.searchEmployees(filter.employee, CHOICES + 1);
      if (found.length === 1) employee = found[0];
      else if (found.length === 0) problems.push(`No employee has the ID or name “${filter.employee}”.`);
      else choices = found.slice(0, CHOICES);
    }
  }
  const resolved: ResolvedFilter = { filter, choices, problems };
  if (employee !== undefined) resolved.employee = employee;
  if (problems.length > 0 || choices.length > 0) return resolved;
  resolved.query = {
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(employee === undefined ? {} : { employeeId: employee.employeeId }),
    ...(filter.sn === '' ? {} : { sn: filter.sn }),
  };
  return resolved;
}

/** The filter as a query string (for links to other pages and to the CSV), with extra keys. */
export function filterQuery(filter: PunchFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value !== '') params.set(key, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function dayBound(date: string, time: string, label: string, problems: string[]): number | undefined {
  if (date === '') return undefined;
  const t = /^\d{4}-\d{2}-\d{2}$/.test(date) ? parseTimestamp(`${date} ${time}`) : undefined;
  if (t === undefined) problems.push(`${label} must be a date as YYYY-MM-DD, got “${date}”.`);
  return t;
}
