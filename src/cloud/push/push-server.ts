// The server side of PUSH: the four iclock endpoints, answered through the domain, with the faults played
// first. Requests are values in and out (no socket here), so node:http and the in-process transport
// share every line of it.
import type { Logger } from '../../log.js';
import {
  PUSH_CONTENT_TYPE,
  excerpt,
  formatHttpDate,
  formatOptionsBody,
  formatUploadAnswer,
  parseAttlogBody,
  parseBiodataBody,
  parseDeviceOptionsBody,
  parseDevicecmdBody,
  parseInfoParam,
  parseOperlogBody,
  queryValue,
  type HandledResponse,
  type PushEndpoint,
  type PushOptions,
  type Query,
  type RejectedLine,
} from '../../protocol/index.js';
import { browserHeader, type ClockLink } from '../domain/index.js';
import type { CloudEvents } from '../domain/index.js';
import { GARBAGE_BODY, type Faults } from '../domain/index.js';
import type { Ingest } from '../domain/index.js';
import type { LogLimiter } from '../log-limit.js';
import type { ClockAuth } from '../types.js';
import { isSerialNumber } from '../domain/index.js';

export interface PushServerOptions {
  /** The handshake's options, without the per-clock stamps. */
  options: Omit<PushOptions, 'attlogStamp' | 'operlogStamp' | 'attphotoStamp'>;
  /** A sent command not answered within this long goes out again with the next poll. */
  resendAfterMs: number;
  /** After this many sends without an answer, a command fails. */
  maxSends: number;
  commandsPerPoll: number;
}

export interface PushContext {
  /** Which serial numbers are clocks and how each proves it; their records, commands and answers. */
  link: ClockLink;
  ingest: Ingest;
  faults: Faults;
  /** Facts for the live pages; a cloud without listeners pays one check per fact. */
  events?: CloudEvents;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  log: Logger;
  /** Warnings an outsider can cause, a few a minute per kind and the rest counted. */
  quiet: LogLimiter;
  options: PushServerOptions;
}

export interface PushCall {
  method: string;
  endpoint: PushEndpoint;
  query: Query;
  body: string;
  /** Header names in lower case; only Authorization and a browser's Origin / Sec-Fetch-* are read. */
  headers?: Record<string, string | string[] | undefined>;
}

/** The answer at once, or (a delay fault) a promise of it: a poll in-process waits on no promise of its own. */
export function handlePush(ctx: PushContext, call: PushCall): HandledResponse | Promise<HandledResponse> {
  const fault = ctx.faults.takeRequestFault(call.endpoint);
  if (fault === 'hang' || fault === 'reset') return { ...text(ctx, 0, ''), abort: fault };
  if (fault === 'status500') return text(ctx, 500, 'Internal Server Error (fault injection)');
  if (fault === 'garbage') return text(ctx, 200, GARBAGE_BODY);
  const answer = answerPush(ctx, call);
  const delayMs = ctx.faults.delayFor(call.endpoint);
  if (delayMs > 0) return ctx.sleep(delayMs).then(() => answer);
  return answer;
}

/**
 * The answer now, when no fault is set (nothing to play, nothing to wait for); otherwise undefined, and
 * nothing was done: the caller goes through handlePush, which plays them. A poll in-process takes this way.
 */
export function answerNow(ctx: PushContext, call: PushCall): HandledResponse | undefined {
  return ctx.faults.none() ? answerPush(ctx, call) : undefined;
}

function answerPush(ctx: PushContext, call: PushCall): HandledResponse {
  if (call.method !== 'GET' && call.method !== 'POST')
    return text(ctx, 405, `Error: method ${call.method} not allowed`);
  const sn = queryValue(call.query, 'SN') ?? '';
  if (sn === '') return text(ctx, 400, 'Error: SN is missing from the query');
  if (!isSerialNumber(sn)) return text(ctx, 400, 'Error: SN must be 1–32 letters, digits, - or _');
  const headers = call.headers ?? {};
  const browser = browserHeader(headers);
  if (browser !== undefined) return text(ctx, 403, `Error: a browser's request (${browser}) is not a clock's`);
  const { link, log } = ctx;
  const authorization = typeof headers.authorization === 'string' ? headers.authorization : undefined;
  const verdict = link.authenticate({
    sn,
    endpoint: call.endpoint,
    method: call.method,
    authorization,
  });
  if (!verdict.ok) {
    // Anyone can send these: written at a bounded rate and counted beyond it.
    const fields = { sn, endpoint: call.endpoint, status: verdict.status };
    if (verdict.status === 403) ctx.quiet.warn('unregistered', fields, 'request from an unregistered clock refused');
    else ctx.quiet.warn('unauthenticated', fields, 'request refused: the clock did not prove who it is');
    return text(ctx, verdict.status, verdict.body, verdict.headers);
  }
  if (verdict.deliverKey !== undefined) log.debug({ sn }, 'device key offered to the clock’s handshake');
  link.seen(sn, call.endpoint);
  switch (call.endpoint) {
    case 'cdata':
      return call.method === 'GET' ? handshake(ctx, sn, verdict.deliverKey) : upload(ctx, sn, call, verdict.trust);
    case 'getrequest':
      return getRequest(ctx, sn, call.query);
    case 'devicecmd':
      return deviceCmd(ctx, sn, call.body);
    case 'ping':
      return text(ctx, 200, 'OK');
  }
}

function handshake(ctx: PushContext, sn: string, deliverKey: string | undefined): HandledResponse {
  const options: PushOptions = { ...ctx.options.options, ...ctx.link.stamps(sn), attphotoStamp: 'None' };
  ctx.log.debug({ sn }, 'handshake');
  // RegistryCode, as Security PUSH servers name what they issue a clock at registration.
  const key = deliverKey === undefined ? '' : `RegistryCode=${deliverKey}\n`;
  return text(ctx, 200, formatOptionsBody(sn, options) + key);
}

/**
 * Answers `OK: <lines kept>`; the lines refused (unreadable, or of a kind this cloud does not keep) are
 * logged and named by number in the REFUSED_HEADER, which clocks that do not know it ignore: the body
 * stays the `OK: n` every clock parses. A punch already stored counts as kept: the clock sent it again.
 */
function upload(ctx: PushContext, sn: string, call: PushCall, trust: ClockAuth): HandledResponse {
  const table = (queryValue(call.query, 'table') ?? '').toUpperCase();
  const stamp = queryValue(call.query, 'Stamp');
  const { link, ingest, log } = ctx;
  switch (table) {
    case 'ATTLOG': {
      const { records, rejected } = parseAttlogBody(call.body);
      const added = ingest.punches(sn, records, stamp);
      if (added > 0) ctx.events?.emit('punch.stored', { sn, count: added });
      logRejected(ctx, sn, table, rejected);
      log.debug({ sn, table, records: records.length, added }, 'upload');
      return kept(ctx, records.length, rejected);
    }
    case 'OPERLOG': {
      const { records, rejected } = parseOperlogBody(call.body);
      ingest.operlog(sn, records, trust);
      // Older clocks name the OPERLOG cursor OpStamp, as older servers do in their handshake.
      const opStamp = stamp ?? queryValue(call.query, 'OpStamp');
      if (opStamp) link.setStamp(sn, 'operlog', opStamp);
      logRejected(ctx, sn, table, rejected);
      return kept(ctx, records.length, rejected);
    }
    case 'BIODATA': {
      const { records, lineNumbers, rejected } = parseBiodataBody(call.body);
      const others = new Set(ingest.biodata(sn, records, trust));
      const notKept = records.flatMap((record, i) => (others.has(record) ? [{ lineNumber: lineNumbers[i]! }] : []));
      logRejected(ctx, sn, table, rejected);
      return kept(ctx, records.length - others.size, [...rejected, ...notKept]);
    }
    case 'OPTIONS':
      link.mergeInfo(sn, parseDeviceOptionsBody(call.body));
      return text(ctx, 200, 'OK');
    case '':
      return text(ctx, 400, 'Error: table is missing from the query');
    default: {
      // ATTPHOTO, USERPIC…: read and acknowledged, not kept.
      const lines = call.body.split(/\r?\n/).filter((l) => l.trim() !== '').length;
      log.debug({ sn, table, lines }, 'upload of a table this cloud does not keep');
      return text(ctx, 200, formatUploadAnswer(lines));
    }
  }
}

/** Names the refused lines by number, at most REFUSED_NAMED of them, then how many more. */
export const REFUSED_HEADER = 'x-push-refused';
const REFUSED_NAMED = 50;

function kept(ctx: PushContext, count: number, refused: readonly { lineNumber: number }[]): HandledResponse {
  const answer = text(ctx, 200, formatUploadAnswer(count));
  if (refused.length === 0) return answer;
  const numbers = refused.map((r) => r.lineNumber).sort((a, b) => a - b);
  const more = numbers.length > REFUSED_NAMED ? ` +${numbers.length - REFUSED_NAMED}` : '';
  return {
    ...answer,
    headers: { ...answer.headers, [REFUSED_HEADER]: numbers.slice(0, REFUSED_NAMED).join(',') + more },
  };
}

function getRequest(ctx: PushContext, sn: string, query: Query): HandledResponse {
  const { link, log, options } = ctx;
  const info = queryValue(query, 'INFO');
  if (info !== undefined && info !== '') {
    const parsed = parseInfoParam(info);
    link.mergeInfo(sn, {
      firmware: parsed.firmware,
      users: String(parsed.users ?? ''),
      fingerprints: String(parsed.fingerprints ?? ''),
      attendanceRecords: String(parsed.attendanceRecords ?? ''),
      ip: parsed.ip,
    });
  }
  const lines = link.deliver(sn, options);
  if (lines.length > 0) log.debug({ sn, commands: lines.length }, 'commands delivered');
  return text(ctx, 200, lines.length > 0 ? lines.join('') : 'OK');
}

function deviceCmd(ctx: PushContext, sn: string, body: string): HandledResponse {
  const { replies, rejected } = parseDevicecmdBody(body);
  ctx.link.answer(sn, replies);
  logRejected(ctx, sn, 'devicecmd', rejected);
  return text(ctx, 200, 'OK');
}

function logRejected(ctx: PushContext, sn: string, table: string, rejected: readonly RejectedLine[]): void {
  // The `line` key is masked by the logger (Passwd=, TMP=); only the first few, so one bad body is not a flood.
  for (const r of rejected.slice(0, 5)) {
    // A rejected line may be a megabyte of garbage: its start says enough.
    const line = excerpt(r.line, 260);
    const fields = { sn, table, lineNumber: r.lineNumber, line, problem: excerpt(r.problem, 300) };
    ctx.quiet.warn('line rejected', fields, 'line rejected');
  }
  if (rejected.length > 5)
    ctx.quiet.warn('more rejected', { sn, table, more: rejected.length - 5 }, 'more lines rejected');
}

function text(ctx: PushContext, status: number, body: string, more?: Record<string, string>): HandledResponse {
  const headers: Record<string, string> = { 'content-type': PUSH_CONTENT_TYPE, date: formatHttpDate(ctx.now()) };
  // Most answers have no more headers: no spread of nothing at every poll.
  if (more !== undefined) Object.assign(headers, more);
  return { status, headers, body };
}
