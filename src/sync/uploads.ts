// What the clock uploads, as bodies ready to POST: the next batch of each log beyond its cursor, and
// the answers to DATA QUERY. The logs themselves are the offline queue: nothing here is kept in memory
// that a restart could lose, except query answers, which the server can ask for again.
import type { CommandEffect } from '../../firmware/index.js';
import type { ClockRecords, OperationRecord } from '../../firmware/index.js';
import type { Template } from '../../firmware/index.js';
import { formatAttlog, formatBiodata, formatOperlog, type OperlogItem } from '../protocol/index.js';
import type { Logger } from '../log.js';
import type { TransferFlags } from './link-options.js';

export type UploadTable = 'ATTLOG' | 'OPERLOG' | 'BIODATA';

/** Records per POST: big enough that a backlog of 100,000 punches is a hundred requests. */
export const BATCH_SIZE = 1_000;

/** OPLOG operation codes whose record also uploads the user or finger it names (docs/wire-formats.md §1). */
const OP_FINGER_ENROLLED = 6;
const OP_USER_ENROLLED = 30;

export interface UploadBatch {
  table: UploadTable;
  /** The POST body; empty when every record of the batch is one the server did not ask for. */
  body: string;
  /** Lines in the body: what the server's `OK: n` should say. */
  lines: number;
  /** The seq the cursor moves to once the server acknowledges; undefined for query answers. */
  lastSeq?: number;
  /** A DATA QUERY ATTLOG answer's punches, by seq: once acknowledged, the cursor may move over them. */
  seqs?: number[];
  /** Fingers of this OPERLOG batch that go up as BIODATA, posted after it and before its cursor moves. */
  biodata?: UploadBatch;
}

/**
 * The next attendance batch beyond `afterSeq` (the cursor unless told), oldest first, or undefined when
 * the log is uploaded.
 */
export function nextAttlogBatch(
  ports: ClockRecords,
  limit = BATCH_SIZE,
  afterSeq = ports.cursors.get('ATTLOG'),
): UploadBatch | undefined {
  const punches = beyond(ports.punches, afterSeq, limit);
  if (punches === undefined) return undefined;
  return {
    table: 'ATTLOG',
    body: formatAttlog(punches.records),
    lines: punches.records.length,
    lastSeq: punches.lastSeq,
  };
}

/**
 * The next operation-log batch beyond the cursor. Fingers enrolled on the clock are read from the
 * template table when the record is uploaded: the operation log is durable, so is what it names.
 */
export function nextOperlogBatch(
  ports: ClockRecords,
  flags: TransferFlags,
  limit = BATCH_SIZE,
  afterSeq = ports.cursors.get('OPERLOG'),
): UploadBatch | undefined {
  const operations = beyond(ports.operations, afterSeq, limit);
  if (operations === undefined) return undefined;
  const items = operations.records.flatMap((operation) => operlogItems(ports, operation, flags));
  const batch: UploadBatch = { table: 'OPERLOG', body: '', lines: 0, lastSeq: operations.lastSeq };
  if (!flags.biodata) return { ...batch, body: formatOperlog(items), lines: items.length };
  // A server that declared BIODATA for fingers gets them in that table; USER and OPLOG lines stay in OPERLOG.
  const fingers = items.flatMap((item) => ('template' in item ? [item.template] : []));
  const rest = items.filter((item) => !('template' in item));
  const withRest = { ...batch, body: formatOperlog(rest), lines: rest.length };
  return fingers.length === 0 ? withRest : { ...withRest, biodata: biodataBatch(fingers) };
}

/** Up to `limit` records of a log beyond `afterSeq` and the seq of the last, or undefined when there are none. */
function beyond<T extends { seq: number }>(
  log: { nextSeq(): number; after(seq: number, limit: number): T[] },
  afterSeq: number,
  limit: number,
): { records: T[]; lastSeq: number } | undefined {
  // Every round asks, most find nothing new: the log's next seq says so without reading it.
  if (log.nextSeq() - 1 <= afterSeq) return undefined;
  const records = log.after(afterSeq, limit);
  const last = records[records.length - 1];
  return last === undefined ? undefined : { records, lastSeq: last.seq };
}

function biodataBatch(templates: readonly Template[]): UploadBatch {
  return { table: 'BIODATA', body: formatBiodata(templates), lines: templates.length };
}

function operlogItems(ports: ClockRecords, operation: OperationRecord, flags: TransferFlags): OperlogItem[] {
  const items: OperlogItem[] = flags.operations ? [operation] : [];
  const [pinValue, fidValue] = operation.values;
  const pin = String(pinValue);
  if (operation.op === OP_FINGER_ENROLLED && flags.fingerprints) {
    // A finger deleted since has nothing to upload: its deletion reaches the server as its own record.
    const template = ports.templates.find(pin, Number(fidValue));
    if (template !== undefined) items.push({ template });
  }
  if (operation.op === OP_USER_ENROLLED && flags.users) {
    const user = ports.users.findByPin(pin);
    if (user !== undefined) items.push({ user });
  }
  return items;
}

/** The uploads a command's effects ask for (DATA QUERY), split into batches. */
export function queryUploads(effects: readonly CommandEffect[], limit = BATCH_SIZE): UploadBatch[] {
  const batches: UploadBatch[] = [];
  for (const effect of effects) {
    if (effect.kind === 'upload-punches') {
      for (const part of chunks(effect.punches, limit)) {
        const seqs = part.map((p) => p.seq);
        batches.push({ table: 'ATTLOG', body: formatAttlog(part), lines: part.length, seqs });
      }
    } else if (effect.kind === 'upload-biodata') {
      for (const part of chunks(effect.templates, limit)) batches.push(biodataBatch(part));
    } else if (effect.kind === 'upload-users') {
      const items: OperlogItem[] = effect.users.flatMap((user) => [
        { user },
        ...effect.templates.filter((t: Template) => t.pin === user.pin).map((template) => ({ template })),
      ]);
      for (const part of chunks(items, limit)) {
        batches.push({ table: 'OPERLOG', body: formatOperlog(part), lines: part.length });
      }
    }
  }
  return batches;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

/**
 * A DATA QUERY ATTLOG answer the server acknowledged holds punches it now has: where they are the next
 * ones beyond the ATTLOG cursor, the cursor moves over them, so that turning AttLog on later does not send
 * them again. A punch beyond the cursor that no query covered holds the cursor before it; the answered
 * ones after it wait in `answered` until it goes up. Returns the new cursor (for the caller to send to the
 * firmware as `upload.acknowledged`), or undefined when it stays.
 */
export function moveOverAnswered(
  ports: ClockRecords,
  answered: Set<number>,
  seqs: readonly number[],
): number | undefined {
  const start = ports.cursors.get('ATTLOG');
  for (const seq of seqs) if (seq > start) answered.add(seq);
  let cursor = start;
  for (const punch of ports.punches.after(start, answered.size)) {
    if (!answered.has(punch.seq)) break;
    answered.delete(punch.seq);
    cursor = punch.seq;
  }
  if (cursor === start) return undefined;
  for (const seq of answered) if (seq <= cursor) answered.delete(seq);
  return cursor;
}

/**
 * Says out loud when the server counted another number of records than were sent. A server that merged
 * records (same PIN, same second) or refused some would answer the same again: sending them again cannot
 * mend it, so the cursor moves on, but the loss is logged, with the lines the server named if it did.
 */
export function warnIfMiscounted(log: Logger, batch: UploadBatch, answer: { count?: number; refused?: string }): void {
  const { count, refused } = answer;
  if (count === undefined || count === batch.lines) return;
  const fields = { table: batch.table, sent: batch.lines, acknowledged: count };
  if (count > batch.lines) return log.warn(fields, 'upload: the server counted more');
  log.warn(
    refused === undefined ? fields : { ...fields, refusedLines: refused },
    `upload: the server acknowledged ${count} of ${batch.lines} ${batch.table} records; ` +
      'the rest were merged or dropped by the server and are not sent again',
  );
}
