// Labelled form fields whose help text and error message are tied to the control (aria-describedby),
// so a screen reader reads the article's explanation and what went wrong with the field itself.
import type { ComponentChildren } from 'preact';
import { FINGER_NAMES } from '../../../firmware/index.js';

export interface TextFieldProps {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  help?: ComponentChildren;
  disabled?: boolean;
  inputmode?: 'numeric' | 'text';
  autocomplete?: string;
  required?: boolean;
}

/** The names of a form's fields that hold text. */
type TextKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;

/**
 * Ties controls to one form's fields by name: a control's id and name are the field's, its value and
 * its error are the field's in `values` and `errors`. `{...field('card')}` on a TextField or RadioGroup.
 */
export function fieldBinder<V extends object>(values: V, errors: Partial<Record<string, string>>, disabled?: boolean) {
  return (name: TextKeys<V>) => ({ id: name, name, value: values[name] as string, error: errors[name], disabled });
}

/** The ids a control is described by: its help, then its error. */
function describedBy(id: string, help: boolean, error: boolean): string | undefined {
  const ids = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter((x) => x !== '');
  return ids.length === 0 ? undefined : ids.join(' ');
}

export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  return error === undefined ? null : (
    <p id={`${id}-error`} class="field-error">
      {error}
    </p>
  );
}

export function TextField(props: TextFieldProps) {
  const { id, name, label, value, error, help, disabled, inputmode, autocomplete, required } = props;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {help !== undefined && (
        <p id={`${id}-help`} class="help">
          {help}
        </p>
      )}
      <input
        id={id}
        name={name}
        value={value}
        disabled={disabled}
        inputmode={inputmode}
        autocomplete={autocomplete ?? 'off'}
        required={required}
        aria-invalid={error === undefined ? undefined : 'true'}
        aria-describedby={describedBy(id, help !== undefined, error !== undefined)}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}

/** One labelled input of a filter form (GET, `role="search"`): the label above, the input below. */
export function FilterInput(props: { id: string; label: string; type: 'date' | 'search'; value: string }) {
  const { id, label, type, value } = props;
  return (
    <div>
      <label for={id}>{label}</label>
      {type === 'date' ? (
        <input id={id} name={id} type="date" value={value} />
      ) : (
        <input id={id} name={id} type="search" value={value} />
      )}
    </div>
  );
}

export interface RadioOption {
  value: string;
  label: string;
  help: string;
}

/** A fieldset of radio buttons, each with its own help line; the group's error under the legend. */
export function RadioGroup(props: {
  id: string;
  name: string;
  legend: string;
  options: readonly RadioOption[];
  value: string;
  error?: string | undefined;
  disabled?: boolean;
}) {
  const { id, name, legend, options, value, error, disabled } = props;
  return (
    <fieldset class="field radios" id={id} aria-describedby={error === undefined ? undefined : `${id}-error`}>
      <legend>{legend}</legend>
      <FieldError id={id} error={error} />
      {options.map((option) => {
        const optionId = `${id}-${option.value}`;
        return (
          <div class="radio">
            <input
              type="radio"
              id={optionId}
              name={name}
              value={option.value}
              checked={value === option.value}
              disabled={disabled}
              aria-describedby={`${optionId}-help`}
            />
            <label for={optionId}>{option.label}</label>
            <span id={`${optionId}-help`} class="help">
              {option.help}
            </span>
          </div>
        );
      })}
    </fieldset>
  );
}

/** The article's words for each clock role. */
export const ROLE_OPTIONS: readonly RadioOption[] = [
  { value: 'user', label: 'User', help: 'Normal user rights to the clock.' },
  { value: 'manager', label: 'Manager', help: 'May only enroll fingerprints for other employees.' },
  {
    value: 'administrator',
    label: 'Administrator',
    help: 'Full access to the clock(s) and all settings such as network connectivity, the full user listing on the clock, and so forth.',
  },
];

/** The article's words for Non-secure: what each setting lets the employee punch with. */
export const NON_SECURE_OPTIONS: readonly RadioOption[] = [
  { value: 'on', label: 'On', help: 'PIN entry, Fingerprint scan, Proximity Card scan.' },
  { value: 'off', label: 'Off', help: 'Fingerprint scan, Proximity Card scan.' },
];

export const ROLE_LABELS: Record<string, string> = { user: 'User', manager: 'Manager', administrator: 'Administrator' };

/** Finger 6 → `Right index`. */
export function fingerLabel(fid: number): string {
  const name = FINGER_NAMES[fid];
  if (name === undefined) return `Finger ${fid}`;
  const words = name.replace('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A clock to check in a list of clocks: its serial number, and its name when it has one of its own. */
export function ClockCheckbox(props: {
  id: string;
  clock: { sn: string; name: string };
  checked: boolean;
  describedBy?: string;
}) {
  const { id, clock } = props;
  return (
    <>
      <input
        type="checkbox"
        id={id}
        name="clocks"
        value={clock.sn}
        checked={props.checked}
        aria-describedby={props.describedBy}
      />
      <label for={id}>
        <span class="sn">{clock.sn}</span> {clock.name === clock.sn ? '' : clock.name}
      </label>
    </>
  );
}
