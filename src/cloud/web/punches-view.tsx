// Punches: the filter form (dates, employee, clock), the punches found with each one's employee linked to
// their profile, paging, and the link to the same punches as CSV.
import { FilterInput } from './fields.js';
import type { Employee } from '../types.js';
import type { Identity } from './context.js';
import { Layout } from './layout.js';
import { filterQuery, type PunchFilter } from './punch-filter.js';
import { ColumnHeads, FilterButtons, Problem } from './page-parts.js';

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
  /** An administrator's latest correction: what the punch is now, and who, when and why. */
  correction?: LineCorrection;
}

export interface LineCorrection {
  kind: 'added' | 'corrected' | 'void';
  time: string;
  status: string;
  reason: string;
  by: string;
  /** UTC, `2026-11-25 09:14`. */
  at: string;
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
  /** The employee the filter names, when it names one: their added punches and the "add" link. */
  employeeId?: string;
  added: PunchLine[];
  /** Corrections are offered to SysAdmins. */
  canCorrect: boolean;
}

export function PunchesPage(props: PunchesPageProps) {
  const { identity, csrf, filter, clocks, punches, choices, problems, after, next, employeeId, added, canCorrect } =
    props;
  return (
    <Layout title="Punches" identity={identity} csrf={csrf} section="punches">
      <h1>Punches</h1>
      <form class="filters" method="get" action="/punches" role="search" aria-label="Filter punches">
        <FilterInput id="from" label="From" type="date" value={filter.from} />
        <FilterInput id="to" label="To" type="date" value={filter.to} />
        <FilterInput id="employee" label="Employee ID or name" type="search" value={filter.employee} />
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
        <FilterButtons show="Show punches" csv={`/punches.csv${filterQuery(filter)}`} />
      </form>
      <p class="note">Times are the clocks' own local times, as each clock recorded them; dates filter on them.</p>
      {problems.map((problem) => (
        <Problem error={problem} />
      ))}
      {choices.length > 0 && <Choices filter={filter} choices={choices} />}
      {employeeId !== undefined && canCorrect && (
        <p>
          <a class="button" href={`/employees/${encodeURIComponent(employeeId)}/punches/new`}>
            Add missed punch
          </a>
        </p>
      )}
      {added.length > 0 && (
        <section aria-labelledby="added">
          <h2 id="added">Punches added by an administrator</h2>
          <PunchTable punches={added} canCorrect={canCorrect} />
        </section>
      )}
      <div data-live="punches" data-live-on="punch">
        {problems.length === 0 && choices.length === 0 && <PunchTable punches={punches} canCorrect={canCorrect} />}
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

function PunchTable({ punches, canCorrect }: { punches: PunchLine[]; canCorrect: boolean }) {
  if (punches.length === 0) return <p>No punches match.</p>;
  return (
    <table class="punches">
      <ColumnHeads
        names={["Time (clock's local)", 'Employee', 'PIN (badge #)', 'Clock', 'Status', 'Verified by', 'Correction']}
      />
      <tbody>
        {punches.map((p) => (
          <tr data-punch={p.id} class={p.correction === undefined ? undefined : `punch-${p.correction.kind}`}>
            <td>
              <Changed was={p.time} now={p.correction?.time} kind={p.correction?.kind} />
            </td>
            <td>
              {p.employeeId === undefined ? (
                <span class="muted">no employee has this badge</span>
              ) : (
                <a href={`/employees/${encodeURIComponent(p.employeeId)}`}>{p.employeeName ?? p.employeeId}</a>
              )}
            </td>
            <td>{p.pin}</td>
            <td>
              {p.sn === '' ? (
                <span class="muted">none</span>
              ) : (
                <a href={`/clocks/${encodeURIComponent(p.sn)}`}>{p.clockName === p.sn ? p.sn : p.clockName}</a>
              )}
            </td>
            <td>
              <Changed was={p.status} now={p.correction?.status} kind={p.correction?.kind} />
            </td>
            <td>{p.verify}</td>
            <td>
              {p.correction !== undefined && (
                <span class="correction">
                  <strong class={`mark mark-${p.correction.kind}`}>{p.correction.kind}</strong>
                  {` “${p.correction.reason}” — ${p.correction.by}, ${p.correction.at} UTC `}
                </span>
              )}
              {canCorrect && p.employeeId !== undefined && (
                <a href={`/punches/${p.id}/correct`} aria-label={`Correct or void the punch of ${p.time}`}>
                  Correct
                </a>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The clock's value struck through beside the corrected one; a voided punch's value struck through alone. */
function Changed({ was, now, kind }: { was: string; now: string | undefined; kind: string | undefined }) {
  if (kind === 'void') return <del>{was}</del>;
  if (now === undefined || now === was || kind === 'added') return <>{now ?? was}</>;
  return (
    <>
      <del>{was}</del> <ins>{now}</ins>
    </>
  );
}
