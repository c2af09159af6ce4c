// Option checkers for bridge specs: each returns the value or a problem said as "must …", so that
// parseBridgeSpec can name the option and the text that was wrong.
import type { OptionSpec } from './types.js';

export function intOption(describe: string, fallback: number, min: number, max: number, radix = 10): OptionSpec {
  return {
    describe,
    default: fallback,
    parse(text) {
      const ok = radix === 16 ? /^(0x)?[0-9a-fA-F]+$/.test(text) : /^\d+$/.test(text);
      const value = ok ? parseInt(text.replace(/^0x/, ''), radix) : NaN;
      if (!Number.isSafeInteger(value) || value < min || value > max) {
        const shown = radix === 16 ? `0x${min.toString(16)}-0x${max.toString(16)} (hex)` : `${min}-${max}`;
        return { problem: `must be a whole number ${shown}` };
      }
      return value;
    },
  };
}

export function choiceOption(describe: string, fallback: string, choices: readonly string[]): OptionSpec {
  return {
    describe,
    default: fallback,
    parse: (text) => (choices.includes(text) ? text : { problem: `must be one of ${choices.join(', ')}` }),
  };
}

export function boolOption(describe: string, fallback: boolean): OptionSpec {
  return {
    describe,
    default: fallback,
    parse(text) {
      if (['1', 'true', 'on', 'yes'].includes(text)) return true;
      if (['0', 'false', 'off', 'no'].includes(text)) return false;
      return { problem: 'must be on or off' };
    },
  };
}

export function textOption(describe: string, fallback = ''): OptionSpec {
  return { describe, default: fallback, parse: (text) => text };
}

/** Options every kind takes: the line speed and the first retry delay after a failure. */
export function commonOptions(defaultBaud: number): Record<string, OptionSpec> {
  return {
    baud: intOption(`line speed (default ${defaultBaud})`, defaultBaud, 50, 4_000_000),
    retry: intOption(
      'first retry delay in ms after the port fails; doubles up to 30 s (default 500)',
      500,
      10,
      600_000,
    ),
  };
}

/** What both ends of a ZFM link are set up with, the module's side and the host's: its address and password. */
export function zfmModuleOptions(): Record<string, OptionSpec> {
  return {
    address: intOption('module address, hex (default FFFFFFFF)', 0xffffffff, 0, 0xffffffff, 16),
    password: intOption('module password, hex (default 0)', 0, 0, 0xffffffff, 16),
  };
}

/** A typed read of a checked option, for drivers. */
export function opt(options: Record<string, string | number | boolean>, name: string): number {
  return Number(options[name]);
}

export function optText(options: Record<string, string | number | boolean>, name: string): string {
  return String(options[name] ?? '');
}
