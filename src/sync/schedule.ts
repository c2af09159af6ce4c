// When the link wakes by itself: the clock uploads without Realtime every TransInterval minutes and at
// each TransTimes HH:MM of the device's local time; it polls after Delay, retries after ErrorDelay. Pure
// functions of the device time, so virtual time drives them.
import type { LocalTime } from '../../firmware/index.js';
import type { SyncState } from './sync-events.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** What the schedule reads of the link's options. */
export interface TransferSchedule {
  realtime: boolean;
  /** Minutes between uploads; 0 turns the interval off. */
  transIntervalMinutes: number;
  /** Up to ten `HH:MM` of device local time. */
  transTimes: string[];
}

/**
 * Milliseconds from `now` (device local time) to the next scheduled upload, or undefined when nothing
 * is scheduled. A TransTime equal to now is the next day's: the upload of this minute was just done.
 */
export function nextTransferIn(now: LocalTime, schedule: TransferSchedule): number | undefined {
  const waits: number[] = [];
  if (schedule.transIntervalMinutes > 0) waits.push(schedule.transIntervalMinutes * MINUTE);
  const dayStart = now - (((now % DAY) + DAY) % DAY);
  for (const time of schedule.transTimes) {
    const minute = minuteOf(time);
    if (minute === undefined) continue;
    let at = dayStart + minute * MINUTE;
    if (at <= now) at += DAY;
    waits.push(at - now);
  }
  return waits.length === 0 ? undefined : Math.min(...waits);
}

/** Minutes since midnight of `HH:MM` (or `H:MM`), or undefined for anything else. */
export function minuteOf(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

/** Seconds to the link's next wake: a poll after Delay when online, a retry after ErrorDelay when offline. */
export function nextWakeInSeconds(
  state: SyncState,
  options: { delay: number; errorDelay: number },
): number | undefined {
  if (state === 'online') return options.delay;
  return state === 'offline' ? options.errorDelay : undefined;
}

/** Milliseconds to the next scheduled upload under the link's options; none in realtime (records go at once). */
export function transferWait(
  now: LocalTime,
  options: { realtime: boolean; transInterval: number; transTimes: TransferSchedule['transTimes'] },
): number | undefined {
  const { realtime, transInterval, transTimes } = options;
  return realtime ? undefined : nextTransferIn(now, { realtime, transIntervalMinutes: transInterval, transTimes });
}
