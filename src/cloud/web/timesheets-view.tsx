// Timesheets → the week of every employee: hours per day and for the week, missing punches flagged,
// the rules stated under the table; each name leads to that employee's week of in/out pairs.
import { FilterInput } from './fields.js';
import { dayText, hoursText, TIMESHEET_RULES, type EmployeeTimesheet, type TimesheetDay } from '../domain/index.js';
import type { Identity } from './context.js';
import { Layout } from './layout.js';
import { Problem } from './page-parts.js';

/** The week a timesheet page shows, and its neighbours for the links. */
export interface ShownWeek {
  identity: Identity;
  csrf: string;
  /** Monday of the week shown, `YYYY-MM-DD`. */
  week: string;
  previousWeek: string;
  nextWeek: string;
  /** The 7 days' headings: `Mon 11-23`. */
  dayNames: string[];
}

export interface TimesheetsPageProps extends ShownWeek {
  employee: string;
  sheets: EmployeeTimesheet[];
  offset: number;
  limit: number;
  total: number;
  problems: string[];
}

/** `/timesheets?week=…&employee=…&offset=…` with the empty parts left out. */
export function timesheetsHref(path: string, params: Record<string, string | number>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== '' && value !== 0) query.set(key, String(value));
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

export function TimesheetsPage(props: TimesheetsPageProps) {
  const { identity, csrf, week, employee, sheets, offset, limit, total, problems } = props;
  const last = offset + sheets.length;
  return (
    <Layout title="Timesheets" identity={identity} csrf={csrf} section="timesheets">
      <h1>Timesheets</h1>
      <form class="filters" method="get" action="/timesheets" role="search" aria-label="Choose the week">
        <FilterInput id="week" label="Week of" type="date" value={week} />
        <FilterInput id="employee" label="Employee ID or name" type="search" value={employee} />
        <button type="submit" class="primary">
          Show hours
        </button>
        <a
          class="button"
          href={timesheetsHref('/timesheets.csv', { from: week, to: props.nextWeek, employee })}
          download
        >
          Export CSV
        </a>
      </form>
      {problems.map((problem) => (
        <Problem error={problem} />
      ))}
      <nav class="paging no-print" aria-label="Weeks">
        <a href={timesheetsHref('/timesheets', { week: props.previousWeek, employee })}>Previous week</a>
        <a href={timesheetsHref('/timesheets', { week: props.nextWeek, employee })}>Next week</a>
      </nav>
      <p id="range" role="status">
        {total === 0
          ? 'No employee matches.'
          : `Employees ${offset + 1}–${last} of ${total}, week of ${week} (Monday to Sunday).`}
      </p>
      {sheets.length > 0 && <WeekTable {...props} />}
      {total > limit && (
        <nav class="pager" aria-label="Pages of employees">
          {offset > 0 && (
            <a href={timesheetsHref('/timesheets', { week, employee, offset: Math.max(0, offset - limit) })}>
              Previous page
            </a>
          )}
          {last < total && <a href={timesheetsHref('/timesheets', { week, employee, offset: last })}>Next page</a>}
        </nav>
      )}
      <TimesheetRules />
    </Layout>
  );
}

function WeekTable({ sheets, dayNames, week }: TimesheetsPageProps) {
  return (
    <table class="timesheet" aria-describedby="range">
      <caption class="visually-hidden">Hours per day and for the week</caption>
      <thead>
        <tr>
          <th scope="col">Employee</th>
          {dayNames.map((name) => (
            <th scope="col" class="number">
              {name}
            </th>
          ))}
          <th scope="col" class="number">
            Week
          </th>
        </tr>
      </thead>
      <tbody>
        {sheets.map(({ employee, sheet }) => (
          <tr data-employee={employee.employeeId}>
            <th scope="row">
              <a href={timesheetsHref(`/timesheets/${encodeURIComponent(employee.employeeId)}`, { week })}>
                {`${employee.firstName} ${employee.lastName}`.trim() || employee.employeeId}
              </a>
            </th>
            {sheet.days.map((day) => (
              <DayCell day={day} />
            ))}
            <td class="number total">{hoursText(sheet.minutes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DayCell({ day }: { day: TimesheetDay }) {
  const flags = day.missing.map((m) => (m.missing === 'out' ? 'missing out' : 'missing in'));
  return (
    <td class="number" data-day={dayText(day.date)}>
      {day.minutes === 0 && flags.length === 0 ? <span class="muted">–</span> : hoursText(day.minutes)}
      {flags.map((flag) => (
        <span class="missing">{flag}</span>
      ))}
    </td>
  );
}

/** The rules, stated where the hours are read. */
export function TimesheetRules() {
  return (
    <section class="note rules" aria-labelledby="rules">
      <h2 id="rules">How hours are counted</h2>
      <ul>
        {TIMESHEET_RULES.map((rule) => (
          <li>{rule}</li>
        ))}
      </ul>
    </section>
  );
}
