// ZFM fingerprint-module packets (R307, R503, … — docs/wire-formats.md §2):
// EF 01 | address (4) | PID | LEN (2, BE, payload + 2) | payload | SUM (2, BE, of PID, LEN and payload).
// A pure streaming codec, the command builders a host needs, and the parsers of their acknowledgements.
import { FrameDecoder, hex, type ProblemSink } from './bytes.js';

export const ZFM_DEFAULT_ADDRESS = 0xffffffff;

export const ZfmPid = { command: 0x01, data: 0x02, ack: 0x07, endOfData: 0x08 } as const;

export const ZfmCommand = {
  GenImg: 0x01,
  Img2Tz: 0x02,
  Match: 0x03,
  Search: 0x04,
  RegModel: 0x05,
  Store: 0x06,
  Load: 0x07,
  UpChar: 0x08,
  DownChar: 0x09,
  DeletChar: 0x0c,
  Empty: 0x0d,
  ReadSysPara: 0x0f,
  VfyPwd: 0x13,
  TemplateNum: 0x1d,
  /** Not in every datasheet's short list, but on R307/R503: which pages hold a template, 256 per table. */
  ReadIndexTable: 0x1f,
  AuraLed: 0x35,
} as const;

export const ZfmCode = {
  ok: 0x00,
  packetError: 0x01,
  noFinger: 0x02,
  imageFailed: 0x03,
  imageMessy: 0x06,
  featureFailed: 0x07,
  noMatch: 0x08,
  notFound: 0x09,
  mergeFailed: 0x0a,
  badLocation: 0x0b,
  wrongPassword: 0x13,
  flashError: 0x18,
} as const;

export interface ZfmPacket {
  address: number;
  pid: number;
  /** For a command, its code then parameters; for an ack, the confirmation code then data. */
  payload: Buffer;
}

/** Payloads longer than this are not ZFM (data packets carry at most 256 bytes). */
const MAX_PAYLOAD = 512;
const HEADER = 9;

export function encodeZfm(packet: ZfmPacket): Buffer {
  const length = packet.payload.length + 2;
  const out = Buffer.alloc(HEADER + length);
  out[0] = 0xef;
  out[1] = 0x01;
  out.writeUInt32BE(packet.address >>> 0, 2);
  out[6] = packet.pid;
  out.writeUInt16BE(length, 7);
  packet.payload.copy(out, HEADER);
  let sum = packet.pid + (length >> 8) + (length & 0xff);
  for (const b of packet.payload) sum += b;
  out.writeUInt16BE(sum & 0xffff, HEADER + packet.payload.length);
  return out;
}

export function zfmCommand(code: number, params: number[] = [], address = ZFM_DEFAULT_ADDRESS): Buffer {
  return encodeZfm({ address, pid: ZfmPid.command, payload: Buffer.from([code, ...params]) });
}

export function zfmAck(confirmation: number, data: number[] = [], address = ZFM_DEFAULT_ADDRESS): Buffer {
  return encodeZfm({ address, pid: ZfmPid.ack, payload: Buffer.from([confirmation, ...data]) });
}

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];

/** The host's side: one builder per command the clock sends. */
export const zfm = {
  genImg: (a?: number) => zfmCommand(ZfmCommand.GenImg, [], a),
  img2Tz: (buffer: 1 | 2, a?: number) => zfmCommand(ZfmCommand.Img2Tz, [buffer], a),
  match: (a?: number) => zfmCommand(ZfmCommand.Match, [], a),
  search: (buffer: 1 | 2, start: number, count: number, a?: number) =>
    zfmCommand(ZfmCommand.Search, [buffer, ...u16(start), ...u16(count)], a),
  regModel: (a?: number) => zfmCommand(ZfmCommand.RegModel, [], a),
  store: (buffer: 1 | 2, page: number, a?: number) => zfmCommand(ZfmCommand.Store, [buffer, ...u16(page)], a),
  load: (buffer: 1 | 2, page: number, a?: number) => zfmCommand(ZfmCommand.Load, [buffer, ...u16(page)], a),
  deletChar: (page: number, count: number, a?: number) =>
    zfmCommand(ZfmCommand.DeletChar, [...u16(page), ...u16(count)], a),
  empty: (a?: number) => zfmCommand(ZfmCommand.Empty, [], a),
  readSysPara: (a?: number) => zfmCommand(ZfmCommand.ReadSysPara, [], a),
  vfyPwd: (password: number, a?: number) =>
    zfmCommand(ZfmCommand.VfyPwd, [...u16(password >>> 16), ...u16(password & 0xffff)], a),
  templateNum: (a?: number) => zfmCommand(ZfmCommand.TemplateNum, [], a),
  readIndexTable: (table: number, a?: number) => zfmCommand(ZfmCommand.ReadIndexTable, [table], a),
  /** ctrl 1 breathing, 2 flashing, 3 on, 4 off; colour 1 red, 2 blue, 3 purple. */
  auraLed: (ctrl: number, speed: number, colour: number, times: number, a?: number) =>
    zfmCommand(ZfmCommand.AuraLed, [ctrl, speed, colour, times], a),
};

export interface ZfmSystemParameters {
  statusRegister: number;
  systemId: number;
  librarySize: number;
  securityLevel: number;
  address: number;
  /** 0: 32, 1: 64, 2: 128, 3: 256 bytes per data packet. */
  packetSizeCode: number;
  /** Baud rate / 9600. */
  baudMultiplier: number;
}

/** ReadSysPara's 16 data bytes (after the confirmation code). */
export function parseSystemParameters(data: Buffer): ZfmSystemParameters | undefined {
  if (data.length < 16) return undefined;
  return {
    statusRegister: data.readUInt16BE(0),
    systemId: data.readUInt16BE(2),
    librarySize: data.readUInt16BE(4),
    securityLevel: data.readUInt16BE(6),
    address: data.readUInt32BE(8),
    packetSizeCode: data.readUInt16BE(12),
    baudMultiplier: data.readUInt16BE(14),
  };
}

export function encodeSystemParameters(p: ZfmSystemParameters): number[] {
  const b = Buffer.alloc(16);
  b.writeUInt16BE(p.statusRegister, 0);
  b.writeUInt16BE(p.systemId, 2);
  b.writeUInt16BE(p.librarySize, 4);
  b.writeUInt16BE(p.securityLevel, 6);
  b.writeUInt32BE(p.address >>> 0, 8);
  b.writeUInt16BE(p.packetSizeCode, 12);
  b.writeUInt16BE(p.baudMultiplier, 14);
  return [...b];
}

/** ReadIndexTable's 32 bytes for table `table` → the pages in use (bit i of byte j is page 256t + 8j + i). */
export function pagesOfIndexTable(table: number, data: Buffer): number[] {
  const pages: number[] = [];
  for (let j = 0; j < Math.min(32, data.length); j++) {
    for (let i = 0; i < 8; i++) if ((data[j]! >> i) & 1) pages.push(table * 256 + j * 8 + i);
  }
  return pages;
}

export function encodeIndexTable(table: number, pages: Iterable<number>): number[] {
  const data = new Array<number>(32).fill(0);
  for (const page of pages) {
    const offset = page - table * 256;
    if (offset >= 0 && offset < 256) data[offset >> 3]! |= 1 << (offset & 7);
  }
  return data;
}

/** Bytes in, packets out; bad headers, lengths and sums are reported and skipped, never thrown. */
export class ZfmDecoder extends FrameDecoder<ZfmPacket> {
  constructor(onProblem?: ProblemSink) {
    super(256, onProblem);
  }

  protected takeFrames(out: ZfmPacket[]): void {
    const q = this.queue;
    while (this.seek(0xef, 'packet start (EF 01)') && q.length >= HEADER) {
      const problem = this.headerProblem();
      if (problem !== undefined) {
        this.skip(1, problem);
        continue;
      }
      const length = (q.at(7) << 8) | q.at(8);
      if (q.length < HEADER + length) break;
      let sum = q.at(6) + q.at(7) + q.at(8);
      for (let i = 0; i < length - 2; i++) sum += q.at(HEADER + i);
      const sent = (q.at(HEADER + length - 2) << 8) | q.at(HEADER + length - 1);
      if ((sum & 0xffff) !== sent) {
        this.skip(1, `packet ${hex(q.copy(0, HEADER))} with a bad sum`);
        continue;
      }
      const packet = q.copy(0, HEADER + length);
      out.push({
        address: packet.readUInt32BE(2),
        pid: q.at(6),
        payload: packet.subarray(HEADER, HEADER + length - 2),
      });
      q.drop(HEADER + length);
    }
  }

  private headerProblem(): string | undefined {
    const q = this.queue;
    if (q.at(1) !== 0x01) return 'EF not followed by 01';
    const pid = q.at(6);
    if (pid !== 0x01 && pid !== 0x02 && pid !== 0x07 && pid !== 0x08) return `unknown packet identifier ${pid}`;
    const length = (q.at(7) << 8) | q.at(8);
    if (length < 2 || length > MAX_PAYLOAD + 2) return `impossible length ${length}`;
    return undefined;
  }
}
