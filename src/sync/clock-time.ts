// Setting the clock's RTC from the server: the HTTP `Date` header is UTC, the options' TimeZone is the
// zone; the device time is then source time + offset + zone (createClock's now()).
import type { ClockSettings } from '../../firmware/index.js';

/**
 * The header has whole seconds and the request took some time: a smaller difference than this is the
 * header's rounding, and rewriting the settings for it at every handshake would only churn the store.
 */
export const CLOCK_SLACK_MS = 2_000;

/**
 * The settings that make the clock read server UTC + zone, or undefined when it already does (within
 * the slack) or the server sent neither a usable date nor a zone.
 */
export function settingsForServerTime(
  current: ClockSettings,
  serverUtc: number | undefined,
  zoneMinutes: number | undefined,
  sourceNow: number,
): ClockSettings | undefined {
  let next = current;
  if (zoneMinutes !== undefined && zoneMinutes !== current.timeZoneMinutes) {
    next = { ...next, timeZoneMinutes: zoneMinutes };
  }
  if (serverUtc !== undefined) {
    const offset = serverUtc - sourceNow;
    if (Math.abs(offset - current.clockOffsetMs) >= CLOCK_SLACK_MS) next = { ...next, clockOffsetMs: offset };
  }
  return next === current ? undefined : next;
}
