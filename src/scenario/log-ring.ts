// A pino destination that keeps the log in memory: the last lines for a failure report, and a bounded
// history that `expect: { log: … }` searches. Lines are parsed only when someone reads them.

export interface LogLine {
  level: number;
  msg: string;
  module?: string;
  /** The whole JSON line as pino wrote it. */
  raw: string;
}

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

export class LogRing {
  private lines: string[] = [];
  /** Lines dropped from the front since the start: a long run keeps its memory flat. */
  private dropped = 0;

  constructor(private readonly capacity = 20_000) {}

  /** pino's DestinationStream. */
  write(chunk: string): void {
    for (const line of chunk.split('\n')) if (line !== '') this.lines.push(line);
    if (this.lines.length > this.capacity * 1.5) {
      const excess = this.lines.length - this.capacity;
      this.lines.splice(0, excess);
      this.dropped += excess;
    }
  }

  get total(): number {
    return this.dropped + this.lines.length;
  }

  /** Lines from position `from` (counted since the start) to now. */
  since(from = 0): LogLine[] {
    return this.lines.slice(Math.max(0, from - this.dropped)).map(parseLine);
  }

  /** The last n lines, formatted for a person. */
  tail(n: number): string[] {
    return this.lines.slice(-n).map((raw) => formatLine(parseLine(raw)));
  }
}

function parseLine(raw: string): LogLine {
  try {
    const data = JSON.parse(raw) as { level?: unknown; msg?: unknown; module?: unknown };
    const line: LogLine = { level: Number(data.level ?? 30), msg: String(data.msg ?? ''), raw };
    if (typeof data.module === 'string') line.module = data.module;
    return line;
  } catch {
    return { level: 30, msg: raw, raw };
  }
}

/** `08:02:11.000 INFO  runtime punch recorded {"pin":"1001",…}`: the time, level, module and the rest. */
export function formatLine(line: LogLine): string {
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(line.raw) as Record<string, unknown>;
  } catch {
    return line.raw;
  }
  const { level: _l, msg: _m, module: _mod, time, ...rest } = fields;
  const clock = typeof time === 'string' ? time.slice(11, 23) : '';
  const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  const level = (LEVEL_NAMES[line.level] ?? String(line.level)).padEnd(5);
  return `${clock} ${level} ${line.module ?? '-'} ${line.msg}${extra}`.trim();
}
