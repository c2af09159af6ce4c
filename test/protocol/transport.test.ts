// The transports: node:http against a loopback server, and in-process.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TransportError, httpTransport, inProcessTransport, type PushHandler } from '../../src/protocol/index.js';

const servers: http.Server[] = [];

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('httpTransport', () => {
  it('sends the path, query and body, and resolves with any status', async () => {
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => res.writeHead(500, { 'X-Seen': `${req.method} ${req.url}` }).end(`got ${body}`));
    });
    const transport = httpTransport(url);
    const res = await transport.request({
      method: 'POST',
      path: '/iclock/cdata',
      query: { SN: 'TC1', table: 'ATTLOG' },
      body: 'Ñandú',
    });
    transport.close();
    expect(res).toMatchObject({ status: 500, body: 'got Ñandú' });
    expect(res.headers['x-seen']).toBe('POST /iclock/cdata?SN=TC1&table=ATTLOG');
  });

  it('rejects with a timeout when the server holds the answer', async () => {
    const url = await serve(() => {});
    const transport = httpTransport(url, { timeoutMs: 100 });
    const error = await transport.request({ method: 'GET', path: '/iclock/ping' }).catch((e: unknown) => e);
    transport.close();
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'timeout', transport: true });
  });

  it('times a request from when it has a socket, not while it waits behind maxSockets (a fleet on one pool)', async () => {
    // Only the transport's own timers are faked: the sockets are real, the test never waits on a clock.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const held: http.ServerResponse[] = [];
      const arrived: (() => void)[] = [];
      const next = () => new Promise<void>((resolve) => arrived.push(resolve));
      const url = await serve((req, res) => {
        held.push(res.writeHead(200));
        arrived.shift()?.();
      });
      const transport = httpTransport(url, { timeoutMs: 100, maxSockets: 1 });
      let first = next();
      const a = transport.request({ method: 'GET', path: '/a' });
      const b = transport.request({ method: 'GET', path: '/b' });
      await first;
      vi.advanceTimersByTime(90); // a is 90 ms into its 100; b has waited 90 ms for the socket
      first = next();
      held.shift()!.end('a');
      expect(await a).toMatchObject({ body: 'a' });
      await first;
      vi.advanceTimersByTime(90); // b has its socket 90 ms (180 ms since it was asked for)
      held.shift()!.end('b');
      expect(await b).toMatchObject({ status: 200, body: 'b' });
      transport.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('times every request in flight on one timer, none before its timeout (a fleet polls a thousand times a second)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const held: http.ServerResponse[] = [];
      let arrived = () => {};
      const allArrived = new Promise<void>((resolve) => (arrived = resolve));
      const url = await serve((req, res) => {
        if (held.push(res.writeHead(200)) === 20) arrived();
      });
      const transport = httpTransport(url, { timeoutMs: 100 });
      const settled: (string | undefined)[] = [];
      const requests = Array.from({ length: 20 }, (_, i) =>
        transport.request({ method: 'GET', path: `/${i}` }).then(
          (res) => (settled[i] = res.body),
          (error: TransportError) => (settled[i] = error.kind),
        ),
      );
      await allArrived;
      // A timer per request made 20 here.
      expect(vi.getTimerCount()).toBe(1);
      vi.advanceTimersByTime(99);
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled.filter((s) => s !== undefined)).toEqual([]);
      held[0]!.end('in time');
      await requests[0];
      vi.advanceTimersByTime(20);
      await Promise.all(requests);
      expect(settled).toEqual(['in time', ...Array<string>(19).fill('timeout')]);
      // Nothing in flight: the wheel stops instead of ticking on.
      vi.advanceTimersByTime(100);
      expect(vi.getTimerCount()).toBe(0);
      transport.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects with a connection error when nothing listens', async () => {
    const url = await serve(() => {});
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const transport = httpTransport(url);
    const error = await transport.request({ method: 'GET', path: '/iclock/ping' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'connection', message: expect.stringMatching(/ECONNREFUSED/) });
  });
});

describe('inProcessTransport', () => {
  it('hands the request to the handler and turns hang and reset into transport errors', async () => {
    let abort: 'hang' | 'reset' | undefined;
    const handler: PushHandler = {
      handle: async (req) => ({ status: 200, headers: { 'X-A': '1' }, body: req.path, ...(abort ? { abort } : {}) }),
    };
    const transport = inProcessTransport(handler);
    expect(await transport.request({ method: 'GET', path: '/iclock/ping' })).toEqual({
      status: 200,
      headers: { 'x-a': '1' },
      body: '/iclock/ping',
    });
    abort = 'hang';
    await expect(transport.request({ method: 'GET', path: '/' })).rejects.toMatchObject({ kind: 'timeout' });
    abort = 'reset';
    await expect(transport.request({ method: 'GET', path: '/' })).rejects.toMatchObject({ kind: 'connection' });
  });

  it('answers at once through handleNow, leaves to request() what the handler declines, and nothing once closed', () => {
    let declining = false;
    let abort: 'hang' | 'reset' | undefined;
    const handler: PushHandler = {
      handle: async () => ({ status: 500, headers: {}, body: 'not this way' }),
      handleNow: (req) =>
        declining ? undefined : { status: 200, headers: { 'X-A': '1' }, body: req.path, ...(abort ? { abort } : {}) },
    };
    const transport = inProcessTransport(handler);
    const ping = { method: 'GET', path: '/iclock/ping' } as const;

    expect(transport.requestNow!(ping)).toEqual({ status: 200, headers: { 'x-a': '1' }, body: '/iclock/ping' });
    declining = true;
    expect(transport.requestNow!(ping)).toBeUndefined();
    declining = false;
    abort = 'hang';
    expect(() => transport.requestNow!(ping)).toThrow(expect.objectContaining({ kind: 'timeout' }));
    abort = undefined;
    transport.close();
    expect(transport.requestNow!(ping)).toBeUndefined();
    // A handler that can only answer later gives a transport without the at-once way.
    expect(inProcessTransport({ handle: handler.handle }).requestNow).toBeUndefined();
  });
});
