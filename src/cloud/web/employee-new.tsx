// New employee: the names and employee ID, then the Clocks section's fields and the clocks to send the
// profile to. Refused values come back with the message beside each field.
import type { CloudClock } from '../types.js';
import type { Identity } from './context.js';
import { FieldError, TextField } from './fields.js';
import type { FieldErrors } from './form-fields.js';
import { BadgeField, OnlineState, ProfileChoices } from './clocks-section.js';
import { Layout } from './layout.js';

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
  return (
    <Layout title="New employee" identity={identity} csrf={csrf} section="employees">
      <p class="crumbs">
        <a href="/employees">Employees</a>
      </p>
      <h1>New employee</h1>
      {errors.form !== undefined && (
        <p class="flash error" role="alert">
          {errors.form}
        </p>
      )}
      <form method="post" action="/employees/new" novalidate class="card-box">
        <input type="hidden" name="_csrf" value={csrf} />
        <TextField
          id="employeeId"
          name="employeeId"
          label="Employee ID"
          value={values.employeeId}
          error={errors.employeeId}
          required
        />
        <TextField
          id="firstName"
          name="firstName"
          label="First name"
          value={values.firstName}
          error={errors.firstName}
        />
        <TextField
          id="lastName"
          name="lastName"
          label="Last name"
          value={values.lastName}
          error={errors.lastName}
          required
        />
        <BadgeField value={values.badge} error={errors.badge} />
        <ProfileChoices values={values} errors={errors} />
        <fieldset class="field" aria-describedby={errors.clocks === undefined ? undefined : 'new-clocks-error'}>
          <legend>Clocks</legend>
          <FieldError id="new-clocks" error={errors.clocks} />
          {clocks.length === 0 && <p>No clock is registered yet.</p>}
          {clocks.map((clock) => (
            <div class="check">
              <input
                type="checkbox"
                id={`new-clock-${clock.sn}`}
                name="clocks"
                value={clock.sn}
                checked={values.clocks.includes(clock.sn)}
              />
              <label for={`new-clock-${clock.sn}`}>
                <span class="sn">{clock.sn}</span> {clock.name === clock.sn ? '' : clock.name}
              </label>{' '}
              <OnlineState clock={clock} />
            </div>
          ))}
        </fieldset>
        <div class="form-actions">
          <a class="button" href="/employees">
            Cancel
          </a>
          <button type="submit" class="primary">
            Create employee
          </button>
        </div>
      </form>
    </Layout>
  );
}
