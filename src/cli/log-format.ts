// Where a command's log lines go on stderr, and in what form: one human line per entry for a person at a
// terminal (pino-pretty: time, level, message, the rest on the same line), JSON lines for a pipe or a file,
// which is what log shippers and tests read. `--log-format human|json` says it outright.
import { createRequire } from 'node:module';
import type { DestinationStream } from 'pino';
import pino from 'pino';
import type pretty from 'pino-pretty';

export const LOG_FORMATS = ['human', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** The form the lines take: the one asked for, else human on a terminal and JSON elsewhere. */
export function logFormatFor(asked: LogFormat | undefined, stderr: object): LogFormat {
  return asked ?? ((stderr as { isTTY?: boolean }).isTTY === true ? 'human' : 'json');
}

/** pino-pretty, loaded for a human's lines only: a pipe (every test, a server's log) has no use for it. */
const prettyLib = (): typeof pretty => createRequire(import.meta.url)('pino-pretty') as typeof pretty;

/** A destination for the logger that writes to `stderr` in `format`. */
export function stderrLog(format: LogFormat, stderr: NodeJS.WritableStream): DestinationStream {
  if (format === 'json') return stderr === process.stderr ? pino.destination({ dest: 2, sync: true }) : stderr;
  return prettyLib()({
    destination: stderr,
    sync: true,
    colorize: false,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
  });
}

/** A `--log-format` value, or a message that names the flag. */
export function checkLogFormat(value: string): string | undefined {
  return (LOG_FORMATS as readonly string[]).includes(value) ? undefined : `must be ${LOG_FORMATS.join(' or ')}`;
}
