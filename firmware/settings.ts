// The clock's settings: what the menu and the cloud may change, with the model's defaults beneath.
import type { DeviceModel } from './device.js';
import type { PunchStateRule } from './punches.js';
import type { LocalTime } from './time.js';

export interface ClockSettings {
  duplicateWindowSeconds: number;
  punchStateRule: PunchStateRule;
  /** The mode used for users whose verify mode is -1. */
  defaultVerifyMode: number;
  dhcp: boolean;
  ip: string;
  netmask: string;
  gateway: string;
  /** The PUSH server (`http://host:port`), or empty when none is set. */
  cloudServer: string;
  /** The device key the cloud issued this clock (its RegistryCode), sent with every request; empty: none. */
  cloudKey: string;
  /** Offset of the device's RTC from the host clock, in ms (set from the menu or the cloud). */
  clockOffsetMs: number;
  /** The cloud's TimeZone, in minutes east of UTC. */
  timeZoneMinutes: number;
  /** The LAN protocol's comm key (password); 0 lets any SDK client connect without AUTH. */
  commKey: number;
  /**
   * Until when ID entry is locked after too many failed tries (device time), kept with the settings so
   * that pulling the power does not buy a guesser five more tries; absent when never locked.
   */
  keypadLockedUntil?: LocalTime;
}

export function defaultSettings(model: DeviceModel): ClockSettings {
  return {
    duplicateWindowSeconds: model.defaults.duplicateWindowSeconds,
    punchStateRule: model.defaults.punchStateRule,
    defaultVerifyMode: model.defaults.verifyMode,
    dhcp: true,
    ip: '192.168.1.201',
    netmask: '255.255.255.0',
    gateway: '192.168.1.1',
    cloudServer: '',
    cloudKey: '',
    clockOffsetMs: 0,
    timeZoneMinutes: 0,
    commKey: 0,
  };
}
