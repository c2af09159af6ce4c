// Times as the pages write them. Cloud times (last seen, a command's life, token use) are UTC ms and say
// so; punch times are the clock's own local reading (no zone), as the clock recorded them.
const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-25 08:00:05 UTC`. */
export function utcText(ms: number): string {
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** `12 s ago`, `5 min ago`, `3 h ago`, `2 days ago`. */
export function agoText(ms: number, now: number): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

/** `30 s`, `2 min`: how long 3 × Delay is. */
export function spanText(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}
