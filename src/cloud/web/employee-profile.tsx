// An employee's profile: name and employee ID, the Clocks section in one form with Save at the top right
// and the bottom right, the fingerprints, and (hidden until the pencil opens it) the clock selection.
import type { Employee } from '../types.js';
import { ClocksSection, type AssignedClock, type SectionValues } from './clocks-section.js';
import type { Identity } from './context.js';
import { FingerprintsSection } from './fingerprints.js';
import type { FieldErrors } from './form-fields.js';
import { Layout, type Flash } from './layout.js';
import { Crumbs, Problem } from './page-parts.js';

export interface ProfileProps {
  identity: Identity;
  csrf: string;
  employee: Employee;
  values: SectionValues;
  errors: FieldErrors;
  assigned: AssignedClock[];
  confirmBadge?: { from: string; to: string } | undefined;
  /** Values differ from the stored ones (a refused Save): shown as unsaved from the start. */
  unsaved: boolean;
  flash?: Flash | undefined;
  fingerprintErrors?: FieldErrors;
}

function SaveButton() {
  return (
    <button type="submit" form="profile-form" class="primary">
      Save
    </button>
  );
}

export function EmployeeProfilePage(props: ProfileProps) {
  const { identity, csrf, employee, values, errors, assigned, confirmBadge, unsaved, flash } = props;
  const canEdit = identity.role === 'sysadmin';
  const name = `${employee.firstName} ${employee.lastName}`.trim();
  const id = encodeURIComponent(employee.employeeId);
  const formError = errors.form;
  return (
    <Layout title={name} identity={identity} csrf={csrf} section="employees" flash={flash}>
      <Crumbs href="/employees">Employees</Crumbs>
      <div class="page-head">
        <div>
          <h1>{name}</h1>
          <p class="employee-id">
            Employee ID <strong>{employee.employeeId}</strong>
            {employee.inactiveClocks !== undefined && ' · Inactive: on no clock'}
          </p>
          <p class="employee-links">
            <a href={`/timesheets/${id}`}>Timesheet</a>
            {canEdit && <a href={`/employees/${id}/rename`}>Rename</a>}
            {canEdit && employee.inactiveClocks === undefined && <a href={`/employees/${id}/deactivate`}>Deactivate</a>}
            {canEdit && employee.inactiveClocks !== undefined && <a href={`/employees/${id}/reactivate`}>Reactivate</a>}
            {canEdit && <a href={`/employees/${id}/delete`}>Delete employee</a>}
          </p>
        </div>
        {canEdit ? (
          <div class="actions">
            <p id="unsaved" class="unsaved" role="status" hidden={!unsaved}>
              Unsaved changes
            </p>
            <SaveButton />
          </div>
        ) : (
          <p class="help">Read-only account: a SysAdmin can change this profile.</p>
        )}
      </div>
      <Problem error={formError} />
      <form
        id="profile-form"
        method="post"
        action={`/employees/${id}`}
        novalidate
        data-unsaved="unsaved"
        data-dirty={unsaved ? '' : undefined}
      >
        <input type="hidden" name="_csrf" value={csrf} />
        <ClocksSection
          employee={employee}
          values={values}
          errors={errors}
          clocks={assigned}
          canEdit={canEdit}
          confirmBadge={confirmBadge}
        />
      </form>
      <FingerprintsSection employee={employee} csrf={csrf} canEdit={canEdit} errors={props.fingerprintErrors ?? {}} />
      {canEdit && (
        <div class="page-foot">
          <SaveButton />
        </div>
      )}
      {canEdit && (
        <dialog id="clock-dialog" class="clock-dialog" aria-labelledby="dlg-title">
          {/* Filled from the pencil's page (?dialog=1) when it opens; the profile stays light with many clocks. */}
        </dialog>
      )}
    </Layout>
  );
}
