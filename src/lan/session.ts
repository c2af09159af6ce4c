// One SDK client's session: its requests mapped onto the running clock — reads from the ports, changes
// through the firmware as `lan.request` events — and the answers as packets for its transport to send.
import { newUser, type LanRequest, type Punch } from '../../firmware/index.js';
import { isPrivilege } from '../../firmware/users.js';
import type { Clock } from '../runtime/index.js';
import type { Logger } from '../log.js';
import { CMD, EF, FCT, REPLY, TCP_CHUNK, UDP_DATA_BYTES, commandName } from './codes.js';
import { commKeyMatches, decodePacket, decodeTime, encodeAnswer, encodeEvent, encodeTime } from './codec.js';
import { decodeUserWrite, encodeAttendanceEvent, optionKey, optionValue } from './records.js';
import {
  attendanceContent,
  freeSizes,
  indexedUsers,
  optionOf,
  templatesContent,
  usersContent,
  type Transport,
} from './tables.js';

/** What every session shares: the clock, a way to ask its firmware, and the session ids. */
export interface LanHost {
  clock: Clock;
  log: Logger;
  nextSessionId(): number;
  /** Sends a change to the firmware and returns its answer. */
  ask(request: LanRequest): { ok: boolean; problem?: string };
  /** After the answer is on its way: RESTART and POWEROFF. */
  afterReply(action: 'restart' | 'power-off'): void;
}

/**
 * Packets to send, in order. A group goes out in one write; between groups the transport lets the
 * client read, as a real clock's slow stack does (node-zklib decodes one packet per read).
 */
export type Outbox = (groups: Buffer[][]) => void;

const OK_PAYLOAD = Buffer.alloc(0);

export class LanSession {
  private session = 0;
  private authed = false;
  private events = 0;
  /** The table a DATA_WRRQ prepared, read in chunks until FREE_DATA: one per session, so memory is bounded. */
  private prepared: Buffer | undefined;
  closed = false;

  constructor(
    private readonly host: LanHost,
    readonly transport: Transport,
    private readonly out: Outbox,
    private readonly log: Logger,
  ) {}

  /** One request packet (without the TCP frame). Never throws: a fault becomes ACK_ERROR and a log line. */
  handle(bytes: Buffer): void {
    const packet = decodePacket(bytes);
    if ('error' in packet) {
      this.log.warn({ bytes: bytes.toString('hex').slice(0, 64) }, `bad LAN packet: ${packet.error}`);
      this.out([[encodeAnswer(REPLY.ERROR, this.session, 0)]]);
      return;
    }
    const answer = (command: number, payload: Buffer = OK_PAYLOAD) =>
      encodeAnswer(command, this.session, packet.reply, payload);
    try {
      const groups = this.respond(packet.command, packet.payload, answer);
      if (groups.length > 0) this.out(groups);
    } catch (error) {
      this.log.error({ err: error, command: commandName(packet.command) }, 'LAN request failed');
      this.out([[answer(REPLY.ERROR)]]);
    }
  }

  /** A punch at the clock, for a client that registered for attendance events. */
  punched(punch: Punch): void {
    if (this.closed || this.session === 0 || (this.events & EF.ATTLOG) === 0) return;
    this.out([[encodeEvent(EF.ATTLOG, encodeAttendanceEvent(punch))]]);
  }

  /** How far the client got: the listener's slots and comm-key lock read it. */
  stage(): 'new' | 'connected' | 'authed' {
    return this.session === 0 ? 'new' : this.authed ? 'authed' : 'connected';
  }

  close(): void {
    this.closed = true;
    this.prepared = undefined;
  }

  private respond(command: number, payload: Buffer, answer: (c: number, p?: Buffer) => Buffer): Buffer[][] {
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
      case CMD.REFRESHDATA:
      case CMD.CANCELCAPTURE:
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
        const uid = payload.readUInt16LE(0);
        const found = indexedUsers(clock).find((u) => u.uid === uid);
        if (found === undefined) return one(REPLY.ERROR);
        return this.change({ kind: 'delete-user', pin: found.user.pin }, answer);
      }
      case CMD.CLEAR_ATTLOG:
        return this.change({ kind: 'clear-attendance' }, answer);
      case CMD.CLEAR_DATA:
        return this.change({ kind: 'clear-data' }, answer);
      case CMD.STARTENROLL:
        return this.startEnroll(payload, answer);
      case CMD.DATA_WRRQ:
        return this.prepare(payload, answer);
      case CMD.DATA_RDY:
        return this.chunk(payload, answer);
      case CMD.FREE_DATA:
        this.prepared = undefined;
        return ok();
      case CMD.ATTLOG_RRQ:
      case CMD.USERTEMP_RRQ:
      case CMD.DB_RRQ:
        return this.directRead(command, payload, answer);
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
    if ('error' in write || !isPrivilege(write.privilege)) {
      this.log.warn({ problem: 'error' in write ? write.error : `privilege ${write.privilege}` }, 'bad LAN user write');
      return [[answer(REPLY.ERROR)]];
    }
    // pyzk's rule: without a user id, the index is the id.
    const pin = write.userId.trim() === '' ? String(write.uid) : write.userId.trim();
    const existing = this.host.clock.ports.users.findByPin(pin);
    const user = {
      ...(existing ?? newUser(pin)),
      name: write.name,
      privilege: write.privilege,
      password: write.password,
      card: write.card === 0 ? '' : String(write.card),
      group: Number(write.group) > 0 ? Number(write.group) : 1,
    };
    return this.change({ kind: 'put-user', user }, answer);
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
    if (!clock.model.readers.fingerprint || clock.ports.users.findByPin(pin) === undefined || fid > 9) {
      return [[answer(REPLY.ERROR)]];
    }
    clock.send({ type: 'enroll.requested', pin, fid });
    return [[answer(REPLY.OK)]];
  }

  /** DATA_WRRQ `01 | u16 command | u32 table | u32 0`: the answer gives the size; chunks follow on request. */
  private prepare(payload: Buffer, answer: (c: number, p?: Buffer) => Buffer): Buffer[][] {
    if (payload.length < 7) return [[answer(REPLY.ERROR)]];
    const content = this.content(payload.readUInt16LE(1), payload.readUInt32LE(3));
    if (content === undefined) return [[answer(REPLY.ERROR)]];
    // A table that fits one chunk goes at once as DATA, as real clocks answer small reads: the SDKs take
    // it whole, however the network groups the bytes. Chunked reads need PREPARE_DATA and DATA to reach
    // node-zklib in separate reads, which only timing can promise across processes.
    if (this.transport === 'tcp' && content.length <= TCP_CHUNK) return [[answer(CMD.DATA, content)]];
    this.prepared = content;
    const reply = Buffer.alloc(9);
    reply.writeUInt32LE(content.length, 1);
    return [[answer(REPLY.OK, reply)]];
  }

  private content(command: number, table: number): Buffer | undefined {
    const clock = this.host.clock;
    if (command === CMD.ATTLOG_RRQ) return attendanceContent(clock, this.transport);
    if (command === CMD.USERTEMP_RRQ && table === FCT.USER) return usersContent(clock, this.transport);
    if ((command === CMD.USERTEMP_RRQ || command === CMD.DB_RRQ) && table === FCT.FINGERTMP) {
      return templatesContent(clock);
    }
    return undefined;
  }

  /** DATA_RDY `u32 start | u32 size`: PREPARE_DATA with the size, the bytes as DATA, then ACK_OK. */
  private chunk(payload: Buffer, answer: (c: number, p?: Buffer) => Buffer): Buffer[][] {
    const prepared = this.prepared;
    if (prepared === undefined || payload.length < 8) return [[answer(REPLY.ERROR)]];
    const start = payload.readUInt32LE(0);
    const size = Math.min(payload.readUInt32LE(4), TCP_CHUNK);
    // node-zklib asks for an empty last chunk when the size is a multiple of its chunk: an answer
    // would be taken for the reply to its next command.
    if (size === 0) return [];
    if (start >= prepared.length) return [[answer(REPLY.ERROR)]];
    const bytes = prepared.subarray(start, start + size);
    const head = Buffer.alloc(8);
    head.writeUInt32LE(bytes.length, 0);
    // The ACK_OK travels with the last DATA: node-zklib drops it there, and would otherwise take it for
    // the answer to its next command.
    const data = this.dataPackets(bytes, answer);
    data[data.length - 1]!.push(answer(REPLY.OK));
    return [[answer(CMD.PREPARE_DATA, head)], ...data];
  }

  /** Old SDKs (zklib) read ATTLOG_RRQ / USERTEMP_RRQ at once: PREPARE_DATA with the size, then DATA. */
  private directRead(command: number, payload: Buffer, answer: (c: number, p?: Buffer) => Buffer): Buffer[][] {
    const table = command === CMD.ATTLOG_RRQ ? FCT.USER : payload.length >= 1 ? payload[0]! : FCT.USER;
    const clock = this.host.clock;
    const content =
      command === CMD.ATTLOG_RRQ ? attendanceContent(clock, 'tcp') : this.contentForDirect(command, table);
    if (content === undefined) return [[answer(REPLY.ERROR)]];
    const head = Buffer.alloc(4);
    head.writeUInt32LE(content.length, 0);
    return [[answer(CMD.PREPARE_DATA, head)], ...this.dataPackets(content, answer)];
  }

  private contentForDirect(command: number, table: number): Buffer | undefined {
    const clock = this.host.clock;
    // zklib decodes 72-byte users over UDP as well: it predates the 28-byte form's SDKs.
    if (table === FCT.USER) return usersContent(clock, 'tcp');
    return this.content(command, table);
  }

  /** Over TCP one DATA packet; over UDP datagrams of 1024 bytes, sent as one group. */
  private dataPackets(bytes: Buffer, answer: (c: number, p?: Buffer) => Buffer): Buffer[][] {
    if (this.transport === 'tcp') return [[answer(CMD.DATA, bytes)]];
    const packets: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += UDP_DATA_BYTES) {
      packets.push(answer(CMD.DATA, bytes.subarray(at, at + UDP_DATA_BYTES)));
    }
    return packets.length === 0 ? [[answer(CMD.DATA)]] : [packets];
  }
}
