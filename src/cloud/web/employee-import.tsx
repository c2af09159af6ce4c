// Employees → Import from CSV: paste the spreadsheet, see every bad row with why before anything is
// written, then add the good rows with one button.
import { IMPORT_COLUMNS, type ImportPreview } from '../domain/index.js';
import type { Identity } from './context.js';
import { Layout } from './layout.js';
import { ColumnHeads, Crumbs, Problem } from './page-parts.js';

export interface ImportPageProps {
  identity: Identity;
  csrf: string;
  csv: string;
  /** What the file said, once checked; absent before the first Check. */
  preview?: ImportPreview;
  /** Why the file as a whole cannot be read. */
  problem?: string;
}

export function ImportPage({ identity, csrf, csv, preview, problem }: ImportPageProps) {
  return (
    <Layout title="Import employees" identity={identity} csrf={csrf} section="employees">
      <Crumbs href="/employees">Employees</Crumbs>
      <h1>Import employees from CSV</h1>
      <p class="note">
        {`A header row, then a row per employee. Columns: ${IMPORT_COLUMNS.join(', ')} — the first four required; ` +
          'clocks as serial numbers separated by spaces; non-secure yes or no; role user, manager or administrator. ' +
          'Check shows what would happen; nothing is written until you press Add.'}
      </p>
      <Problem error={problem} />
      {preview !== undefined && <Preview preview={preview} csrf={csrf} csv={csv} />}
      <form method="post" action="/employees/import" class="card-box">
        <input type="hidden" name="_csrf" value={csrf} />
        <div class="field">
          <label for="csv">CSV</label>
          <textarea id="csv" name="csv" rows={12} cols={80} spellcheck={false} required>
            {csv}
          </textarea>
        </div>
        <button type="submit" class="primary">
          Check
        </button>
      </form>
    </Layout>
  );
}

function Preview({ preview, csrf, csv }: { preview: ImportPreview; csrf: string; csv: string }) {
  const { good, bad } = preview;
  return (
    <section class="card-box" aria-labelledby="preview">
      <h2 id="preview">{`${good} ${good === 1 ? 'row' : 'rows'} to add, ${bad.length} with errors`}</h2>
      {bad.length > 0 && (
        <table class="import-errors">
          <caption>Rows that will not be added</caption>
          <ColumnHeads names={['Line', 'Employee ID', 'Name', 'What is wrong']} />
          <tbody>
            {bad.map((row) => (
              <tr data-line={row.line}>
                <td>{row.line}</td>
                <td>{row.employeeId}</td>
                <td>{row.name}</td>
                <td>{row.errors.join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {good > 0 && (
        <form method="post" action="/employees/import/confirm">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="csv" value={csv} />
          <p>
            {bad.length === 0
              ? 'Every row is good.'
              : 'The rows above are left out; fix them and import them again later.'}
          </p>
          <button type="submit" class="primary">
            {`Add ${good} ${good === 1 ? 'employee' : 'employees'}`}
          </button>
        </form>
      )}
    </section>
  );
}
