// The store file's owner lock (src/file-lock.ts, which the cloud's database takes too), in the clock
// store's words: two simulators never share one store.
import { acquireFileLock, type StoreLock } from '../file-lock.js';
import { storeOpenErrors } from './errors.js';

export type { StoreLock } from '../file-lock.js';

export function acquireLock(file: string): StoreLock {
  return acquireFileLock(file, { ...storeOpenErrors, owner: 'timeclock' });
}
