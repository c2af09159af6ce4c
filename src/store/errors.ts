// The one exception the store throws: a store file that cannot be opened, saying which file, what is
// wrong and what the person starting the clock can do about it.
import { TimeclockError, type ErrorCode } from '../errors.js';

export type StoreOpenReason = 'corrupt' | 'locked' | 'newer-schema' | 'unreadable';

/** One code for each reason: a caller may tell a locked store from a damaged one without reading words. */
const CODES = {
  corrupt: 'TC_ERR_STORE_CORRUPT',
  locked: 'TC_ERR_STORE_LOCKED',
  'newer-schema': 'TC_ERR_STORE_NEWER_SCHEMA',
  unreadable: 'TC_ERR_STORE_UNREADABLE',
} as const satisfies Record<StoreOpenReason, ErrorCode>;

export class StoreOpenError extends TimeclockError<(typeof CODES)[StoreOpenReason]> {
  /** Marker for callers that cannot rely on instanceof across module copies. */
  readonly storeOpenError = true;

  constructor(
    /** Absolute path of the store file. */
    readonly file: string,
    readonly reason: StoreOpenReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(CODES[reason], message, options);
    this.name = 'StoreOpenError';
  }
}

/** The messages, in one place so that they read alike. */
export const storeOpenErrors = {
  corrupt: (file: string, detail: string, cause?: unknown) =>
    new StoreOpenError(
      file,
      'corrupt',
      `Cannot open the clock's store ${file}: the file is damaged or is not a database (${detail}). ` +
        'Restore it from a backup, or move it aside to start with an empty store.',
      { cause },
    ),
  locked: (file: string, holder: string, cause?: unknown) =>
    new StoreOpenError(
      file,
      'locked',
      `Cannot open the clock's store ${file}: it is in use by ${holder}. ` +
        'Stop the other timeclock using it, or choose another store file.',
      { cause },
    ),
  newerSchema: (file: string, found: number, known: number) =>
    new StoreOpenError(
      file,
      'newer-schema',
      `Cannot open the clock's store ${file}: it has schema version ${found}, written by a newer ` +
        `timeclock-sim (this one knows up to version ${known}). Upgrade timeclock-sim to use this file.`,
    ),
  unreadable: (file: string, detail: string, cause?: unknown) =>
    new StoreOpenError(
      file,
      'unreadable',
      `Cannot open the clock's store ${file}: ${detail}. ` +
        'Check that the path names a timeclock store file (or a new one) that you may read and write.',
      { cause },
    ),
};
