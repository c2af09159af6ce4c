// `timeclock run` in its own process when its default ports are taken: the LAN listener moves to a free
// port as the embedded cloud does, the banner says which (so that a script reading it, like the README's
// node-zklib example, finds the clock), and the log names the port actually used. A port given with
// --cloud-port is used, and when it is taken the run stops saying so. Log lines are human with
// --log-format human, JSON lines otherwise in a pipe.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ClockProcess } from '../fixtures/clock-process.js';

const BIN = fileURLToPath(new URL('../../bin/timeclock.js', import.meta.url));
const requireSdk = createRequire(import.meta.url);
interface ZkInfo {
  userCounts: number;
}
const ZKLib = requireSdk('node-zklib') as new (
  ip: string,
  port: number,
  timeout: number,
  inport: number,
) => { createSocket(): Promise<void>; getInfo(): Promise<ZkInfo>; disconnect(): Promise<void> };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Holds 127.0.0.1:`port` for the test; a port someone else already holds is taken all the same. */
async function holdPort(port: number): Promise<void> {
  const server = net.createServer();
  const held = await new Promise<boolean>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(false) : reject(error),
    );
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (held) cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function start(args: string[]): ClockProcess {
  const clock = ClockProcess.start(['--memory', ...args]);
  cleanups.push(() => clock.stop());
  return clock;
}

describe('timeclock run with its default ports taken', () => {
  it('serves the LAN protocol on a free port, says which, and an SDK reads the clock there', async () => {
    await holdPort(4370);

    const clock = start(['--cloud', 'none']);
    const [, host, port] = await clock.waitFor(/^lan: .* on ([\d.]+):(\d+) \(TCP and UDP; 4370 is taken/m);

    expect(Number(port)).not.toBe(4370);
    const zk = new ZKLib(host!, Number(port), 10_000, 0);
    await zk.createSocket();
    const info = await zk.getInfo();
    await zk.disconnect();
    expect(info.userCounts).toBe(6);
  }, 60_000);

  it('says in its log the embedded cloud’s port actually used, not the one taken', async () => {
    await holdPort(8081);

    const clock = start(['--lan', 'off', '--log-format', 'human']);
    const [, used] = await clock.waitFor(/^cloud: embedded, http:\/\/127\.0\.0\.1:(\d+)$/m);

    expect(Number(used)).not.toBe(8081);
    await clock.waitFor(new RegExp(`INFO: the embedded cloud’s port 8081 is taken: listening on ${used} `));
  }, 60_000);
});

describe('timeclock run --cloud-port', () => {
  it('puts the embedded cloud and its portal on that port', async () => {
    const port = await freePort();

    const clock = start(['--lan', 'off', '--cloud-port', String(port)]);

    await clock.waitFor(new RegExp(`^portal: http://127\\.0\\.0\\.1:${port}/ `, 'm'));
  }, 60_000);

  it('stops with status 2 naming the port when it is taken', async () => {
    const port = await freePort();
    await holdPort(port);

    const clock = start(['--lan', 'off', '--cloud-port', String(port)]);

    await clock.waitFor(new RegExp(`timeclock: cloud embedded: port ${port}: .*EADDRINUSE`));
    // A pattern that never matches: the wait ends when the process exits.
    await clock.waitFor(/(?!)/).catch(() => undefined);
    expect(clock.exitCode).toBe(2);
  }, 60_000);
});

describe('the log lines of a headless run in memory', () => {
  it('are human lines with --log-format human', async () => {
    const clock = start(['--cloud', 'none', '--lan', 'off', '--log-format', 'human']);

    await clock.waitFor(/^\[\d\d:\d\d:\d\d\] INFO: power on \{"module":"runtime"/m);
    expect(clock.text).not.toMatch(/^\{"level"/m);
  }, 60_000);

  it('are JSON lines in a pipe without it, for the programs that read them', async () => {
    const clock = start(['--cloud', 'none', '--lan', 'off']);

    await clock.waitFor(/^\{"level":30,"time":"[^"]+","module":"runtime",.*"msg":"power on"\}$/m);
  }, 60_000);

  it('are human lines without a flag when stderr is a terminal (util-linux script gives it one)', () => {
    const command = `${process.execPath} ${BIN} run --headless --memory --cloud none --lan off < /dev/null`;

    const { status, stdout } = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });

    expect(status).toBe(0);
    expect(stdout).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: power on \{"module":"runtime"/m);
    expect(stdout).not.toMatch(/\{"level"/);
  }, 60_000);
});
