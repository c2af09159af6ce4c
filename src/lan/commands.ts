// The LAN commands an authenticated session answers, one handler each in a table: reads from the clock's
// ports, changes sent to the firmware as `lan.request` events, bulk reads and uploads through the session.
import type { LanRequest } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import type { Logger } from '../log.js';
import type { Answer, BulkReads, Groups } from './bulk.js';
import { CMD, PIN_WIDTH, REPLY } from './codes.js';
import { decodeTime, encodeTime } from './codec.js';
import { decodeUserWrite, optionKey, optionValue } from './records.js';
import { freeSizes, optionOf } from './tables.js';
import { uploadRequest, userFromWrite, type UploadBuffer } from './upload.js';

/** What a handler may use of its session. */
export interface SessionMeans {
  clock: Clock;
  log: Logger;
  bulk: BulkReads;
  upload: UploadBuffer;
  /** Sends a change to the firmware: OK when it took it, ERROR when it refused. */
  change(request: LanRequest, answer: Answer): Groups;
  /** REG_EVENT: the real-time events the client wants. */
  listen(events: number): void;
  close(): void;
  /** After the answer is on its way: RESTART and POWEROFF. */
  afterReply(action: 'restart' | 'power-off'): void;
}

/** One request of an authenticated client. */
export interface LanCall {
  command: number;
  payload: Buffer;
  answer: Answer;
  session: SessionMeans;
}

type Handler = (call: LanCall) => Groups | Promise<Groups>;

const one = (answer: Answer, command: number, payload?: Buffer): Groups => [[answer(command, payload)]];
const ok: Handler = ({ answer }) => one(answer, REPLY.OK);
/** A change that takes no argument from the request. */
const plainChange =
  (request: LanRequest): Handler =>
  ({ answer, session }) =>
    session.change(request, answer);

/** The handler of each command; a command not here is answered ACK_UNKNOWN. */
export const LAN_COMMANDS: ReadonlyMap<number, Handler> = new Map<number, Handler>([
  [CMD.EXIT, exit],
  [CMD.ENABLEDEVICE, plainChange({ kind: 'enable' })],
  [CMD.DISABLEDEVICE, plainChange({ kind: 'disable' })],
  [CMD.RESTART, afterReply('restart')],
  [CMD.POWEROFF, afterReply('power-off')],
  // pyzk's live_capture: CANCELCAPTURE, STARTVERIFY (back to identifying), then REG_EVENT.
  [CMD.REFRESHDATA, ok],
  [CMD.CANCELCAPTURE, ok],
  [CMD.STARTVERIFY, ok],
  // pyzk reads the first byte of the answer as the width.
  [CMD.GET_PINWIDTH, ({ answer }) => one(answer, REPLY.OK, Buffer.from([PIN_WIDTH, 0]))],
  // pyzk's get_lock_state: ACK_OK is "locked", as the door is between unlocks.
  [CMD.DOORSTATE_RRQ, ok],
  [CMD.TESTVOICE, testVoice],
  [CMD.UNLOCK, unlock],
  [CMD.GET_VERSION, version],
  [CMD.OPTIONS_RRQ, readOption],
  [CMD.OPTIONS_WRQ, writeOption],
  [CMD.GET_FREE_SIZES, ({ answer, session }) => one(answer, REPLY.OK, freeSizes(session.clock))],
  [CMD.GET_TIME, readTime],
  [CMD.SET_TIME, setTime],
  [CMD.REG_EVENT, registerEvents],
  [CMD.USER_WRQ, writeUser],
  [CMD.DELETE_USER, deleteUser],
  [CMD.GET_USERTEMP, readTemplate],
  [CMD.DELETE_USERTEMP, deleteTemplate],
  [CMD.DEL_FPTMP, deleteTemplate],
  [CMD.CLEAR_ATTLOG, plainChange({ kind: 'clear-attendance' })],
  [CMD.CLEAR_DATA, plainChange({ kind: 'clear-data' })],
  [CMD.STARTENROLL, startEnroll],
  [CMD.DATA_WRRQ, ({ payload, answer, session }) => session.bulk.prepare(payload, answer)],
  [CMD.DATA_RDY, ({ payload, answer, session }) => session.bulk.chunk(payload, answer)],
  [CMD.FREE_DATA, freeData],
  // pyzk's save_user_template: the buffer in chunks, then SAVE_USERTEMPS applies it.
  [CMD.PREPARE_DATA, uploadPart],
  [CMD.DATA, uploadPart],
  [CMD.SAVE_USERTEMPS, saveUpload],
  [CMD.ATTLOG_RRQ, directRead],
  [CMD.USERTEMP_RRQ, directRead],
  [CMD.DB_RRQ, directRead],
]);

function exit({ answer, session }: LanCall): Groups {
  session.close();
  return one(answer, REPLY.OK);
}

function afterReply(action: 'restart' | 'power-off'): Handler {
  return ({ answer, session }) => {
    session.afterReply(action);
    return one(answer, REPLY.OK);
  };
}

function testVoice({ payload, answer, session }: LanCall): Groups {
  return session.change({ kind: 'test-voice', index: payload.length >= 1 ? payload[0]! : 0 }, answer);
}

function unlock({ payload, answer, session }: LanCall): Groups {
  // pyzk sends tenths of a second.
  const seconds = payload.length >= 4 ? payload.readUInt32LE(0) / 10 : 3;
  return session.change({ kind: 'unlock', seconds }, answer);
}

function version({ answer, session }: LanCall): Groups {
  return one(answer, REPLY.OK, Buffer.from(`${session.clock.model.firmwareVersion}\0`, 'latin1'));
}

function readOption({ payload, answer, session }: LanCall): Groups {
  const key = optionKey(payload);
  const value = optionOf(session.clock, key);
  return value === undefined ? one(answer, REPLY.ERROR) : one(answer, REPLY.OK, optionValue(key, value));
}

function writeOption({ payload, answer }: LanCall): Groups {
  // pyzk announces its SDK build; the clock's own settings change through the menu or the cloud.
  return one(answer, optionKey(payload).startsWith('SDKBuild=') ? REPLY.OK : REPLY.ERROR);
}

function readTime({ answer, session }: LanCall): Groups {
  const time = Buffer.alloc(4);
  time.writeUInt32LE(encodeTime(session.clock.now()), 0);
  return one(answer, REPLY.OK, time);
}

function setTime({ payload, answer, session }: LanCall): Groups {
  if (payload.length < 4) return one(answer, REPLY.ERROR);
  return session.change({ kind: 'set-time', time: decodeTime(payload.readUInt32LE(0)) }, answer);
}

function registerEvents({ payload, answer, session }: LanCall): Groups {
  session.listen(payload.length >= 4 ? payload.readUInt32LE(0) : payload.length >= 2 ? payload.readUInt16LE(0) : 0);
  return one(answer, REPLY.OK);
}

function writeUser({ payload, answer, session }: LanCall): Groups {
  const write = decodeUserWrite(payload);
  const user = 'error' in write ? write : userFromWrite(write, (pin) => session.clock.records.users.findByPin(pin));
  if ('error' in user) {
    session.log.warn({ problem: user.error }, 'bad LAN user write');
    return one(answer, REPLY.ERROR);
  }
  return session.change({ kind: 'put-user', user }, answer);
}

function deleteUser({ payload, answer, session }: LanCall): Groups {
  if (payload.length < 2) return one(answer, REPLY.ERROR);
  const found = session.clock.records.users.findByUid(payload.readUInt16LE(0));
  if (found === undefined) return one(answer, REPLY.ERROR);
  return session.change({ kind: 'delete-user', pin: found.pin }, answer);
}

/** `i16 uid | i8 finger`: the template as DATA, with the pad byte pyzk strips. */
function readTemplate({ payload, answer, session }: LanCall): Groups {
  const clock = session.clock;
  const user = payload.length >= 3 ? clock.records.users.findByUid(payload.readInt16LE(0)) : undefined;
  const template = user && clock.records.templates.find(user.pin, payload.readInt8(2));
  if (template === undefined) return one(answer, REPLY.ERROR);
  return one(answer, CMD.DATA, Buffer.concat([Buffer.from(template.template, 'base64'), Buffer.alloc(1)]));
}

/** DELETE_USERTEMP `i16 uid | i8 finger`, or (pyzk over TCP with a user id) DEL_FPTMP `24 user id | u8 finger`. */
function deleteTemplate({ command, payload, answer, session }: LanCall): Groups {
  let pin: string | undefined;
  let fid: number;
  if (command === CMD.DEL_FPTMP && payload.length >= 25) {
    pin = payload.subarray(0, 24).toString('latin1').replace(/\0.*$/s, '');
    fid = payload[24]!;
  } else if (payload.length >= 3) {
    pin = session.clock.records.users.findByUid(payload.readInt16LE(0))?.pin;
    fid = payload.readInt8(2);
  } else return one(answer, REPLY.ERROR);
  if (pin === undefined || fid < 0 || fid > 9) return one(answer, REPLY.ERROR);
  return session.change({ kind: 'delete-template', pin, fid }, answer);
}

function startEnroll({ payload, answer, session }: LanCall): Groups {
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
  const clock = session.clock;
  if (!clock.model.readers.fingerprint || clock.records.users.findByPin(pin) === undefined || fid > 9) {
    return one(answer, REPLY.ERROR);
  }
  clock.send({ type: 'enroll.requested', pin, fid });
  return one(answer, REPLY.OK);
}

function freeData({ answer, session }: LanCall): Groups {
  session.bulk.free();
  session.upload.free();
  return one(answer, REPLY.OK);
}

function uploadPart({ command, payload, answer, session }: LanCall): Groups {
  const problem = command === CMD.DATA ? session.upload.data(payload) : session.upload.prepare(payload);
  if (problem !== undefined) session.log.warn({ problem }, 'bad LAN upload');
  return one(answer, problem === undefined ? REPLY.OK : REPLY.ERROR);
}

function saveUpload({ answer, session }: LanCall): Groups {
  // The uploaded users and templates, as one write the firmware decides on.
  const request = uploadRequest(session.upload, session.clock);
  if (!('error' in request)) return session.change(request, answer);
  session.log.warn({ problem: request.error }, 'bad LAN user and template upload');
  return one(answer, REPLY.ERROR);
}

function directRead({ command, payload, answer, session }: LanCall): Promise<Groups> {
  return session.bulk.direct(command, payload, answer);
}
