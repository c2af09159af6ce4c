// `timeclock cloud`: started and stopped in-process, its usage errors.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cloudCommand } from '../../src/cli/cloud.js';
import { makeTempDir } from '../fixtures/temp-dir.js';

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
    const args = ['--port', '0', '--memory', '--auto-register', '--token', 'cli-test-token', '--log-level', 'silent'];
    const exit = cloudCommand(args, {
      stdout: stdout.stream,
      stderr: stderr.stream,
      signal: stop.signal,
    });
    let url: string | undefined;
    // Polled for its banner line: the bound is the test's guard against a stuck start, not a speed check.
    for (let i = 0; i < 1500 && url === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      url = /at (http:\/\/\S+)/.exec(stdout.text())?.[1];
    }
    expect(await (await fetch(`${url}/iclock/ping?SN=TC1A000001`)).text()).toBe('OK');
    expect((await fetch(`${url}/api/clocks`)).status).toBe(401);
    const authorized = { headers: { authorization: 'Bearer cli-test-token' } };
    const clocks = (await (await fetch(`${url}/api/clocks`, authorized)).json()) as { sn: string }[];
    expect(clocks[0]?.sn).toBe('TC1A000001');
    expect(stdout.text()).toMatch(/portal: first SysAdmin "admin", password [A-Za-z0-9]{16}\n.*memory only/);
    stop.abort();
    expect(await exit).toBe(0);
  });

  it('exits 2 with a message for bad usage', async () => {
    const stderr = collect();
    const code = await cloudCommand(['--port', 'http'], { stdout: new PassThrough(), stderr: stderr.stream });
    expect(code).toBe(2);
    expect(stderr.text()).toBe('timeclock cloud: --port must be a whole number from 0 to 65535\n');
  });

  it('manages the portal’s accounts in its database file', async () => {
    const temp = makeTempDir('timeclock-accounts-');
    const data = temp.file('cloud.db');
    const run = async (...argv: string[]) => {
      const stdout = collect();
      const stderr = collect();
      const code = await cloudCommand(['--data', data, 'accounts', ...argv], {
        stdout: stdout.stream,
        stderr: stderr.stream,
      });
      return { code, out: stdout.text(), err: stderr.text() };
    };
    const added = await run('add', 'ops', '--role', 'sysadmin');
    expect(added).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^added ops \(sysadmin\), password [A-Za-z0-9]{16}\n$/),
    });
    expect(await run('add', 'viewer', '--password', 'viewer-secret-1')).toMatchObject({ code: 0 });
    expect((await run('list')).out).toMatch(/^ops\tsysadmin\t.*\nviewer\treadonly\t/);
    expect(await run('add', 'ops')).toMatchObject({ code: 2, err: expect.stringMatching(/account ops exists/) });
    expect(await run('remove', 'ops')).toMatchObject({ code: 2, err: expect.stringMatching(/last SysAdmin/) });
    const reset = await run('reset-password', 'viewer');
    expect(reset.out).toMatch(/^new password for viewer: [A-Za-z0-9]{16}\n.*sessions are ended/);
    expect(await run('remove', 'viewer')).toMatchObject({ code: 0, out: 'removed viewer\n' });
    expect(await run('add', 'x', '--role', 'root')).toMatchObject({ code: 2 });
    temp.remove();
  });
});
