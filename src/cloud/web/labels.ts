// What the protocol's numbers mean to a person: a command's Return code, a punch's status and its verify
// method. One table each, so the clock's page, the punches page and the CSV say the same words.
import { RETURN_CODES } from '../../../firmware/index.js';

/** The PUSH protocol's Return codes (docs/wire-formats.md §1, Replies), in the words the pages use. */
export const RETURN_CODE_MEANINGS: ReadonlyMap<number, string> = new Map([
  [RETURN_CODES.ok, 'success'],
  [RETURN_CODES.parameterError, 'parameter error'],
  [RETURN_CODES.readWriteError, 'read/write error'],
  [RETURN_CODES.templateSizeMismatch, 'template size mismatch'],
  [RETURN_CODES.pinNotOnDevice, 'PIN not on the device'],
  [RETURN_CODES.badTemplate, 'bad template'],
  [RETURN_CODES.damagedTemplate, 'bad template'],
  [RETURN_CODES.algorithmMismatch, 'template of another algorithm version'],
  [RETURN_CODES.capacityExceeded, 'capacity exceeded'],
  [RETURN_CODES.notSupported, 'not supported'],
  [RETURN_CODES.timeout, 'timeout'],
  [RETURN_CODES.inconsistentWithDevice, 'inconsistent with device configuration'],
  [RETURN_CODES.busy, 'busy'],
  [RETURN_CODES.dataTooLong, 'data too long'],
]);

/** `−1002 not supported`; a code outside the protocol's table says so rather than guessing. */
export function returnCodeText(code: number): string {
  const meaning = RETURN_CODE_MEANINGS.get(code) ?? 'a code the protocol does not define';
  return `${formatSigned(code)} ${meaning}`;
}

/** A typographic minus, so −1002 does not wrap after its sign. */
export function formatSigned(n: number): string {
  return n < 0 ? `\u2212${-n}` : String(n);
}

const STATUSES: ReadonlyMap<number, string> = new Map([
  [0, 'in'],
  [1, 'out'],
  [2, 'break out'],
  [3, 'break in'],
  [4, 'overtime in'],
  [5, 'overtime out'],
  [255, 'no state chosen'],
]);

/** ATTLOG status: 0 check-in … 5 overtime-out, 255 when no state was chosen. */
export function punchStatusText(status: number): string {
  return STATUSES.get(status) ?? `status ${status}`;
}

const VERIFY_METHODS: ReadonlyMap<number, string> = new Map([
  [0, 'PIN / password'],
  [1, 'fingerprint'],
  // Older firmware records a card as 2.
  [2, 'card'],
  [4, 'card'],
  [15, 'face'],
]);

/** The verify method a punch was recorded with. */
export function verifyMethodText(verify: number): string {
  return VERIFY_METHODS.get(verify) ?? `verify ${verify}`;
}

const OPERATIONS: ReadonlyMap<number, string> = new Map([
  [0, 'power on'],
  [3, 'alarm'],
  [4, 'menu entered'],
  [6, 'fingerprint enrolled'],
  [9, 'user deleted'],
  [21, 'time set'],
  [30, 'new user enrolled'],
]);

/** OPLOG operation types the protocol names; the others by number. */
export function operationText(op: number): string {
  return OPERATIONS.get(op) ?? `operation ${op}`;
}
