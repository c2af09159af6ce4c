// The terminal UI room: the blessed wall clock and its simulator panel, what the CLI launches, and the
// pieces its host plugs in (a log sink for pino, the cloud control's shape).
export { openTui, type Tui, type TuiOptions } from './app.js';
export type { CloudControl, CloudStatus } from './cloud-control.js';
export { launchTui, type LaunchOptions } from './launch.js';
export { portalText, type PortalInfo } from './panel.js';
export { createLogSink, shortLogLine, type LogSink, type LogSinkOptions } from './log-sink.js';
export { chooseTerminal, guardTerminal, isDumbTerminal, type TerminalChoice } from './terminal.js';
export { createTheme, type Theme } from './theme.js';
