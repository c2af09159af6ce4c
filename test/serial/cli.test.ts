// `timeclock ports` and the --bridge flags: listing that degrades where the system cannot list, and
// specs checked before the clock starts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bridgeSpecsFromConfig, takeBridgeFlags, usesStdio } from '../../src/cli/bridge-flags.js';
import { portsCommand } from '../../src/cli/ports.js';
import { UsageError } from '../../src/cli/args.js';

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
  it('takes every --bridge out of argv, in both spellings, and leaves the rest', () => {
    const { specs, rest } = takeBridgeFlags(
      ['--memory', '--bridge', 'rdm6300:/dev/a', '--bridge=control:tcp:7000', '--model', 'biometric'],
      {},
    );
    expect(specs.map((s) => s.text)).toEqual(['rdm6300:/dev/a', 'control:tcp:7000']);
    expect(rest).toEqual(['--memory', '--model', 'biometric']);
  });

  it('falls back to TIMECLOCK_BRIDGES, separated by semicolons', () => {
    const { specs } = takeBridgeFlags([], { TIMECLOCK_BRIDGES: 'rdm6300:/dev/a; control:stdio' });
    expect(specs.map((s) => s.kind)).toEqual(['rdm6300', 'control']);
    expect(usesStdio(specs)).toBe(true);
  });

  it('reports a bad spec as a usage error naming where it came from', () => {
    expect(() => takeBridgeFlags(['--bridge', 'nfc:/dev/a'], {})).toThrow(UsageError);
    expect(() => takeBridgeFlags(['--bridge', 'nfc:/dev/a'], {})).toThrow(/^--bridge: bridge "nfc:\/dev\/a": kind/);
    expect(() => takeBridgeFlags(['--bridge'], {})).toThrow('option --bridge needs a value');
  });

  it('checks the config file list and names the entry', () => {
    expect(bridgeSpecsFromConfig(['rdm6300:/dev/a'], 'timeclock.config.json')).toHaveLength(1);
    expect(() => bridgeSpecsFromConfig(['rdm6300:/dev/a', 'x'], 'timeclock.config.json')).toThrow(
      /timeclock.config.json: field "bridges\[1\]": bridge "x": kind/,
    );
    expect(() => bridgeSpecsFromConfig('rdm6300:/dev/a', 'c.json')).toThrow('field "bridges" must be a list');
  });
});
