// `timeclock run`'s configuration: flags beat environment variables beat the config file, every bad
// value is named with its source, and the headless mode scripts use still works as before.
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_FILE_NAME, addRunOptions, resolveRunConfig, runFlagsOf, type RunConfig } from '../../src/cli/config.js';
import { runCommand } from '../../src/cli/run.js';
import { makeTempDir, type TempDir } from '../store/temp-dir.js';

let dir: TempDir;
afterEach(() => dir?.remove());

/** The configuration of `timeclock run …argv`, parsed with run's own options. */
function resolved(argv: string[], env: NodeJS.ProcessEnv = {}): RunConfig {
  const command = addRunOptions(new Command('run')).exitOverride();
  command.parse(argv, { from: 'user' });
  return resolveRunConfig(runFlagsOf(command), { XDG_DATA_HOME: dir.path, ...env }, dir.path);
}

function writeConfig(where: string, data: unknown): string {
  fs.mkdirSync(where, { recursive: true });
  const file = path.join(where, CONFIG_FILE_NAME);
  fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

describe('resolveRunConfig', () => {
  it('defaults to the biometric model, embedded cloud and a data directory under XDG_DATA_HOME', () => {
    dir = makeTempDir();

    expect(resolved([])).toMatchObject({
      model: 'biometric',
      serial: undefined,
      dataDir: path.join(dir.path, 'timeclock-sim'),
      memory: false,
      cloud: 'embedded',
      demo: true,
      headless: false,
    });
  });

  it('lets a flag beat a variable, and a variable beat the data directory config file', () => {
    dir = makeTempDir();
    writeConfig(path.join(dir.path, 'timeclock-sim'), { model: 'proximity', serial: 'TC3P000009', cloud: 'none' });

    const config = resolved(['--cloud', 'http://127.0.0.1:8081'], {
      TIMECLOCK_SERIAL: 'TC3P000007',
      TIMECLOCK_CLOUD: 'none',
    });

    expect(config.cloud).toBe('http://127.0.0.1:8081');
    expect(config.serial).toBe('TC3P000007');
    expect(config.model).toBe('proximity');
    expect(config.origins.model).toMatch(/timeclock\.config\.json: field "model"$/);
  });

  it('reads the file --config names, with a data directory relative to that file', () => {
    dir = makeTempDir();
    const file = writeConfig(path.join(dir.path, 'etc'), { data: '../clocks/front-door', demo: false });

    const config = resolved(['--config', file]);

    expect(config.dataDir).toBe(path.join(dir.path, 'clocks', 'front-door'));
    expect(config.demo).toBe(false);
    expect(config.configFile).toBe(file);
  });

  it('takes --memory and --headless as switches, and TIMECLOCK_NO_DEMO as a variable', () => {
    dir = makeTempDir();

    expect(resolved(['--memory', '--headless'], { TIMECLOCK_NO_DEMO: '1' })).toMatchObject({
      memory: true,
      headless: true,
      demo: false,
    });
  });

  it('takes --no-demo as the demo setting turned off, above a config file that turns it on', () => {
    dir = makeTempDir();
    writeConfig(path.join(dir.path, 'timeclock-sim'), { demo: true });

    const config = resolved(['--no-demo']);

    expect(config.demo).toBe(false);
    expect(config.origins.demo).toBe('--no-demo');
  });

  it('leaves a setting without a flag to the variable, even though commander has a default for --no-demo', () => {
    dir = makeTempDir();

    expect(resolved([], { TIMECLOCK_NO_DEMO: '0' }).demo).toBe(true);
    expect(resolved([], { TIMECLOCK_NO_DEMO: 'yes' }).demo).toBe(false);
  });

  it('names the unknown field of a config file and lists the valid ones', () => {
    dir = makeTempDir();
    writeConfig(path.join(dir.path, 'timeclock-sim'), { modle: 'biometric' });

    expect(() => resolved([])).toThrow(/timeclock\.config\.json: unknown field "modle"; fields: model, serial/);
  });

  it('names a field of the wrong type', () => {
    dir = makeTempDir();
    writeConfig(path.join(dir.path, 'timeclock-sim'), { memory: 'yes' });

    expect(() => resolved([])).toThrow(/field "memory" must be true or false, got "yes"/);
  });

  it('names a bad cloud value with where it came from', () => {
    dir = makeTempDir();
    writeConfig(path.join(dir.path, 'timeclock-sim'), { cloud: 'ftp://example.com' });

    expect(() => resolved([])).toThrow(
      /field "cloud" must be embedded, none or an http\(s\) URL, got "ftp:\/\/example.com"/,
    );
    expect(() => resolved(['--cloud', 'sometimes'])).toThrow(/^--cloud must be embedded/);
    expect(() => resolved([], { TIMECLOCK_LOG_LEVEL: 'loud' })).toThrow(/^TIMECLOCK_LOG_LEVEL must be one of trace/);
  });

  it('points at the line and column of a JSON syntax error', () => {
    dir = makeTempDir();
    writeConfig(path.join(dir.path, 'timeclock-sim'), '{\n  "model": "biometric",\n}\n');

    expect(() => resolved([])).toThrow(/timeclock\.config\.json:3:1: invalid JSON/);
  });

  it('refuses "data" in the data directory’s own config file', () => {
    dir = makeTempDir();
    writeConfig(path.join(dir.path, 'timeclock-sim'), { data: '/elsewhere' });

    expect(() => resolved([])).toThrow(/field "data" is only allowed in a file given by --config/);
  });

  it('says when the --config file does not exist', () => {
    dir = makeTempDir();

    expect(() => resolved(['--config', 'missing.json'])).toThrow(/missing\.json \(from --config\) does not exist/);
  });
});

/** Runs `timeclock run` with in-memory streams; stdin gets `lines` then ends. */
async function run(argv: string[], lines: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _e, done) {
        append(chunk.toString('utf8'));
        done();
      },
    });
  const stdin = new PassThrough();
  stdin.end(lines.map((l) => `${l}\n`).join(''));
  const env = { XDG_DATA_HOME: dir.path, TIMECLOCK_LOG_LEVEL: 'silent' };
  const status = await runCommand(argv, {
    stdin,
    stdout: sink((s) => (out += s)),
    stderr: sink((s) => (err += s)),
    env,
  });
  return { status, out, err };
}

describe('timeclock run --headless', () => {
  it('prints the frames of a punch typed on stdin, as scripts expect', async () => {
    dir = makeTempDir();

    const { status, out } = await run(['--memory', '--headless'], ['1002', 'ok', 'quit']);

    expect(status).toBe(0);
    expect(out).toContain('data: in memory');
    expect(out).toContain('Thank you, Bruno Silva');
  });

  it('keeps the data directory across restarts and seeds the demo company only once', async () => {
    dir = makeTempDir();
    const data = path.join(dir.path, 'clock-a');

    const first = await run(['--headless', '--data', data], ['1002', 'ok', 'quit']);
    const second = await run(['--headless', '--data', data], ['1002', 'ok', 'quit']);

    expect(first.out).toContain(`data: ${data}`);
    expect(first.out).toContain('Thank you, Bruno Silva');
    // The punch of the first run is in the store: the second is inside the duplicate window.
    expect(second.out).toContain('Already punched');
    expect(fs.existsSync(path.join(data, 'clock.db'))).toBe(true);
  });

  it('runs headless when stdout is not a terminal, even without --headless', async () => {
    dir = makeTempDir();

    const { out } = await run(['--memory'], ['quit']);

    expect(out).toContain('Enter ID, finger or card');
  });

  it('explains a serial number that does not fit the model, naming where it came from', async () => {
    dir = makeTempDir();

    const { status, err } = await run(['--memory', '--serial', 'XX1'], []);

    expect(status).toBe(2);
    expect(err).toMatch(/serialNumber "XX1" does not fit the biometric format TC1A###### \(serial from --serial\)/);
  });

  it('prints the options and the precedence rule for --help', async () => {
    dir = makeTempDir();

    const { status, out } = await run(['--help'], []);

    expect(status).toBe(0);
    expect(out).toMatch(
      /--cloud <target>\s+embedded \(default\), none, or the URL of a PUSH server \(env: TIMECLOCK_CLOUD\)/,
    );
    expect(out).toContain('--headless');
    expect(out).toContain('Flags beat environment variables, which beat the config file.');
  });
});

describe('--store-sync', () => {
  it('is full unless a flag, the variable or the file says normal, and refuses anything else', () => {
    expect(resolveRunConfig({}, {}).storeSync).toBe('full');
    expect(resolveRunConfig({ storeSync: 'normal' }, {}).storeSync).toBe('normal');
    expect(resolveRunConfig({}, { TIMECLOCK_STORE_SYNC: 'normal' }).storeSync).toBe('normal');
    expect(() => resolveRunConfig({ storeSync: 'off' }, {})).toThrow(/--store-sync must be full or normal, got "off"/);
  });
});
