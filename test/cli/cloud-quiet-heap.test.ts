// `timeclock cloud`, started as its users start it, gives back what a flood grew once the flood is over:
// 3,000 unknown serial numbers refused, then quiet, and the process collects its heap by itself (it says
// so in its log) and its RSS falls well below the peak of the flood (the kernel's count, not the heap's own).
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../fixtures/temp-dir.js';

const BIN = fileURLToPath(new URL('../../bin/timeclock.js', import.meta.url));
const temp = makeTempDir('timeclock-quiet-heap-');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  temp.remove();
});

/** VmRSS (now) or VmHWM (the peak since the last reset), MiB, from the kernel. */
const statusMiB = (pid: number, field: 'VmRSS' | 'VmHWM') =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

/** One unknown serial number's handshake on a connection of its own from `from`. */
function unknownClock(port: number, n: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress: `127.0.2.${(n % 250) + 1}` }, () =>
      socket.write(`GET /iclock/cdata?SN=FLOOD${n}&options=all HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`),
    );
    socket.on('data', () => socket.destroy());
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}

describe('the cloud after a flood', () => {
  it('collects its heap once the flood is over, and its RSS falls back', async () => {
    const args = ['cloud', '--port', '0', '--data', temp.file('cloud.db'), '--log-level', 'info'];
    const child = fork(BIN, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    children.push(child);
    let printed = '';
    let log = '';
    const port = await new Promise<number>((resolve) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        const found = /timeclock cloud at http:\/\/[^:]+:(\d+)/.exec(printed);
        if (found) resolve(Number(found[1]));
      });
    });
    // The RSS when the cloud says it collected: at the flood's end, or during it when the flood is slow
    // enough (a busy machine) to look quiet for a second.
    const collected = new Promise<{ line: string; rss: number; peak: number }>((resolve) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        const line = log.split('\n').find((l) => l.includes('quiet after a burst'));
        if (line) resolve({ line, rss: statusMiB(child.pid!, 'VmRSS'), peak: statusMiB(child.pid!, 'VmHWM') });
      });
    });
    // The peak from here on: the first account's password hashing at start is not the flood's.
    fs.writeFileSync(`/proc/${child.pid}/clear_refs`, '5');

    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < 3_000) await unknownClock(port, next++);
      }),
    );
    const { line, rss, peak } = await collected;
    const { heldMiB } = JSON.parse(line) as { heldMiB: [number, number] };

    // What the flood grew (tens of MiB of heap) is given back: the heap V8 holds, and the process's RSS.
    const seen = JSON.stringify({ heldMiB, rss, peak });
    expect(heldMiB[0] - heldMiB[1], seen).toBeGreaterThan(10);
    expect(rss, seen).toBeLessThan(peak - 10);
  }, 120_000);
});
