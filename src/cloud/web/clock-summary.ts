// What the clock pages say about one clock, gathered from the store: its online state as the cloud knows
// it, the model and counts it last reported, and how many commands wait for it.
import type { CloudClock, QueuedCommand } from '../types.js';
import type { WebContext } from './context.js';

export interface ClockSummary {
  sn: string;
  name: string;
  online: boolean;
  lastSeen?: number;
  /** The model's name, from pushed options or the last INFO answer; undefined until the clock said. */
  model?: string;
  firmware?: string;
  users?: string;
  fingerprints?: string;
  punches?: string;
  ip?: string;
  pending: number;
}

/** Commands read back for the model and counts an INFO answer carries. */
const INFO_LOOKBACK = 200;

export function summarizeClock(ctx: WebContext, clock: CloudClock, recent?: readonly QueuedCommand[]): ClockSummary {
  const info = clock.info;
  const reply = latestInfoReply(recent ?? ctx.records.recentCommands(clock.sn, INFO_LOOKBACK));
  const summary: ClockSummary = {
    sn: clock.sn,
    name: clock.name,
    online: clock.online,
    pending: ctx.records.pendingCommands(clock.sn),
  };
  if (clock.lastSeen !== undefined) summary.lastSeen = clock.lastSeen;
  // getrequest's INFO parameter is the freshest; an INFO command's answer fills what it lacks.
  const fields: [keyof ClockSummary, string | undefined][] = [
    ['model', info['~DeviceName'] ?? info['DeviceName'] ?? reply['~DeviceName']],
    ['firmware', info['firmware'] ?? reply['FWVersion']],
    ['users', info['users'] ?? reply['UserCount']],
    ['fingerprints', info['fingerprints'] ?? reply['FPCount']],
    ['punches', info['attendanceRecords'] ?? reply['TransactionCount']],
    ['ip', info['ip'] ?? reply['IPAddress']],
  ];
  for (const [key, value] of fields) if (value !== undefined && value !== '') Object.assign(summary, { [key]: value });
  return summary;
}

function latestInfoReply(commands: readonly QueuedCommand[]): Record<string, string> {
  const newestFirst = [...commands].sort((a, b) => Number(b.id) - Number(a.id));
  return newestFirst.find((c) => c.command.kind === 'info' && c.state === 'done')?.reply ?? {};
}
