// Where pino writes while the terminal UI is up: each JSON line goes whole to the log file (when there
// is one) and, shortened, to the panel's log pane; never to stdout or stderr, which belong to the screen.
import type { DestinationStream } from 'pino';
import { LogFile } from '../log-file.js';

export interface LogSink extends DestinationStream {
  /** The last lines, shortened for the pane, oldest first. */
  recent(): string[];
  /** Called with each shortened line; returns the unsubscribe function. */
  onLine(listener: (text: string) => void): () => void;
  /** Adds lines that are not from pino (a refused panel input, stray stderr text) to the pane and the file. */
  note(source: string, text: string): void;
  close(): void;
}

export interface LogSinkOptions {
  /** Appended to; none with --memory. */
  file?: string | undefined;
  /** Lines kept for a pane opened later. */
  keep?: number;
  /** How a line's time shows in the pane; the host's local time of day unless told (tests pin it). */
  clockTime?: (time: Date) => string;
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** Fields every line has, which the short form already says or need not say. */
const QUIET_FIELDS = new Set(['level', 'time', 'msg', 'module', 'sn']);

export function createLogSink(options: LogSinkOptions = {}): LogSink {
  const keep = options.keep ?? 200;
  const clockTime = options.clockTime ?? localTimeOfDay;
  // A full or read-only disk drops and counts lines (log-file.ts) and says so in the pane; a line about
  // a crash still reaches the file before the process leaves.
  const file =
    options.file === undefined
      ? undefined
      : new LogFile(options.file, { sync: true, onProblem: (message) => publish(`log: ${message}`) });
  const lines: string[] = [];
  const listeners = new Set<(text: string) => void>();
  let partial = '';

  const publish = (text: string) => {
    lines.push(text);
    if (lines.length > keep) lines.splice(0, lines.length - keep);
    for (const listener of listeners) listener(text);
  };

  return {
    write(chunk: string) {
      file?.write(chunk);
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) if (line.trim() !== '') publish(shortLogLine(line, clockTime));
    },
    recent: () => [...lines],
    onLine(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    note(source, text) {
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        file?.write(`${JSON.stringify({ level: 40, source, msg: line })}\n`);
        publish(`${source}: ${line}`);
      }
    },
    close() {
      file?.close();
      listeners.clear();
    },
  };
}

/** `08:02:11 INFO runtime: punch recorded pin=1002 state=0`; a line that is not JSON is kept as it is. */
export function shortLogLine(json: string, clockTime: (time: Date) => string = localTimeOfDay): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const when = typeof record.time === 'string' ? new Date(record.time) : undefined;
  const time = when && !Number.isNaN(when.getTime()) ? clockTime(when) : '';
  const level = LEVELS[Number(record.level)] ?? String(record.level ?? '');
  const module = typeof record.module === 'string' ? `${record.module}: ` : '';
  const fields = Object.entries(record)
    .filter(([key]) => !QUIET_FIELDS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [time, level, `${module}${String(record.msg ?? '')}`, ...fields].filter((p) => p !== '').join(' ');
}

/** The file keeps UTC; people reading the pane think in their own time, as the clock's screen shows it. */
function localTimeOfDay(time: Date): string {
  return time.toTimeString().slice(0, 8);
}
