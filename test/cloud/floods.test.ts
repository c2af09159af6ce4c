// Floods against a separately started `timeclock cloud`: unknown serial numbers from many addresses cost
// its log a few lines and a count; an address refused again and again is cut off while others are served;
// a chunked body past the limit is refused and its connection closed while it streams, and twenty of them
// at once from one address cost the cloud the reading of a few.
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudProcess } from '../../scripts/chaos/cloud-process.js';
import { DEFAULT_FLOOD_LIMITS } from '../../src/cloud/limits.js';
import { DEFAULT_LOG_LIMITS } from '../../src/cloud/log-limit.js';
import { makeTempDir } from '../fixtures/temp-dir.js';

const TOKEN = 'flood-test-token-0123';
const temp = makeTempDir('timeclock-floods-');
let cloud: CloudProcess;

beforeAll(async () => {
  cloud = await CloudProcess.start(['--data', temp.file('cloud.db'), '--token', TOKEN, '--log-level', 'info']);
  const registered = await fetch(`${cloud.url}/api/clocks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sn: 'TC1A000001' }),
  });
  expect(registered.status).toBe(201);
}, 90_000);

afterAll(async () => {
  await cloud?.kill();
  temp.remove();
});

/** One HTTP/1.1 request on its own connection from `localAddress`; the status, or 'cut' when the server closed without one. */
function request(localAddress: string, head: string): Promise<number | 'cut'> {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(cloud.url);
    const socket = net.connect({ host: hostname, port: Number(port), localAddress }, () => socket.write(head));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      resolve(status === undefined ? 'cut' : Number(status));
    });
  });
}

/** Bytes the process has read (files and sockets alike), from the kernel. */
function bytesRead(pid: number): number {
  return Number(/^rchar: (\d+)$/m.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]);
}

const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`;

function logLines(log: string, message: string): { msg: string; more?: number }[] {
  return log
    .split('\n')
    .filter((line) => line.includes(message))
    .map((line) => JSON.parse(line) as { msg: string; more?: number });
}

describe('a flood against a cloud in its own process', () => {
  it('writes a few lines for 3,000 unknown serial numbers from 30 addresses, and counts the rest', async () => {
    const statuses: (number | 'cut')[] = [];
    // Each address stays under its refusal limit: only the log's own limit is at work.
    for (let batch = 0; batch < 30; batch++) {
      const address = `127.0.1.${batch + 1}`;
      const sent = Array.from({ length: 100 }, (_, i) =>
        request(address, get(`/iclock/cdata?SN=FLOOD${batch}X${i}&options=all`)),
      );
      statuses.push(...(await Promise.all(sent)));
    }
    expect(statuses.filter((s) => s === 403)).toHaveLength(3_000);

    const code = await cloud.stop();

    expect(code).toBe(0);
    const lines = logLines(cloud.log, 'unregistered clock refused');
    const written = lines.filter((l) => l.more === undefined);
    const counted = lines.filter((l) => l.more !== undefined);
    expect(written).toHaveLength(DEFAULT_LOG_LIMITS.perWindow);
    // Every refusal accounted for: written ones plus the counts ("N more like this in the last minute").
    expect(written.length + counted.reduce((sum, l) => sum + l.more!, 0)).toBe(3_000);
    expect(counted[0]?.msg).toMatch(/^[\d,]+ more like this in the last minute/);
    cloud = await CloudProcess.start(['--data', temp.file('cloud.db'), '--token', TOKEN]);
  }, 120_000);

  it('cuts off an address refused past its limit, and still serves the clocks of another', async () => {
    const limit = DEFAULT_FLOOD_LIMITS.refusalsPerWindow;
    const flood: (number | 'cut')[] = [];
    for (let i = 0; i < limit + 50; i += 25) {
      flood.push(...(await Promise.all(Array.from({ length: 25 }, () => request('127.0.0.2', get('/api/employees'))))));
    }

    // Requests already past the door when the limit was crossed are still answered: at most a batch more.
    const refused = flood.filter((s) => s === 401).length;
    expect(refused).toBeGreaterThanOrEqual(limit);
    expect(refused).toBeLessThanOrEqual(limit + 25);
    expect(flood.filter((s) => s === 'cut')).toHaveLength(flood.length - refused);
    expect(await request('127.0.0.2', get('/api/health'))).toBe('cut');
    expect(await request('127.0.0.1', get('/iclock/ping?SN=TC1A000001'))).toBe(200);
    expect(await request('127.0.0.3', get('/api/health'))).toBe(200);
  }, 60_000);

  it.each([
    ['a PUSH body past 4 MiB', '/iclock/cdata?SN=TC1A000001&table=ATTLOG', 413],
    ['an API body without a token', '/api/employees', 401],
  ])(
    'refuses %s sent chunked and closes its connection while it streams',
    async (_what, path, status) => {
      const { hostname, port } = new URL(cloud.url);
      const socket = net.connect({ host: hostname, port: Number(port) });
      await new Promise((resolve) => socket.once('connect', resolve));
      const headers = 'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n';
      socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n`);
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      const closed = new Promise((resolve) => socket.once('close', resolve));
      // Lines of 1 KiB: a body of one long line is stopped at its first 64 KiB, before the size limit.
      const chunk = Buffer.from(`${'A'.repeat(1023)}\n`.repeat(64));
      const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
      // 64 MiB offered, a frame at a time, as long as the server takes them.
      let offered = 0;
      while (offered < 1024 && !socket.destroyed && socket.writable) {
        offered++;
        if (!socket.write(frame)) await Promise.race([new Promise((r) => socket.once('drain', r)), closed]);
      }
      await closed;

      // Cut well before the end: the server stopped reading, it did not swallow the 64 MiB.
      expect(offered).toBeLessThan(1024);
      // The refusal, when it arrived before the reset the closed socket sends to a writer that goes on.
      if (answer !== '') expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} [^]*connection: close`, 'i'));
    },
    60_000,
  );

  it('reads a few of 20 chunked bodies past the limit sent at once from one address, not all 20', async () => {
    const { hostname, port } = new URL(cloud.url);
    const readBefore = bytesRead(cloud.pid);
    // Lines of 1 KiB: a body of one long line is stopped at its first 64 KiB, before the size limit.
    const chunk = Buffer.from(`${'A'.repeat(1023)}\n`.repeat(1024));
    const frame = [Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')];
    // 20 senders of 60 MiB each, as fast as the cloud takes them: 1,200 MiB offered.
    const statuses = await Promise.all(
      Array.from(
        { length: 20 },
        () =>
          new Promise<number | 'cut'>((resolve) => {
            const socket = net.connect({ host: hostname, port: Number(port), localAddress: '127.0.0.6' }, () => {
              socket.write(
                'POST /iclock/cdata?SN=TC1A000001&table=ATTLOG HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n',
              );
              let sent = 0;
              const more = (): void => {
                while (sent < 60 && socket.writable) {
                  sent++;
                  if (!frame.map((part) => socket.write(part)).every(Boolean)) break;
                }
                if (sent < 60 && socket.writable) socket.once('drain', more);
              };
              more();
            });
            let answer = '';
            socket.on('data', (data: Buffer) => {
              answer += data.toString('latin1');
              socket.destroy();
            });
            socket.on('error', () => undefined);
            socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]) || 'cut'));
          }),
      ),
    );
    const read = bytesRead(cloud.pid) - readBefore;

    // Four bodies at once per address; two refused at the limit cut the address off, and its others with it.
    const limit = 4 * 2 ** 20;
    expect(statuses.filter((s) => s === 413).length).toBeLessThanOrEqual(DEFAULT_FLOOD_LIMITS.bodiesPerAddress);
    // The others refused before a byte of their bodies was read (503), or cut at the door once it was shut.
    expect(statuses.filter((s) => s === 503 || s === 'cut').length).toBeGreaterThanOrEqual(
      20 - DEFAULT_FLOOD_LIMITS.bodiesPerAddress,
    );
    // Every body read to the limit would be 80 MiB (82 before the gate): at most the gate's four, and the sockets' buffers.
    expect(read).toBeLessThan((DEFAULT_FLOOD_LIMITS.bodiesPerAddress + 2) * limit);
    expect(await request('127.0.0.6', get('/iclock/ping?SN=TC1A000001'))).toBe('cut');
    expect(await request('127.0.0.1', get('/iclock/ping?SN=TC1A000001'))).toBe(200);
  }, 60_000);

  it('pages /api/clocks: 100 by default, a Link to the next page, 250 clocks in three pages', async () => {
    const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    for (let i = 2; i <= 250; i++) {
      const sn = `TC1A${String(i).padStart(6, '0')}`;
      await fetch(`${cloud.url}/api/clocks`, { method: 'POST', headers: auth, body: JSON.stringify({ sn }) });
    }
    const seen: string[] = [];
    const sizes: number[] = [];
    let next: string | undefined = '/api/clocks';
    while (next !== undefined) {
      const res: Response = await fetch(`${cloud.url}${next}`, { headers: auth });
      const page = (await res.json()) as { sn: string }[];
      sizes.push(page.length);
      seen.push(...page.map((c) => c.sn));
      next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    }

    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(seen).size).toBe(250);
    expect(seen).toEqual([...seen].sort());
    const big = await fetch(`${cloud.url}/api/clocks?limit=5000`, { headers: auth });
    expect(big.status).toBe(400);
  }, 90_000);
});
