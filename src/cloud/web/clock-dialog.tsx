// The clock selection screen: a check box per registered clock and Add/Remove at the bottom right.
// Unchecked clocks are told to delete the employee; newly checked ones get a fresh copy of the profile.
// It is a page of its own (the pencil's link) and, with the script, the same form in a <dialog>.
import type { CloudClock, Employee } from '../types.js';
import type { Identity } from './context.js';
import { ClockCheckbox, FieldError } from './fields.js';
import { Layout } from './layout.js';
import { OnlineState } from './clocks-section.js';
import { Crumbs } from './page-parts.js';

export interface SelectionProps {
  employee: Employee;
  clocks: CloudClock[];
  csrf: string;
  /** Checked serial numbers; the employee's clocks unless a refused post sends others back. */
  checked?: string[];
  error?: string | undefined;
  /** Inside the profile's <dialog>: Cancel closes it instead of going back. */
  inDialog: boolean;
}

export function ClockSelectionForm({ employee, clocks, csrf, checked, error, inDialog }: SelectionProps) {
  const id = encodeURIComponent(employee.employeeId);
  const selected = new Set(checked ?? employee.clocks);
  const prefix = inDialog ? 'dlg-' : 'sel-';
  const titleId = `${prefix}title`;
  return (
    <form method="post" action={`/employees/${id}/clocks`} class="clock-selection" aria-labelledby={titleId}>
      <input type="hidden" name="_csrf" value={csrf} />
      <h2 id={titleId}>{`Clocks of ${employee.firstName} ${employee.lastName}`.replace('  ', ' ')}</h2>
      <p class="help">
        Check the clocks {employee.firstName || 'the employee'} may use. Unchecked clocks delete the employee from their
        user list; checked ones receive a fresh copy of the profile.
      </p>
      <FieldError id={`${prefix}clocks`} error={error} />
      {clocks.length === 0 ? (
        <p>No clock is registered yet.</p>
      ) : (
        <ul class="selection" aria-describedby={error === undefined ? undefined : `${prefix}clocks-error`}>
          {clocks.map((clock) => {
            const boxId = `${prefix}clock-${clock.sn}`;
            return (
              <li>
                <ClockCheckbox
                  id={boxId}
                  clock={clock}
                  checked={selected.has(clock.sn)}
                  describedBy={`${boxId}-state`}
                />
                <span id={`${boxId}-state`}>
                  <OnlineState clock={clock} />
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <div class="form-actions">
        {inDialog ? (
          <button type="button" data-closes-dialog="">
            Cancel
          </button>
        ) : (
          <a class="button" href={`/employees/${id}`}>
            Cancel
          </a>
        )}
        <button type="submit" class="primary">
          Add/Remove
        </button>
      </div>
    </form>
  );
}

export function ClockSelectionPage(props: Omit<SelectionProps, 'inDialog'> & { identity: Identity }) {
  const { identity, employee } = props;
  return (
    <Layout
      title={`Clocks of ${employee.employeeId}`}
      identity={identity}
      csrf={props.csrf}
      section="employees"
      flash={props.error === undefined ? undefined : { kind: 'error', text: props.error }}
    >
      <Crumbs href={`/employees/${encodeURIComponent(employee.employeeId)}`}>{`Back to ${employee.employeeId}`}</Crumbs>
      <section class="card-box dialog-page">
        <ClockSelectionForm {...props} inDialog={false} />
      </section>
    </Layout>
  );
}
