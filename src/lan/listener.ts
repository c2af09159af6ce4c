// The LAN listener: TCP and UDP on one port, a session per client, the clock's punches pushed to every
// client registered for events. Memory is bounded: a capped number of clients, one prepared table
// each, a capped send queue (a client that does not read is dropped), idle UDP sessions forgotten.
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import type { LanRequest } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import type { Logger } from '../log.js';
import { TcpFrameDecoder } from './codec.js';
import { QUEUE_LOW_BYTES, pacedDatagrams, pacedWriter } from './pacing.js';
import { PreparedTables } from './prepared.js';
import { LanSession, type LanHost } from './session.js';

export interface LanListenerOptions {
  clock: Clock;
  log: Logger;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port (TCP's; UDP binds the same number). */
  port: number;
  /** Default 64 clients (TCP connections and UDP peers together). */
  maxClients?: number;
  /** Session ids from here on (a test replaying pyzk's vectors starts at 0xFB2F); default random. */
  firstSessionId?: number;
  /** POWEROFF: default restarts the clock (a simulator that exits on a network request would be hostile). */
  powerOff?: () => void;
}

export interface LanListener {
  readonly host: string;
  readonly port: number;
  /** Clients connected now (TCP connections and UDP peers). */
  clients(): number;
  /** Clients that connected since the listener opened: a short session is still counted once it ended. */
  connections(): number;
  close(): Promise<void>;
}

const UDP_IDLE_MS = 120_000;

export async function startLanListener(options: LanListenerOptions): Promise<LanListener> {
  const { clock } = options;
  const log = options.log.child({ module: 'lan' });
  const host = options.host ?? '127.0.0.1';
  const maxClients = options.maxClients ?? 64;
  const sessions = new Set<LanSession>();
  const sockets = new Set<Socket>();
  let nextId = options.firstSessionId ?? 1 + Math.floor(Math.random() * 0xfff0);
  let asked = 0;
  let connections = 0;

  const tables = new PreparedTables(clock);
  const lanHost: LanHost = {
    clock,
    log,
    tables,
    nextSessionId: () => {
      const id = nextId;
      nextId = nextId >= 0xfffe ? 1 : nextId + 1;
      return id;
    },
    ask: (request: LanRequest) => {
      const id = ++asked;
      let answer: { ok: boolean; problem?: string } | undefined;
      const off = clock.on('lan.answered', (fact) => {
        if (fact.id === id) answer = fact.problem === undefined ? { ok: fact.ok } : fact;
      });
      try {
        clock.send({ type: 'lan.request', id, request });
      } finally {
        off();
      }
      return answer ?? { ok: false, problem: 'the firmware did not answer (is the clock running?)' };
    },
    afterReply: (action) => {
      setImmediate(() => {
        try {
          if (action === 'power-off' && options.powerOff) options.powerOff();
          else clock.restart();
        } catch (error) {
          log.error({ err: error }, `LAN ${action} failed`);
        }
      });
    },
  };

  const offPunch = clock.on('punch.recorded', ({ punch }) => {
    tables.changed();
    for (const session of sessions) session.punched(punch);
  });
  // Facts that may change what a prepared table holds (users and their uids, cleared logs).
  const offChanges = [
    clock.on('operation.recorded', () => tables.changed()),
    clock.on('user.deleted', () => tables.changed()),
    clock.on('lan.answered', () => tables.changed()),
  ];

  const tcp = createServer((socket) => acceptTcp(socket));
  tcp.maxConnections = maxClients;
  await listen(tcp, options.port, host);
  const port = (tcp.address() as { port: number }).port;
  const udp = createSocket('udp4');
  try {
    await bind(udp, port, host);
  } catch (error) {
    tcp.close();
    throw error;
  }
  interface Peer {
    session: LanSession;
    timer: NodeJS.Timeout;
    inbox: Buffer[];
    paced: { queued(): number };
  }
  const peers = new Map<string, Peer>();
  udp.on('message', (msg, remote) => acceptUdp(msg, remote));
  udp.on('error', (error) => log.error({ err: error }, 'LAN UDP socket error'));
  log.info({ host, port }, 'LAN protocol listening (TCP and UDP)');

  function acceptTcp(socket: Socket): void {
    sockets.add(socket);
    connections++;
    // Nagle would hold a small packet back and glue it to the next one: the pacing below would be lost.
    socket.setNoDelay(true);
    const label = `${socket.remoteAddress}:${socket.remotePort}`;
    const clientLog = log.child({ client: label, transport: 'tcp' });
    const inbox: Buffer[] = [];
    // Requests wait while the answers queued for this client are many: a client that sends every chunk
    // request at once (node-zklib) is served one chunk at a time, and one that stops reading is paused.
    const serve = (): void => {
      while (inbox.length > 0 && paced.queued() < QUEUE_LOW_BYTES && !session.closed && !session.busy) {
        void session.handle(inbox.shift()!)?.then(serve);
      }
      if (inbox.length > 0) socket.pause();
      else if (socket.isPaused()) socket.resume();
      if (session.closed) paced.end();
    };
    const paced = pacedWriter(socket, clientLog, serve);
    const session = new LanSession(lanHost, 'tcp', paced.send, clientLog);
    sessions.add(session);
    const decoder = new TcpFrameDecoder();
    socket.on('data', (chunk) => {
      const { packets, error } = decoder.push(chunk);
      inbox.push(...packets);
      serve();
      if (error !== undefined) {
        clientLog.warn({ problem: error }, 'bad LAN TCP stream: connection closed');
        socket.destroy();
      }
    });
    socket.on('error', (error) => clientLog.debug({ err: error }, 'LAN TCP client error'));
    socket.on('close', () => {
      sockets.delete(socket);
      session.close();
      sessions.delete(session);
    });
  }

  function acceptUdp(msg: Buffer, remote: RemoteInfo): void {
    const key = `${remote.address}:${remote.port}`;
    let peer = peers.get(key);
    if (peer === undefined) {
      if (sessions.size >= maxClients) return void log.warn({ client: key }, 'LAN client refused: too many clients');
      const clientLog = log.child({ client: key, transport: 'udp' });
      const send = (datagram: Buffer) => udp.send(datagram, remote.port, remote.address);
      const paced = pacedDatagrams(send, () => {
        const current = peers.get(key);
        if (current !== undefined) serveUdp(key, current);
      });
      const session = new LanSession(lanHost, 'udp', paced.send, clientLog);
      sessions.add(session);
      connections++;
      peer = { session, timer: setTimeout(() => forget(key), UDP_IDLE_MS).unref(), inbox: [], paced };
      peers.set(key, peer);
    }
    peer.timer.refresh();
    // A datagram that comes while an answer is prepared waits for it; a client sends few meanwhile.
    if (peer.inbox.length < 64) peer.inbox.push(msg);
    serveUdp(key, peer);
  }

  function serveUdp(key: string, peer: Peer): void {
    // A chunk's datagrams go out before the next request is taken: node-zklib asks for all at once.
    while (peer.inbox.length > 0 && !peer.session.busy && !peer.session.closed && peer.paced.queued() === 0) {
      void peer.session.handle(peer.inbox.shift()!)?.then(() => serveUdp(key, peer));
    }
    if (peer.session.closed) forget(key);
  }

  function forget(key: string): void {
    const peer = peers.get(key);
    if (peer === undefined) return;
    clearTimeout(peer.timer);
    peer.session.close();
    sessions.delete(peer.session);
    peers.delete(key);
  }

  return {
    host,
    port,
    clients: () => sessions.size,
    connections: () => connections,
    close: async () => {
      offPunch();
      for (const off of offChanges) off();
      for (const key of [...peers.keys()]) forget(key);
      for (const session of sessions) session.close();
      await Promise.all([
        new Promise<void>((resolve) => {
          tcp.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        }),
        new Promise<void>((resolve) => udp.close(() => resolve())),
      ]);
      log.info('LAN protocol stopped');
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function bind(socket: UdpSocket, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
}
