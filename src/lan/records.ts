// The LAN protocol's records and payloads, pure: users (72 and 28 bytes), attendance (40 and 16),
// fingerprint templates, free sizes, options and the real-time attendance event.
import type { Punch, Template, User } from '../../firmware/index.js';
import { encodeTime, timeBytes } from './codec.js';

export const USER_72 = 72;
export const USER_28 = 28;
export const ATT_40 = 40;
export const ATT_16 = 16;

/** A user with the protocol's 16-bit index: the SDKs address users by it (delete, set). */
export interface IndexedUser {
  uid: number;
  user: User;
}

function putText(buf: Buffer, text: string, offset: number, size: number): void {
  // Fields are fixed-size and NUL-padded; a longer value is cut, as a real clock's table would.
  buf.write(text.slice(0, size), offset, size, 'latin1');
}

function getText(buf: Buffer, offset: number, size: number): string {
  const raw = buf.subarray(offset, offset + size);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString('latin1');
}

/** A PIN or card number as the u32 the old forms hold; 0 when it is not one (a PIN with letters). */
function u32Of(text: string): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : 0;
}

/** The fields both user forms begin with: uid and privilege at 0 and 2, then these, placed per form. */
interface UserHead {
  /** [offset, size] of a NUL-padded text field. */
  password: readonly [number, number];
  name: readonly [number, number];
  card: number;
}

/** Each form's layout, read by encode and decode alike so that the two cannot disagree. */
const USER_HEAD: Record<typeof USER_72 | typeof USER_28, UserHead> = {
  [USER_72]: { password: [3, 8], name: [11, 24], card: 35 },
  [USER_28]: { password: [3, 5], name: [8, 8], card: 16 },
};

function putUserHead(buf: Buffer, { uid, user }: IndexedUser, head: UserHead): void {
  buf.writeUInt16LE(uid, 0);
  buf.writeUInt8(user.privilege, 2);
  putText(buf, user.password, ...head.password);
  putText(buf, user.name, ...head.name);
  buf.writeUInt32LE(u32Of(user.card), head.card);
}

function readUserHead(payload: Buffer, head: UserHead) {
  return {
    uid: payload.readUInt16LE(0),
    privilege: payload[2]!,
    password: getText(payload, ...head.password),
    name: getText(payload, ...head.name),
    card: payload.readUInt32LE(head.card),
  };
}

/** `u16 uid | u8 privilege | 8 password | 24 name | u32 card | pad | 7 group | pad | 24 user id`. */
export function encodeUser72(indexed: IndexedUser): Buffer {
  const buf = Buffer.alloc(USER_72);
  putUserHead(buf, indexed, USER_HEAD[USER_72]);
  putText(buf, String(indexed.user.group), 40, 7);
  putText(buf, indexed.user.pin, 48, 24);
  return buf;
}

/** Old firmware's form: `u16 uid | u8 privilege | 5 password | 8 name | u32 card | pad | u8 group | i16 tz | u32 user id`. */
export function encodeUser28(indexed: IndexedUser): Buffer {
  const buf = Buffer.alloc(USER_28);
  putUserHead(buf, indexed, USER_HEAD[USER_28]);
  buf.writeUInt8(indexed.user.group & 0xff, 21);
  buf.writeUInt32LE(u32Of(indexed.user.pin), 24);
  return buf;
}

/** A user write (USER_WRQ) as the SDKs send it: 72 bytes (TCP clients) or 28 (old UDP firmware). */
export interface UserWrite {
  uid: number;
  privilege: number;
  password: string;
  name: string;
  card: number;
  group: string;
  userId: string;
}

export function decodeUserWrite(payload: Buffer): UserWrite | { error: string } {
  if (payload.length >= USER_72) {
    const head = readUserHead(payload, USER_HEAD[USER_72]);
    return { ...head, group: getText(payload, 40, 7), userId: getText(payload, 48, 24) };
  }
  if (payload.length >= USER_28) {
    const id = payload.readUInt32LE(24);
    return {
      ...readUserHead(payload, USER_HEAD[USER_28]),
      group: String(payload[21]),
      userId: id === 0 ? '' : String(id),
    };
  }
  return { error: `a user record is 72 or 28 bytes, this one ${payload.length}` };
}

/** The punch's verify type goes in `status`, its state (in, out…) in `punch`, as pyzk reads them. */
export function encodeAttendance40(punch: Punch, uid: number): Buffer {
  const buf = Buffer.alloc(ATT_40);
  encodeAttendance40Into(buf, 0, punch, uid);
  return buf;
}

/** Writes the 40-byte record at `at` of a zeroed buffer (a table is encoded in place, not concatenated). */
export function encodeAttendance40Into(buf: Buffer, at: number, punch: Punch, uid: number): void {
  buf.writeUInt16LE(uid, at);
  putText(buf, punch.pin, at + 2, 24);
  buf.writeUInt8(punch.verify & 0xff, at + 26);
  buf.writeUInt32LE(encodeTime(punch.time), at + 27);
  buf.writeUInt8(punch.state & 0xff, at + 31);
}

/** `u32 user id | u32 time | u8 status | u8 punch | 2 reserved | u32 work code`. */
export function encodeAttendance16(punch: Punch): Buffer {
  const buf = Buffer.alloc(ATT_16);
  encodeAttendance16Into(buf, 0, punch);
  return buf;
}

export function encodeAttendance16Into(buf: Buffer, at: number, punch: Punch): void {
  buf.writeUInt32LE(u32Of(punch.pin), at);
  buf.writeUInt32LE(encodeTime(punch.time), at + 4);
  buf.writeUInt8(punch.verify & 0xff, at + 8);
  buf.writeUInt8(punch.state & 0xff, at + 9);
  buf.writeUInt32LE(punch.workCode >>> 0, at + 12);
}

/** `u16 size | u16 uid | u8 finger | u8 valid | template`: size counts the 6 header bytes. */
export function encodeTemplate(template: Template, uid: number): Buffer {
  const data = Buffer.from(template.template, 'base64');
  const head = Buffer.alloc(6);
  head.writeUInt16LE(6 + data.length, 0);
  head.writeUInt16LE(uid, 2);
  head.writeUInt8(template.fid, 4);
  head.writeUInt8(template.valid ? 1 : 0, 5);
  return Buffer.concat([head, data]);
}

/** A bulk read's content: `u32 size of the records | records`. */
export function withSize(records: Buffer[]): Buffer {
  const body = Buffer.concat(records);
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length, 0);
  return Buffer.concat([head, body]);
}

export interface FreeSizes {
  users: number;
  fingers: number;
  records: number;
  cards: number;
  fingerCapacity: number;
  userCapacity: number;
  recordCapacity: number;
  faces: number;
  faceCapacity: number;
}

/** 20 i32 (users at 4, fingers 6, records 8, cards 12, capacities 14–16, free 17–19), then 3 for faces. */
export function encodeFreeSizes(s: FreeSizes): Buffer {
  // Asked for on every poll: a pooled buffer, zeroed by hand (Buffer.alloc makes a fresh one each time).
  const buf = Buffer.allocUnsafe(92).fill(0);
  const put = (index: number, value: number) => buf.writeInt32LE(value, index * 4);
  put(4, s.users);
  put(6, s.fingers);
  put(8, s.records);
  put(12, s.cards);
  put(14, s.fingerCapacity);
  put(15, s.userCapacity);
  put(16, s.recordCapacity);
  put(17, Math.max(0, s.fingerCapacity - s.fingers));
  put(18, Math.max(0, s.userCapacity - s.users));
  put(19, Math.max(0, s.recordCapacity - s.records));
  put(20, s.faces);
  put(22, s.faceCapacity);
  return buf;
}

/** 36 bytes, the form over TCP (a 52-byte frame): `24 user id | u8 status | u8 punch | YY MM DD hh mm ss | u32 work code`. */
export function encodeAttendanceEvent(punch: Punch): Buffer {
  const buf = Buffer.alloc(36);
  putText(buf, punch.pin, 0, 24);
  buf.writeUInt8(punch.verify & 0xff, 24);
  buf.writeUInt8(punch.state & 0xff, 25);
  timeBytes(punch.time).copy(buf, 26);
  buf.writeUInt32LE(punch.workCode >>> 0, 32);
  return buf;
}

/**
 * 10 bytes, the form clocks send over UDP: `u16 user id | u8 status | u8 punch | YY MM DD hh mm ss`.
 * node-zklib, zklib-js and zkteco-js take only this 18-byte datagram there; pyzk decodes it too. A
 * PIN above 65535 does not fit: its low 16 bits go, as on a real clock of that firmware.
 */
export function encodeAttendanceEventUdp(punch: Punch): Buffer {
  const buf = Buffer.alloc(10);
  const id = Number(punch.pin);
  buf.writeUInt16LE(Number.isInteger(id) && id >= 0 ? id & 0xffff : 0, 0);
  buf.writeUInt8(punch.verify & 0xff, 2);
  buf.writeUInt8(punch.state & 0xff, 3);
  timeBytes(punch.time).copy(buf, 4);
  return buf;
}

/** OPTIONS_RRQ's key: text up to the first NUL. */
export function optionKey(payload: Buffer): string {
  return getText(payload, 0, payload.length).trim();
}

export function optionValue(key: string, value: string): Buffer {
  return Buffer.from(`${key}=${value}\0`, 'latin1');
}
