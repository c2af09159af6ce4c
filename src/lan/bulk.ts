// A session's bulk reads: DATA_WRRQ prepares a table, DATA_RDY reads it in chunks, FREE_DATA lets it
// go; zklib's older ATTLOG_RRQ / USERTEMP_RRQ read one at once. Over TCP a table up to the model's
// `lan.wholeReadMaxBytes` goes as one DATA packet: node-zklib, zklib-js and zkteco-js take a DATA
// answer whole however the network cuts it, while their chunk readers lose data whenever two packets
// share one read (see docs/wire-formats.md, "Bulk reads").
import { lanProfile } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import { CMD, FCT, REPLY, TCP_CHUNK, UDP_DATA_BYTES } from './codes.js';
import type { PreparedTables } from './prepared.js';
import { ATT_16, ATT_40 } from './records.js';
import { templatesContent, usersContent, type Transport } from './tables.js';

export type Answer = (command: number, payload?: Buffer) => Buffer;
/** Groups of packets: one write each, paced between them (see pacing.ts). */
export type Groups = Buffer[][];

export class BulkReads {
  /** The table a DATA_WRRQ prepared, read in chunks until FREE_DATA: one per session, shared between sessions. */
  private prepared: Buffer | undefined;
  /** Where the last chunk asked for starts: later chunks are paced more slowly (see pacing.ts). */
  chunkStart = 0;

  constructor(
    private readonly clock: Clock,
    private readonly tables: PreparedTables,
    private readonly transport: Transport,
  ) {}

  free(): void {
    this.prepared = undefined;
  }

  /** DATA_WRRQ `01 | u16 command | u32 table | u32 0`: the table at once, or its size and chunks on request. */
  async prepare(payload: Buffer, answer: Answer): Promise<Groups> {
    if (payload.length < 7) return [[answer(REPLY.ERROR)]];
    const content = await this.content(payload.readUInt16LE(1), payload.readUInt32LE(3));
    if (content === undefined) return [[answer(REPLY.ERROR)]];
    const whole = this.transport === 'tcp' ? lanProfile(this.clock.model).wholeReadMaxBytes : UDP_DATA_BYTES;
    if (content.length <= whole) return [[answer(CMD.DATA, content)]];
    this.prepared = content;
    const reply = Buffer.alloc(9);
    reply.writeUInt32LE(content.length, 1);
    reply.writeUInt32LE(content.length, 5);
    return [[answer(REPLY.OK, reply)]];
  }

  /** DATA_RDY `u32 start | u32 size`: PREPARE_DATA with the size, the bytes as DATA, then ACK_OK. */
  chunk(payload: Buffer, answer: Answer): Groups {
    const prepared = this.prepared;
    if (prepared === undefined || payload.length < 8) return [[answer(REPLY.ERROR)]];
    const start = payload.readUInt32LE(0);
    const size = Math.min(payload.readUInt32LE(4), TCP_CHUNK);
    this.chunkStart = start;
    // node-zklib asks for an empty last chunk when the size is a multiple of its chunk: an answer
    // would be taken for the reply to its next command.
    if (size === 0) return [];
    if (start >= prepared.length) return [[answer(REPLY.ERROR)]];
    const bytes = prepared.subarray(start, start + size);
    const head = Buffer.alloc(8);
    head.writeUInt32LE(bytes.length, 0);
    head.writeUInt32LE(0x1000, 4);
    // The ACK_OK travels with the last DATA: node-zklib drops it there, and would otherwise take it for
    // the answer to its next command.
    const data = this.dataPackets(bytes, answer);
    data[data.length - 1]!.push(answer(REPLY.OK));
    return [[answer(CMD.PREPARE_DATA, head)], ...data];
  }

  /** Old SDKs (zklib) read ATTLOG_RRQ / USERTEMP_RRQ at once: PREPARE_DATA with the size, then DATA. */
  async direct(command: number, payload: Buffer, answer: Answer): Promise<Groups> {
    const table = command === CMD.ATTLOG_RRQ ? FCT.ATTLOG : payload.length >= 1 ? payload[0]! : FCT.USER;
    // zklib decodes 72-byte users and 40-byte records over UDP as well: it predates the small forms.
    const content =
      command === CMD.ATTLOG_RRQ
        ? await this.tables.attendance(ATT_40)
        : table === FCT.USER
          ? usersContent(this.clock, 72)
          : await this.content(command, table);
    if (content === undefined) return [[answer(REPLY.ERROR)]];
    const head = Buffer.alloc(4);
    head.writeUInt32LE(content.length, 0);
    this.chunkStart = 0;
    return [[answer(CMD.PREPARE_DATA, head)], ...this.dataPackets(content, answer)];
  }

  private async content(command: number, table: number): Promise<Buffer | undefined> {
    if (command === CMD.ATTLOG_RRQ) return this.tables.attendance(this.transport === 'tcp' ? ATT_40 : ATT_16);
    if (command === CMD.USERTEMP_RRQ && table === FCT.USER) {
      return usersContent(this.clock, lanProfile(this.clock.model).userRecordBytes);
    }
    if ((command === CMD.USERTEMP_RRQ || command === CMD.DB_RRQ) && table === FCT.FINGERTMP) {
      return templatesContent(this.clock);
    }
    return undefined;
  }

  /** Over TCP one DATA packet; over UDP datagrams of 1024 bytes, sent as one group. */
  private dataPackets(bytes: Buffer, answer: Answer): Groups {
    if (this.transport === 'tcp') return [[answer(CMD.DATA, bytes)]];
    const packets: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += UDP_DATA_BYTES) {
      packets.push(answer(CMD.DATA, bytes.subarray(at, at + UDP_DATA_BYTES)));
    }
    return packets.length === 0 ? [[answer(CMD.DATA)]] : [packets];
  }
}
