// Running `timeclock fleet` in-process with its output collected, and reading the report it wrote.
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fleetCommand } from '../../src/cli/fleet.js';
import type { FleetReport } from '../../src/fleet/index.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const PROFILES = path.join(ROOT, 'scripts/fleet');
export const BIN = path.join(ROOT, 'bin/timeclock.js');

export interface FleetResult {
  code: number;
  out: string;
  err: string;
}

export async function runFleet(argv: string[], options: { tty?: boolean } = {}): Promise<FleetResult> {
  const text = { out: '', err: '' };
  const sink = (into: 'out' | 'err') =>
    Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          text[into] += chunk.toString('utf8');
          done();
        },
      }),
      into === 'err' && options.tty ? { isTTY: true } : {},
    );
  const code = await fleetCommand(argv, { stdout: sink('out'), stderr: sink('err') });
  return { code, ...text };
}

export function readReport(file: string): FleetReport {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FleetReport;
}
