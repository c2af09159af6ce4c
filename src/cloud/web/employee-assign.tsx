// Employees → Assign to clocks: many employees (their IDs pasted, one per line or a spreadsheet's column)
// sent to, or removed from, the clocks checked; a confirmation page says how many before anything is sent.
import type { AssignmentPlan } from '../domain/index.js';
import type { Identity } from './context.js';
import { ClockCheckbox } from './fields.js';
import { Layout } from './layout.js';
import { CancelAndSubmit, Crumbs, Problem } from './page-parts.js';

export interface AssignValues {
  ids: string;
  clocks: string[];
  action: 'add' | 'remove';
}

export interface AssignProps {
  identity: Identity;
  csrf: string;
  clocks: { sn: string; name: string }[];
  values: AssignValues;
  problem?: string | undefined;
  /** Present on the confirmation page. */
  plan?: AssignmentPlan | undefined;
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function AssignPage(props: AssignProps) {
  const { identity, csrf, clocks, values, problem, plan } = props;
  return (
    <Layout title="Assign employees to clocks" identity={identity} csrf={csrf} section="employees">
      <Crumbs href="/employees">Employees</Crumbs>
      <h1>Assign employees to clocks</h1>
      <Problem error={problem} />
      {plan === undefined ? (
        <AssignForm {...props} />
      ) : (
        <Confirm plan={plan} values={values} csrf={csrf} clocks={clocks} />
      )}
    </Layout>
  );
}

function AssignForm({ csrf, clocks, values }: AssignProps) {
  return (
    <form method="post" action="/employees/assign" class="card-box">
      <input type="hidden" name="_csrf" value={csrf} />
      <label for="ids">Employee IDs</label>
      <p class="help" id="ids-help">
        One per line, or separated by commas: paste a column of a spreadsheet. Nothing is sent before you confirm.
      </p>
      <textarea id="ids" name="ids" rows={8} aria-describedby="ids-help">
        {values.ids}
      </textarea>
      <fieldset>
        <legend>What to do</legend>
        <div class="radio">
          <input type="radio" id="action-add" name="action" value="add" checked={values.action === 'add'} />
          <label for="action-add">Send them to the clocks checked (a fresh copy of each profile)</label>
        </div>
        <div class="radio">
          <input type="radio" id="action-remove" name="action" value="remove" checked={values.action === 'remove'} />
          <label for="action-remove">Remove them from the clocks checked</label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Clocks</legend>
        {clocks.length === 0 && <p>No clock is registered yet.</p>}
        <ul class="selection">
          {clocks.map((clock) => (
            <li>
              <ClockCheckbox id={`assign-${clock.sn}`} clock={clock} checked={values.clocks.includes(clock.sn)} />
            </li>
          ))}
        </ul>
      </fieldset>
      <div class="form-actions">
        <CancelAndSubmit cancel="/employees" submit="Check" />
      </div>
    </form>
  );
}

function Confirm(props: { plan: AssignmentPlan; values: AssignValues; csrf: string; clocks: AssignProps['clocks'] }) {
  const { plan, values, csrf, clocks } = props;
  const names = values.clocks.map((sn) => {
    const name = clocks.find((c) => c.sn === sn)?.name ?? sn;
    return name === sn ? sn : `${name} (${sn})`;
  });
  const what = values.action === 'add' ? `sent to ${names.join(', ')}` : `removed from ${names.join(', ')}`;
  return (
    <section aria-labelledby="confirm">
      <h2 id="confirm">{`${plural(plan.changing.length, 'employee is', 'employees are')} ${what}.`}</h2>
      <ul class="consequences">
        {plan.unchanged.length > 0 && (
          <li>{`${plural(plan.unchanged.length, 'employee is', 'employees are')} already so: nothing is sent for them.`}</li>
        )}
        {plan.skipped.length > 0 && (
          <li>
            {`${plural(plan.skipped.length, 'ID is', 'IDs are')} left out: ` +
              plan.skipped.map((s) => `${s.employeeId} (${s.why})`).join(', ')}
          </li>
        )}
      </ul>
      <form method="post" action="/employees/assign/confirm" class="form-actions">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="ids" value={values.ids} />
        <input type="hidden" name="action" value={values.action} />
        {values.clocks.map((sn) => (
          <input type="hidden" name="clocks" value={sn} />
        ))}
        <a class="button" href="/employees/assign">
          Cancel
        </a>
        <button type="submit" class="primary" disabled={plan.changing.length === 0}>
          {`${values.action === 'add' ? 'Send' : 'Remove'} ${plural(plan.changing.length, 'employee', 'employees')}`}
        </button>
      </form>
    </section>
  );
}
