// The page that asks before an employee is made inactive or active again, saying what each does to their
// clocks and punches.
import type { StatusNotice } from '../domain/index.js';
import type { Employee } from '../types.js';
import type { Identity } from './context.js';
import { Layout } from './layout.js';
import { CancelAndSubmit, Crumbs } from './page-parts.js';

const nameOf = (e: Employee) => `${e.firstName} ${e.lastName}`.trim();
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const clockList = (clocks: StatusNotice['clocks']) =>
  clocks.map((c) => (c.name === c.sn ? c.sn : `${c.name} (${c.sn})`)).join(', ');

export function StatusPage(props: { identity: Identity; csrf: string; notice: StatusNotice }) {
  const { identity, csrf, notice } = props;
  const { employee, clocks, punches } = notice;
  const id = encodeURIComponent(employee.employeeId);
  const deactivating = employee.inactiveClocks === undefined;
  const verb = deactivating ? 'Deactivate' : 'Reactivate';
  return (
    <Layout title={`${verb} ${nameOf(employee)}`} identity={identity} csrf={csrf} section="employees">
      <Crumbs href={`/employees/${id}`}>{nameOf(employee)}</Crumbs>
      <h1>{`${verb} ${nameOf(employee)}?`}</h1>
      <ul class="consequences">
        <li>
          {clocks.length === 0
            ? 'No clock is told: they are on none.'
            : deactivating
              ? `Removed from ${plural(clocks.length, 'clock', 'clocks')} (DATA DELETE USERINFO PIN=${employee.badge}): ` +
                `${clockList(clocks)}. They can no longer punch there.`
              : `A fresh copy of the profile goes back to ${plural(clocks.length, 'clock', 'clocks')}: ` +
                `${clockList(clocks)}. They can punch there again.`}
        </li>
        <li>
          {deactivating
            ? `The employee stays in the portal, with ${plural(punches, 'punch', 'punches')} and their timesheets; ` +
              'reactivating sends them back to the same clocks.'
            : `${plural(punches, 'punch', 'punches')} and their timesheets are as they were.`}
        </li>
      </ul>
      <form
        method="post"
        action={`/employees/${id}/${deactivating ? 'deactivate' : 'reactivate'}`}
        class="form-actions"
      >
        <input type="hidden" name="_csrf" value={csrf} />
        <CancelAndSubmit cancel={`/employees/${id}`} submit={`${verb} ${nameOf(employee)}`} />
      </form>
    </Layout>
  );
}
