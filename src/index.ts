// timeclock-sim as a library: create and script a clock from your own tests, link it to a PUSH
// server or to the embedded reference cloud.
export { createClock, RealClockSource, VirtualClockSource } from './runtime/index.js';
export type { Clock, ClockFact, ClockOptions, ClockSource, FingerSpec } from './runtime/index.js';
export { loadDeviceModel, listDeviceModels } from './devices/index.js';
export { openStore, createMemoryPorts, openSqlitePorts, StoreOpenError } from './store/index.js';
export { createLogger } from './log.js';
export { ERROR_CODES, TimeclockError, errorCodeOf, isErrorCode, type ErrorCode } from './errors.js';
export { startSync, SyncLink, CloudFailure } from './sync/index.js';
export type { SyncOptions, SyncStatus, SyncEvents } from './sync/index.js';
export { createCloud, type Cloud, type CloudOptions } from './cloud/index.js';
export { httpTransport, inProcessTransport, type PushTransport } from './protocol/index.js';
export {
  runScenario,
  runScenarioFile,
  recordClock,
  replayJournal,
  CoverageRecorder,
  machineGraph,
  formatCoverage,
  formatJUnit,
  formatTap,
  ScenarioFileError,
} from './scenario/index.js';
export type {
  RunOptions,
  ScenarioResult,
  FileResult,
  StepFailure,
  Scenario,
  CoverageData,
  ReplayResult,
} from './scenario/index.js';
// The serial bridges' entry points; their codecs and driver APIs are in `timeclock-sim/serial`.
export {
  startBridge,
  parseBridgeSpec,
  BridgeSpecError,
  type Bridge,
  type BridgeOptions,
  type BridgeSpec,
  type ControlApi,
} from './serial/index.js';
// What a script needs of the firmware's domain; the rest (the machine, its events, the LAN requests,
// the store's fault model) is in `timeclock-sim/firmware`.
export {
  newUser,
  simulatedTemplate,
  frameText,
  screenFrame,
  defaultSettings,
  formatTimestamp,
  parseTimestamp,
  parseDeviceModel,
  DeviceModelError,
  FINGER_NAMES,
  PUNCH_STATE_LABELS,
  PUNCH_STATE_NAMES,
  VERIFY_MODES,
  VERIFY_MODE_NAMES,
  type ClockEmitted,
  type ClockEvent,
  type ClockRole,
  type ClockSettings,
  type ClockSnapshot,
  type DeviceModel,
  type Finger,
  type Key,
  type LocalTime,
  type Privilege,
  type Punch,
  type PunchState,
  type ScreenFrame,
  type Template,
  type User,
} from '../firmware/index.js';
