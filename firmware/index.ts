// What leaves the firmware: the clock machine, its events and facts, the screen frame, and the domain
// types and rules the host and the tools build on.
export { clockMachine, clockMachineOn, type ClockMachine } from './clock.machine.js';
export { timedInputs, type TimedEvent } from './clock.time.js';
export { OP } from './clock.setup.js';
/** The names of the machine's effects: the only actions that write the store. */
export { EFFECT_NAMES, type EffectName } from './clock.effects.js';
export type { ClockContext, ClockInputData } from './context.js';
/** The keypad's lockout, which the LAN port applies to comm-key guesses too. */
export { LOCK_SECONDS, MAX_FAILURES } from './context.js';
export {
  ALL_KEYS,
  DeviceModelError,
  LAN_DEFAULTS,
  lanProfile,
  parseDeviceModel,
  modelHasKey,
  type DeviceModel,
  type Key,
  type LanProfile,
} from './device.js';
export { frameText, screenFrame, type ClockSnapshot, type IconMark, type ScreenFrame } from './display.js';
export type { ClockEmitted, ClockEvent, ClockInput, CommandAnswer } from './events.js';
export type { CommandLine, CommandOutcome } from './commands.js';
export type { LoadedCounts, RecordsLoad } from './load.js';
export {
  FINGER_NAMES,
  fingerIndex,
  fingerKey,
  fingerKeyOfTemplate,
  simulatedTemplate,
  type Finger,
} from './fingers.js';
export type * from './ports.js';
export { PORT_WRITES } from './ports.js';
export { FIRMWARE_ERROR_CODES, TimeclockError } from './errors.js';
export { PUNCH_STATE_LABELS, PUNCH_STATE_NAMES, type Punch, type PunchState, type PunchStateRule } from './punches.js';
export { defaultSettings, type ClockSettings } from './settings.js';
export { formatClock, formatDate, formatTimestamp, parseTimestamp, weekday, type LocalTime } from './time.js';
export { newUser, privilegeOf, roleOf, type ClockRole, type Privilege, type Template, type User } from './users.js';
export { VERIFY_MODES, VERIFY_MODE_NAMES, verifyStep, type Factor } from './verify.js';
export { LAN_OP, applyLanRequest, type LanRequest, type LanResult } from './lan.js';
export {
  STORE_FAULT_TITLES,
  storeFaultOf,
  type StoreFault,
  type StoreFaultError,
  type StoreWrite,
} from './store-faults.js';

// Re-exported so that other rooms reach these only through this index.
export { parseCommandText } from './command-parse.js';
export { BIO_TYPE_FINGERPRINT, type BioRecord, FINGER_ALGORITHM, readBiodataFields } from './command-biodata.js';
export { isValidPin, MAX_UID, isPrivilege } from './users.js';
export {
  RETURN_CODES,
  commandNameOf,
  isCommandId,
  type CloudCommand,
  type CommandEffect,
  formatReply,
  parseCommandBody,
  type RejectedLine,
} from './commands.js';
export { FieldReader, readTemplateFields, readUserFields } from './command-fields.js';
export { parseCardNumber } from './cards.js';
export { type NewPunch, type VerifyType } from './punches.js';
