// The cloud's HTTP against careless and hostile clients: half-sent headers and bodies are cut off, a
// huge body is refused without holding it, a megabyte of garbage is logged by its start, and other
// clients are answered meanwhile.
import net from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { startCloud } from './harness.js';

const TIMEOUTS = { headersMs: 300, requestMs: 600, idleMs: 5_000 };

/** Opens a socket, writes `text`, and resolves with what the server said before it closed it. */
function held(url: string, text: string): Promise<{ answer: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(text));
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve({ answer }));
    socket.on('error', reject);
  });
}

/** Opens a socket and writes `text`, leaving it open; resolves once written. */
function hold(url: string, text: string): Promise<net.Socket> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(text, () => resolve(socket)));
    socket.on('error', reject);
  });
}

describe('slow and half-open clients', () => {
  it('closes a connection whose headers never end', async () => {
    const { url } = await startCloud({ autoRegister: true, timeouts: TIMEOUTS });
    const { answer } = await held(url, 'GET /iclock/ping?SN=A HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    // Closed by its deadline, which answers 408 (a stuck one meets the test's guard); that it is not closed
    // before is the half-open test below, whose far deadline outlasts another clock's request.
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  });

  it('closes a connection whose body never arrives', async () => {
    const { url } = await startCloud({ autoRegister: true, timeouts: TIMEOUTS });
    const head = 'POST /iclock/cdata?SN=A&table=ATTLOG HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n';
    const { answer } = await held(url, `${head}1001\t2026`);
    expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  });

  it('answers another clock while twenty half-open connections hang on', async () => {
    // Their deadline far off, so that they are still open whatever the machine's speed: what is checked is
    // that the clock is answered meanwhile, not how fast.
    const { url, transport } = await startCloud({ autoRegister: true, timeouts: { ...TIMEOUTS, headersMs: 60_000 } });
    const hanging = await Promise.all(
      Array.from({ length: 20 }, () => hold(url, 'GET /iclock/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n')),
    );

    const answer = await transport.request({ method: 'GET', path: '/iclock/ping', query: { SN: 'A' } });

    expect(answer.body).toBe('OK');
    expect(hanging.filter((socket) => socket.destroyed)).toHaveLength(0);
    for (const socket of hanging) socket.destroy();
  });
});

describe('huge bodies and lines', () => {
  it('refuses a 60 MB upload with 413 without holding it in memory', async () => {
    const { url } = await startCloud({ autoRegister: true });
    const before = process.memoryUsage().rss;
    const status = await new Promise<number>((resolve, reject) => {
      const { port } = new URL(url);
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /iclock/cdata?SN=A&table=ATTLOG HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${60 * 2 ** 20}\r\n\r\n`,
        );
        const chunk = Buffer.alloc(2 ** 20, 0x41);
        let sent = 0;
        const pump = (): void => {
          while (sent < 60 && socket.write(chunk)) sent++;
          if (sent < 60) socket.once('drain', pump);
        };
        pump();
      });
      let answer = '';
      socket.on('data', (c) => {
        answer += c.toString('latin1');
        const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
        if (status) {
          resolve(Number(status));
          socket.destroy();
        }
      });
      socket.on('error', (e) => (answer === '' ? reject(e) : undefined));
    });
    expect(status).toBe(413);
    expect((process.memoryUsage().rss - before) / 2 ** 20).toBeLessThan(100);
  });

  it('logs a rejected megabyte line by its first 200 characters', async () => {
    let logged = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString('utf8');
        done();
      },
    });
    const { transport } = await startCloud({
      autoRegister: true,
      logger: createLogger({ level: 'warn', destination: sink }),
    });
    const garbage = `${'x'.repeat(2 ** 20)}\n`.repeat(3);
    const answer = await transport.request({
      method: 'POST',
      path: '/iclock/cdata',
      query: { SN: 'A', table: 'ATTLOG' },
      body: garbage,
    });
    expect(answer.body).toBe('OK: 0');
    // The body is read no further than its first overlong line: the two after it are neither read nor named.
    expect(answer.headers['x-push-refused']).toBe('1');
    expect(logged).toContain('… (over 65536 bytes)');
    expect(logged).toContain('the body was read no further');
    expect(logged.length).toBeLessThan(10_000);
  });
});
