// Time on the PUSH wire: record times are the clock's local wall time with no zone (the firmware's
// LocalTime), while the handshake's HTTP `Date` header is GMT and TimeZone says how far local time is from it.
import { formatTimestamp, parseTimestamp, type LocalTime } from '../../firmware/index.js';

/** `2026-11-25 08:02:11` from a LocalTime (ms of a naive local calendar). */
export function formatPushTime(local: LocalTime): string {
  return formatTimestamp(local);
}

/** `YYYY-MM-DD HH:MM:SS` (or with a `T`) into a LocalTime; undefined when it is not a real calendar time. */
export function parsePushTime(text: string): LocalTime | undefined {
  return parseTimestamp(text);
}

/** The HTTP `Date` header for an instant (ms since the epoch, UTC): `Wed, 25 Nov 2026 00:02:11 GMT`. */
export function formatHttpDate(utcMs: number): string {
  // Every answer carries one, and a fleet's polls fall in the same second: format each second once. A
  // clock polling in virtual time asks for a new second each poll: within one day only the time of day
  // changes, so the day's part is kept and the time written by hand.
  const second = Math.floor(utcMs / 1000);
  if (second === lastDate.second) return lastDate.text;
  const day = Math.floor(second / 86_400);
  if (day !== lastDay.day) {
    const text = new Date(day * 86_400_000).toUTCString(); // "Wed, 25 Nov 2026 00:00:00 GMT"
    lastDay = { day, prefix: text.slice(0, text.length - 12) };
  }
  const inDay = second - day * 86_400;
  const time = `${two(Math.floor(inDay / 3600))}:${two(Math.floor(inDay / 60) % 60)}:${two(inDay % 60)}`;
  lastDate = { second, text: `${lastDay.prefix}${time} GMT` };
  return lastDate.text;
}

let lastDate = { second: Number.NaN, text: '' };
let lastDay = { day: Number.NaN, prefix: '' };

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** An HTTP `Date` header into ms since the epoch; undefined when it cannot be read. */
export function parseHttpDate(text: string): number | undefined {
  if (!/\d{4}/.test(text) || !/\d{1,2}:\d{2}/.test(text)) return undefined;
  // HTTP dates are always GMT (RFC 9110), but Date.parse reads a zone-less asctime date as local time.
  const ms = Date.parse(/GMT|UTC|[+-]\d{4}$/.test(text) ? text : `${text} GMT`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The local wall time a clock sets from the server's `Date` header and the handshake's TimeZone. */
export function localTimeFromServer(utcMs: number, timeZoneMinutes: number): LocalTime {
  return utcMs + timeZoneMinutes * 60_000;
}

/** The instant (UTC ms) a local wall time stands for in a time zone: the inverse of localTimeFromServer. */
export function utcFromLocalTime(local: LocalTime, timeZoneMinutes: number): number {
  return local - timeZoneMinutes * 60_000;
}
