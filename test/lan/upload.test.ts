// The upload of users with templates (pyzk's HR_save_usertemplates buffer), decoded in-process: both
// user record sizes, and every malformed part named rather than stored.
import { describe, expect, it } from 'vitest';
import { newUser } from '../../firmware/index.js';
import { encodeUser28, encodeUser72 } from '../../src/lan/records.js';
import { MAX_UPLOAD_BYTES, UploadBuffer, decodeUserTemplates } from '../../src/lan/upload.js';

/** `III` head, users (a 2 before each record), the `<bHbI` table and `<H` + template for each finger. */
function upload(records: Buffer[], fingers: { uid: number; fid: number; bytes: Buffer; flag?: number }[]): Buffer {
  const users = Buffer.concat(records.map((r) => Buffer.concat([Buffer.from([2]), r])));
  let start = 0;
  const table: Buffer[] = [];
  const fpack: Buffer[] = [];
  for (const { uid, fid, bytes, flag } of fingers) {
    const entry = Buffer.alloc(8);
    entry.writeInt8(2, 0);
    entry.writeUInt16LE(uid, 1);
    entry.writeInt8((flag ?? 0x10) + fid, 3);
    entry.writeUInt32LE(start, 4);
    table.push(entry);
    const size = Buffer.alloc(2);
    size.writeUInt16LE(bytes.length, 0);
    fpack.push(size, bytes);
    start += 2 + bytes.length;
  }
  const head = Buffer.alloc(12);
  head.writeUInt32LE(users.length, 0);
  head.writeUInt32LE(table.length * 8, 4);
  head.writeUInt32LE(start, 8);
  return Buffer.concat([head, users, ...table, ...fpack]);
}

const dee = newUser('1003', { name: 'Dee Nakamura', card: '4242' });
const template = Buffer.from('a template of some bytes');

describe('decodeUserTemplates', () => {
  it('reads 73-byte users and their fingers at their offsets', () => {
    const other = Buffer.from('another finger');
    const decoded = decodeUserTemplates(
      upload(
        [encodeUser72({ uid: 7, user: dee })],
        [
          { uid: 7, fid: 5, bytes: template },
          { uid: 7, fid: 6, bytes: other },
        ],
      ),
      72,
    );
    expect(decoded).toEqual([
      {
        write: expect.objectContaining({ uid: 7, userId: '1003', name: 'Dee Nakamura', card: 4242 }),
        templates: [
          { fid: 5, bytes: template },
          { fid: 6, bytes: other },
        ],
      },
    ]);
  });

  it('reads 29-byte users on a 28-byte platform, and on a 72-byte one when the length says so', () => {
    const buffer = upload([encodeUser28({ uid: 7, user: dee })], [{ uid: 7, fid: 0, bytes: template }]);
    for (const platform of [28, 72] as const) {
      const decoded = decodeUserTemplates(buffer, platform);
      expect(decoded).toEqual([
        { write: expect.objectContaining({ uid: 7, userId: '1003' }), templates: [{ fid: 0, bytes: template }] },
      ]);
    }
  });

  it('names what is wrong: sizes, a finger of nobody uploaded, a finger out of 0-9, an offset past the end', () => {
    const user = [encodeUser72({ uid: 7, user: dee })];
    const good = upload(user, [{ uid: 7, fid: 5, bytes: template }]);
    expect(decodeUserTemplates(good.subarray(0, -1), 72)).toEqual({ error: expect.stringMatching(/head says/) });
    expect(decodeUserTemplates(upload(user, [{ uid: 8, fid: 5, bytes: template }]), 72)).toEqual({
      error: 'a template of uid 8, who is not in the upload',
    });
    expect(decodeUserTemplates(upload(user, [{ uid: 7, fid: 5, bytes: template, flag: 0x20 }]), 72)).toEqual({
      error: 'finger 21 of uid 7',
    });
    const past = Buffer.from(good);
    past.writeUInt32LE(999, 12 + 73 + 4);
    expect(decodeUserTemplates(past, 72)).toEqual({ error: expect.stringMatching(/at 999, beyond the data/) });
    expect(decodeUserTemplates(upload([Buffer.alloc(40)], []), 72)).toEqual({
      error: expect.stringMatching(/no whole records/),
    });
  });
});

describe('UploadBuffer', () => {
  it('takes the announced bytes in chunks, once, and refuses DATA out of turn or beyond the size', () => {
    const buffer = new UploadBuffer();
    expect(buffer.data(Buffer.from('x'))).toBe('DATA without PREPARE_DATA');
    expect(buffer.prepare(Buffer.from([0, 0, 0, 0]))).toMatch(/an upload of 0 bytes/);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(MAX_UPLOAD_BYTES + 1, 0);
    expect(buffer.prepare(size)).toMatch(/at most/);
    size.writeUInt32LE(6, 0);
    expect(buffer.prepare(size)).toBeUndefined();
    expect(buffer.data(Buffer.from('abc'))).toBeUndefined();
    expect(buffer.take()).toEqual({ error: '3 of 6 bytes uploaded' });
    expect(buffer.take()).toEqual({ error: 'nothing uploaded' });
    buffer.prepare(size);
    buffer.data(Buffer.from('abc'));
    expect(buffer.data(Buffer.from('defg'))).toBe('DATA beyond the 6 bytes announced');
    buffer.prepare(size);
    buffer.data(Buffer.from('abc'));
    buffer.data(Buffer.from('def'));
    expect(buffer.take()).toEqual(Buffer.from('abcdef'));
  });
});
