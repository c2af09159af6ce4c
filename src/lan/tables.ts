// The clock's tables as the LAN protocol reads them: users with their 16-bit index, attendance and
// templates in the record size of the transport, free sizes, and the options an SDK asks for.
import type { Clock } from '../runtime/index.js';
import {
  encodeAttendance16,
  encodeAttendance40,
  encodeFreeSizes,
  encodeTemplate,
  encodeUser28,
  encodeUser72,
  withSize,
  type IndexedUser,
} from './records.js';

export type Transport = 'tcp' | 'udp';

/**
 * Users in PIN order, numbered from 1: the clock keys users by PIN, the SDKs by this index. It is
 * stable while the table does not change, which is what a read-then-delete needs.
 */
export function indexedUsers(clock: Clock): IndexedUser[] {
  const users = clock.ports.users;
  return users.search('', 0, users.count()).map((user, i) => ({ uid: i + 1, user }));
}

export function uidsByPin(users: IndexedUser[]): Map<string, number> {
  return new Map(users.map((u) => [u.user.pin, u.uid]));
}

/**
 * TCP clients (node-zklib, zkteco-js, zklib-js, pyzk) read 72-byte users and 40-byte records; over UDP
 * the same SDKs decode old firmware's 28 and 16 bytes, and pyzk tells the size from count and bytes.
 */
export function usersContent(clock: Clock, transport: Transport): Buffer {
  const encode = transport === 'tcp' ? encodeUser72 : encodeUser28;
  return withSize(indexedUsers(clock).map(encode));
}

export function attendanceContent(clock: Clock, transport: Transport): Buffer {
  const punches = clock.ports.punches.after(0, Number.MAX_SAFE_INTEGER);
  if (transport === 'udp') return withSize(punches.map(encodeAttendance16));
  const uids = uidsByPin(indexedUsers(clock));
  return withSize(punches.map((p) => encodeAttendance40(p, uids.get(p.pin) ?? 0)));
}

export function templatesContent(clock: Clock): Buffer {
  const users = indexedUsers(clock);
  const records = users.flatMap(({ uid, user }) =>
    clock.ports.templates.listFor(user.pin).map((t) => encodeTemplate(t, uid)),
  );
  return withSize(records);
}

export function freeSizes(clock: Clock): Buffer {
  const { users, templates, punches } = clock.ports;
  const { capacity } = clock.model;
  return encodeFreeSizes({
    users: users.count(),
    fingers: templates.count(),
    records: punches.count(),
    cards: users.countCards(),
    fingerCapacity: clock.model.readers.fingerprint ? capacity.fingerprints : 0,
    userCapacity: capacity.users,
    recordCapacity: capacity.punches,
    faces: 0,
    faceCapacity: 0,
  });
}

/** `~Platform` and the algorithm versions describe the simulated hardware, not the host. */
export function optionOf(clock: Clock, key: string): string | undefined {
  const settings = clock.settings();
  const values: Record<string, string> = {
    '~SerialNumber': clock.serialNumber,
    '~Platform': 'ZMM220_TFT',
    '~DeviceName': clock.model.displayName,
    '~OEMVendor': 'timeclock-sim',
    '~ProductTime': '2026-01-01 00:00:00',
    MAC: clock.macAddress,
    '~ZKFPVersion': clock.model.readers.fingerprint ? '10' : '',
    ZKFaceVersion: '',
    '~ExtendFmt': '1',
    '~UserExtFmt': '1',
    FaceFunOn: '0',
    CompatOldFirmware: '0',
    '~OS': '1',
    WorkCode: '0',
    '~PIN2Width': '24',
    '~SSR': '1',
    IPAddress: settings.ip,
    NetMask: settings.netmask,
    GATEIPAddress: settings.gateway,
    DHCP: settings.dhcp ? '1' : '0',
    FWVersion: clock.model.firmwareVersion,
  };
  return Object.hasOwn(values, key) ? values[key] : undefined;
}
