// New employee: the names and employee ID, then the Clocks section's fields and the clocks to send the
// profile to. Refused values come back with the message beside each field.
import type { CloudClock } from '../types.js';
import type { Identity } from './context.js';
import { ClockCheckbox, FieldError, TextField, fieldBinder } from './fields.js';
import type { FieldErrors } from './form-fields.js';
import { BadgeField, OnlineState, ProfileChoices } from './clocks-section.js';
import { Layout } from './layout.js';
import { CancelAndSubmit, Crumbs, Problem } from './page-parts.js';

export interface NewValues {
  employeeId: string;
  firstName: string;
  lastName: string;
  badge: string;
  card: string;
  role: string;
  nonSecure: string;
  clocks: string[];
}

export const EMPTY_NEW: NewValues = {
  employeeId: '',
  firstName: '',
  lastName: '',
  badge: '',
  card: '',
  role: 'user',
  nonSecure: 'off',
  clocks: [],
};

export function NewEmployeePage(props: {
  identity: Identity;
  csrf: string;
  values: NewValues;
  errors: FieldErrors;
  clocks: CloudClock[];
}) {
  const { identity, csrf, values, errors, clocks } = props;
  const field = fieldBinder(values, errors);
  return (
    <Layout title="New employee" identity={identity} csrf={csrf} section="employees">
      <Crumbs href="/employees">Employees</Crumbs>
      <h1>New employee</h1>
      <Problem error={errors.form} />
      <form method="post" action="/employees/new" novalidate class="card-box">
        <input type="hidden" name="_csrf" value={csrf} />
        <TextField {...field('employeeId')} label="Employee ID" required />
        <TextField {...field('firstName')} label="First name" />
        <TextField {...field('lastName')} label="Last name" required />
        <BadgeField value={values.badge} error={errors.badge} />
        <ProfileChoices values={values} errors={errors} />
        <fieldset class="field" aria-describedby={errors.clocks === undefined ? undefined : 'new-clocks-error'}>
          <legend>Clocks</legend>
          <FieldError id="new-clocks" error={errors.clocks} />
          {clocks.length === 0 && <p>No clock is registered yet.</p>}
          {clocks.map((clock) => (
            <div class="check">
              <ClockCheckbox id={`new-clock-${clock.sn}`} clock={clock} checked={values.clocks.includes(clock.sn)} />{' '}
              <OnlineState clock={clock} />
            </div>
          ))}
        </fieldset>
        <div class="form-actions">
          <CancelAndSubmit cancel="/employees" submit="Create employee" />
        </div>
      </form>
    </Layout>
  );
}
