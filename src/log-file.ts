// The log file as pino's destination, made so that the log never blocks or stops the clock: lines are
// appended in the background, a bounded backlog is kept, and a disk that is full, read-only or failing
// makes it drop lines and count them, try again a while later (never in a loop), and say in the file how
// many were lost once it can write again.
import fs from 'node:fs';
import type { DestinationStream } from 'pino';

export interface LogFileOptions {
  /** How long after a failed write the next line tries again (default 5 s); until then lines are dropped. */
  retryMs?: number;
  /** Bytes waiting for the disk above which new lines are dropped (default 1 MiB). */
  backlogBytes?: number;
  /** Told once at the start of each streak of failures, with what failed and why. */
  onProblem?: (message: string) => void;
  /** The time, for the retry delay (tests pass their own). */
  now?: () => number;
  /**
   * Append each line before write() returns (the terminal UI's log, read back at once); a failure is
   * dropped and counted all the same. Default: in the background.
   */
  sync?: boolean;
}

export class LogFile implements DestinationStream {
  /** Lines dropped since the file last took one: told in the file when it works again. */
  dropped = 0;
  /** Lines dropped since it was opened. */
  droppedTotal = 0;
  private fd: number | undefined;
  private queue: string[] = [];
  private queuedBytes = 0;
  private writing = false;
  private failure: { code: string; retryAt: number } | undefined;
  /** Failed since the last write that worked: the problem is told once a streak. */
  private failing = false;
  private closed = false;
  private readonly retryMs: number;
  private readonly backlogBytes: number;
  private readonly now: () => number;
  private readonly flushAtExit = () => this.flushSync();

  constructor(
    readonly file: string,
    private readonly options: LogFileOptions = {},
  ) {
    this.retryMs = options.retryMs ?? 5000;
    this.backlogBytes = options.backlogBytes ?? 1024 * 1024;
    this.now = options.now ?? Date.now;
    this.open();
    // A line about a crash must reach the file before the process is gone.
    process.on('exit', this.flushAtExit);
  }

  write(line: string): void {
    if (this.closed) return;
    if (this.failure !== undefined) {
      if (this.now() < this.failure.retryAt) return this.drop(1);
      if (this.fd === undefined && !this.open()) return this.drop(1);
      this.failure = undefined;
    }
    if (this.queuedBytes + line.length > this.backlogBytes) return this.drop(1);
    this.queue.push(line);
    this.queuedBytes += line.length;
    this.pump();
  }

  /** Writes what is queued now, synchronously (at exit); errors drop it. */
  flushSync(): void {
    if (this.fd === undefined) return;
    try {
      if (this.queue.length > 0) fs.writeSync(this.fd, this.queue.join(''));
    } catch {
      this.droppedTotal += this.queue.length;
    }
    this.queue = [];
    this.queuedBytes = 0;
  }

  close(): void {
    if (this.closed) return;
    this.flushSync();
    this.closed = true;
    process.off('exit', this.flushAtExit);
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): boolean {
    try {
      this.fd = fs.openSync(this.file, 'a');
      return true;
    } catch (error) {
      this.fail(error);
      return false;
    }
  }

  /** One write at a time, of everything queued; the event loop is never held by the disk. */
  private pump(): void {
    if (this.writing || this.fd === undefined || this.queue.length === 0) return;
    if (this.options.sync) return this.pumpSync();
    // The lines lost before go first, counted; the count is cleared only once it is in the file.
    const reported = this.dropped;
    const text = (reported > 0 ? droppedLine(reported) : '') + this.queue.join('');
    const lines = this.queue.length;
    this.queue = [];
    this.queuedBytes = 0;
    this.writing = true;
    fs.write(this.fd, Buffer.from(text), (error) => {
      this.writing = false;
      if (error) {
        this.drop(lines + this.queue.length);
        this.queue = [];
        this.queuedBytes = 0;
        this.fail(error);
        return;
      }
      this.dropped -= reported;
      this.failing = false;
      this.pump();
    });
  }

  private pumpSync(): void {
    const reported = this.dropped;
    const text = (reported > 0 ? droppedLine(reported) : '') + this.queue.join('');
    const lines = this.queue.length;
    this.queue = [];
    this.queuedBytes = 0;
    try {
      fs.writeSync(this.fd!, text);
      this.dropped -= reported;
      this.failing = false;
    } catch (error) {
      this.drop(lines);
      this.fail(error);
    }
  }

  private drop(lines: number): void {
    this.dropped += lines;
    this.droppedTotal += lines;
  }

  private fail(error: unknown): void {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (!this.failing) {
      this.failing = true;
      const detail = error instanceof Error ? error.message : String(error);
      this.options.onProblem?.(
        `log file ${this.file}: ${detail}; log lines are dropped and counted, retrying every ${this.retryMs / 1000} s`,
      );
    }
    this.failure = { code, retryAt: this.now() + this.retryMs };
  }
}

function droppedLine(count: number): string {
  return `${JSON.stringify({ level: 40, time: new Date().toISOString(), module: 'log', dropped: count, msg: 'log lines dropped: the log file could not be written' })}\n`;
}
