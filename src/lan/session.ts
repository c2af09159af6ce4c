// One SDK client's session: its requests mapped onto the running clock — reads from the ports, changes
// through the firmware as `lan.request` events — and the answers as packets for its transport to send.
import type { LanRequest, Punch } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import type { Logger } from '../log.js';
import { BulkReads, type Groups } from './bulk.js';
import { CMD, EF, PIN_WIDTH, REPLY, commandName } from './codes.js';
import { commKeyMatches, decodePacket, decodeTime, encodeAnswer, encodeEvent, encodeTime } from './codec.js';
import { decodeUserWrite, encodeAttendanceEvent, encodeAttendanceEventUdp, optionKey, optionValue } from './records.js';
import type { PreparedTables } from './prepared.js';
import { freeSizes, optionOf, type Transport } from './tables.js';
import { UploadBuffer, uploadRequest, userFromWrite } from './upload.js';

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

  private respond(
    command: number,
    payload: Buffer,
    answer: (c: number, p?: Buffer) => Buffer,
  ): Groups | Promise<Groups> {
    const one = (c: number, p?: Buffer): Buffer[][] => [[answer(c, p)]];
    const ok = (p?: Buffer) => one(REPLY.OK, p);
    if (command === CMD.CONNECT) return this.connect(answer);
    if (command === CMD.AUTH) return this.auth(payload, answer);
    // The client's acknowledgement of a real-time event: nothing to answer.
    if (command === REPLY.OK) return [];
    if (this.session === 0 || !this.authed) return one(REPLY.UNAUTH);
    const clock = this.host.clock;
    switch (command) {
      case CMD.EXIT:
        this.close();
        return ok();
      case CMD.ENABLEDEVICE:
        return this.change({ kind: 'enable' }, answer);
      case CMD.DISABLEDEVICE:
        return this.change({ kind: 'disable' }, answer);
      case CMD.RESTART:
      case CMD.POWEROFF:
        this.host.afterReply(command === CMD.RESTART ? 'restart' : 'power-off');
        return ok();
      // pyzk's live_capture: CANCELCAPTURE, STARTVERIFY (back to identifying), then REG_EVENT.
      case CMD.REFRESHDATA:
      case CMD.CANCELCAPTURE:
      case CMD.STARTVERIFY:
        return ok();
      case CMD.GET_PINWIDTH:
        // pyzk reads the first byte of the answer as the width.
        return ok(Buffer.from([PIN_WIDTH, 0]));
      case CMD.DOORSTATE_RRQ:
        // pyzk's get_lock_state: ACK_OK is "locked", as the door is between unlocks.
        return ok();
      case CMD.TESTVOICE:
        return this.change({ kind: 'test-voice', index: payload.length >= 1 ? payload[0]! : 0 }, answer);
      case CMD.UNLOCK:
        // pyzk sends tenths of a second.
        return this.change({ kind: 'unlock', seconds: payload.length >= 4 ? payload.readUInt32LE(0) / 10 : 3 }, answer);
      case CMD.GET_VERSION:
        return ok(Buffer.from(`${clock.model.firmwareVersion}\0`, 'latin1'));
      case CMD.OPTIONS_RRQ: {
        const key = optionKey(payload);
        const value = optionOf(clock, key);
        return value === undefined ? one(REPLY.ERROR) : ok(optionValue(key, value));
      }
      case CMD.OPTIONS_WRQ:
        // pyzk announces its SDK build; the clock's own settings change through the menu or the cloud.
        return optionKey(payload).startsWith('SDKBuild=') ? ok() : one(REPLY.ERROR);
      case CMD.GET_FREE_SIZES:
        return ok(freeSizes(clock));
      case CMD.GET_TIME: {
        const time = Buffer.alloc(4);
        time.writeUInt32LE(encodeTime(clock.now()), 0);
        return ok(time);
      }
      case CMD.SET_TIME:
        if (payload.length < 4) return one(REPLY.ERROR);
        return this.change({ kind: 'set-time', time: decodeTime(payload.readUInt32LE(0)) }, answer);
      case CMD.REG_EVENT:
        this.events = payload.length >= 4 ? payload.readUInt32LE(0) : payload.length >= 2 ? payload.readUInt16LE(0) : 0;
        return ok();
      case CMD.USER_WRQ:
        return this.writeUser(payload, answer);
      case CMD.DELETE_USER: {
        if (payload.length < 2) return one(REPLY.ERROR);
        const found = clock.records.users.findByUid(payload.readUInt16LE(0));
        if (found === undefined) return one(REPLY.ERROR);
        return this.change({ kind: 'delete-user', pin: found.pin }, answer);
      }
      case CMD.GET_USERTEMP:
        return this.readTemplate(payload, answer);
      case CMD.DELETE_USERTEMP:
      case CMD.DEL_FPTMP:
        return this.deleteTemplate(command, payload, answer);
      case CMD.CLEAR_ATTLOG:
        return this.change({ kind: 'clear-attendance' }, answer);
      case CMD.CLEAR_DATA:
        return this.change({ kind: 'clear-data' }, answer);
      case CMD.STARTENROLL:
        return this.startEnroll(payload, answer);
      case CMD.DATA_WRRQ:
        return this.bulk.prepare(payload, answer);
      case CMD.DATA_RDY:
        return this.bulk.chunk(payload, answer);
      case CMD.FREE_DATA:
        this.bulk.free();
        this.upload.free();
        return ok();
      // pyzk's save_user_template: the buffer in chunks, then SAVE_USERTEMPS applies it.
      case CMD.PREPARE_DATA:
      case CMD.DATA: {
        const problem = command === CMD.DATA ? this.upload.data(payload) : this.upload.prepare(payload);
        if (problem !== undefined) this.log.warn({ problem }, 'bad LAN upload');
        return one(problem === undefined ? REPLY.OK : REPLY.ERROR);
      }
      case CMD.SAVE_USERTEMPS: {
        // The uploaded users and templates, as one write the firmware decides on.
        const request = uploadRequest(this.upload, clock);
        if (!('error' in request)) return this.change(request, answer);
        this.log.warn({ problem: request.error }, 'bad LAN user and template upload');
        return one(REPLY.ERROR);
      }
      case CMD.ATTLOG_RRQ:
      case CMD.USERTEMP_RRQ:
      case CMD.DB_RRQ:
        return this.bulk.direct(command, payload, answer);
      default:
        this.log.warn({ command }, `unknown LAN command ${command}: answered ACK_UNKNOWN`);
        return one(REPLY.UNKNOWN);
    }
  }

  private connect(answer: (c: number, p?: Buffer) => Buffer): Buffer[][] {
    this.session = this.host.nextSessionId();
    const key = this.host.clock.settings().commKey;
    this.authed = key === 0;
    this.log.info({ session: this.session, transport: this.transport }, 'LAN client connected');
    return [[answer(this.authed ? REPLY.OK : REPLY.UNAUTH)]];
  }

  private auth(payload: Buffer, answer: (c: number, p?: Buffer) => Buffer): Buffer[][] {
    const key = this.host.clock.settings().commKey;
    this.authed = this.session !== 0 && (key === 0 || commKeyMatches(payload, key, this.session));
    if (!this.authed) this.log.warn({ session: this.session }, 'LAN client gave a wrong comm key');
    return [[answer(this.authed ? REPLY.OK : REPLY.UNAUTH)]];
  }

  private change(request: LanRequest, answer: (c: number, p?: Buffer) => Buffer): Buffer[][] {
    const result = this.host.ask(request);
    if (!result.ok) this.log.info({ request: request.kind, problem: result.problem }, 'LAN change refused');
    return [[answer(result.ok ? REPLY.OK : REPLY.ERROR)]];
  }

  private writeUser(payload: Buffer, answer: (c: number, p?: Buffer) => Buffer): Buffer[][] {
    const write = decodeUserWrite(payload);
    const user = 'error' in write ? write : userFromWrite(write, (pin) => this.host.clock.records.users.findByPin(pin));
    if ('error' in user) {
      this.log.warn({ problem: user.error }, 'bad LAN user write');
      return [[answer(REPLY.ERROR)]];
    }
    return this.change({ kind: 'put-user', user }, answer);
  }

  /** `i16 uid | i8 finger`: the template as DATA, with the pad byte pyzk strips. */
  private readTemplate(payload: Buffer, answer: (c: number, p?: Buffer) => Buffer): Groups {
    const clock = this.host.clock;
    const user = payload.length >= 3 ? clock.records.users.findByUid(payload.readInt16LE(0)) : undefined;
    const template = user && clock.records.templates.find(user.pin, payload.readInt8(2));
    if (template === undefined) return [[answer(REPLY.ERROR)]];
    return [[answer(CMD.DATA, Buffer.concat([Buffer.from(template.template, 'base64'), Buffer.alloc(1)]))]];
  }

  /** DELETE_USERTEMP `i16 uid | i8 finger`, or (pyzk over TCP with a user id) DEL_FPTMP `24 user id | u8 finger`. */
  private deleteTemplate(command: number, payload: Buffer, answer: (c: number, p?: Buffer) => Buffer): Groups {
    const users = this.host.clock.records.users;
    let pin: string | undefined;
    let fid: number;
    if (command === CMD.DEL_FPTMP && payload.length >= 25) {
      pin = payload.subarray(0, 24).toString('latin1').replace(/\0.*$/s, '');
      fid = payload[24]!;
    } else if (payload.length >= 3) {
      pin = users.findByUid(payload.readInt16LE(0))?.pin;
      fid = payload.readInt8(2);
    } else return [[answer(REPLY.ERROR)]];
    if (pin === undefined || fid < 0 || fid > 9) return [[answer(REPLY.ERROR)]];
    return this.change({ kind: 'delete-template', pin, fid }, answer);
  }

  private startEnroll(payload: Buffer, answer: (c: number, p?: Buffer) => Buffer): Buffer[][] {
    // pyzk over TCP: `24 user id | i8 finger | u8 flag`; over UDP `u32 user id | i8 finger`; zklib: ASCII.
    let pin: string;
    let fid = 6;
    if (payload.length >= 25) {
      pin = payload.subarray(0, 24).toString('latin1').replace(/\0.*$/s, '');
      fid = payload[24]!;
    } else if (payload.length === 5) {
      pin = String(payload.readUInt32LE(0));
      fid = payload[4]!;
    } else pin = payload.toString('latin1').replace(/\0.*$/s, '');
    const clock = this.host.clock;
    if (!clock.model.readers.fingerprint || clock.records.users.findByPin(pin) === undefined || fid > 9) {
      return [[answer(REPLY.ERROR)]];
    }
    clock.send({ type: 'enroll.requested', pin, fid });
    return [[answer(REPLY.OK)]];
  }
}
