// Defaults every command shares (the log levels, the data directory), apart from config.ts so that a
// command that needs only these (`timeclock cloud`) does not load run's configuration and its serial
// bridges.
import os from 'node:os';
import path from 'node:path';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'timeclock-sim');
}
