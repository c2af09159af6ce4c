// createClock(): the firmware machine running as an actor, wired to a store, a clock source and a
// logger. This is the library API for scripting the clock, and what the CLI, the UI and sync build on.
import { loadDeviceModel, serialNumberFor, isValidSerialNumber } from '../devices/index.js';
import { codedError } from '../errors.js';
import { createLogger } from '../log.js';
import { openStore, type StoreSpec } from '../store/index.js';
import type { Clock, ClockOptions } from './clock-api.js';
import { RealClockSource, VirtualClockSource, type ClockSource } from './clock-source.js';
import { RunningClock } from './running-clock.js';

export type { Clock, ClockFact, ClockOptions } from './clock-api.js';

export function createClock(options: ClockOptions = {}): Clock {
  const model = typeof options.device === 'object' ? options.device : loadDeviceModel(options.device ?? 'biometric');
  const serialNumber = options.serialNumber ?? serialNumberFor(model, 1);
  if (!isValidSerialNumber(model, serialNumber)) {
    throw codedError(
      'TC_ERR_CLOCK_OPTIONS',
      `serialNumber "${serialNumber}" does not fit the ${model.model} format ${model.serialNumberFormat}`,
    );
  }
  const log = (options.logger ?? createLogger({ level: 'silent' })).child({ module: 'runtime', sn: serialNumber });
  const source = clockSourceFor(options.time);
  const store = openStore(storeSpec(options.store), {
    synchronous: options.storeSync ?? 'full',
    ...(options.storeCachePages === undefined ? {} : { cachePages: options.storeCachePages }),
  });
  try {
    return new RunningClock(
      model,
      serialNumber,
      store,
      source,
      log,
      options.time === undefined || options.time === 'real',
      options.inspect,
    );
  } catch (error) {
    // A clock that cannot power on must not keep its store file locked.
    store.close();
    throw error;
  }
}

function storeSpec(store: ClockOptions['store']): StoreSpec {
  if (store === undefined || store === 'memory') return { kind: 'memory' };
  return typeof store === 'string' ? { kind: 'file', file: store } : store;
}

function clockSourceFor(time: ClockOptions['time']): ClockSource {
  if (time === undefined || time === 'real') return new RealClockSource();
  if ('source' in time) return time.source;
  const start = typeof time.virtual === 'number' ? time.virtual : Date.parse(`${time.virtual.replace(' ', 'T')}Z`);
  if (Number.isNaN(start))
    throw codedError(
      'TC_ERR_CLOCK_OPTIONS',
      `time.virtual "${String(time.virtual)}" is not a date and time (YYYY-MM-DDTHH:MM:SS)`,
    );
  return new VirtualClockSource(start);
}
