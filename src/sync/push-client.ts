// The clock's four PUSH exchanges over a transport, each judged at the boundary: an answer that is not
// what the protocol says (refused, timed out, 5xx, an HTML page, garbage) becomes a CloudFailure that
// names the exchange and what came back, with secrets masked; never an exception of another kind.
import {
  PUSH_PATHS,
  PUSH_VERSION,
  formatDeviceOptionsBody,
  TransportError,
  parseHttpDate,
  parseUploadAnswer,
  type PushRequest,
  type PushResponse,
  type PushTransport,
} from '../protocol/index.js';
import { maskSecrets } from '../log.js';
import { handshakeOptions, type HandshakeOptions } from './link-options.js';
import type { UploadBatch } from './uploads.js';
import { TimeclockError } from '../errors.js';

export type CloudFailureKind = 'unreachable' | 'timeout' | 'status' | 'garbage';

/** The server did not answer as the protocol says: the red dot, and a retry after ErrorDelay. */
export class CloudFailure extends TimeclockError<'TC_ERR_CLOUD_FAILURE'> {
  override name = 'CloudFailure';
  readonly cloudFailure = true;
  constructor(
    readonly kind: CloudFailureKind,
    message: string,
    /** The HTTP status of a `status` failure. */
    readonly status?: number,
  ) {
    super('TC_ERR_CLOUD_FAILURE', message);
  }
}

/** The link stopped or went down while a request was being prepared: not a failure of the server. */
export class RoundHalted extends TimeclockError<'TC_ERR_SYNC_HALTED'> {
  constructor() {
    super('TC_ERR_SYNC_HALTED', 'the link stopped or went down');
  }
}

/**
 * The exchange's answer, or RoundHalted when the link stopped while it was on its way: a failure that ends
 * after a stop is no reason to go offline and retry, and what came back is not the link's to act on (the
 * clock may be closed by now).
 */
export async function unlessStopped<T>(exchange: () => Promise<T>, stopped: () => boolean): Promise<T> {
  let result: T;
  try {
    result = await exchange();
  } catch (error) {
    if (stopped()) throw new RoundHalted();
    throw error;
  }
  if (stopped()) throw new RoundHalted();
  return result;
}

export interface Handshake extends HandshakeOptions {
  /** The server's `Date` header as UTC ms, when it sent a readable one. */
  serverUtc?: number;
  /** A device key the server issued this clock (`RegistryCode=`), to send with every request from now on. */
  registryCode?: string;
}

/** Where a server names the lines of an upload it refused (the reference cloud does; others send nothing). */
const REFUSED_HEADER = 'x-push-refused';

/** `language=69` is English in the ZKTeco language table, as the sample handshake of docs/wire-formats.md §1 sends. */
const LANGUAGE = '69';

/** How much of a bad answer goes into a log line and a status: enough to recognise it. */
const EXCERPT = 120;

export class PushClient {
  /** The Authorization header of the key last sent: a poll every Delay sends the same one. */
  private keyHeader: { key: string; authorization: string } | undefined;
  private lastQuietPoll: { key: string | undefined; request: PushRequest } | undefined;

  constructor(
    private readonly transport: PushTransport,
    private readonly serialNumber: string,
    /** The clock's device key, if it has one: sent as `Authorization: Bearer` with every request. */
    private readonly key: () => string | undefined = () => undefined,
  ) {}

  async handshake(): Promise<Handshake> {
    const query = { SN: this.serialNumber, options: 'all', pushver: PUSH_VERSION, language: LANGUAGE };
    const request = { method: 'GET', path: PUSH_PATHS.cdata, query } as const;
    let response: PushResponse;
    try {
      response = await this.send('handshake', request);
    } catch (error) {
      // A key the server no longer takes (an admin issued a new one): the handshake without it may carry
      // the new one. A server that refuses that too says so, and the retry waits for ErrorDelay as usual.
      if (!(error instanceof CloudFailure && error.status === 401 && this.key() !== undefined)) throw error;
      response = await this.send('handshake without the refused device key', request, false);
    }
    const options = handshakeOptions(response.body);
    if (options.garbage) {
      throw new CloudFailure('garbage', `handshake: the answer has no PUSH options: "${excerpt(response.body)}"`);
    }
    const serverUtc = parseHttpDate(response.headers.date ?? '');
    const registryCode = /^RegistryCode=(\S+)\s*$/m.exec(response.body)?.[1];
    return {
      ...options,
      ...(serverUtc === undefined ? {} : { serverUtc }),
      ...(registryCode === undefined ? {} : { registryCode }),
    };
  }

  /**
   * What the clock is (`~DeviceName`, firmware, MAC…), posted to `cdata?table=options` after the handshake
   * as real PUSH clocks do: the handshake and INFO carry no model name, and servers show it from this.
   */
  async pushOptions(options: Record<string, string>): Promise<void> {
    const query = { SN: this.serialNumber, table: 'options' };
    const body = formatDeviceOptionsBody(options);
    await this.send('options', { method: 'POST', path: PUSH_PATHS.cdata, query, body });
  }

  /**
   * The getrequest answer's text; `INFO` goes along when the counts changed. `early` is the answer
   * pollNow() already had: it is judged as one that came now, and nothing is sent again.
   */
  async poll(info: string | undefined, early?: { response: PushResponse } | { error: unknown }): Promise<string> {
    if (early !== undefined && 'error' in early) throw early.error;
    if (early !== undefined) return this.judge('getrequest', early.response).body;
    // The quiet poll is the same frozen request every Delay: the transport writes its URL once.
    const request = info === undefined ? this.quietPoll() : this.keyed(this.pollRequest(info), true);
    return (await this.exchange('getrequest', request)).body;
  }

  /** Whether the transport can answer at once (in-process): pollNow() is worth asking. */
  get answersAtOnce(): boolean {
    return this.transport.requestNow !== undefined;
  }

  /**
   * The getrequest answer at once, from a transport that can give it (in-process), unjudged: poll() judges
   * it. Undefined when it cannot, and nothing was sent. Throws a CloudFailure when no answer came.
   */
  pollNow(info: string | undefined): PushResponse | undefined {
    const now = this.transport.requestNow;
    if (now === undefined) return undefined;
    try {
      return now.call(this.transport, info === undefined ? this.quietPoll() : this.keyed(this.pollRequest(info), true));
    } catch (error) {
      throw this.failure('getrequest', error);
    }
  }

  /**
   * The poll without INFO, as sent last time unless the key changed: nearly every poll of a day is this one.
   * Frozen, since the same object goes out again (and a transport may keep what it made of it).
   */
  private quietPoll(): PushRequest {
    const key = this.key();
    if (this.lastQuietPoll === undefined || this.lastQuietPoll.key !== key) {
      const request = deepFrozen(this.keyed(this.pollRequest(undefined), true));
      this.lastQuietPoll = { key, request };
    }
    return this.lastQuietPoll.request;
  }

  private pollRequest(info: string | undefined): PushRequest {
    const query: Record<string, string> = { SN: this.serialNumber };
    if (info !== undefined) query.INFO = info;
    return { method: 'GET', path: PUSH_PATHS.getrequest, query };
  }

  /**
   * Posts one batch; resolves only when the server said OK, with its count (undefined for a bare `OK`) and
   * the lines it refused when it names them (the reference cloud's `x-push-refused: 3,7`).
   */
  async upload(batch: UploadBatch): Promise<{ count?: number; refused?: string }> {
    const query: Record<string, string> = { SN: this.serialNumber, table: batch.table };
    // The stamp is the last seq of the batch: what a server may hand back in its next handshake.
    if (batch.lastSeq !== undefined) query.Stamp = String(batch.lastSeq);
    const what = `upload of ${batch.lines} ${batch.table} records`;
    const response = await this.send(what, { method: 'POST', path: PUSH_PATHS.cdata, query, body: batch.body });
    const answer = parseUploadAnswer(response.body);
    if (!answer.ok) throw new CloudFailure('garbage', `${what}: ${maskSecrets(answer.problem)}`);
    const refused = response.headers[REFUSED_HEADER]?.slice(0, 300);
    return { ...(answer.count === undefined ? {} : { count: answer.count }), ...(refused ? { refused } : {}) };
  }

  async reply(body: string): Promise<void> {
    const query = { SN: this.serialNumber };
    const response = await this.send('devicecmd', { method: 'POST', path: PUSH_PATHS.devicecmd, query, body });
    // Some servers answer an empty 200: the replies arrived, which is all that matters.
    const text = response.body.trim();
    if (text !== '' && !/^OK\b/i.test(text)) {
      throw new CloudFailure('garbage', `devicecmd: the server answered "${excerpt(text)}" instead of OK`);
    }
  }

  private send(what: string, request: PushRequest, withKey = true): Promise<PushResponse> {
    return this.exchange(what, this.keyed(request, withKey));
  }

  /** A request that carries its key already (or goes without one) over the transport, its answer judged. */
  private async exchange(what: string, request: PushRequest): Promise<PushResponse> {
    let response: PushResponse;
    try {
      response = await this.transport.request(request);
    } catch (error) {
      throw this.failure(what, error);
    }
    return this.judge(what, response);
  }

  /** The request with the device key, when the clock has one; the header is made again only when the key changes. */
  private keyed(request: PushRequest, withKey: boolean): PushRequest {
    const key = withKey ? this.key() : undefined;
    if (key === undefined) return request;
    if (this.keyHeader?.key !== key) this.keyHeader = { key, authorization: `Bearer ${key}` };
    const { authorization } = this.keyHeader;
    return { ...request, headers: request.headers ? { ...request.headers, authorization } : { authorization } };
  }

  private failure(what: string, error: unknown): CloudFailure {
    if (error instanceof TransportError) {
      return new CloudFailure(error.kind === 'timeout' ? 'timeout' : 'unreachable', `${what}: ${error.message}`);
    }
    const message = error instanceof Error ? error.message : String(error);
    return new CloudFailure('unreachable', `${what}: the transport failed (${maskSecrets(message)})`);
  }

  private judge(what: string, response: PushResponse): PushResponse {
    if (response.status < 200 || response.status > 299) {
      throw new CloudFailure('status', `${what}: HTTP ${response.status} "${excerpt(response.body)}"`, response.status);
    }
    return response;
  }
}

function deepFrozen(request: PushRequest): PushRequest {
  if (request.query) Object.freeze(request.query);
  if (request.headers) Object.freeze(request.headers);
  return Object.freeze(request);
}

function excerpt(body: string): string {
  const flat = maskSecrets(body).replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
}
