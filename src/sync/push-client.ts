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

  /** The getrequest answer's text; `INFO` goes along when the counts changed. */
  async poll(info: string | undefined): Promise<string> {
    const query: Record<string, string> = { SN: this.serialNumber };
    if (info !== undefined) query.INFO = info;
    const response = await this.send('getrequest', { method: 'GET', path: PUSH_PATHS.getrequest, query });
    return response.body;
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

  private async send(what: string, request: PushRequest, withKey = true): Promise<PushResponse> {
    let response: PushResponse;
    const key = withKey ? this.key() : undefined;
    try {
      response = await this.transport.request(
        key === undefined ? request : { ...request, headers: { ...request.headers, authorization: `Bearer ${key}` } },
      );
    } catch (error) {
      if (error instanceof TransportError) {
        throw new CloudFailure(error.kind === 'timeout' ? 'timeout' : 'unreachable', `${what}: ${error.message}`);
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new CloudFailure('unreachable', `${what}: the transport failed (${maskSecrets(message)})`);
    }
    if (response.status < 200 || response.status > 299) {
      throw new CloudFailure('status', `${what}: HTTP ${response.status} "${excerpt(response.body)}"`, response.status);
    }
    return response;
  }
}

function excerpt(body: string): string {
  const flat = maskSecrets(body).replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
}
