// A body of megabyte garbage lines against a separately started `timeclock cloud`: it is answered at its
// first overlong line, before its sender has written it all (bytes counted, not time), the punches before
// that line are stored and counted in the `OK: n`, the rest of the body is not read and the connection is
// closed; the clock's next request on a connection of its own is served.
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloudProcess } from '../../scripts/chaos/cloud-process.js';
import { makeTempDir } from '../fixtures/temp-dir.js';

const TOKEN = 'garbage-lines-token-0123';
const SN = 'TC1A000001';
const temp = makeTempDir('timeclock-garbage-');
let cloud: CloudProcess;

beforeAll(async () => {
  cloud = await CloudProcess.start(['--data', temp.file('cloud.db'), '--token', TOKEN]);
  const registered = await fetch(`${cloud.url}/api/clocks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sn: SN }),
  });
  expect(registered.status).toBe(201);
}, 90_000);

afterAll(async () => {
  await cloud?.kill();
  temp.remove();
});

/** Bytes the process has read (files and sockets alike), from the kernel. */
function bytesRead(pid: number): number {
  return Number(/^rchar: (\d+)$/m.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]);
}

interface Sent {
  answer: string;
  /** Bytes of the body the kernel had taken from the client when the answer's first byte arrived. */
  writtenAtAnswer: number;
}

/**
 * POSTs `body` 64 KiB at a time, each piece once the socket took the one before; past `pauseAt` bytes it
 * writes no more and waits for the answer (or the connection's end). Resolves when the connection closes.
 */
function post(path: string, body: Buffer, pauseAt = body.length): Promise<Sent> {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(cloud.url);
    const socket = net.connect({ host: hostname, port: Number(port) });
    const head = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${body.length}\r\n\r\n`;
    let written = 0;
    let answer = '';
    let writtenAtAnswer = -1;
    const more = (at: number): void => {
      if (at >= pauseAt || writtenAtAnswer >= 0 || socket.destroyed) return;
      const piece = body.subarray(at, Math.min(pauseAt, at + 64 * 1024));
      // Counted when the kernel took it (the callback), not when it was queued in the client.
      const ok = socket.write(piece, (error) => {
        if (!error) written += piece.length;
      });
      if (ok) setImmediate(() => more(at + piece.length));
      else socket.once('drain', () => more(at + piece.length));
    };
    socket.on('connect', () => socket.write(head, () => more(0)));
    socket.on('data', (chunk: Buffer) => {
      if (writtenAtAnswer < 0) writtenAtAnswer = written;
      answer += chunk.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ answer, writtenAtAnswer }));
  });
}

const punch = (minute: number) => `1001\t2026-11-25 08:${String(minute).padStart(2, '0')}:00\t0\t1\t0\t0\t0\n`;

/** Two punches, then three lines of 1 MiB and a punch that is never read: 3 MiB stated up front. */
function garbageBody(day: number): { body: Buffer; firstLineEnd: number } {
  const line = `${'x'.repeat(2 ** 20)}\n`;
  const before = punch(day * 10 + 1) + punch(day * 10 + 2);
  const body = Buffer.from(before + line.repeat(3) + punch(day * 10 + 3));
  return { body, firstLineEnd: before.length + line.length };
}

async function storedPunches(): Promise<number[]> {
  const stored = await fetch(`${cloud.url}/api/punches?sn=${SN}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return ((await stored.json()) as { time: number }[]).map((p) => p.time).sort();
}

function expectAnsweredOk(answer: string): void {
  expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  expect(answer).toMatch(/\r\nconnection: close\r\n/i);
  // The line refused is named; the answer counts the two punches before it.
  expect(answer).toMatch(/\r\nx-push-refused: 3\r\n/i);
  expect(answer).toMatch(/\r\n\r\nOK: 2$/);
}

describe('a body of megabyte garbage lines sent to a cloud in its own process', () => {
  it('is answered at its first overlong line, before the client sends the rest; the punches before it are kept', async () => {
    const { body, firstLineEnd } = garbageBody(0);

    // The client sends up to the end of the first garbage line, and waits for the answer before sending more.
    // (Before the change the cloud waited for the whole 3 MiB: the answer was its 408 after 30 s.)
    const sent = await post(`/iclock/cdata?SN=${SN}&table=ATTLOG&Stamp=3`, body, firstLineEnd);

    expectAnsweredOk(sent.answer);
    expect(sent.writtenAtAnswer).toBeGreaterThan(0);
    expect(sent.writtenAtAnswer).toBeLessThanOrEqual(firstLineEnd);
    // 08:01 and 08:02 (the clock's local time, in ms); not 08:03, which came after the garbage.
    const times = await storedPunches();
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBe(60_000);
  }, 60_000);

  it('reads no further than that line of a body sent as fast as the kernel takes it', async () => {
    const { body } = garbageBody(1);
    const readBefore = bytesRead(cloud.pid);

    // On loopback the kernel's buffers take all 3 MiB at once: what counts is what the cloud read of it.
    const sent = await post(`/iclock/cdata?SN=${SN}&table=ATTLOG&Stamp=6`, body);
    const read = bytesRead(cloud.pid) - readBefore;

    expectAnsweredOk(sent.answer);
    // The two punches, the first 64 KiB of the garbage, and what arrived with them; not the 3 MiB sent.
    // (Before the change: the whole body, 3 MiB.)
    expect(read).toBeLessThan(body.length / 4);
    expect(await storedPunches()).toHaveLength(4);
    const ping = await fetch(`${cloud.url}/iclock/ping?SN=${SN}`);
    expect(await ping.text()).toBe('OK');
  }, 60_000);
});
