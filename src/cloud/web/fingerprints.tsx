// The employee's enrolled fingerprints: which fingers, removing one (after a confirmation page) and
// enrolling one remotely on a chosen assigned clock, which then asks the employee to place the finger.
import { FINGER_NAMES } from '../../../firmware/index.js';
import type { Employee } from '../types.js';
import type { Identity } from './context.js';
import { FieldError, fingerLabel } from './fields.js';
import type { FieldErrors } from './form-fields.js';
import { Layout } from './layout.js';
import { CancelAndSubmit } from './page-parts.js';

export interface FingerprintProps {
  employee: Employee;
  csrf: string;
  canEdit: boolean;
  errors: FieldErrors;
}

export function FingerprintsSection({ employee, csrf, canEdit, errors }: FingerprintProps) {
  const id = encodeURIComponent(employee.employeeId);
  const enrolled = new Set(employee.templates.map((t) => t.fid));
  const firstFree = FINGER_NAMES.findIndex((_, fid) => !enrolled.has(fid));
  return (
    <section class="card-box" aria-labelledby="fingerprints-title">
      <h2 id="fingerprints-title">Fingerprints</h2>
      {employee.templates.length === 0 ? (
        <p>No fingerprint enrolled.</p>
      ) : (
        <ul class="fingers">
          {employee.templates.map((t) => (
            <li>
              <span>{fingerLabel(t.fid)}</span>
              {!t.valid && <span class="help"> (marked invalid)</span>}
              {canEdit && (
                <a
                  class="button"
                  href={`/employees/${id}/fingerprints/${t.fid}/remove`}
                  aria-label={`Remove ${fingerLabel(t.fid).toLowerCase()} fingerprint`}
                >
                  Remove
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && employee.clocks.length === 0 && <p class="help">Assign a clock to enroll a finger remotely.</p>}
      {canEdit && employee.clocks.length > 0 && (
        <form method="post" action={`/employees/${id}/enroll`} class="enroll">
          <input type="hidden" name="_csrf" value={csrf} />
          <div class="field">
            <label for="enroll-fid">Finger</label>
            <select id="enroll-fid" name="fid" aria-describedby={errors.fid ? 'enroll-fid-error' : undefined}>
              {FINGER_NAMES.map((_, fid) => (
                <option value={String(fid)} selected={fid === Math.max(firstFree, 0)}>
                  {`${fingerLabel(fid)}${enrolled.has(fid) ? ' (enrolled: replaced)' : ''}`}
                </option>
              ))}
            </select>
            <FieldError id="enroll-fid" error={errors.fid} />
          </div>
          <div class="field">
            <label for="enroll-sn">On clock</label>
            <select id="enroll-sn" name="sn" aria-describedby={errors.sn ? 'enroll-sn-error' : undefined}>
              {employee.clocks.map((sn) => (
                <option value={sn}>{sn}</option>
              ))}
            </select>
            <FieldError id="enroll-sn" error={errors.sn} />
          </div>
          <button type="submit">Enroll remotely</button>
        </form>
      )}
    </section>
  );
}

export function RemoveFingerprintPage(props: { identity: Identity; csrf: string; employee: Employee; fid: number }) {
  const { identity, csrf, employee, fid } = props;
  const id = encodeURIComponent(employee.employeeId);
  const finger = fingerLabel(fid).toLowerCase();
  const where = employee.clocks.length === 0 ? 'No clock is assigned.' : `Clocks told: ${employee.clocks.join(', ')}.`;
  return (
    <Layout title="Remove fingerprint" identity={identity} csrf={csrf} section="employees">
      <section class="card-box">
        <h1>{`Remove the ${finger} fingerprint of ${employee.firstName} ${employee.lastName}?`}</h1>
        <p>
          It is deleted from the portal and from every clock the employee is assigned to; the other fingers stay.{' '}
          {where}
        </p>
        <form method="post" action={`/employees/${id}/fingerprints/${fid}/remove`} class="form-actions">
          <input type="hidden" name="_csrf" value={csrf} />
          <CancelAndSubmit cancel={`/employees/${id}`} cancelLabel="Keep it" submit={`Remove ${finger} fingerprint`} />
        </form>
      </section>
    </Layout>
  );
}
