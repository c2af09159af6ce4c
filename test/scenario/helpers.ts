// Small helpers for the scenario tests: a temp directory for scenario files and reports, and an io
// pair that collects what a command prints.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parseScenarioText } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/index.js';

export function tempDir(): { path: string; write(name: string, text: string): string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeclock-scenario-'));
  return {
    path: dir,
    write(name, text) {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return file;
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export interface CapturedIo {
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
  out(): string;
  err(): string;
}

export function captureIo(): CapturedIo {
  const chunks = { out: [] as string[], err: [] as string[] };
  const sink = (into: string[]) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        into.push(chunk.toString('utf8'));
        done();
      },
    });
  return {
    stdout: sink(chunks.out),
    stderr: sink(chunks.err),
    out: () => chunks.out.join(''),
    err: () => chunks.err.join(''),
  };
}

/** The one scenario of a YAML text. */
export function scenarioOf(text: string, file = 'test.yaml'): Scenario {
  const [scenario] = parseScenarioText(text, file);
  if (!scenario) throw new Error('no scenario in the text');
  return scenario;
}

/** The error message loading this text gives, or undefined when it loads. */
export function loadError(text: string, file = 'bad.yaml'): string | undefined {
  try {
    parseScenarioText(text, file);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
