// timeclock-sim as a library: create and script a clock from your own tests, link it to a PUSH
// server or to the embedded reference cloud.
export { createClock, RealClockSource, VirtualClockSource } from './runtime/index.js';
export type { Clock, ClockFact, ClockOptions, ClockSource, FingerSpec } from './runtime/index.js';
export { loadDeviceModel, listDeviceModels } from './devices/index.js';
export { openStore, createMemoryPorts, openSqlitePorts, StoreOpenError } from './store/index.js';
export { createLogger } from './log.js';
export { startSync, SyncLink, CloudFailure } from './sync/index.js';
export type { SyncOptions, SyncStatus, SyncEvents } from './sync/index.js';
export { createCloud, type Cloud, type CloudOptions } from './cloud/index.js';
export { httpTransport, inProcessTransport, type PushTransport } from './protocol/transport.js';
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
export * from './serial/index.js';
export * from '../firmware/index.js';
