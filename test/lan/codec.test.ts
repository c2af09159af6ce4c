// The LAN codec against pyzk's recorded bytes (test.py: CONNECT and the device's ACK_OK with session
// 0xFB2F) and against the encodings the SDKs decode.
import { describe, expect, it } from 'vitest';
import {
  CMD,
  REPLY,
  TcpFrameDecoder,
  checksum,
  commKeyBytes,
  decodePacket,
  decodeTime,
  encodeAnswer,
  encodePacket,
  encodeTime,
  tcpFrame,
} from '../../src/lan/index.js';
import { decodeUserWrite, encodeAttendance40, encodeFreeSizes, encodeUser72 } from '../../src/lan/records.js';
import { newUser } from '../../firmware/index.js';

const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex');

describe('pyzk vectors', () => {
  it("builds pyzk's CONNECT (reply id 65534 before its increment) byte for byte", () => {
    const packet = encodePacket(CMD.CONNECT, 0, 65534);

    expect(tcpFrame(packet)).toEqual(hex('5050827d 08000000 e803 17fc 0000 0000'));
  });

  it("answers CONNECT with pyzk's recorded ACK_OK: session 0xFB2F, the request's reply id echoed", () => {
    const request = decodePacket(hex('e803 17fc 0000 0000'));
    if ('error' in request) throw new Error(request.error);

    const answer = encodeAnswer(REPLY.OK, 0xfb2f, request.reply);

    expect(tcpFrame(answer)).toEqual(hex('5050827d 08000000 d007 fffc 2ffb 0000'));
  });
});

describe('the checksum', () => {
  it('is 65534 minus the sum of the u16 words for a short packet', () => {
    expect(checksum(hex('e803 0000 0000 0000'))).toBe(65534 - 1000);
  });

  it('adds an odd last byte alone', () => {
    expect(checksum(hex('0100 0000 0000 0000 05'))).toBe(65534 - 6);
  });
});

describe('the time encoding', () => {
  it('counts 31-day months and 372-day years from 2000', () => {
    const t = Date.UTC(2026, 10, 25, 8, 30, 15);

    expect(encodeTime(t)).toBe(((26 * 12 + 10) * 31 + 24) * 86400 + (8 * 60 + 30) * 60 + 15);
    expect(decodeTime(encodeTime(t))).toBe(t);
  });
});

describe('TCP framing', () => {
  it('cuts a stream into packets whatever the reads', () => {
    const stream = Buffer.concat([tcpFrame(encodePacket(CMD.GET_TIME, 7, 1)), tcpFrame(encodePacket(CMD.EXIT, 7, 2))]);
    const decoder = new TcpFrameDecoder();

    const first = decoder.push(stream.subarray(0, 11));
    const rest = decoder.push(stream.subarray(11));

    expect(first.packets).toHaveLength(0);
    expect(rest.packets.map((p) => p.readUInt16LE(0))).toEqual([CMD.GET_TIME, CMD.EXIT]);
  });

  it('names the problem of a stream without the mark', () => {
    expect(new TcpFrameDecoder().push(hex('00112233 08000000')).error).toContain('5050827d');
  });

  it('refuses a frame that announces more than any request', () => {
    expect(new TcpFrameDecoder().push(hex('5050827d ffffff7f')).error).toContain('announces');
  });
});

describe('records', () => {
  it('puts the card at byte 35 and the user id at byte 48 of a 72-byte user', () => {
    const record = encodeUser72({ uid: 3, user: newUser('1001', { name: 'Ana', card: '3809012973', privilege: 14 }) });

    expect(record.readUInt16LE(0)).toBe(3);
    expect(record[2]).toBe(14);
    expect(record.readUInt32LE(35)).toBe(3809012973);
    expect(record.subarray(48, 52).toString()).toBe('1001');
    expect(decodeUserWrite(record)).toMatchObject({ uid: 3, name: 'Ana', userId: '1001', card: 3809012973 });
  });

  it('puts the time at byte 27 and the punch state at byte 31 of a 40-byte record', () => {
    const time = Date.UTC(2026, 10, 25, 8, 0, 0);
    const record = encodeAttendance40({ seq: 1, pin: '1001', time, state: 1, verify: 4, workCode: 0 }, 2);

    expect(record.readUInt32LE(27)).toBe(encodeTime(time));
    expect([record[26], record[31]]).toEqual([4, 1]);
  });

  it('puts users at index 4, records at 8 and the record capacity at 16 of the free sizes', () => {
    const sizes = encodeFreeSizes({
      users: 2,
      fingers: 1,
      records: 10,
      cards: 2,
      fingerCapacity: 3000,
      userCapacity: 10000,
      recordCapacity: 100000,
      faces: 0,
      faceCapacity: 0,
    });

    expect([sizes.readInt32LE(16), sizes.readInt32LE(32), sizes.readInt32LE(64)]).toEqual([2, 10, 100000]);
  });
});

describe('the comm key', () => {
  it('carries the tick in its third byte so the device can check it', () => {
    const bytes = commKeyBytes(123456, 0x1234, 77);

    expect(bytes[2]).toBe(77);
    expect(commKeyBytes(123456, 0x1234, 77)).toEqual(bytes);
    expect(commKeyBytes(123457, 0x1234, 77)).not.toEqual(bytes);
  });
});
