// A tiny PUSH server on loopback for protocol-level tests of the clock's link: it records every request,
// keeps what it received, answers as the protocol says unless a test scripts another answer (a dialect,
// a 500, garbage, a hang), and can go away and come back on the same port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  defaultPushOptions,
  formatOptionsBody,
  parseAttlogBody,
  parseDevicecmdBody,
  parseOperlogBody,
  parseQuery,
  type AttlogRecord,
  type CommandReply,
  type OperlogRecord,
  type PushOptions,
} from '../../src/protocol/index.js';

export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
}

export type ScriptedAnswer = { status?: number; body: string; headers?: Record<string, string> } | 'hang' | 'reset';

export interface ScriptedServer {
  url: string;
  port: number;
  requests: SeenRequest[];
  /** The handshake's options; change them between tests or mid-test. */
  options: PushOptions;
  /** Overrides the whole handshake body (dialects); undefined uses `options`. */
  handshakeBody: string | undefined;
  /** The `Date` header's time (ms UTC); undefined sends the host's time. Virtual-time tests pass the clock's source. */
  date: (() => number) | undefined;
  punches: AttlogRecord[];
  operlog: OperlogRecord[];
  replies: CommandReply[];
  /** Command lines (`C:1:INFO`) handed out by the next getrequest, all at once. */
  queue(...lines: string[]): void;
  /** Scripted answers taken in order by requests to paths ending with `endpoint`, before the normal ones. */
  script(endpoint: 'cdata' | 'getrequest' | 'devicecmd' | 'any', ...answers: ScriptedAnswer[]): void;
  count(endpoint: string, method?: string): number;
  stop(): Promise<void>;
  /** Starts again on the same port after stop(). */
  restart(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  const scripted: { endpoint: string; answer: ScriptedAnswer }[] = [];
  const pending: string[] = [];
  const hanging = new Set<http.ServerResponse>();
  let server = http.createServer();
  const state: ScriptedServer = {
    url: '',
    port: 0,
    requests: [],
    options: { ...defaultPushOptions(), delay: 10, errorDelay: 30, transTimes: [], timeZoneMinutes: 0 },
    handshakeBody: undefined,
    date: undefined,
    punches: [],
    operlog: [],
    replies: [],
    queue: (...lines) => void pending.push(...lines),
    script: (endpoint, ...answers) => void scripted.push(...answers.map((answer) => ({ endpoint, answer }))),
    count: (endpoint, method) =>
      state.requests.filter((r) => r.path.endsWith(endpoint) && (method === undefined || r.method === method)).length,
    stop: async () => {
      for (const res of hanging) res.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    restart: async () => {
      server = http.createServer();
      await listen(state.port);
    },
  };

  function normalAnswer(request: SeenRequest): ScriptedAnswer {
    const table = (request.query.table ?? '').toUpperCase();
    if (request.path.endsWith('/cdata') && request.method === 'GET') {
      return { body: state.handshakeBody ?? formatOptionsBody(request.query.SN ?? '', state.options) };
    }
    if (request.path.endsWith('/cdata') && table === 'ATTLOG') {
      const parsed = parseAttlogBody(request.body);
      state.punches.push(...parsed.records);
      return { body: `OK: ${parsed.records.length}` };
    }
    if (request.path.endsWith('/cdata') && table === 'OPERLOG') {
      const parsed = parseOperlogBody(request.body);
      state.operlog.push(...parsed.records);
      return { body: `OK: ${parsed.records.length}` };
    }
    // What the clock says it is (~DeviceName…), after its handshake.
    if (request.path.endsWith('/cdata') && table === 'OPTIONS') return { body: 'OK' };
    if (request.path.endsWith('/getrequest'))
      return { body: pending.length === 0 ? 'OK' : pending.splice(0).join('\n') };
    if (request.path.endsWith('/devicecmd')) {
      state.replies.push(...parseDevicecmdBody(request.body).replies);
      return { body: 'OK' };
    }
    return { status: 404, body: 'Not Found' };
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const [path = '', search = ''] = (req.url ?? '').split('?');
      const request = {
        method: req.method ?? '',
        path,
        query: parseQuery(search),
        body: Buffer.concat(chunks).toString(),
      };
      state.requests.push(request);
      const at = scripted.findIndex((s) => s.endpoint === 'any' || path.endsWith(`/${s.endpoint}`));
      const answer = at >= 0 ? scripted.splice(at, 1)[0]!.answer : normalAnswer(request);
      if (answer === 'hang') return void hanging.add(res);
      if (answer === 'reset') return void req.socket.destroy();
      const date = new Date(state.date?.() ?? Date.now()).toUTCString();
      res.writeHead(answer.status ?? 200, { 'content-type': 'text/plain', date, ...answer.headers });
      res.end(answer.body);
    });
  }

  async function listen(port: number): Promise<void> {
    server.on('request', handle);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    state.port = (server.address() as AddressInfo).port;
    state.url = `http://127.0.0.1:${state.port}`;
  }

  await listen(0);
  return state;
}
