// pyzk's own test_machine.py, replayed packet by packet (pyzk cannot be installed here) against a
// separately started `timeclock run --lan` holding 100,000 punches. The calls, in the script's order
// with `-t -r` (templates read in bulk and one by one, records): connect, set_sdk_build_1,
// disable_device, get_extend_fmt, get_user_extend_fmt, get_face_fun_on, get_face_version,
// get_fp_version, get_compat_old_firmware, get_network_params, get_time, get_firmware_version,
// get_platform, get_device_name, get_pin_width, get_serialnumber, get_mac, read_sizes, get_users,
// get_templates with get_user_template of each, get_attendance, read_sizes. Where the script enrolls a
// new user at the keypad (`-A`, `-E`), the replay writes one as its fallback and pyzk's backup restore
// do — save_user_template with two fingers — then reads them back with get_templates and
// get_user_template, deletes one with delete_user_template and the user with delete_user (`-D`), and
// ends as the script's `finally` does: enable_device, disconnect. Each answer is parsed as pyzk parses it.
// A second clock takes a backup's restore (test_backup_restore.py: HR_save_usertemplates) of 1,000 users.
import { describe, expect, it } from 'vitest';
import { simulatedTemplate } from '../../firmware/index.js';
import { CMD, REPLY, decodeTime } from '../../src/lan/index.js';
import { openSqlitePorts } from '../../src/store/index.js';
import { ANA, ANA_TEMPLATE, BEN, seededPunch, startLanProcess } from './lan-process.js';
import { PyzkClient, type PyzkFinger, type PyzkUser } from './pyzk-client.js';

const PUNCHES = 100_000;
/** Users of the restore: 2,000 fingers with Ana's stay under the model's 3,000. */
const RESTORED = 1_000;

/** A template of the size ZKFinger 10 writes (about 1.4 KB), so one upload of it takes two DATA chunks. */
function foreignTemplate(seed = 0): Buffer {
  return Buffer.from(Array.from({ length: 1_400 }, (_, i) => (i * 37 + 11 + seed) % 251 || 1));
}

async function readInfo(zk: PyzkClient) {
  const fmt = [await zk.option('~ExtendFmt'), await zk.option('~UserExtFmt'), await zk.option('FaceFunOn')];
  const versions = [await zk.option('ZKFaceVersion'), await zk.option('~ZKFPVersion')];
  const compat = await zk.option('CompatOldFirmware');
  const net = [await zk.option('IPAddress'), await zk.option('NetMask'), await zk.option('GATEIPAddress')];
  const time = await zk.send(CMD.GET_TIME);
  const firmware = await zk.send(CMD.GET_VERSION);
  const names = [await zk.option('~Platform'), await zk.option('~DeviceName')];
  const width = await zk.send(CMD.GET_PINWIDTH, Buffer.from(' P'));
  const ids = [await zk.option('~SerialNumber'), await zk.option('MAC')];
  return { fmt, versions, compat, net, time, firmware, names, width, ids };
}

/** get_attendance: read_sizes, get_users, then 40-byte records `<H24sB4sB8s`. */
async function getAttendance(zk: PyzkClient) {
  const { records } = await zk.readSizes();
  await zk.getUsers();
  const data = await zk.readWithBuffer(CMD.ATTLOG_RRQ);
  const recordSize = data.readUInt32LE(0) / records;
  const at = (i: number) => 4 + i * 40;
  const record = (i: number) => ({
    uid: data.readUInt16LE(at(i)),
    userId: data.toString('latin1', at(i) + 2, at(i) + 26).replace(/\0.*$/s, ''),
    status: data[at(i) + 26],
    time: decodeTime(data.readUInt32LE(at(i) + 27)),
    punch: data[at(i) + 31],
  });
  return { records, recordSize, count: (data.length - 4) / 40, first: record(0), last: record(records - 1) };
}

describe("pyzk's test_machine.py from another process, at 100,000 punches", () => {
  it('answers every call as pyzk parses it, and keeps the users and fingers save_user_template wrote', async () => {
    const lan = await startLanProcess({ punches: PUNCHES });
    const zk = await PyzkClient.open(lan.port);
    try {
      expect((await zk.send(CMD.CONNECT)).command).toBe(REPLY.OK);
      expect((await zk.send(CMD.OPTIONS_WRQ, Buffer.from('SDKBuild=1'))).command).toBe(REPLY.OK);
      expect((await zk.send(CMD.DISABLEDEVICE)).command).toBe(REPLY.OK);
      const info = await readInfo(zk);
      expect(info.fmt).toEqual(['1', '1', '0']);
      // get_face_version: an empty value is 0; get_fp_version: 10 (ZKFinger VX10.0).
      expect(info.versions).toEqual(['', '10']);
      expect(info.compat).toBe('0');
      expect(info.net.every((v) => v !== undefined && /^\d+\.\d+\.\d+\.\d+$/.test(v))).toBe(true);
      expect(info.time.command).toBe(REPLY.OK);
      expect(new Date(decodeTime(info.time.payload.readUInt32LE(0))).toISOString()).toMatch(/^2026-11-25T08:/);
      expect(info.firmware.payload.toString('latin1').split('\0')[0]).toMatch(/^Ver /);
      expect(info.names).toEqual(['ZMM220_TFT', expect.stringMatching(/\S/)]);
      expect(info.width.payload[0]).toBe(24);
      expect(info.ids[0]).toMatch(/\S/);
      expect(info.ids[1]).toMatch(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/i);

      const sizes = await zk.readSizes();
      expect(sizes).toMatchObject({ users: 2, fingers: 1, records: PUNCHES });
      const users = await zk.getUsers();
      expect(users.map((u) => [u.userId, u.name, u.privilege, u.card])).toEqual([
        [ANA.pin, ANA.name, 14, Number(ANA.card)],
        [BEN.pin, BEN.name, 0, Number(BEN.card)],
      ]);
      // -t: every template read in bulk equals the one read alone.
      const bulk = await zk.getTemplates();
      expect(bulk).toHaveLength(1);
      for (const finger of bulk) expect(await zk.getUserTemplate(finger.uid, finger.fid)).toEqual(finger);
      expect(bulk[0]!.template.toString('base64')).toBe(ANA_TEMPLATE);
      // -r
      const attendance = await getAttendance(zk);
      expect(attendance).toMatchObject({ records: PUNCHES, recordSize: 40, count: PUNCHES });
      expect(attendance.first).toMatchObject({ userId: ANA.pin, time: seededPunch(0).time, punch: 0 });
      expect(attendance.last).toMatchObject({ userId: BEN.pin, time: seededPunch(PUNCHES - 1).time, punch: 1 });

      // save_user_template: a new user (the next uid, as get_users computes it) with two fingers.
      const uid = Math.max(...users.map((u) => u.uid)) + 1;
      const dee: PyzkUser = {
        uid,
        privilege: 0,
        password: '',
        name: 'Dee Nakamura',
        card: 4242,
        groupId: '',
        userId: '1003',
      };
      const fingers: PyzkFinger[] = [
        { uid, fid: 5, valid: 1, template: Buffer.from(simulatedTemplate({ person: '1003', fid: 5 }), 'base64') },
        { uid, fid: 6, valid: 1, template: foreignTemplate() },
      ];
      const saved = await zk.saveUserTemplate(dee, fingers);
      // FREE_DATA, PREPARE_DATA, two DATA chunks, 110, REFRESHDATA: each ACK_OK, as pyzk requires.
      expect(saved.map((a) => a.command)).toEqual(Array(6).fill(REPLY.OK));
      const after = await zk.getUsers();
      expect(after.find((u) => u.userId === '1003')).toEqual({ ...dee, groupId: '1' });
      expect((await zk.getTemplates()).filter((f) => f.uid === uid)).toEqual(fingers);
      for (const finger of fingers) expect(await zk.getUserTemplate(uid, finger.fid)).toEqual(finger);

      // delete_user_template, then the finger is gone (three tries, as pyzk makes); delete_user.
      const which = Buffer.from([uid & 0xff, uid >> 8, 6]);
      expect((await zk.send(CMD.DELETE_USERTEMP, which)).command).toBe(REPLY.OK);
      expect(await zk.getUserTemplate(uid, 6)).toBeUndefined();
      expect(await zk.getUserTemplate(uid, 5)).toEqual(fingers[0]);
      expect((await zk.send(CMD.DELETE_USER, Buffer.from([uid & 0xff, uid >> 8]))).command).toBe(REPLY.OK);
      expect((await zk.send(CMD.REFRESHDATA)).command).toBe(REPLY.OK);
      expect((await zk.getUsers()).map((u) => u.userId)).toEqual([ANA.pin, BEN.pin]);
      expect(await zk.readSizes()).toMatchObject({ users: 2, fingers: 1, records: PUNCHES });

      expect((await zk.send(CMD.ENABLEDEVICE)).command).toBe(REPLY.OK);
      expect((await zk.send(CMD.EXIT)).command).toBe(REPLY.OK);
      // Nothing pyzk sent was unknown to the clock.
      expect(lan.clock.text).not.toMatch(/unknown LAN command/);
    } finally {
      zk.close();
      await lan.clock.stop();
    }
    // The clock's own record of it: the user and each finger as enrollments, then the deletion.
    const store = openSqlitePorts(lan.dir.file('clock.db'), { synchronous: 'normal' });
    try {
      const ops = store.operations.after(0, 1_000).map((o) => [o.op, ...o.values]);
      expect(ops).toEqual(
        expect.arrayContaining([
          [30, '1003', 0, 0],
          [6, '1003', 5, 0],
          [6, '1003', 6, 0],
          [9, '1003', 0, 0],
        ]),
      );
    } finally {
      store.close();
      lan.dir.remove();
    }
  }, 180_000);

  it("takes a backup's restore at once (HR_save_usertemplates): 1,000 users with two 1.4 KB fingers each", async () => {
    const lan = await startLanProcess();
    const zk = await PyzkClient.open(lan.port);
    try {
      await zk.send(CMD.CONNECT);
      await zk.send(CMD.DISABLEDEVICE);
      const entries = Array.from({ length: RESTORED }, (_, i) => {
        const uid = 100 + i;
        const user: PyzkUser = {
          uid,
          privilege: 0,
          password: '',
          name: `Restored ${i}`,
          card: 0,
          groupId: '1',
          userId: String(5000 + i),
        };
        const fingers = [0, 9].map((fid) => ({ uid, fid, valid: 1, template: foreignTemplate(i * 10 + fid) }));
        return { user, fingers };
      });
      const saved = await zk.saveUserTemplates(entries);
      const users = await zk.getUsers();
      const templates = await zk.getTemplates();
      await zk.send(CMD.ENABLEDEVICE);

      // About 2.8 MB in 1,024-byte DATA packets, each ACK_OK, then 110 and REFRESHDATA.
      expect(saved.length).toBeGreaterThan(2_700);
      expect(saved.every((a) => a.command === REPLY.OK)).toBe(true);
      expect(users).toHaveLength(2 + RESTORED);
      expect(users.slice(2)).toEqual(entries.map((e) => e.user));
      expect(templates.filter((t) => t.uid >= 100)).toEqual(entries.flatMap((e) => e.fingers));
    } finally {
      zk.close();
      await lan.stop();
    }
  }, 180_000);
});
