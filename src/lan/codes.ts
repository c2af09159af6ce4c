// The LAN ("pull" SDK) protocol's numbers (docs/wire-formats.md §4; pyzk zk/const.py, node-zklib constants.js).

export const CMD = {
  CONNECT: 1000,
  EXIT: 1001,
  ENABLEDEVICE: 1002,
  DISABLEDEVICE: 1003,
  RESTART: 1004,
  POWEROFF: 1005,
  REFRESHDATA: 1013,
  TESTVOICE: 1017,
  GET_VERSION: 1100,
  AUTH: 1102,
  PREPARE_DATA: 1500,
  DATA: 1501,
  FREE_DATA: 1502,
  DATA_WRRQ: 1503,
  DATA_RDY: 1504,
  DB_RRQ: 7,
  USER_WRQ: 8,
  USERTEMP_RRQ: 9,
  OPTIONS_RRQ: 11,
  OPTIONS_WRQ: 12,
  ATTLOG_RRQ: 13,
  CLEAR_DATA: 14,
  CLEAR_ATTLOG: 15,
  DELETE_USER: 18,
  DELETE_USERTEMP: 19,
  UNLOCK: 31,
  GET_FREE_SIZES: 50,
  STARTVERIFY: 60,
  STARTENROLL: 61,
  CANCELCAPTURE: 62,
  GET_PINWIDTH: 69,
  DOORSTATE_RRQ: 75,
  /** pyzk's get_user_template ("comando secreto"): `i16 uid | i8 finger`. */
  GET_USERTEMP: 88,
  /** pyzk's save_user_template after its upload: `u32 12 | u16 0 | u16 8`, applies the uploaded users and templates. */
  SAVE_USERTEMPS: 110,
  DEL_FPTMP: 134,
  GET_TIME: 201,
  SET_TIME: 202,
  REG_EVENT: 500,
} as const;

export const REPLY = {
  OK: 2000,
  ERROR: 2001,
  DATA: 2002,
  UNAUTH: 2005,
  UNKNOWN: 0xffff,
} as const;

/** Tables of DATA_WRRQ / DB_RRQ. */
export const FCT = { ATTLOG: 1, FINGERTMP: 2, USER: 5 } as const;

/** REG_EVENT flags: an attendance event carries EF_ATTLOG in its session field. */
export const EF = { ATTLOG: 1, FINGER: 2, ENROLLUSER: 4, ENROLLFINGER: 8 } as const;

export const USHRT_MAX = 65535;

/** The prefix of every TCP frame. */
export const TCP_MAGIC = Buffer.from([0x50, 0x50, 0x82, 0x7d]);

/** Bytes per DATA_RDY chunk the SDKs ask for over TCP (0xFFC0). */
export const TCP_CHUNK = 0xffc0;

/** Payload bytes of one UDP DATA packet: pyzk reads 1024 + 8 per datagram. */
export const UDP_DATA_BYTES = 1024;

/** Digits of a user id the clock takes (GET_PINWIDTH, and the `~PIN2Width` option). */
export const PIN_WIDTH = 24;

/** The largest request the device takes: a user write is 72 bytes, an upload's DATA chunk 1,024. */
export const MAX_REQUEST_BYTES = 64 * 1024;

export function commandName(command: number): string {
  for (const [name, code] of Object.entries(CMD)) if (code === command) return name;
  for (const [name, code] of Object.entries(REPLY)) if (code === command) return `ACK_${name}`;
  return `#${command}`;
}
