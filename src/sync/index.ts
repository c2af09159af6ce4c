// The sync room: the clock's cloud link over PUSH. startSync() is what leaves it; the rest is how.
import { httpTransport, type PushTransport } from '../protocol/index.js';
import { createLogger, type Logger } from '../log.js';
import type { Clock } from '../runtime/index.js';
import { SyncLink } from './link.js';
import { codedRangeError, codedTypeError } from '../errors.js';

export { SyncLink } from './link.js';
export type { SyncEvents, SyncEventType, SyncState, SyncStatus } from './sync-events.js';
export { CloudFailure, type CloudFailureKind } from './push-client.js';
export { BATCH_SIZE } from './uploads.js';

export interface SyncOptions {
  /** How requests travel: over HTTP, or in-process into the embedded cloud. Either this or `url`. */
  transport?: PushTransport;
  /** A PUSH server (`http://host:port`); the link makes an HTTP transport and closes it on stop(). */
  url?: string;
  /** Give up on a request to `url` after this long (default: the transport's 30 s). */
  requestTimeoutMs?: number;
  /** A CA (PEM) to trust for an https:// `url` with a self-signed certificate. */
  ca?: string | Buffer;
  logger?: Logger;
  /** How logs and the clock's Settings > Cloud server name the server when a transport is given (default `in-process transport`). */
  server?: string;
  /** Records per upload POST (default 1,000). */
  batchSize?: number;
  /**
   * The clock's device key, as the cloud issued it (sent as `Authorization: Bearer`); without it, the key
   * the clock keeps, which a handshake answer's `RegistryCode=` sets.
   */
  deviceKey?: string;
}

/**
 * Starts the clock's cloud link: it handshakes at once, then polls, uploads and retries on the clock's
 * own time source until stop(). Throws only for options that name no server or a bad URL.
 */
export function startSync(clock: Clock, options: SyncOptions): SyncLink {
  const { transport, url } = options;
  if ((transport === undefined) === (url === undefined)) {
    throw codedTypeError(
      'TC_ERR_SYNC_OPTIONS',
      'startSync: give either "transport" or "url" (a PUSH server such as http://host:port)',
    );
  }
  if (options.batchSize !== undefined && !(Number.isInteger(options.batchSize) && options.batchSize > 0)) {
    throw codedRangeError(
      'TC_ERR_SYNC_OPTIONS',
      `startSync: "batchSize" must be a whole number above 0, got ${options.batchSize}`,
    );
  }
  const root = options.logger ?? createLogger({ level: 'silent' });
  const log = root.child({ module: 'sync', sn: clock.serialNumber });
  // A new connection per request, as clocks make them: a kept-alive socket that the server closed while
  // the clock was busy (or offline) fails the next request with ECONNRESET and a needless red dot.
  const http = {
    keepAlive: false,
    ...(options.requestTimeoutMs === undefined ? {} : { timeoutMs: options.requestTimeoutMs }),
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  };
  const server = url ?? options.server ?? 'in-process transport';
  log.info({ server }, 'sync starting');
  const { batchSize, deviceKey } = options;
  if (transport !== undefined) return new SyncLink(clock, transport, log, false, batchSize, server, deviceKey);
  return new SyncLink(clock, httpTransport(url!, http), log, true, batchSize, server, deviceKey);
}
