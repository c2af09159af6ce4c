// Employees → list view: "Search for employee" in the upper right (last name, first name or employee ID),
// a page of the matches with their Clocks section at a glance, and the way to the next page.
import type { Employee } from '../types.js';
import type { Identity } from './context.js';
import { ROLE_LABELS } from './fields.js';
import { Layout, type Flash } from './layout.js';
import { ColumnHeads } from './page-parts.js';

export interface ListProps {
  identity: Identity;
  csrf: string;
  q: string;
  offset: number;
  limit: number;
  total: number;
  employees: Employee[];
  flash?: Flash | undefined;
}

const count = (n: number) => n.toLocaleString('en-US');

function pageHref(q: string, offset: number, limit: number): string {
  const params = new URLSearchParams();
  if (q !== '') params.set('q', q);
  if (offset > 0) params.set('offset', String(offset));
  if (limit !== 50) params.set('limit', String(limit));
  const query = params.toString();
  return query === '' ? '/employees' : `/employees?${query}`;
}

export function EmployeesListPage({ identity, csrf, q, offset, limit, total, employees, flash }: ListProps) {
  const first = employees.length === 0 ? 0 : offset + 1;
  const last = offset + employees.length;
  return (
    <Layout title="Employees" identity={identity} csrf={csrf} section="employees" flash={flash}>
      <div class="page-head">
        <h1>Employees</h1>
        <form class="search" method="get" action="/employees" role="search">
          <label for="q">Search for employee</label>
          <input id="q" name="q" type="search" value={q} placeholder="Last name or employee ID" />
          <button type="submit">Search</button>
        </form>
      </div>
      <div class="list-tools">
        <p id="range" role="status">
          {total === 0
            ? q === ''
              ? 'No employees yet.'
              : `No employee matches “${q}”.`
            : `${count(first)}–${count(last)} of ${count(total)}${q === '' ? '' : ` matching “${q}”`}`}
        </p>
        {identity.role === 'sysadmin' && (
          <span class="actions">
            <a class="button" href="/employees/import">
              Import from CSV
            </a>
            <a class="button" href="/employees/assign">
              Assign to clocks
            </a>
            <a class="button primary" href="/employees/new">
              New employee
            </a>
          </span>
        )}
      </div>
      {employees.length > 0 && (
        <table aria-describedby="range">
          <caption class="visually-hidden">Employees</caption>
          <ColumnHeads names={['Employee ID', 'Name', 'Badge #', 'Non-secure', 'Clock Role', 'Clocks']} />
          <tbody>
            {employees.map((e) => (
              <tr>
                <td>
                  <a href={`/employees/${encodeURIComponent(e.employeeId)}`}>{e.employeeId}</a>
                </td>
                <td>{`${e.lastName}${e.firstName === '' ? '' : `, ${e.firstName}`}`}</td>
                <td>{e.badge}</td>
                <td>{e.nonSecure ? 'On' : 'Off'}</td>
                <td>{ROLE_LABELS[e.role] ?? e.role}</td>
                <td>
                  {e.inactiveClocks !== undefined ? 'Inactive' : e.clocks.length === 0 ? '—' : e.clocks.join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > limit && (
        <nav class="pager" aria-label="Pages">
          {offset > 0 && <a href={pageHref(q, Math.max(0, offset - limit), limit)}>Previous page</a>}
          {last < total && <a href={pageHref(q, offset + limit, limit)}>Next page</a>}
        </nav>
      )}
    </Layout>
  );
}
