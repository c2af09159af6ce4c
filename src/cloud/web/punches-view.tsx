// Punches: the filter form (dates, employee, clock), the punches found with each one's employee linked to
// their profile, paging, and the link to the same punches as CSV.
import type { Employee } from '../types.js';
import type { Identity } from './context.js';
import { Layout } from './layout.js';
import { filterQuery, type PunchFilter } from './punch-filter.js';

/** One punch as the page and the CSV show it. */
export interface PunchLine {
  id: number;
  /** The clock's local time, `2026-11-25 08:02:11`. */
  time: string;
  sn: string;
  clockName: string;
  pin: string;
  employeeId?: string;
  employeeName?: string;
  status: string;
  verify: string;
}

export interface PunchesPageProps {
  identity: Identity;
  csrf: string;
  filter: PunchFilter;
  clocks: { sn: string; name: string }[];
  punches: PunchLine[];
  choices: Employee[];
  problems: string[];
  /** The `after` of this page ('' on the first) and of the next one (undefined on the last). */
  after: string;
  next?: number;
}

export function PunchesPage(props: PunchesPageProps) {
  const { identity, csrf, filter, clocks, punches, choices, problems, after, next } = props;
  return (
    <Layout title="Punches" identity={identity} csrf={csrf} section="punches">
      <h1>Punches</h1>
      <form class="filters" method="get" action="/punches" role="search" aria-label="Filter punches">
        <div>
          <label for="from">From</label>
          <input id="from" name="from" type="date" value={filter.from} />
        </div>
        <div>
          <label for="to">To</label>
          <input id="to" name="to" type="date" value={filter.to} />
        </div>
        <div>
          <label for="employee">Employee ID or name</label>
          <input id="employee" name="employee" type="search" value={filter.employee} />
        </div>
        <div>
          <label for="sn">Clock</label>
          <select id="sn" name="sn">
            <option value="">All clocks</option>
            {clocks.map((c) => (
              <option value={c.sn} selected={c.sn === filter.sn}>
                {c.name === c.sn ? c.sn : `${c.name} (${c.sn})`}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="primary">
          Show punches
        </button>
        <a class="button" href={`/punches.csv${filterQuery(filter)}`} download>
          Export CSV
        </a>
      </form>
      <p class="note">Times are the clocks' own local times, as each clock recorded them; dates filter on them.</p>
      {problems.map((problem) => (
        <p class="flash error" role="alert">
          {problem}
        </p>
      ))}
      {choices.length > 0 && <Choices filter={filter} choices={choices} />}
      <div data-live="punches" data-live-on="punch">
        {problems.length === 0 && choices.length === 0 && <PunchTable punches={punches} />}
        <nav class="paging" aria-label="Pages of punches">
          {after !== '' && <a href={`/punches${filterQuery(filter)}`}>First page</a>}
          {next !== undefined && <a href={`/punches${filterQuery(filter, { after: String(next) })}`}>Next page</a>}
        </nav>
      </div>
    </Layout>
  );
}

function Choices({ filter, choices }: { filter: PunchFilter; choices: Employee[] }) {
  return (
    <section aria-labelledby="choices">
      <h2 id="choices">{`Several employees match “${filter.employee}”: choose one`}</h2>
      <ul>
        {choices.map((e) => (
          <li>
            <a href={`/punches${filterQuery(filter, { employee: e.employeeId })}`}>
              {`${e.lastName}, ${e.firstName} (employee ID ${e.employeeId}, badge ${e.badge})`}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PunchTable({ punches }: { punches: PunchLine[] }) {
  if (punches.length === 0) return <p>No punches match.</p>;
  return (
    <table class="punches">
      <thead>
        <tr>
          <th scope="col">Time (clock's local)</th>
          <th scope="col">Employee</th>
          <th scope="col">PIN (badge #)</th>
          <th scope="col">Clock</th>
          <th scope="col">Status</th>
          <th scope="col">Verified by</th>
        </tr>
      </thead>
      <tbody>
        {punches.map((p) => (
          <tr data-punch={p.id}>
            <td>{p.time}</td>
            <td>
              {p.employeeId === undefined ? (
                <span class="muted">no employee has this badge</span>
              ) : (
                <a href={`/employees/${encodeURIComponent(p.employeeId)}`}>{p.employeeName ?? p.employeeId}</a>
              )}
            </td>
            <td>{p.pin}</td>
            <td>
              <a href={`/clocks/${encodeURIComponent(p.sn)}`}>{p.clockName === p.sn ? p.sn : p.clockName}</a>
            </td>
            <td>{p.status}</td>
            <td>{p.verify}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
