// One SDK client's session: its requests mapped onto the running clock — reads from the ports, changes
// through the firmware as `lan.request` events — and the answers as packets for its transport to send.
import type { LanRequest, Punch } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import type { Logger } from '../log.js';
import { BulkReads, type Answer, type Groups } from './bulk.js';
import { CMD, EF, REPLY, commandName } from './codes.js';
import { commKeyMatches, decodePacket, encodeAnswer, encodeEvent } from './codec.js';
import { LAN_COMMANDS, type SessionMeans } from './commands.js';
import { encodeAttendanceEvent, encodeAttendanceEventUdp } from './records.js';
import type { PreparedTables } from './prepared.js';
import type { Transport } from './tables.js';
import { UploadBuffer } from './upload.js';

/** What every session shares: the clock, a way to ask its firmware, and the session ids. */
export interface LanHost {
  clock: Clock;
  log: Logger;
  /** The bulk-read tables every session shares. */
  tables: PreparedTables;
  nextSessionId(): number;
  /** Sends a change to the firmware and returns its answer. */
  ask(request: LanRequest): { ok: boolean; problem?: string };
  /** After the answer is on its way: RESTART and POWEROFF. */
  afterReply(action: 'restart' | 'power-off'): void;
}

/**
 * Packets to send, in order; a group goes out in one write. `pace` marks the parts of a chunked read
 * (the chunk's offset in its table): between them the transport leaves the client time to read, as a
 * real clock's slow stack does (see pacing.ts).
 */
export type Outbox = (groups: Buffer[][], pace?: number) => void;

const OK_PAYLOAD = Buffer.alloc(0);

export class LanSession {
  private session = 0;
  private authed = false;
  private events = 0;
  private readonly bulk: BulkReads;
  private readonly upload = new UploadBuffer();
  /** What the command handlers may use of this session (see commands.ts). */
  private readonly means: SessionMeans;
  closed = false;
  /** True while an answer is being prepared (a table built in slices): the next request waits. */
  busy = false;

  constructor(
    private readonly host: LanHost,
    readonly transport: Transport,
    private readonly out: Outbox,
    private readonly log: Logger,
  ) {
    this.bulk = new BulkReads(host.clock, host.tables, transport);
    this.means = {
      clock: host.clock,
      log,
      bulk: this.bulk,
      upload: this.upload,
      change: (request, answer) => this.change(request, answer),
      listen: (events) => (this.events = events),
      close: () => this.close(),
      afterReply: (action) => host.afterReply(action),
    };
  }

  /**
   * One request packet (without the TCP frame). Never throws: a fault becomes ACK_ERROR and a log line.
   * Returns a promise when the answer takes more than this turn; the transport holds the client's next
   * request until it settles, so answers keep the order of requests.
   */
  handle(bytes: Buffer): Promise<void> | undefined {
    const packet = decodePacket(bytes);
    if ('error' in packet) {
      this.log.warn({ bytes: bytes.toString('hex').slice(0, 64) }, `bad LAN packet: ${packet.error}`);
      this.out([[encodeAnswer(REPLY.ERROR, this.session, 0)]]);
      return;
    }
    const answer = (command: number, payload: Buffer = OK_PAYLOAD) =>
      encodeAnswer(command, this.session, packet.reply, payload);
    const failed = (error: unknown) => {
      this.log.error({ err: error, command: commandName(packet.command) }, 'LAN request failed');
      this.out([[answer(REPLY.ERROR)]]);
    };
    // A multi-part answer is a chunked read: its parts are paced.
    const send = (groups: Groups): void => {
      if (groups.length > 0) this.out(groups, groups.length > 1 ? this.bulk.chunkStart : undefined);
    };
    try {
      const groups = this.respond(packet.command, packet.payload, answer);
      if (!(groups instanceof Promise)) return void send(groups);
      this.busy = true;
      // A client gone while its table was built gets nothing.
      return groups.then((later) => void (this.closed || send(later)), failed).finally(() => (this.busy = false));
    } catch (error) {
      failed(error);
      return undefined;
    }
  }

  /** A punch at the clock, for a client that registered for attendance events. */
  punched(punch: Punch): void {
    if (this.closed || this.session === 0 || (this.events & EF.ATTLOG) === 0) return;
    const payload = this.transport === 'tcp' ? encodeAttendanceEvent(punch) : encodeAttendanceEventUdp(punch);
    this.out([[encodeEvent(EF.ATTLOG, payload)]]);
  }

  /** How far the client got: the listener's slots and comm-key lock read it. */
  stage(): 'new' | 'connected' | 'authed' {
    return this.session === 0 ? 'new' : this.authed ? 'authed' : 'connected';
  }

  close(): void {
    this.closed = true;
    this.bulk.free();
    this.upload.free();
  }

  private respond(command: number, payload: Buffer, answer: Answer): Groups | Promise<Groups> {
    if (command === CMD.CONNECT) return this.connect(answer);
    if (command === CMD.AUTH) return this.auth(payload, answer);
    // The client's acknowledgement of a real-time event: nothing to answer.
    if (command === REPLY.OK) return [];
    if (this.session === 0 || !this.authed) return [[answer(REPLY.UNAUTH)]];
    const handler = LAN_COMMANDS.get(command);
    if (handler !== undefined) return handler({ command, payload, answer, session: this.means });
    this.log.warn({ command }, `unknown LAN command ${command}: answered ACK_UNKNOWN`);
    return [[answer(REPLY.UNKNOWN)]];
  }

  private connect(answer: Answer): Buffer[][] {
    this.session = this.host.nextSessionId();
    const key = this.host.clock.settings().commKey;
    this.authed = key === 0;
    this.log.info({ session: this.session, transport: this.transport }, 'LAN client connected');
    return [[answer(this.authed ? REPLY.OK : REPLY.UNAUTH)]];
  }

  private auth(payload: Buffer, answer: Answer): Buffer[][] {
    const key = this.host.clock.settings().commKey;
    this.authed = this.session !== 0 && (key === 0 || commKeyMatches(payload, key, this.session));
    if (!this.authed) this.log.warn({ session: this.session }, 'LAN client gave a wrong comm key');
    return [[answer(this.authed ? REPLY.OK : REPLY.UNAUTH)]];
  }

  private change(request: LanRequest, answer: Answer): Buffer[][] {
    const result = this.host.ask(request);
    if (!result.ok) this.log.info({ request: request.kind, problem: result.problem }, 'LAN change refused');
    return [[answer(result.ok ? REPLY.OK : REPLY.ERROR)]];
  }
}
