// Device time: the clock's RTC reading as milliseconds of a naive local calendar (no zone), so that
// formatting needs no time-zone database and the same number means the same wall-clock reading anywhere.

export type LocalTime = number;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2026-11-25 08:02:11`, the protocol's timestamp form. */
export function formatTimestamp(t: LocalTime): string {
  const d = new Date(t);
  return `${formatDate(t)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function formatDate(t: LocalTime): string {
  const d = new Date(t);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function formatClock(t: LocalTime): string {
  const d = new Date(t);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

export function weekday(t: LocalTime): string {
  return WEEKDAYS[new Date(t).getUTCDay()]!;
}

/** Parses `YYYY-MM-DD HH:MM:SS` (or with a `T`); undefined when it is not a real calendar time. */
export function parseTimestamp(text: string): LocalTime | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((s) => Number(s ?? 0)) as number[];
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  d.setUTCFullYear(year!, month! - 1, day!);
  d.setUTCHours(hour!, minute!, second!, 0);
  const t = d.getTime();
  if (d.getUTCMonth() !== month! - 1 || d.getUTCDate() !== day! || hour! > 23 || minute! > 59 || second! > 59) {
    return undefined;
  }
  return t;
}

/** Minutes since local midnight. */
export function minuteOfDay(t: LocalTime): number {
  const d = new Date(t);
  return d.getUTCHours() * 60 + d.getUTCMinutes();
}

export function startOfDay(t: LocalTime): LocalTime {
  const day = 86_400_000;
  return t - (((t % day) + day) % day);
}
