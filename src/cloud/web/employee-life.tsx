// An employee's rename and delete pages: a new name with what it sends to the clocks, and deletion
// with what happens to their clocks, fingerprints and punches said before the button.
import type { DeletionNotice } from '../domain/index.js';
import type { Employee } from '../types.js';
import type { Identity } from './context.js';
import { Layout } from './layout.js';
import { CancelAndSubmit, Crumbs, Problem } from './page-parts.js';

const nameOf = (e: Employee) => `${e.firstName} ${e.lastName}`.trim();
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The way back to the employee's profile, above the page's heading. */
function BackTo({ employee }: { employee: Employee }) {
  return <Crumbs href={`/employees/${encodeURIComponent(employee.employeeId)}`}>{nameOf(employee)}</Crumbs>;
}

export function DeletePage(props: { identity: Identity; csrf: string; notice: DeletionNotice }) {
  const { identity, csrf, notice } = props;
  const { employee, clocks, punches, fingerprints } = notice;
  const id = encodeURIComponent(employee.employeeId);
  return (
    <Layout title={`Delete ${nameOf(employee)}`} identity={identity} csrf={csrf} section="employees">
      <BackTo employee={employee} />
      <h1>{`Delete ${nameOf(employee)}?`}</h1>
      <ul class="consequences">
        <li>
          {clocks.length === 0
            ? 'No clock holds them: no clock is told.'
            : `Removed from ${plural(clocks.length, 'clock', 'clocks')} (DATA DELETE USERINFO PIN=${employee.badge}): ` +
              clocks.map((c) => (c.name === c.sn ? c.sn : `${c.name} (${c.sn})`)).join(', ') +
              '. They can no longer punch there.'}
        </li>
        <li>{`${plural(fingerprints, 'fingerprint is', 'fingerprints are')} deleted with the profile.`}</li>
        <li>
          {`${plural(punches, 'punch stays', 'punches stay')} in Punches, the exports and timesheets under employee ID ` +
            `${employee.employeeId}, without a name; badge ${employee.badge} becomes free for someone else.`}
        </li>
      </ul>
      <form method="post" action={`/employees/${id}/delete`} class="form-actions">
        <input type="hidden" name="_csrf" value={csrf} />
        <CancelAndSubmit cancel={`/employees/${id}`} submit={`Delete ${nameOf(employee)}`} />
      </form>
    </Layout>
  );
}

export interface RenameProps {
  identity: Identity;
  csrf: string;
  employee: Employee;
  firstName: string;
  lastName: string;
  error?: string;
}

export function RenamePage({ identity, csrf, employee, firstName, lastName, error }: RenameProps) {
  const id = encodeURIComponent(employee.employeeId);
  return (
    <Layout title={`Rename ${nameOf(employee)}`} identity={identity} csrf={csrf} section="employees">
      <BackTo employee={employee} />
      <h1>{`Rename ${nameOf(employee)}`}</h1>
      <p class="note">
        {employee.clocks.length === 0
          ? 'No clock holds this employee: the new name stays in the portal.'
          : `The profile goes again to ${employee.clocks.join(', ')}, which show the new name on a punch.`}
      </p>
      <Problem error={error} />
      <form method="post" action={`/employees/${id}/rename`} class="card-box">
        <input type="hidden" name="_csrf" value={csrf} />
        <div class="field">
          <label for="firstName">First name</label>
          <input id="firstName" name="firstName" value={firstName} maxLength={64} />
        </div>
        <div class="field">
          <label for="lastName">Last name</label>
          <input id="lastName" name="lastName" value={lastName} maxLength={64} required />
        </div>
        <button type="submit" class="primary">
          Rename
        </button>
      </form>
    </Layout>
  );
}
