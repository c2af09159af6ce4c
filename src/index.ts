// timeclock-sim as a library: create and script a clock from your own tests.
export { createClock, RealClockSource, VirtualClockSource } from './runtime/index.js';
export type { Clock, ClockFact, ClockOptions, ClockSource, FingerSpec } from './runtime/index.js';
export { loadDeviceModel, listDeviceModels } from './devices/index.js';
export { openStore, createMemoryPorts, openSqlitePorts, StoreOpenError } from './store/index.js';
export { createLogger } from './log.js';
export * from '../firmware/index.js';
