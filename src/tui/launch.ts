// The terminal UI in a real process: on the process's own terminal, with the crash guard installed
// and stray stderr text kept off the screen, until the person quits or a signal asks it to stop.
import type { Clock } from '../runtime/index.js';
import { openTui } from './app.js';
import type { CloudControl } from './cloud-control.js';
import type { LogSink } from './log-sink.js';
import type { PortalInfo } from './panel.js';
import { captureStderr, chooseTerminal, guardTerminal } from './terminal.js';

export interface LaunchOptions {
  clock: Clock;
  cloud: CloudControl;
  logs: LogSink;
  place: string;
  portal?: PortalInfo | undefined;
  /** Called after the terminal is back, before the process leaves on a crash (close the store). */
  shutdown: () => void;
}

/** Resolves with the exit status once the UI is gone: 0 for a quit, 128+n for a signal. */
export async function launchTui(options: LaunchOptions): Promise<number> {
  // Captured first: blessed reports a terminfo capability it cannot compile with console.error.
  const releaseStderr = captureStderr((text) => options.logs.note('stderr', text));
  const choice = chooseTerminal();
  const tui = openTui({ ...options, input: process.stdin, output: process.stdout, choice });
  let status = 0;
  const restore = () => {
    releaseStderr();
    tui.destroy();
  };
  const unguard = guardTerminal({
    restore,
    quit: (signal) => {
      status = signal === 'SIGINT' ? 130 : signal === 'SIGHUP' ? 129 : 143;
      tui.destroy();
    },
    crashed: (error) => {
      process.stderr.write(
        `timeclock: crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      try {
        options.shutdown();
      } finally {
        process.exit(1);
      }
    },
  });
  // The stdin stream keeps the event loop alive while the UI is up.
  await tui.quit;
  unguard();
  restore();
  return status;
}
