// One employee's timesheet for a week: every in/out pair with its hours, the missing punches flagged, a
// total per day and for the week — a page meant to be printed (the bar and the forms are left out).
import { formatClock } from '../../../firmware/index.js';
import { dayText, hoursText, type EmployeeTimesheet, type TimesheetDay } from '../domain/index.js';
import { Layout } from './layout.js';
import { TimesheetRules, timesheetsHref, type ShownWeek } from './timesheets-view.js';

export interface TimesheetPageProps extends ShownWeek {
  timesheet: EmployeeTimesheet;
}

export function TimesheetPage(props: TimesheetPageProps) {
  const { identity, csrf, week, timesheet, dayNames } = props;
  const { employee, sheet } = timesheet;
  const name = `${employee.firstName} ${employee.lastName}`.trim() || employee.employeeId;
  const path = `/timesheets/${encodeURIComponent(employee.employeeId)}`;
  return (
    <Layout title={`Timesheet of ${name}`} identity={identity} csrf={csrf} section="timesheets">
      <p class="crumbs no-print">
        <a href={timesheetsHref('/timesheets', { week })}>Timesheets</a>
      </p>
      <h1>{`Timesheet of ${name}`}</h1>
      <p class="employee-id">
        {'Employee ID '}
        <a href={`/employees/${encodeURIComponent(employee.employeeId)}`}>{employee.employeeId}</a>
        {`, week of ${week} (Monday to Sunday): `}
        <strong>{`${hoursText(sheet.minutes)} hours`}</strong>
        {sheet.missing > 0 ? `, ${sheet.missing} missing ${sheet.missing === 1 ? 'punch' : 'punches'}` : ''}
      </p>
      <nav class="paging no-print" aria-label="Weeks">
        <a href={timesheetsHref(path, { week: props.previousWeek })}>Previous week</a>
        <a href={timesheetsHref(path, { week: props.nextWeek })}>Next week</a>
        <a
          href={timesheetsHref('/timesheets.csv', { from: week, to: props.nextWeek, employee: employee.employeeId })}
          download
        >
          Export CSV
        </a>
        <a href={`/punches?employee=${encodeURIComponent(employee.employeeId)}`}>Punches (correct or void)</a>
        {identity.role === 'sysadmin' && (
          <a href={`/employees/${encodeURIComponent(employee.employeeId)}/punches/new`}>Add missed punch</a>
        )}
      </nav>
      <p class="note no-print">
        To print this timesheet, use the browser’s Print: the bar and the links stay off paper.
      </p>
      <table class="timesheet">
        <caption class="visually-hidden">{`In and out pairs of ${name}`}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">In</th>
            <th scope="col">Out</th>
            <th scope="col" class="number">
              Hours
            </th>
          </tr>
        </thead>
        {sheet.days.map((day, i) => (
          <DayRows day={day} name={dayNames[i] ?? dayText(day.date)} />
        ))}
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Week
            </th>
            <td class="number total">{hoursText(sheet.minutes)}</td>
          </tr>
        </tfoot>
      </table>
      <TimesheetRules />
    </Layout>
  );
}

/** A day's pairs and missing punches in time order, and its total. */
function DayRows({ day, name }: { day: TimesheetDay; name: string }) {
  const lines = [
    ...day.pairs.map((p) => ({
      at: p.in.time,
      in: timeOf(day, p.in.time) + markOf(p.in.mark),
      out: timeOf(day, p.out.time) + markOf(p.out.mark),
      hours: hoursText(p.minutes),
    })),
    ...day.missing.map((m) =>
      m.missing === 'out'
        ? { at: m.punch.time, in: timeOf(day, m.punch.time), out: 'missing out', hours: '' }
        : { at: m.punch.time, in: 'missing in', out: timeOf(day, m.punch.time), hours: '' },
    ),
  ].sort((a, b) => a.at - b.at);
  return (
    <tbody data-day={dayText(day.date)}>
      {lines.map((line, i) => (
        <tr>
          {i === 0 ? <th scope="row">{name}</th> : <td></td>}
          <td class={line.in === 'missing in' ? 'missing' : undefined}>{line.in}</td>
          <td class={line.out === 'missing out' ? 'missing' : undefined}>{line.out}</td>
          <td class="number">{line.hours}</td>
        </tr>
      ))}
      <tr class="day-total">
        {lines.length === 0 ? <th scope="row">{name}</th> : <td></td>}
        <td colSpan={2} class="muted">
          {lines.length === 0 ? 'no punches' : 'day'}
        </td>
        <td class="number">{hoursText(day.minutes)}</td>
      </tr>
    </tbody>
  );
}

/** ` (corrected)` or ` (added)` after a time an administrator changed. */
const markOf = (mark: string | undefined): string => (mark === undefined ? '' : ` (${mark})`);

/** `16:30`, or `06:15 (next day)` for the end of a night shift. */
function timeOf(day: TimesheetDay, t: number): string {
  const days = Math.floor((t - day.date) / 86_400_000);
  return days === 0 ? formatClock(t) : `${formatClock(t)} (${dayText(t)})`;
}
