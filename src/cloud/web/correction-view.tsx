// The punch correction pages: a missed punch added to an employee, and one punch corrected (time, state)
// or voided — each form asking for the reason — with what the punch was and its corrections so far.
import { formatTimestamp } from '../../../firmware/index.js';
import { PUNCH_STATES, REASON_MAX, type EffectivePunch, type PunchCorrection } from '../domain/index.js';
import type { Employee } from '../types.js';
import type { Identity } from './context.js';
import { punchStatusText } from './labels.js';
import { Layout } from './layout.js';
import { Crumbs, Problem } from './page-parts.js';

const nameOf = (e: Employee) => `${e.firstName} ${e.lastName}`.trim() || e.employeeId;
/** `2026-11-24T08:00`, what a datetime-local input holds. */
const inputTime = (t: number) => formatTimestamp(t).slice(0, 16).replace(' ', 'T');
export const MARK_WORDS = { clock: 'as the clock sent it', added: 'added', corrected: 'corrected', void: 'void' };

function StateSelect({ value }: { value: number }) {
  return (
    <div class="field">
      <label for="status">State</label>
      <select id="status" name="status">
        {PUNCH_STATES.map((s) => (
          <option value={String(s)} selected={s === value}>
            {s === 255 ? 'no state (alternates)' : punchStatusText(s)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Reason({ id = 'reason', value = '' }: { id?: string; value?: string }) {
  return (
    <div class="field">
      <label for={id}>Reason (required)</label>
      <input id={id} name="reason" value={value} maxLength={REASON_MAX} required />
    </div>
  );
}

export interface AddPunchProps {
  identity: Identity;
  csrf: string;
  employee: Employee;
  time: string;
  status: number;
  reason: string;
  error?: string;
}

export function AddPunchPage({ identity, csrf, employee, time, status, reason, error }: AddPunchProps) {
  const id = encodeURIComponent(employee.employeeId);
  return (
    <Layout title={`Add a missed punch for ${nameOf(employee)}`} identity={identity} csrf={csrf} section="punches">
      <Crumbs href={`/punches?employee=${id}`}>{`Punches of ${nameOf(employee)}`}</Crumbs>
      <h1>{`Add a missed punch for ${nameOf(employee)}`}</h1>
      <p class="note">The punch counts in timesheets and exports as if the clock had sent it, marked “added”.</p>
      <Problem error={error} />
      <form method="post" action={`/employees/${id}/punches/new`} class="card-box">
        <input type="hidden" name="_csrf" value={csrf} />
        <div class="field">
          <label for="time">Time (clock local)</label>
          <input id="time" name="time" type="datetime-local" value={time} required />
        </div>
        <StateSelect value={status} />
        <Reason value={reason} />
        <button type="submit" class="primary">
          Add punch
        </button>
      </form>
    </Layout>
  );
}

export interface CorrectPunchProps {
  identity: Identity;
  csrf: string;
  employee: Employee | undefined;
  punch: EffectivePunch;
  history: PunchCorrection[];
  error?: string;
}

export function CorrectPunchPage({ identity, csrf, employee, punch, history, error }: CorrectPunchProps) {
  const who = employee === undefined ? punch.employeeId : nameOf(employee);
  const action = `/punches/${punch.target}`;
  return (
    <Layout title={`Correct a punch of ${who}`} identity={identity} csrf={csrf} section="punches">
      <Crumbs href={`/punches?employee=${encodeURIComponent(punch.employeeId)}`}>{`Punches of ${who}`}</Crumbs>
      <h1>{`Correct a punch of ${who}`}</h1>
      <p>{`Now: ${formatTimestamp(punch.time)}, ${punchStatusText(punch.status)} — ${MARK_WORDS[punch.mark]}.`}</p>
      <Problem error={error} />
      <form method="post" action={`${action}/correct`} class="card-box" aria-label="Correct the punch">
        <input type="hidden" name="_csrf" value={csrf} />
        <div class="field">
          <label for="time">Time (clock local)</label>
          <input id="time" name="time" type="datetime-local" value={inputTime(punch.time)} required />
        </div>
        <StateSelect value={punch.status} />
        <Reason />
        <button type="submit" class="primary">
          Correct punch
        </button>
      </form>
      {punch.mark !== 'void' && (
        <form method="post" action={`${action}/void`} class="card-box" aria-label="Void the punch">
          <input type="hidden" name="_csrf" value={csrf} />
          <p class="note">A voided punch stays listed, struck through, and no longer counts in timesheets.</p>
          <Reason id="void-reason" />
          <button type="submit">Void punch</button>
        </form>
      )}
      <CorrectionHistory history={history} />
    </Layout>
  );
}

function CorrectionHistory({ history }: { history: PunchCorrection[] }) {
  if (history.length === 0) return <p class="muted">No corrections yet: the punch is as the clock sent it.</p>;
  return (
    <section aria-labelledby="history">
      <h2 id="history">Corrections</h2>
      <ol class="corrections">
        {history.map((c) => (
          <li>
            {`${c.kind} → ${formatTimestamp(c.time)}, ${punchStatusText(c.status)}: “${c.reason}” — ${c.actor}, ` +
              `${new Date(c.madeAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`}
          </li>
        ))}
      </ol>
    </section>
  );
}
