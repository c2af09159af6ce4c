// Every error thrown outside the cloud carries a stable code from this table (the cloud keeps its own
// under src/cloud/): callers test `error.code`, not the words, and docs/errors.md says what each means
// and what to do. A class is kept where callers use instanceof; it carries its code like any other.
import { FIRMWARE_ERROR_CODES, TimeclockError } from '../firmware/index.js';

export { TimeclockError } from '../firmware/index.js';

/** Code → what it means, one line; docs/errors.md has the whole story for each. */
export const ERROR_CODES = {
  ...FIRMWARE_ERROR_CODES,
  // The clock (src/runtime/)
  TC_ERR_CLOCK_OPTIONS: 'createClock or a clock source was given an option it cannot use',
  TC_ERR_CLOCK_INPUT: 'a keypad, card or finger input does not name a key, card or finger',
  TC_ERR_CLOCK_CLOSED: 'the clock was used after close()',
  TC_ERR_CLOCK_HALTED: 'the clock could not power on (its store failed at boot) and is halted',
  TC_ERR_CLOCK_UNSEATED: "the process's shared clock machine ran with no clock's store seated (a bug)",
  TC_ERR_CLOCK_NOT_BOOTED: 'the clock was read before it booted',
  TC_ERR_CLOCK_REAL_TIME: 'advance() was called on a clock that runs in real time',
  TC_ERR_CLOCK_UNANSWERED: 'the firmware did not answer a command or a load it was sent (a bug)',
  TC_ERR_CLOCK_LOAD_REFUSED: 'the store refused records loaded into the clock (see store.failed)',
  TC_ERR_STORE_DOOR: "a write to the clock's store outside the firmware's effects (a bug)",
  TC_ERR_FIRMWARE_EFFECT: 'the host wrapped an effect the firmware does not have (a bug)',
  // The store (src/store/)
  TC_ERR_STORE_WRITE: 'the store could not write: the disk is full, read-only or failing',
  TC_ERR_STORE_CORRUPT: "the clock's store file is damaged or not a database",
  TC_ERR_STORE_LOCKED: "the clock's store file is in use by another timeclock",
  TC_ERR_STORE_NEWER_SCHEMA: "the clock's store file was written by a newer timeclock-sim",
  TC_ERR_STORE_UNREADABLE: "the clock's store file cannot be read or created",
  TC_ERR_STORE_UID: 'a user was given a uid another user holds, or every uid is taken',
  TC_ERR_STORE_SEQ: "a log record was appended out of the log's sequence (a bug)",
  TC_ERR_STORE_ASYNC_TRANSACTION: 'a store transaction was given an async function (a bug)',
  TC_ERR_STORE_SHARED_SCHEMA: "the fleet's shared store does not mirror the clock store's schema (a bug)",
  // The cloud link (src/sync/, src/protocol/)
  TC_ERR_SYNC_OPTIONS: 'startSync or a transport was given options it cannot use',
  TC_ERR_SYNC_STOPPED: 'the sync link was stopped while something waited for it',
  TC_ERR_SYNC_HALTED: 'a round of the sync link stopped because the link went down or was stopped',
  TC_ERR_SYNC_LINK_DOWN: 'the network link is down',
  TC_ERR_SYNC_COMMAND_STORM: 'the server sent commands at every poll, more times in a row than allowed',
  TC_ERR_SYNC_BAD_ANSWER: 'the cloud did not answer as the PUSH protocol says',
  TC_ERR_CLOUD_FAILURE: 'the PUSH server was unreachable, timed out, or answered a bad status or garbage',
  TC_ERR_TRANSPORT: 'no answer came from the server: timeout, refused connection, or closed transport',
  TC_ERR_COMMAND_ID: 'a PUSH command id is not 1-16 letters or digits',
  // The LAN port (src/lan/)
  TC_ERR_LAN_LIMIT: 'a LAN limit was set to something other than a positive number',
  // Devices (src/devices/)
  TC_ERR_DEVICE_UNKNOWN: 'no clock model of that name in devices/',
  TC_ERR_DEVICE_FILE: 'a device file cannot be read',
  TC_ERR_DEVICE_IDENTITY: "a serial number seed or format does not fit the model's serial number",
  TC_ERR_JSON_SYNTAX: 'a JSON file a person edits has a syntax error (file:line:column)',
  TC_ERR_INSTALL: 'the package is incomplete: package.json or devices/ is not where it should be',
  // Serial bridges (src/serial/)
  TC_ERR_BRIDGE_SPEC: 'a --bridge spec has a bad kind, path or option',
  TC_ERR_SERIAL_HEX: 'a hex string is not whole bytes',
  TC_ERR_ZFM_PAGES: 'a ZFM fingerprint page map file is wrong',
  // The command line (src/cli/)
  TC_ERR_USAGE: 'bad flags or arguments (exit status 2)',
  TC_ERR_CONFIG: 'a bad flag, environment variable or config file (exit status 2)',
  TC_ERR_PORT: 'the embedded cloud could not listen on the port asked for',
  TC_ERR_FACE_PORT: "the clock face's own server could not listen on the port asked for",
  TC_ERR_DEMO_SEED: 'the demo employees could not be seeded into the embedded cloud',
  TC_ERR_SHARD: 'a --shard value is not I/N with 1 <= I <= N',
  // Scenarios (src/scenario/)
  TC_ERR_SCENARIO_FILE: 'a scenario file cannot run: the message names file, line, column and problem',
  TC_ERR_SCENARIO_DISCOVER: 'a scenario path named does not exist or cannot be read',
  TC_ERR_SCENARIO_JOURNAL: 'a scenario journal (record/replay) is missing, cut or of another version',
  TC_ERR_SCENARIO_STEP: 'a scenario step could not be carried out on the clock',
  TC_ERR_SCENARIO_NEEDS_CLOUD: 'a scenario step needs the embedded cloud and the scenario has none',
  TC_ERR_SCENARIO_SYNC_IDLE: 'sync: idle failed or timed out',
  // Fleets (src/fleet/)
  TC_ERR_FLEET_PROFILE: 'a fleet profile file cannot run',
  TC_ERR_FLEET_MERGE: 'fleet reports given to merge do not belong together or are not reports',
  TC_ERR_FLEET_REPORT: "a shard's report line is cut or garbled",
  TC_ERR_FLEET_GATE: 'the fleet start gate was opened twice (a bug)',
  TC_ERR_FLEET_CLOUD: 'the fleet cloud process exited before it answered',
  TC_ERR_CLOUD_API: "the cloud's JSON API refused a fleet's request",
} as const satisfies Record<`TC_ERR_${string}`, string>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error of one of the codes above: for throws that need no class of their own. */
export function codedError(code: ErrorCode, message: string, options?: { cause?: unknown }): TimeclockError<ErrorCode> {
  return new TimeclockError<ErrorCode>(code, message, options);
}

/**
 * A RangeError or TypeError with a code, as Node's own (`RangeError [ERR_OUT_OF_RANGE]`): an argument out
 * of its range or of the wrong kind stays the built-in class callers expect, and is coded like the rest.
 */
export function codedRangeError(code: ErrorCode, message: string): RangeError & { readonly code: ErrorCode } {
  return Object.assign(new RangeError(message), { code });
}

export function codedTypeError(code: ErrorCode, message: string): TypeError & { readonly code: ErrorCode } {
  return Object.assign(new TypeError(message), { code });
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/** The code of an error thrown by timeclock-sim, or undefined for anyone else's. */
export function errorCodeOf(error: unknown): ErrorCode | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return isErrorCode(code) ? code : undefined;
}
