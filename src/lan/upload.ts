// A client's upload of users with their templates, as pyzk's save_user_template sends it: FREE_DATA,
// PREPARE_DATA `u32 size`, DATA chunks (1,024 bytes each), then SAVE_USERTEMPS (110) — the buffer
// `u32 users' bytes | u32 table's bytes | u32 templates' bytes | users | table | templates` decoded here.
import { lanProfile, newUser, type LanRequest, type Template, type User } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import { MAX_UID, isPrivilege } from '../../firmware/index.js';
import { decodeUserWrite, type UserWrite } from './records.js';

/**
 * The largest upload a session may announce: 8 MiB holds thousands of users with two fingers each
 * (pyzk sends a whole backup in one), and 64 sessions at once stay within what the clock can hold.
 */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

/** One table entry: `i8 2 | u16 uid | i8 0x10 + finger | u32 offset in the templates`. */
const ENTRY_BYTES = 8;
const FINGER_FLAG = 0x10;

/** The bytes a session received between PREPARE_DATA and SAVE_USERTEMPS. */
export class UploadBuffer {
  private expected = 0;
  private parts: Buffer[] = [];
  private received = 0;

  /** PREPARE_DATA: a new upload of `u32 size` bytes; undefined, or why it is refused. */
  prepare(payload: Buffer): string | undefined {
    this.free();
    if (payload.length < 4) return 'PREPARE_DATA without a size';
    const size = payload.readUInt32LE(0);
    if (size === 0 || size > MAX_UPLOAD_BYTES) return `an upload of ${size} bytes (at most ${MAX_UPLOAD_BYTES})`;
    this.expected = size;
    return undefined;
  }

  /** DATA: the next chunk. More than was announced ends the upload. */
  data(payload: Buffer): string | undefined {
    if (this.expected === 0) return 'DATA without PREPARE_DATA';
    if (this.received + payload.length > this.expected) {
      const problem = `DATA beyond the ${this.expected} bytes announced`;
      this.free();
      return problem;
    }
    this.parts.push(Buffer.from(payload));
    this.received += payload.length;
    return undefined;
  }

  /** The whole upload once every announced byte arrived, and it is let go; or why not. */
  take(): Buffer | { error: string } {
    if (this.expected === 0) return { error: 'nothing uploaded' };
    if (this.received !== this.expected) {
      const error = `${this.received} of ${this.expected} bytes uploaded`;
      this.free();
      return { error };
    }
    const whole = Buffer.concat(this.parts);
    this.free();
    return whole;
  }

  free(): void {
    this.expected = 0;
    this.parts = [];
    this.received = 0;
  }
}

/** A user as a USER_WRQ or an upload writes it: pyzk's rule, a user without an id gets the uid as id. */
export function userFromWrite(write: UserWrite, existing: (pin: string) => User | undefined): User | { error: string } {
  const { privilege } = write;
  if (!isPrivilege(privilege)) return { error: `privilege ${privilege}` };
  const pin = write.userId.trim() === '' ? String(write.uid) : write.userId.trim();
  return {
    ...(existing(pin) ?? newUser(pin)),
    name: write.name,
    privilege,
    password: write.password,
    card: write.card === 0 ? '' : String(write.card),
    group: Number(write.group) > 0 ? Number(write.group) : 1,
    // The client's index is kept as the user's uid for life (0: the clock picks the next free one).
    ...(write.uid > 0 && write.uid <= MAX_UID ? { uid: write.uid } : {}),
  };
}

export interface UploadedUser {
  write: UserWrite;
  templates: { fid: number; bytes: Buffer }[];
}

/**
 * The users (73 bytes each, a 2 before the 72-byte record; or 29 before a 28-byte one — the platform's
 * size first, the other if the length says so) and each template the table points at, as raw bytes.
 */
export function decodeUserTemplates(upload: Buffer, recordBytes: 72 | 28): UploadedUser[] | { error: string } {
  if (upload.length < 12) return { error: `an upload of ${upload.length} bytes has no head` };
  const sizes = [0, 4, 8].map((at) => upload.readUInt32LE(at)) as [number, number, number];
  if (12 + sizes[0] + sizes[1] + sizes[2] !== upload.length) {
    return { error: `head says ${sizes.join(' + ')} bytes, the upload has ${upload.length - 12}` };
  }
  const users = upload.subarray(12, 12 + sizes[0]);
  const table = upload.subarray(12 + sizes[0], 12 + sizes[0] + sizes[1]);
  const fingers = upload.subarray(12 + sizes[0] + sizes[1]);
  const record = [recordBytes + 1, (recordBytes === 72 ? 28 : 72) + 1].find((n) => users.length % n === 0);
  if (record === undefined || users.length === 0 || table.length % ENTRY_BYTES !== 0) {
    return { error: `${users.length} bytes of users and ${table.length} of table are no whole records` };
  }
  const byUid = new Map<number, UploadedUser>();
  const decoded: UploadedUser[] = [];
  for (let at = 0; at < users.length; at += record) {
    const write = decodeUserWrite(users.subarray(at + 1, at + record));
    if ('error' in write) return write;
    const entry = { write, templates: [] };
    byUid.set(write.uid, entry);
    decoded.push(entry);
  }
  for (let at = 0; at < table.length; at += ENTRY_BYTES) {
    const uid = table.readUInt16LE(at + 1);
    const fid = table.readInt8(at + 3) - FINGER_FLAG;
    const offset = table.readUInt32LE(at + 4);
    const owner = byUid.get(uid);
    if (owner === undefined) return { error: `a template of uid ${uid}, who is not in the upload` };
    if (fid < 0 || fid > 9) return { error: `finger ${fid} of uid ${uid}` };
    if (offset + 2 > fingers.length) return { error: `a template of uid ${uid} at ${offset}, beyond the data` };
    const size = fingers.readUInt16LE(offset);
    if (size === 0 || offset + 2 + size > fingers.length) return { error: `a template of uid ${uid} of ${size} bytes` };
    owner.templates.push({ fid, bytes: fingers.subarray(offset + 2, offset + 2 + size) });
  }
  return decoded;
}

/** An upload as the firmware takes it: each user with their templates, stored as base64 and valid. */
export function uploadedUsers(
  upload: Buffer,
  recordBytes: 72 | 28,
  existing: (pin: string) => User | undefined,
): { user: User; templates: Template[] }[] | { error: string } {
  const decoded = decodeUserTemplates(upload, recordBytes);
  if ('error' in decoded) return decoded;
  const users: { user: User; templates: Template[] }[] = [];
  for (const { write, templates } of decoded) {
    const user = userFromWrite(write, existing);
    if ('error' in user) return user;
    const { pin } = user;
    users.push({
      user,
      templates: templates.map(({ fid, bytes }) => ({ pin, fid, valid: true, template: bytes.toString('base64') })),
    });
  }
  return users;
}

/** SAVE_USERTEMPS: the session's upload, taken, as the firmware request that writes it; or why not. */
export function uploadRequest(upload: UploadBuffer, clock: Clock): LanRequest | { error: string } {
  const bytes = upload.take();
  if ('error' in bytes) return bytes;
  const { userRecordBytes } = lanProfile(clock.model);
  const users = uploadedUsers(bytes, userRecordBytes, (pin) => clock.records.users.findByPin(pin));
  return 'error' in users ? users : { kind: 'put-user-templates', users };
}
