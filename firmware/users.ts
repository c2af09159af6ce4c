// The clock's user table model: who may punch, with which credentials and which clock role.

/** PUSH `Pri`: 0 user, 2 enroller (the portal's Manager), 6 administrator, 14 super administrator. */
export type Privilege = 0 | 2 | 6 | 14;

export const PRIVILEGES: readonly Privilege[] = [0, 2, 6, 14];

export type ClockRole = 'user' | 'manager' | 'administrator';

export interface User {
  /** The badge number: the protocol's PIN and the ID typed on the keypad. */
  pin: string;
  name: string;
  privilege: Privilege;
  /** Empty when the user has no password. */
  password: string;
  /** Decimal card number (lower 32 bits of the EM4100 tag); empty when none. */
  card: string;
  group: number;
  timeZones: string;
  /** PUSH verify mode (0–14); -1 means the clock's default mode. */
  verifyMode: number;
  /**
   * The LAN protocol's user index (1–65534), given when a user is put: the table keeps it for life.
   * Omitted, a new user gets the next free one and an existing user keeps theirs. Users read back
   * from the table do not carry it: `UserTable.uidOf` does.
   */
  uid?: number;
}

/** The largest uid: the LAN protocol's u16, 0xFFFF excluded. */
export const MAX_UID = 65534;

/** A fingerprint template as the protocol carries it. */
export interface Template {
  pin: string;
  /** Finger index 0–9 (6 is the right index finger). */
  fid: number;
  valid: boolean;
  /** Base64 template: the simulator's format or a foreign one, stored as received. */
  template: string;
}

export function roleOf(privilege: Privilege): ClockRole {
  if (privilege >= 6) return 'administrator';
  if (privilege === 2) return 'manager';
  return 'user';
}

export function privilegeOf(role: ClockRole): Privilege {
  return role === 'administrator' ? 14 : role === 'manager' ? 2 : 0;
}

export function isPrivilege(value: number): value is Privilege {
  return (PRIVILEGES as readonly number[]).includes(value);
}

/** A user with every optional field at its default. */
export function newUser(pin: string, fields: Partial<Omit<User, 'pin'>> = {}): User {
  return {
    pin,
    name: '',
    privilege: 0,
    password: '',
    card: '',
    group: 1,
    timeZones: '0000000000000000',
    verifyMode: -1,
    ...fields,
  };
}

/** PINs are 1–24 digits on the keypad; the protocol allows letters but the keypad cannot type them. */
export function isValidPin(pin: string): boolean {
  return /^[0-9A-Za-z]{1,24}$/.test(pin);
}
