// The cloud on a real socket: node:http requests turned into handle() calls and back, with a body size
// limit, and the two socket-level faults (never answer, drop the connection) played on the socket itself.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HandledResponse, PushRequest } from '../protocol/index.js';

/** A day of punches from a busy clock is a few MB; anything far larger is not a PUSH upload. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface Listener {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** Stops accepting, drops open connections (held ones too) and waits for the server to close. */
  close(): Promise<void>;
}

export type Handle = (request: PushRequest & { url?: string }) => Promise<HandledResponse>;

export async function listen(handle: Handle, host: string, port: number): Promise<Listener> {
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => void serve(handle, req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A held answer (the hang fault) must not be cut short by node's own timeouts before the client's.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    host: address.address,
    port: address.port,
    url: `http://${urlHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function serve(handle: Handle, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = await readBody(req).catch(() => undefined);
  if (body === undefined) {
    res.writeHead(413, { 'content-type': 'text/plain;charset=UTF-8', connection: 'close' });
    res.end(`Error: the body is larger than ${MAX_BODY_BYTES} bytes\n`);
    // The rest is read and thrown away, so the client sees the answer rather than a reset mid-write;
    // a client that never stops sending is cut off.
    req.resume();
    setTimeout(() => req.socket.destroy(), 5_000).unref();
    return;
  }
  let answer: HandledResponse;
  try {
    answer = await handle({
      method: (req.method ?? 'GET') as PushRequest['method'],
      path: req.url ?? '/',
      url: req.url ?? '/',
      headers: flat(req.headers),
      body,
    });
  } catch (error) {
    // handle() answers every bad request itself; reaching here is a bug, reported without the stack.
    answer = { status: 500, headers: {}, body: `Error: ${(error as Error).message}` };
  }
  if (answer.abort === 'reset') return void req.socket.destroy();
  // Held until the client gives up and closes, or the server closes.
  if (answer.abort === 'hang') return;
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        reject(new RangeError('body too large'));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function flat(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::ffff:127.0.0.1';
}
