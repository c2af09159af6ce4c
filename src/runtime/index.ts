// The runtime room: the running clock and its time sources.
export { createClock, type Clock, type ClockFact, type ClockOptions } from './create-clock.js';
export { StoreDoorError } from './door.js';
export { seatedClockMachine } from './seat.js';
export {
  RealClockSource,
  ScaledClockSource,
  VirtualClockSource,
  scaledTime,
  type ClockSource,
  type TimeScale,
} from './clock-source.js';
export { fingerFrom, type FingerSpec } from './inputs.js';

// Re-exported so that other rooms reach these only through this index.
export { type TimerId } from './clock-source.js';
