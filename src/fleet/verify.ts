// The end of a run: every punch the clocks made must have been acknowledged and, where the fleet can ask
// the server (a token), be stored there. Whatever is not is a lost punch, listed with clock, PIN and time.
import { formatPushTime } from '../protocol/index.js';
import type { CloudApi } from './cloud-api.js';
import type { LostPunch } from './report.js';

/** A punch as its clock holds it, read before the clock closes. */
export interface HeldPunch {
  sn: string;
  pin: string;
  time: number;
  seq: number;
  acknowledged: boolean;
}

export interface Verdict {
  lost: LostPunch[];
  /** Punches of these clocks on the server; undefined without an API to ask. */
  onServer?: number;
}

export async function findLost(held: readonly HeldPunch[], api: CloudApi | undefined): Promise<Verdict> {
  const lost: LostPunch[] = [];
  const show = (p: HeldPunch, reason: LostPunch['reason']): LostPunch => ({
    sn: p.sn,
    pin: p.pin,
    time: formatPushTime(p.time),
    seq: p.seq,
    reason,
  });
  for (const p of held) if (!p.acknowledged) lost.push(show(p, 'not acknowledged'));
  if (api === undefined) return { lost };
  const ours = new Set(held.map((p) => p.sn));
  const stored = new Map<string, number>();
  let onServer = 0;
  for await (const page of api.punches()) {
    for (const p of page) {
      if (!ours.has(p.sn)) continue;
      onServer++;
      const key = `${p.sn}\t${p.pin}\t${p.timeText}`;
      stored.set(key, (stored.get(key) ?? 0) + 1);
    }
  }
  for (const p of held) {
    if (!p.acknowledged) continue;
    const key = `${p.sn}\t${p.pin}\t${formatPushTime(p.time)}`;
    const left = stored.get(key) ?? 0;
    if (left > 0) stored.set(key, left - 1);
    else lost.push(show(p, 'not on the server'));
  }
  return { lost, onServer };
}
