// The cloud's errors, each with a stable code (`TC_ERR_…`, listed in docs/errors.md) and the HTTP status
// it answers with, made by @fastify/error's createError as fastify's own are. A page or an API answer
// names the code; a caller tells errors apart by it, never by the wording.
import createError from '@fastify/error';

/** A page or record that does not exist: an employee, a clock, a fingerprint, a token… (the message says which). */
export const CloudNotFound = createError<'TC_ERR_CLOUD_NOT_FOUND', 404, [string]>('TC_ERR_CLOUD_NOT_FOUND', '%s', 404);

/** A change the record's state refuses (an employee already inactive deactivated again…; the message says which). */
export const CloudConflict = createError<'TC_ERR_CLOUD_CONFLICT', 409, [string]>('TC_ERR_CLOUD_CONFLICT', '%s', 409);

/** A read-only account asked to change something only a SysAdmin may. */
export const CloudReadOnly = createError<'TC_ERR_CLOUD_READ_ONLY', 403, []>(
  'TC_ERR_CLOUD_READ_ONLY',
  'Your account is read-only: only a SysAdmin may change this.',
  403,
);

/** A request whose query, form or body is not what the route takes (the message names the field). */
export const CloudBadRequest = createError<'TC_ERR_CLOUD_BAD_REQUEST', 400, [string]>(
  'TC_ERR_CLOUD_BAD_REQUEST',
  '%s',
  400,
);

/** An API body that does not parse as JSON. */
export const CloudNotJson = createError<'TC_ERR_CLOUD_NOT_JSON', 400, [string]>(
  'TC_ERR_CLOUD_NOT_JSON',
  'the body is not JSON: %s',
  400,
);

/** A PUSH body past the size limit (refused before or while it is read). */
export const PushBodyTooLarge = createError<'TC_ERR_PUSH_BODY_TOO_LARGE', 413, [number]>(
  'TC_ERR_PUSH_BODY_TOO_LARGE',
  'the body is larger than %d bytes',
  413,
);

/** The PUSH bodies being read at once would pass their shared byte budget: the clock sends it again. */
export const PushBusy = createError<'TC_ERR_PUSH_BUSY', 503, []>(
  'TC_ERR_PUSH_BUSY',
  'the server is reading too many bodies at once: send it again later',
  503,
);

/** A PUSH body whose sender went away before its end. */
export const PushBodyCut = createError<'TC_ERR_PUSH_BODY_CUT', 400, []>(
  'TC_ERR_PUSH_BODY_CUT',
  'the body was cut off',
  400,
);

/** One address is sending as many large PUSH bodies at once as it may: this one is refused before it is read. */
export const PushAddressBusy = createError<'TC_ERR_PUSH_ADDRESS_BUSY', 503, []>(
  'TC_ERR_PUSH_ADDRESS_BUSY',
  'this address is sending too many large bodies at once: send it again later',
  503,
);

/** The sender of a PUSH body was cut off (refused too often) while the body arrived: its connection is closed. */
export const PushSenderCut = createError<'TC_ERR_PUSH_SENDER_CUT', 429, []>(
  'TC_ERR_PUSH_SENDER_CUT',
  'the sender was cut off while it sent the body',
  429,
);

/** A fault setting that is not one (PUT /api/faults, cloud.faults.set): a RangeError, as before. */
export const BadFault = createError<'TC_ERR_CLOUD_BAD_FAULT', 400, [string]>(
  'TC_ERR_CLOUD_BAD_FAULT',
  '%s',
  400,
  RangeError,
);

/** listen() on an address beyond loopback without TLS and without --plain-http. */
export const PlainHttpRefused = createError<'TC_ERR_CLOUD_PLAIN_HTTP', [string]>(
  'TC_ERR_CLOUD_PLAIN_HTTP',
  "refusing plain HTTP on %s: clocks' passwords and templates would cross the network in clear; " +
    'give a certificate and key (--tls-cert, --tls-key), or accept plain HTTP explicitly (--plain-http)',
);

/** A day table row (punch_days) whose packed punches are out of their packing: named by employee and character. */
export const PunchDaysDamaged = createError<'TC_ERR_CLOUD_PUNCH_DAYS_DAMAGED', 500, [string]>(
  'TC_ERR_CLOUD_PUNCH_DAYS_DAMAGED',
  '%s',
  500,
);

/** Every error of the cloud, by name (the test of codes and docs/errors.md read it). */
export const CLOUD_ERRORS = {
  CloudNotFound,
  CloudConflict,
  CloudReadOnly,
  CloudBadRequest,
  CloudNotJson,
  PushBodyTooLarge,
  PushBusy,
  PushBodyCut,
  PushAddressBusy,
  PushSenderCut,
  BadFault,
  PlainHttpRefused,
  PunchDaysDamaged,
};
