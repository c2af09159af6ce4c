// `timeclock run` without its terminal UI: headless, the screens go to stdout and one-line commands come in
// on stdin (scripts, a pipe, --headless); with a bridge on stdio, the run lasts as long as the rig's stdin.
import readline from 'node:readline';
import type { Clock } from '../runtime/index.js';
import { CONSOLE_HELP, runConsoleCommand } from './console-commands.js';
import type { RunIo } from './run.js';

/** A rig speaks the control protocol on stdio: the run lasts until it closes stdin or a signal comes. */
export function untilStdinEnds(io: RunIo): Promise<number> {
  return new Promise<number>((resolve) => {
    const keepAlive = setInterval(() => {}, 1 << 30);
    const stop = () => {
      clearInterval(keepAlive);
      io.stdin.off('end', stop);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(0);
    };
    // The bridge reads stdin from its start: a rig may have said all and closed it before we got here
    // (the LAN room is still loading then), and an ended stream emits 'end' only once.
    if ((io.stdin as { readableEnded?: boolean }).readableEnded === true) return stop();
    io.stdin.once('end', stop);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** The runner for scripts: frames out on stdout, commands in on stdin, `quit` or EOF to stop; the caller closes. */
export function runHeadless(clock: Clock, io: RunIo, cloudSwitch: (up: boolean) => void): Promise<number> {
  io.stdout.write(`Type commands (help for the list):\n\n${clock.screenText()}\n\n`);
  const unsubscribe = clock.on('frame.changed', ({ text }) => io.stdout.write(`${text}\n\n`));

  return new Promise<number>((resolve) => {
    const keepAlive = setInterval(() => {}, 1 << 30);
    const lines = readline.createInterface({ input: io.stdin });
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearInterval(keepAlive);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.stdout.off('error', onOutputError);
      unsubscribe();
      lines.close();
      resolve(0);
    };
    // A reader that goes away (`| head`) ends the run; it is not a crash. Other output errors are
    // reported and end it too, rather than escaping from an event handler.
    const onOutputError = (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') io.stderr.write(`timeclock: output: ${error.message}\n`);
      stop();
    };
    lines.on('line', (line) => {
      if (line.trim() === 'quit') return stop();
      if (line.trim() === 'help') return void io.stdout.write(`${CONSOLE_HELP}\n`);
      const problem = runConsoleCommand(clock, line, cloudSwitch);
      if (problem) io.stderr.write(`${problem}\n`);
    });
    lines.on('close', stop);
    io.stdout.on('error', onOutputError);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
