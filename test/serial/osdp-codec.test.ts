// The OSDP frame codec against the docs/wire-formats.md vectors and frames its own encoder builds, and the
// reply data the panel reads (RAW, KEYPAD, PDID).
import { describe, expect, it } from 'vitest';
import {
  OsdpDecoder,
  encodeKeypad,
  encodeOsdp,
  encodePdid,
  encodeRaw,
  encodeWiegand26,
  fromHex,
  osdpChecksum,
  osdpCrc,
  type DecodeProblem,
} from '../../src/serial/index.js';
import { cardOfRaw, keysOfKeypad, parsePdid } from '../../src/serial/osdp-messages.js';

const POLL = fromHex('FF 53 65 08 00 04 60 60 90');
const ID = fromHex('FF 53 65 09 00 04 61 00 D9 7A');

describe('OSDP frames', () => {
  it('encodes the public POLL and ID vectors byte for byte', () => {
    expect(
      encodeOsdp({ address: 0x65, reply: false, sequence: 0, crc: true, code: 0x60, data: Buffer.alloc(0) }),
    ).toEqual(POLL);
    expect(encodeOsdp({ address: 0x65, reply: false, sequence: 0, crc: true, code: 0x61, data: Buffer.of(0) })).toEqual(
      ID,
    );
  });

  it('decodes the public vectors', () => {
    expect(new OsdpDecoder().push(Buffer.concat([POLL, ID]))).toEqual([
      { address: 0x65, reply: false, sequence: 0, crc: true, code: 0x60, data: Buffer.alloc(0) },
      { address: 0x65, reply: false, sequence: 0, crc: true, code: 0x61, data: Buffer.of(0) },
    ]);
  });

  it('uses the one-byte checksum when CTRL says no CRC', () => {
    const frame = encodeOsdp({ address: 1, reply: true, sequence: 2, crc: false, code: 0x40, data: Buffer.alloc(0) });
    expect(frame).toEqual(Buffer.from([0xff, 0x53, 0x81, 0x07, 0x00, 0x02, 0x40, osdpChecksum(frame, 1, 7)]));
    expect(new OsdpDecoder().push(frame)).toMatchObject([{ address: 1, reply: true, sequence: 2, crc: false }]);
  });

  it('reads frames without the leading mark', () => {
    expect(new OsdpDecoder().push(POLL.subarray(1))).toHaveLength(1);
  });

  it('skips a frame with a bad CRC, says so, and reads the next', () => {
    const problems: DecodeProblem[] = [];
    const bad = Buffer.from(POLL);
    bad[8] = 0x91;
    expect(new OsdpDecoder((p) => problems.push(p)).push(Buffer.concat([bad, ID]))).toHaveLength(1);
    expect(problems.some((p) => p.message.includes('bad CRC'))).toBe(true);
  });

  it('drops a frame with a security block: the secure channel is out of scope', () => {
    const problems: DecodeProblem[] = [];
    // 53 | addr 01 | LEN 10 | CTRL 0D (seq 1, CRC, security block) | SEC_BLK len 2, type 01 | POLL | CRC
    const secure = Buffer.from([0xff, 0x53, 0x01, 0x0a, 0x00, 0x0d, 0x02, 0x01, 0x60, 0, 0]);
    secure.writeUInt16LE(osdpCrc(secure, 1, 9), 9);
    expect(new OsdpDecoder((p) => problems.push(p)).push(Buffer.concat([secure, POLL]))).toHaveLength(1);
    expect(problems.map((p) => p.message)).toContainEqual(expect.stringContaining('secure channel is not supported'));
  });
});

describe('OSDP reply data', () => {
  it('reads a RAW Wiegand 26 reply as the card of its data bits', () => {
    expect(cardOfRaw(encodeRaw(encodeWiegand26(90, 324), 1))).toEqual({ card: '5898564', bits: 26 });
  });

  it('reads a RAW format-0 reply as the lower 32 bits', () => {
    const bits = 0x62e3086cedn.toString(2).padStart(40, '0');
    expect(cardOfRaw(encodeRaw(bits, 0))).toEqual({ card: '3808980205', bits: 40 });
  });

  it('explains a RAW reply that is too short for its bit count', () => {
    expect(cardOfRaw(Buffer.from([0, 1, 26, 0, 0xff]))).toEqual(expect.stringContaining('26 bits'));
  });

  it('reads KEYPAD characters as keys, * as ESC and # as OK', () => {
    expect(keysOfKeypad(encodeKeypad('10#*x'))).toEqual({ keys: ['1', '0', 'OK', 'ESC'], unknown: ['0x78'] });
  });

  it('round-trips a PDID reply', () => {
    const id = { vendor: 'A1B2C3', model: 2, version: 1, serialNumber: 123456, firmware: '1.2.3' };
    expect(parsePdid(encodePdid(id))).toEqual(id);
  });
});
