// The audit log's rules: every change to employees, clocks, accounts and punches is written by the domain,
// in the change's own transaction, with who made it (an account, an API token, a clock, the command line).
// The faces say who is asking (actorOf); the domain objects are bound to that actor (`.by(actor)`).
import {
  AUDIT_KINDS,
  type ActorKind,
  type AuditEntry,
  type AuditKind,
  type AuditQuery,
  type CloudStore,
} from '../db/index.js';
import type { Identity } from './accounts.js';
import { invalid, ok, type Result } from './validate.js';

export interface Actor {
  kind: ActorKind;
  name: string;
}

/** Changes the cloud makes of itself (a clock registered on its first request, the first account). */
export const CLOUD_ACTOR: Actor = { kind: 'cloud', name: 'cloud' };
export const COMMAND_LINE_ACTOR: Actor = { kind: 'command-line', name: 'timeclock cloud' };

/** How many rows the log keeps unless told otherwise; older ones are dropped as new ones come. */
export const DEFAULT_AUDIT_KEEP = 100_000;

/** The actor behind a signed-in session or an API token. */
export function actorOf(identity: Identity): Actor {
  const { token, username } = identity;
  if (token === undefined) return { kind: 'account', name: username };
  // The cloud's configured token (--token) is no account's: its name says it all.
  return { kind: 'token', name: token === username ? token : `${token} (${username})` };
}

/** A clock that spoke for itself over PUSH. */
export function clockActor(sn: string): Actor {
  return { kind: 'clock', name: sn };
}

export interface AuditChange {
  kind: AuditKind;
  subject: string;
  action: string;
  /** The thing before and after, as plain data (made JSON here); undefined where it did not exist. */
  before?: unknown;
  after?: unknown;
}

export class Audit {
  constructor(
    private readonly store: CloudStore,
    private readonly now: () => number,
    /** The newest rows kept (at least 1). */
    readonly keep: number = DEFAULT_AUDIT_KEEP,
  ) {}

  /** One row; call it inside the change's transaction, so that the change and its row stand or fall together. */
  record(actor: Actor, change: AuditChange): void {
    this.store.audit.add(
      {
        at: this.now(),
        actorKind: actor.kind,
        actor: actor.name,
        kind: change.kind,
        subject: change.subject,
        action: change.action,
        before: change.before === undefined ? '' : JSON.stringify(change.before),
        after: change.after === undefined ? '' : JSON.stringify(change.after),
      },
      Math.max(1, this.keep),
    );
  }

  list(query: AuditQuery): AuditEntry[] {
    return this.store.audit.list(query);
  }

  count(query: AuditFilter): number {
    return this.store.audit.count(query);
  }
}

/** The filters as people and scripts give them: text, a kind, days as YYYY-MM-DD (UTC; `to` included). */
export interface AuditFilterText {
  actor?: string | undefined;
  kind?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

export type AuditFilter = Omit<AuditQuery, 'limit' | 'offset'>;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The filter, or what is wrong with it (naming the field). */
export function auditFilterOf(raw: AuditFilterText): Result<AuditFilter> {
  const filter: AuditFilter = {};
  const actor = raw.actor?.trim() ?? '';
  if (actor !== '') filter.actor = actor;
  const text = raw.q?.trim() ?? '';
  if (text !== '') filter.text = text;
  const kind = raw.kind?.trim() ?? '';
  if (kind !== '') {
    if (!(AUDIT_KINDS as readonly string[]).includes(kind)) {
      return invalid(`kind must be one of ${AUDIT_KINDS.join(', ')}`, 'kind');
    }
    filter.kind = kind as AuditKind;
  }
  for (const key of ['from', 'to'] as const) {
    const value = raw[key]?.trim() ?? '';
    if (value === '') continue;
    const day = dayStart(value);
    if (day === undefined) return invalid(`${key} must be a day as YYYY-MM-DD`, key);
    filter[key] = key === 'to' ? day + 86_400_000 : day;
  }
  return ok(filter);
}

function dayStart(text: string): number | undefined {
  const m = DAY.exec(text);
  if (m === null) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = Date.UTC(year, month - 1, day);
  // 2026-02-30 rolls into March: refused rather than read as another day.
  return new Date(at).getUTCDate() === day && new Date(at).getUTCMonth() === month - 1 ? at : undefined;
}
