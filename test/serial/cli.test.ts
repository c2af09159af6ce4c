// `timeclock ports` and the --bridge flags: listing that degrades where the system cannot list, and
// specs checked before the clock starts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bridgeSpecsFromConfig, bridgeSpecsFromFlags, usesStdio } from '../../src/cli/bridge-flags.js';
import { portsCommand } from '../../src/cli/ports.js';
import { UsageError } from '../../src/cli/program.js';
import { runCommand } from '../../src/cli/run.js';
import { captureRunIo } from '../cli/capture.js';

function io(list: () => Promise<never[] | { path: string; manufacturer?: string }[]>, devDir?: string) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { write: (t: string) => (out.stderr += t) },
      list,
      ...(devDir ? { devDir } : {}),
    },
  };
}

describe('timeclock ports', () => {
  it('lists the ports the system reports', async () => {
    const { out, io: streams } = io(async () => [{ path: '/dev/ttyUSB0', manufacturer: 'FTDI' }]);
    expect(await portsCommand([], streams)).toBe(0);
    expect(out.stdout).toMatch(/PATH\s+MANUFACTURER[\s\S]*\/dev\/ttyUSB0\s+FTDI/);
  });

  it('says why it cannot list, shows the serial devices it sees, and how to pass a path', async () => {
    const dev = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-dev-'));
    for (const name of ['ttyUSB0', 'ttyACM1', 'null', 'tty0']) fs.writeFileSync(path.join(dev, name), '');
    const { out, io: streams } = io(() => Promise.reject(new Error('spawn udevadm ENOENT')), dev);
    expect(await portsCommand([], streams)).toBe(0);
    expect(out.stderr).toContain('cannot list serial ports here (spawn udevadm ENOENT)');
    expect(out.stdout).toContain(`${path.join(dev, 'ttyACM1')}\n  ${path.join(dev, 'ttyUSB0')}`);
    expect(out.stdout).not.toContain('null');
    expect(out.stdout).toContain('--bridge rdm6300:/dev/ttyUSB0');
    fs.rmSync(dev, { recursive: true, force: true });
  });

  it('degrades gracefully on this very system, whatever it has', async () => {
    const out = { stdout: '', stderr: '' };
    const code = await portsCommand([], {
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { write: (t: string) => (out.stderr += t) },
    });
    expect(code).toBe(0);
    expect(out.stdout.length).toBeGreaterThan(0);
  });

  it('prints JSON with --json', async () => {
    const { out, io: streams } = io(async () => [{ path: '/dev/ttyS9' }]);
    await portsCommand(['--json'], streams);
    expect(JSON.parse(out.stdout)).toEqual([{ path: '/dev/ttyS9' }]);
  });
});

describe('--bridge flags', () => {
  it('checks every --bridge given, in order', () => {
    const specs = bridgeSpecsFromFlags(['rdm6300:/dev/a', 'control:tcp:7000'], {});
    expect(specs.map((s) => s.text)).toEqual(['rdm6300:/dev/a', 'control:tcp:7000']);
  });

  it('falls back to TIMECLOCK_BRIDGES, separated by semicolons', () => {
    const specs = bridgeSpecsFromFlags([], { TIMECLOCK_BRIDGES: 'rdm6300:/dev/a; control:stdio' });
    expect(specs.map((s) => s.kind)).toEqual(['rdm6300', 'control']);
    expect(usesStdio(specs)).toBe(true);
  });

  it('reports a bad spec as a usage error naming where it came from', () => {
    expect(() => bridgeSpecsFromFlags(['nfc:/dev/a'], {})).toThrow(UsageError);
    expect(() => bridgeSpecsFromFlags(['nfc:/dev/a'], {})).toThrow(/^--bridge: bridge "nfc:\/dev\/a": kind/);
    expect(() => bridgeSpecsFromFlags([], { TIMECLOCK_BRIDGES: 'nfc:/dev/a' })).toThrow(/^TIMECLOCK_BRIDGES: /);
  });

  it('refuses a bad or a missing --bridge value before the clock starts, with exit code 2', async () => {
    for (const argv of [
      ['--bridge', 'nfc:/dev/a'],
      ['--bridge=rdm6300:/dev/a', '--bridge'],
    ]) {
      const run = captureRunIo();
      const code = await runCommand(argv, run.io);
      expect(code, argv.join(' ')).toBe(2);
      expect(run.out()).toBe('');
      expect(run.err()).toMatch(/^timeclock run: .*--bridge/);
    }
  });

  it('checks the config file list and names the entry', () => {
    expect(bridgeSpecsFromConfig(['rdm6300:/dev/a'], 'timeclock.config.json')).toHaveLength(1);
    expect(() => bridgeSpecsFromConfig(['rdm6300:/dev/a', 'x'], 'timeclock.config.json')).toThrow(
      /timeclock.config.json: field "bridges\[1\]": bridge "x": kind/,
    );
    expect(() => bridgeSpecsFromConfig('rdm6300:/dev/a', 'c.json')).toThrow('field "bridges" must be a list');
  });
});
