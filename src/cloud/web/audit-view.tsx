// The audit log's page: filters (actor, kind of thing, days, text), the changes found newest first with
// what each changed (field: before → after), paging, the CSV export, and how many rows the log keeps.
import { FilterInput } from './fields.js';
import type { AuditEntry } from '../domain/index.js';
import type { Identity } from './context.js';
import { Layout } from './layout.js';
import { ColumnHeads, FilterButtons, Problem } from './page-parts.js';

export interface AuditFilterForm {
  actor: string;
  kind: string;
  from: string;
  to: string;
  q: string;
}

export interface AuditPageProps {
  identity: Identity;
  csrf: string;
  filter: AuditFilterForm;
  entries: AuditEntry[];
  total: number;
  /** The newest rows the log keeps. */
  keep: number;
  offset: number;
  pageSize: number;
  problem?: string | undefined;
}

const KINDS = [
  ['', 'Everything'],
  ['employee', 'Employees'],
  ['clock', 'Clocks'],
  ['account', 'Accounts'],
  ['punch', 'Punches'],
] as const;

const ACTOR_WORDS: Record<string, string> = {
  account: 'account',
  token: 'API token',
  clock: 'clock',
  'command-line': 'command line',
  cloud: 'the cloud itself',
};

/** `?actor=…&kind=…` of the filter (empty fields left out), with `extra` added. */
export function auditQuery(filter: AuditFilterForm, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value !== '') params.set(key, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function AuditPage(props: AuditPageProps) {
  const { identity, csrf, filter, entries, total, keep, offset, pageSize, problem } = props;
  return (
    <Layout title="Audit log" identity={identity} csrf={csrf} section="audit">
      <h1>Audit log</h1>
      <p class="note">
        {`Who changed employees, clocks, accounts and punches, and when (UTC): a portal account, an API token, or a clock. ` +
          `The log keeps the newest ${keep.toLocaleString('en-US')} changes; older ones are dropped as new ones come.`}
      </p>
      <form class="filters" method="get" action="/audit" role="search" aria-label="Filter the audit log">
        <FilterInput id="actor" label="Who" type="search" value={filter.actor} />
        <div>
          <label for="kind">What</label>
          <select id="kind" name="kind">
            {KINDS.map(([value, label]) => (
              <option value={value} selected={value === filter.kind}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <FilterInput id="from" label="From" type="date" value={filter.from} />
        <FilterInput id="to" label="To" type="date" value={filter.to} />
        <FilterInput id="q" label="Text" type="search" value={filter.q} />
        <FilterButtons show="Show changes" csv={`/audit.csv${auditQuery(filter)}`} />
      </form>
      <Problem error={problem} />
      {problem === undefined && <AuditTable entries={entries} />}
      <p>{`${total.toLocaleString('en-US')} ${total === 1 ? 'change' : 'changes'} match.`}</p>
      <nav class="paging" aria-label="Pages of the audit log">
        {offset > 0 && (
          <a href={`/audit${auditQuery(filter, { offset: String(Math.max(0, offset - pageSize)) })}`}>Newer</a>
        )}
        {offset + pageSize < total && (
          <a href={`/audit${auditQuery(filter, { offset: String(offset + pageSize) })}`}>Older</a>
        )}
      </nav>
    </Layout>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p>No changes match.</p>;
  return (
    <table class="audit">
      <ColumnHeads names={['When (UTC)', 'Who', 'What', 'Change', 'Before → after']} />
      <tbody>
        {entries.map((e) => (
          <tr data-audit={e.id}>
            <td>{whenText(e.at)}</td>
            <td>{`${e.actor} (${ACTOR_WORDS[e.actorKind] ?? e.actorKind})`}</td>
            <td>{`${e.kind} ${e.subject}`}</td>
            <td>{e.action}</td>
            <td class="wrap">
              {changedFields(e).map((line) => (
                <div>{line}</div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function whenText(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace('T', ' ');
}

/** `role: user → manager` for each field that differs; every field of a thing created or deleted. */
export function changedFields(entry: Pick<AuditEntry, 'before' | 'after'>): string[] {
  const before = parsed(entry.before);
  const after = parsed(entry.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const lines: string[] = [];
  for (const key of keys) {
    const was = valueText(before[key]);
    const now = valueText(after[key]);
    if (was === now) continue;
    if (entry.before === '') lines.push(`${key}: ${now}`);
    else if (entry.after === '') lines.push(`${key}: ${was} (removed)`);
    else lines.push(`${key}: ${was} → ${now}`);
  }
  return lines;
}

function parsed(text: string): Record<string, unknown> {
  if (text === '') return {};
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : { value };
}

function valueText(value: unknown): string {
  if (value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
