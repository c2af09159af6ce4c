// `timeclock cloud`: started and stopped in-process, its usage errors.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cloudCommand } from '../../src/cli/cloud.js';

function collect() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
}

describe('timeclock cloud', () => {
  it('serves PUSH and the API until stopped, then exits 0', async () => {
    const stdout = collect();
    const stderr = collect();
    const stop = new AbortController();
    const exit = cloudCommand(['--port', '0', '--memory', '--auto-register', '--log-level', 'silent'], {
      stdout: stdout.stream,
      stderr: stderr.stream,
      signal: stop.signal,
    });
    let url: string | undefined;
    for (let i = 0; i < 100 && url === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      url = /at (http:\/\/\S+)/.exec(stdout.text())?.[1];
    }
    expect(await (await fetch(`${url}/iclock/ping?SN=TC1A000001`)).text()).toBe('OK');
    const clocks = (await (await fetch(`${url}/api/clocks`)).json()) as { sn: string }[];
    expect(clocks[0]?.sn).toBe('TC1A000001');
    stop.abort();
    expect(await exit).toBe(0);
  });

  it('exits 2 with a message for bad usage', async () => {
    const stderr = collect();
    const code = await cloudCommand(['--port', 'http'], { stdout: new PassThrough(), stderr: stderr.stream });
    expect(code).toBe(2);
    expect(stderr.text()).toBe('timeclock cloud: --port must be a whole number from 0 to 65535\n');
  });

  it('refuses to listen off loopback without a token', async () => {
    const stderr = collect();
    const code = await cloudCommand(['--port', '0', '--memory', '--host', '0.0.0.0', '--log-level', 'silent'], {
      stdout: new PassThrough(),
      stderr: stderr.stream,
    });
    expect(code).toBe(2);
    expect(stderr.text()).toMatch(/needs a token/);
  });
});
