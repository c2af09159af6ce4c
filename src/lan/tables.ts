// The clock's tables as the LAN protocol reads them: users with their 16-bit index, attendance and
// templates in the record size of the transport, free sizes, and the options an SDK asks for.
import { lanProfile } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import { PIN_WIDTH } from './codes.js';
import { encodeFreeSizes, encodeTemplate, encodeUser28, encodeUser72, withSize, type IndexedUser } from './records.js';

export type Transport = 'tcp' | 'udp';

/** Users with the uids the table keeps for them (assigned at creation, kept for life), in uid order. */
export function indexedUsers(clock: Clock): IndexedUser[] {
  const users = clock.records.users;
  return users.withUids(0, users.count());
}

export function uidsByPin(clock: Clock): Map<string, number> {
  return new Map(indexedUsers(clock).map((u) => [u.user.pin, u.uid]));
}

/** Users in the model's record size: the platform decides it, not the transport. */
export function usersContent(clock: Clock, recordBytes: 72 | 28): Buffer {
  return withSize(indexedUsers(clock).map(recordBytes === 72 ? encodeUser72 : encodeUser28));
}

export function templatesContent(clock: Clock): Buffer {
  const users = indexedUsers(clock);
  const records = users.flatMap(({ uid, user }) =>
    clock.records.templates.listFor(user.pin).map((t) => encodeTemplate(t, uid)),
  );
  return withSize(records);
}

export function freeSizes(clock: Clock): Buffer {
  const { users, templates, punches } = clock.records;
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
    '~Platform': lanProfile(clock.model).platform,
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
    '~PIN2Width': String(PIN_WIDTH),
    '~SSR': '1',
    IPAddress: settings.ip,
    NetMask: settings.netmask,
    GATEIPAddress: settings.gateway,
    DHCP: settings.dhcp ? '1' : '0',
    FWVersion: clock.model.firmwareVersion,
  };
  return Object.hasOwn(values, key) ? values[key] : undefined;
}
