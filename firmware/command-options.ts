// SET OPTION and INFO: the options the firmware owns (time zone, network) mapped onto ClockSettings, and
// the counts a server reads back. Options the firmware does not own belong to the cloud link and pass through.
import type { CommandContext } from './command-apply.js';
import { failed, succeeded, type CommandEffect, type CommandOutcome } from './commands.js';
import type { ClockSettings } from './settings.js';

/** Each returns the changed settings, or undefined when the value is not one the option takes. */
type OptionSetter = (settings: ClockSettings, value: string) => ClockSettings | undefined;

const OWN_OPTIONS: Record<string, OptionSetter> = {
  timezone: (settings, value) => {
    const minutes = timeZoneMinutes(value);
    return minutes === undefined ? undefined : { ...settings, timeZoneMinutes: minutes };
  },
  ipaddress: (settings, value) => (isIpv4(value) ? { ...settings, ip: value } : undefined),
  netmask: (settings, value) => (isIpv4(value) ? { ...settings, netmask: value } : undefined),
  gateipaddress: (settings, value) => (isIpv4(value) ? { ...settings, gateway: value } : undefined),
  dhcp: (settings, value) => (value === '0' || value === '1' ? { ...settings, dhcp: value === '1' } : undefined),
};

/** All or nothing: one bad value of an option the clock owns makes the whole command -1. */
export function setOptions(options: Record<string, string>, ctx: CommandContext): CommandOutcome {
  let settings = ctx.settings;
  let owned = false;
  const passed: [string, string][] = [];
  for (const [key, value] of Object.entries(options)) {
    const setter = Object.hasOwn(OWN_OPTIONS, key.toLowerCase()) ? OWN_OPTIONS[key.toLowerCase()] : undefined;
    if (setter === undefined) {
      passed.push([key, value]);
      continue;
    }
    const next = setter(settings, value);
    if (next === undefined) return failed('parameterError');
    settings = next;
    owned = true;
  }
  const effects: CommandEffect[] = [];
  if (owned) {
    ctx.ports.settings.save(settings);
    effects.push({ kind: 'settings-changed', settings });
  }
  if (passed.length > 0) effects.push({ kind: 'set-options', options: Object.fromEntries(passed) });
  return succeeded(...effects);
}

export function infoReply(ctx: CommandContext): CommandOutcome {
  const { ports, model } = ctx;
  const reply = [
    `~SerialNumber=${ctx.serialNumber}`,
    `~DeviceName=${model.displayName}`,
    `FWVersion=${model.firmwareVersion}`,
    `UserCount=${ports.users.count()}`,
    `FPCount=${ports.templates.count()}`,
    `TransactionCount=${ports.punches.count()}`,
    `MaxUserCount=${model.capacity.users}`,
    `MaxFingerCount=${model.capacity.fingerprints}`,
    `MaxAttLogCount=${model.capacity.punches}`,
    `IPAddress=${ctx.settings.ip}`,
  ];
  return { ...succeeded(), reply };
}

/** The protocol's rule: whole hours when -12 < TZ < 12, otherwise minutes (`330` is UTC+5:30). */
function timeZoneMinutes(value: string): number | undefined {
  if (!/^[+-]?\d{1,4}$/.test(value)) return undefined;
  const n = Number(value);
  const minutes = n > -12 && n < 12 ? n * 60 : n;
  return minutes >= -720 && minutes <= 840 ? minutes : undefined;
}

function isIpv4(value: string): boolean {
  const parts = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  return parts !== null && parts.slice(1).every((part) => Number(part) <= 255);
}
