// What a fleet shows while it runs: on a terminal, a few lines redrawn in place (at most four times a
// second); in a pipe or a CI log, one progress line every few seconds. Both read the run's tally and its
// clocks' icons; neither changes anything.
import { formatPushTime } from '../protocol/index.js';
import { formatDuration } from '../scenario/index.js';
import { percentile } from './histogram.js';
import type { FleetRun, Phase } from './run.js';
import { OUTCOMES, type Tally } from './tally.js';

export interface ViewStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ViewInfo {
  profile: string;
  shard: string;
  durationMs: number;
  speed: number;
}

const REDRAW_MS = 250;
const PROGRESS_MS = 5_000;

export class LiveView {
  private phase: Phase | 'starting' = 'starting';
  private detail = '';
  private drawn = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly run: FleetRun,
    private readonly stream: ViewStream,
    private readonly info: ViewInfo,
  ) {
    this.timer = setInterval(() => this.draw(), stream.isTTY ? REDRAW_MS : PROGRESS_MS);
    this.timer.unref();
  }

  setPhase(phase: Phase, detail = ''): void {
    this.phase = phase;
    this.detail = detail;
    if (!this.stream.isTTY && phase !== 'done') this.stream.write(`fleet: ${phase}${detail ? ` (${detail})` : ''}\n`);
    this.draw();
  }

  close(): void {
    clearInterval(this.timer);
    this.draw();
  }

  private draw(): void {
    if (!this.stream.isTTY) {
      if (this.phase === 'running') this.stream.write(`${progressLine(this.run)}\n`);
      return;
    }
    const lines = this.lines();
    // Up to the first line drawn, then clear below: the block is redrawn in place.
    const up = this.drawn > 0 ? `\x1b[${this.drawn}F\x1b[J` : '';
    this.stream.write(`${up}${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }

  private lines(): string[] {
    const { run, info } = this;
    const t = run.tally;
    const c = iconsOf(run);
    const elapsed = run.source ? Math.max(0, run.source.now() - run.runStart) : 0;
    const time = run.source ? formatPushTime(run.source.now()).slice(11) : '--:--:--';
    const speed = info.speed === 1 ? 'real time' : `${info.speed}x`;
    return [
      `timeclock fleet  ${info.profile}  shard ${info.shard}  ${speed}  ${this.phase}${this.detail ? ` (${this.detail})` : ''}`,
      `time     ${time}  ${formatDuration(elapsed)} of ${formatDuration(info.durationMs)}`,
      `clocks   ${run.clocks.length} of ${run.planned} on: ${c.online} online, ${c.redDot} red dot, ${c.x} X`,
      `punches  ${t.made} made, ${t.acked} acknowledged by the server, ${t.made - t.acked} pending`,
      `refused  ${refusals(t) || 'none'}`,
      `cloud    ${t.commandsApplied} commands applied, ${t.polls} polls, errors: ${errorsText(t) || 'none'}`,
      `latency  ${latencyText(t)} (punch thanked to server OK)`,
    ];
  }
}

export function progressLine(run: FleetRun): string {
  const t = run.tally;
  const c = iconsOf(run);
  const time = run.source ? formatPushTime(run.source.now()).slice(11) : '--:--:--';
  return (
    `fleet ${time}: clocks ${run.clocks.length}/${run.planned} (${c.online} online, ${c.redDot} red dot, ${c.x} X); ` +
    `punches ${t.made} made, ${t.acked} acknowledged; commands ${t.commandsApplied}; ` +
    `errors ${Object.values(t.errors).reduce((a, b) => a + b, 0)}; latency ${latencyText(t)}`
  );
}

function iconsOf(run: FleetRun): { online: number; redDot: number; x: number } {
  const counts = { online: 0, redDot: 0, x: 0 };
  for (const clock of run.clocks) {
    const shown = clock.shown();
    if (shown === 'online') counts.online++;
    else if (shown === 'red dot') counts.redDot++;
    else counts.x++;
  }
  return counts;
}

export function latencyText(t: Pick<Tally, 'latency'>): string {
  if (t.latency.count === 0) return 'p50 -, p99 -';
  return `p50 ${ms(percentile(t.latency, 50))}, p99 ${ms(percentile(t.latency, 99))}`;
}

export function ms(value: number): string {
  if (Number.isNaN(value)) return '-';
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
}

function refusals(t: Tally): string {
  return OUTCOMES.filter((o) => o !== 'punched' && t.attempts[o] > 0)
    .map((o) => `${o} ${t.attempts[o]}`)
    .join(', ');
}

function errorsText(t: Tally): string {
  return Object.entries(t.errors)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
}
