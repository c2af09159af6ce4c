// pyzk's calls that the Node SDKs do not make, replayed as pyzk builds its packets (pyzk cannot be
// installed here) against a separately started `timeclock run --lan`: live_capture's CANCELCAPTURE,
// STARTVERIFY and REG_EVENT, get_pin_width and get_lock_state — then a punch arrives as its event — and
// save_user_template over UDP, and refused where it would take another user's uid.
import { describe, expect, it } from 'vitest';
import { simulatedTemplate } from '../../firmware/index.js';
import { CMD, EF, REPLY } from '../../src/lan/index.js';
import { ANA, ANA_TEMPLATE, sharedLanProcess } from './lan-process.js';
import { PyzkClient } from './pyzk-client.js';

const running = sharedLanProcess();

describe("pyzk's calls from another process", () => {
  it('answers get_pin_width, get_lock_state and live_capture, then sends a punch as its 36-byte event', async () => {
    const zk = await PyzkClient.open(running().port);
    expect((await zk.send(CMD.CONNECT)).command).toBe(REPLY.OK);

    const width = await zk.send(CMD.GET_PINWIDTH, Buffer.from(' P'));
    const lock = await zk.send(CMD.DOORSTATE_RRQ);
    const cancel = await zk.send(CMD.CANCELCAPTURE);
    const verify = await zk.send(CMD.STARTVERIFY);
    const flags = Buffer.alloc(4);
    flags.writeUInt32LE(EF.ATTLOG, 0);
    const registered = await zk.send(CMD.REG_EVENT, flags);
    await running().clock.send([ANA.pin, 'ok'], /Thank|Already|Unknown/);
    const event = await zk.nextPacket();
    zk.close();

    expect(width).toEqual({ command: REPLY.OK, payload: Buffer.from([24, 0]) });
    expect([lock.command, cancel.command, verify.command, registered.command]).toEqual([
      REPLY.OK,
      REPLY.OK,
      REPLY.OK,
      REPLY.OK,
    ]);
    // pyzk's live_capture: command 500, the flag in the session field, `<24sBB6s4s` for 36 bytes.
    expect(event.readUInt16LE(0)).toBe(CMD.REG_EVENT);
    expect(event.readUInt16LE(4)).toBe(EF.ATTLOG);
    expect(event.length - 8).toBe(36);
    expect(event.toString('latin1', 8, 8 + 24).replace(/\0.*$/s, '')).toBe(ANA.pin);
  }, 60_000);

  it("reads one user's template (88) and deletes it by uid (19), as get_user_template and delete_user_template do", async () => {
    const zk = await PyzkClient.open(running().port);
    await zk.send(CMD.CONNECT);
    // pyzk: pack('hb', uid, temp_id); Ana is uid 1, her template finger 6.
    const which = Buffer.from([1, 0, 6]);

    const read = await zk.send(CMD.GET_USERTEMP, which);
    const deleted = await zk.send(CMD.DELETE_USERTEMP, which);
    const again = await zk.send(CMD.GET_USERTEMP, which);
    const byUserId = Buffer.alloc(25);
    byUserId.write(ANA.pin, 0, 'latin1');
    byUserId[24] = 6;
    const gone = await zk.send(CMD.DEL_FPTMP, byUserId);
    zk.close();

    expect(read.command).toBe(CMD.DATA);
    // pyzk strips the last (padding) byte.
    expect(read.payload.subarray(0, -1).toString('base64')).toBe(ANA_TEMPLATE);
    expect(deleted.command).toBe(REPLY.OK);
    expect(again.command).toBe(REPLY.ERROR);
    expect(gone.command).toBe(REPLY.ERROR);
  }, 60_000);

  it('refuses an upload that takes a uid held by another user, or comes out of turn, and writes nothing', async () => {
    const zk = await PyzkClient.open(running().port);
    await zk.send(CMD.CONNECT);
    const before = { users: await zk.getUsers(), fingers: (await zk.readSizes()).fingers };
    // Ana holds uid 1: a new user 1004 may not take it, with or without a finger.
    const thief = { uid: 1, privilege: 0, password: '', name: 'Eve', card: 0, groupId: '', userId: '1004' };
    const taken = await zk.saveUserTemplate(thief, [{ uid: 1, fid: 3, valid: 1, template: Buffer.from('finger') }]);
    const strayData = await zk.send(CMD.DATA, Buffer.from('stray'));
    const saveWithout = await zk.send(CMD.SAVE_USERTEMPS, Buffer.from([12, 0, 0, 0, 0, 0, 8, 0]));
    const after = { users: await zk.getUsers(), fingers: (await zk.readSizes()).fingers };
    const stolen = await zk.getUserTemplate(1, 3);
    zk.close();

    // FREE_DATA, PREPARE_DATA and DATA are taken; 110 refuses; REFRESHDATA is ACK_OK.
    expect(taken.map((a) => a.command)).toEqual([REPLY.OK, REPLY.OK, REPLY.OK, REPLY.ERROR, REPLY.OK]);
    expect([strayData.command, saveWithout.command]).toEqual([REPLY.ERROR, REPLY.ERROR]);
    expect(after).toEqual(before);
    expect(stolen).toBeUndefined();
  }, 60_000);

  it('takes save_user_template over UDP (force_udp) as over TCP: the user, the finger read back, the user deleted', async () => {
    const zk = await PyzkClient.open(running().port, 'udp');
    await zk.send(CMD.CONNECT);
    const before = await zk.getUsers();
    const uid = Math.max(...before.map((u) => u.uid)) + 1;
    const fay = { uid, privilege: 0, password: '12', name: 'Fay Udp', card: 0, groupId: '1', userId: '1005' };
    const finger = {
      uid,
      fid: 2,
      valid: 1,
      template: Buffer.from(simulatedTemplate({ person: '1005', fid: 2 }), 'base64'),
    };
    const saved = await zk.saveUserTemplate(fay, [finger]);
    const written = (await zk.getUsers()).find((u) => u.uid === uid);
    const read = await zk.getUserTemplate(uid, 2);
    const deleted = await zk.send(CMD.DELETE_USER, Buffer.from([uid & 0xff, uid >> 8]));
    const after = await zk.getUsers();
    await zk.send(CMD.EXIT);
    zk.close();

    expect(saved.map((a) => a.command)).toEqual(Array(5).fill(REPLY.OK));
    expect(written).toEqual(fay);
    expect(read).toEqual(finger);
    expect(deleted.command).toBe(REPLY.OK);
    expect(after).toEqual(before);
  }, 60_000);
});
