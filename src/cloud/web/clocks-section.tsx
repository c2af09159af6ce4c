// The "Clocks" section of an employee's profile, as the support article lists it: Badge #, Clocks (with
// the orange pencil that opens the clock selection), Clock Role and Non-secure; then the card number.
import type { CloudClock, Employee } from '../types.js';
import {
  FieldError,
  NON_SECURE_OPTIONS,
  RadioGroup,
  ROLE_OPTIONS,
  TextField,
  fieldBinder,
  type RadioOption,
} from './fields.js';
import type { FieldErrors } from './form-fields.js';

/** What the section's form shows: the stored values, or the ones a refused Save sent back. */
export interface SectionValues {
  badge: string;
  card: string;
  role: string;
  nonSecure: string;
}

export function valuesOf(employee: Employee): SectionValues {
  return {
    badge: employee.badge,
    card: employee.card,
    role: employee.role,
    nonSecure: employee.nonSecure ? 'on' : 'off',
  };
}

export const BADGE_WARNING =
  'This number links the employee to the clock, and is also used as the PIN number to clock in and out if the option for Non-secure is selected below. Do not change this.';

/** An assigned clock as the section lists it; `registered` is false for one the cloud no longer knows. */
export type AssignedClock = Pick<CloudClock, 'sn' | 'name' | 'online'> & { registered: boolean };

export function OnlineState({ clock }: { clock: Pick<CloudClock, 'online'> & { registered?: boolean } }) {
  if (clock.registered === false) return <span class="online-no">not registered</span>;
  return clock.online ? <span class="online-yes">Online</span> : <span class="online-no">Offline</span>;
}

export interface SectionProps {
  employee: Employee;
  values: SectionValues;
  errors: FieldErrors;
  clocks: AssignedClock[];
  canEdit: boolean;
  /** A changed badge waiting for the SysAdmin's yes. */
  confirmBadge?: { from: string; to: string } | undefined;
}

export function ClocksSection({ employee, values, errors, clocks, canEdit, confirmBadge }: SectionProps) {
  const disabled = !canEdit;
  const clocksHref = `/employees/${encodeURIComponent(employee.employeeId)}/clocks`;
  return (
    <section class="card-box" aria-labelledby="clocks-section-title">
      <h2 id="clocks-section-title">Clocks</h2>
      <BadgeField value={values.badge} error={errors.badge} disabled={disabled} />
      {confirmBadge && <BadgeConfirmation employee={employee} clocks={clocks} {...confirmBadge} />}
      <div class="field" role="group" aria-labelledby="assigned-clocks-label">
        <span id="assigned-clocks-label" class="label">
          Clocks
        </span>
        <p class="help" id="assigned-clocks-help">
          The clock(s) the employee is able to use.
        </p>
        <div class="assigned">
          {clocks.length === 0 ? (
            <p>No clock assigned.</p>
          ) : (
            <ul class="clock-list">
              {clocks.map((clock) => (
                <li>
                  {/* A clock registered without a name is named by its serial number: shown once. */}
                  <span class="sn">{clock.sn}</span>
                  {clock.name === clock.sn ? (
                    ' '
                  ) : (
                    <>
                      {' '}
                      <span>{clock.name}</span>{' '}
                    </>
                  )}
                  <OnlineState clock={clock} />
                </li>
              ))}
            </ul>
          )}
          {canEdit && (
            <a
              class="pencil"
              href={clocksHref}
              aria-label="Edit clocks"
              title="Edit clocks"
              data-opens-dialog="clock-dialog"
            >
              <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                <path
                  fill="currentColor"
                  d="M3 17.25V21h3.75L17.81 9.94l-3.75-3.75L3 17.25zm17.71-10.21a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z"
                />
              </svg>
            </a>
          )}
        </div>
        <FieldError id="assigned-clocks" error={errors.clocks} />
      </div>
      <ProfileChoices values={values} errors={errors} disabled={disabled} />
    </section>
  );
}

/** Badge # with the article's warning: on the profile and on the New employee form alike. */
export function BadgeField(props: { value: string; error: string | undefined; disabled?: boolean }) {
  return (
    <TextField
      id="badge"
      name="badge"
      label="Badge #"
      value={props.value}
      error={props.error}
      help={BADGE_WARNING}
      disabled={props.disabled ?? false}
      inputmode="text"
      required
    />
  );
}

/** Clock Role, Non-secure and the card number, as the article lists them, for the profile and a new employee. */
export function ProfileChoices(props: {
  values: { role: string; nonSecure: string; card: string };
  errors: FieldErrors;
  disabled?: boolean;
}) {
  const field = fieldBinder(props.values, props.errors, props.disabled ?? false);
  return (
    <>
      <RadioGroup {...field('role')} legend="Clock Role" options={ROLE_OPTIONS} />
      <RadioGroup {...field('nonSecure')} legend="Non-secure" options={NON_SECURE_OPTIONS as RadioOption[]} />
      <TextField
        {...field('card')}
        label="Card number"
        help="The proximity card's number (decimal); empty for none."
        inputmode="numeric"
      />
    </>
  );
}

/** The server-side "are you sure" of a changed badge: works without a script, in the same form. */
function BadgeConfirmation(props: { employee: Employee; clocks: AssignedClock[]; from: string; to: string }) {
  const { employee, clocks, from, to } = props;
  const where = clocks.length === 0 ? 'No clock is assigned yet.' : `${clocks.map((c) => c.sn).join(', ')}:`;
  return (
    <div class="confirm" role="alert" id="badge-confirm">
      <p>
        <strong>{`Change Badge # from ${from} to ${to}?`}</strong> {BADGE_WARNING}
      </p>
      <p>
        {where}
        {clocks.length > 0 && ` user ${from} is deleted and ${to} is sent with the whole profile.`} Punches already
        recorded stay with {employee.firstName} {employee.lastName}; the employee punches with {to} from now on.
      </p>
      <input type="hidden" name="confirmedBadge" value={to} />
      <button type="submit" class="primary">
        {`Change Badge # to ${to} and save`}
      </button>{' '}
      <a href={`/employees/${encodeURIComponent(employee.employeeId)}`}>{`Keep ${from}`}</a>
    </div>
  );
}
