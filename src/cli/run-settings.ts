// The settings of `timeclock run`, one table: each with its flag, its variable, whether a config file may
// hold it, and the check every source of a value goes through (config.ts says which source wins).
import { checkLogFormat } from './log-format.js';
import { LOG_LEVELS } from './defaults.js';

export type RunTime = 'real' | { virtual: string };

export type SettingName =
  | 'model'
  | 'serial'
  | 'data'
  | 'memory'
  | 'cloud'
  | 'cloudCa'
  | 'cloudKey'
  | 'time'
  | 'storeSync'
  | 'demo'
  | 'logLevel'
  | 'logFormat'
  | 'headless'
  | 'record'
  | 'lan'
  | 'cloudPort';

/** One setting: its flag, variable and config-file field, and the check every source goes through. */
export interface Setting {
  flag: string;
  env: string;
  kind: 'string' | 'boolean';
  /** What help calls the value. */
  value?: string;
  describe: string;
  /** False for settings a config file may not hold. */
  inFile: boolean;
  /** A problem with the value, said as "must …", or undefined when it is fine. */
  check?: (value: string) => string | undefined;
}

export const SETTINGS: Record<SettingName, Setting> = {
  model: {
    flag: 'model',
    env: 'TIMECLOCK_MODEL',
    kind: 'string',
    value: 'name',
    inFile: true,
    describe: 'clock model from devices/ (default biometric)',
  },
  serial: {
    flag: 'serial',
    env: 'TIMECLOCK_SERIAL',
    kind: 'string',
    value: 'sn',
    inFile: true,
    describe: 'serial number (default: the model format from 1)',
  },
  data: {
    flag: 'data',
    env: 'TIMECLOCK_DATA',
    kind: 'string',
    value: 'dir',
    inFile: true,
    describe: 'data directory (default $XDG_DATA_HOME/timeclock-sim)',
  },
  memory: {
    flag: 'memory',
    env: 'TIMECLOCK_MEMORY',
    kind: 'boolean',
    inFile: true,
    describe: 'keep everything in memory: nothing survives the process',
  },
  cloud: {
    flag: 'cloud',
    env: 'TIMECLOCK_CLOUD',
    kind: 'string',
    value: 'target',
    inFile: true,
    describe: 'embedded (default), none, or the URL of a PUSH server',
    check: (v) =>
      v === 'embedded' || v === 'none' || isHttpUrl(v) ? undefined : 'must be embedded, none or an http(s) URL',
  },
  cloudCa: {
    flag: 'cloud-ca',
    env: 'TIMECLOCK_CLOUD_CA',
    kind: 'string',
    value: 'file',
    inFile: true,
    describe: 'trust this CA (PEM) for an https:// cloud with a self-signed certificate',
  },
  cloudKey: {
    flag: 'cloud-key',
    env: 'TIMECLOCK_CLOUD_KEY',
    kind: 'string',
    value: 'key',
    inFile: true,
    describe:
      'the device key the cloud issued this clock (POST /api/clocks with deliverKey false); else the one its handshake gave',
    check: (v) => (/^\S{8,200}$/.test(v) ? undefined : 'must be 8–200 characters without spaces'),
  },
  storeSync: {
    flag: 'store-sync',
    env: 'TIMECLOCK_STORE_SYNC',
    kind: 'string',
    value: 'mode',
    inFile: true,
    describe: 'full (default: each punch on disk before the thanks) or normal (faster; a power cut may lose the last)',
    check: (v) => (v === 'full' || v === 'normal' ? undefined : 'must be full or normal'),
  },
  time: {
    flag: 'time',
    env: 'TIMECLOCK_TIME',
    kind: 'string',
    value: 'mode',
    inFile: true,
    describe: 'real (default), or virtual[:2026-11-25T07:58:00]: time from then (default now), moved only by advance',
    check: (v) =>
      parseRunTime(v) ? undefined : 'must be real, virtual or virtual:YYYY-MM-DDTHH:MM[:SS] (a local date and time)',
  },
  demo: {
    flag: 'no-demo',
    env: 'TIMECLOCK_NO_DEMO',
    kind: 'boolean',
    inFile: true,
    describe: 'do not seed the demo company into an empty clock (config file: "demo": false)',
  },
  logLevel: {
    flag: 'log-level',
    env: 'TIMECLOCK_LOG_LEVEL',
    kind: 'string',
    value: 'level',
    inFile: true,
    describe: `${LOG_LEVELS.join(' ')} (default info)`,
    check: (v) => (LOG_LEVELS.includes(v) ? undefined : `must be one of ${LOG_LEVELS.join(', ')}`),
  },
  logFormat: {
    flag: 'log-format',
    env: 'TIMECLOCK_LOG_FORMAT',
    kind: 'string',
    value: 'form',
    inFile: true,
    describe: 'log lines on stderr: human or json (default human on a terminal, json in a pipe or file)',
    check: checkLogFormat,
  },
  headless: {
    flag: 'headless',
    env: 'TIMECLOCK_HEADLESS',
    kind: 'boolean',
    inFile: false,
    describe: 'no terminal UI: print each screen, read commands on stdin',
  },
  lan: {
    flag: 'lan',
    env: 'TIMECLOCK_LAN',
    kind: 'string',
    value: 'where',
    inFile: true,
    describe: 'LAN SDK protocol: PORT, HOST:PORT or off (default 127.0.0.1:4370, a free port when taken)',
    check: (v) => (parseLanSpec(v) === undefined ? 'must be off, a port, or HOST:PORT' : undefined),
  },
  cloudPort: {
    flag: 'cloud-port',
    env: 'TIMECLOCK_CLOUD_PORT',
    kind: 'string',
    value: 'port',
    inFile: true,
    describe: 'port of the embedded cloud and its portal (default 8081, a free port when taken; 0: any)',
    check: (v) => (/^\d{1,5}$/.test(v) && Number(v) <= 65_535 ? undefined : 'must be a port number from 0 to 65535'),
  },
  record: {
    flag: 'record',
    env: 'TIMECLOCK_RECORD',
    kind: 'string',
    value: 'file',
    inFile: false,
    describe: 'write every input with its time to this journal (.jsonl) for `timeclock replay`',
  },
};

/**
 * `real`, `virtual` (from the host's local time now) or `virtual:2026-11-25T07:58:00`; undefined when the
 * text is none of these. The start is a naive local time, as the clock's RTC keeps it.
 */
export function parseRunTime(text: string, now: Date = new Date()): RunTime | undefined {
  if (text === 'real') return 'real';
  if (text === 'virtual') return { virtual: localTimeText(now) };
  const start = /^virtual:(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?)$/.exec(text)?.[1];
  if (start === undefined || Number.isNaN(Date.parse(`${start.replace(' ', 'T')}Z`))) return undefined;
  return { virtual: start.replace(' ', 'T') };
}

function localTimeText(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `off`, `default`, `PORT` or `HOST:PORT` (port 0 picks a free one); undefined when it is none of these. */
export function parseLanSpec(text: string): { host: string; port: number } | 'off' | 'default' | undefined {
  if (text === 'off' || text === 'default') return text;
  const m = /^(?:(.+):)?(\d{1,5})$/.exec(text);
  if (!m || Number(m[2]) > 65535) return undefined;
  return { host: m[1] ?? '127.0.0.1', port: Number(m[2]) };
}
