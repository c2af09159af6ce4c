// The LAN listener: TCP and UDP on one port, a session per client, the clock's punches pushed to every
// client registered for events. Memory is bounded: a capped number of clients, prepared tables shared by
// all (prepared.ts), a capped send queue (a client that does not read is dropped), answers paced as a
// device's network stack sends them (pacing.ts); the guard (guard.ts) decides who holds a slot, locks
// comm-key guessing and bounds the log.
import { createSocket, type RemoteInfo, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import type { LanRequest } from '../../firmware/index.js';
import type { Clock } from '../runtime/index.js';
import { lazyChild, type Logger } from '../log.js';
import { TcpFrameDecoder } from './codec.js';
import { LanGuard } from './guard.js';
import { lanLimits, type LanLimits } from './limits.js';
import { QUEUE_LOW_BYTES, pacedDatagrams, pacedWriter } from './pacing.js';
import { PreparedTables } from './prepared.js';
import type { Slot } from './slots.js';
import { LanSession, type LanHost } from './session.js';

export interface LanListenerOptions {
  clock: Clock;
  log: Logger;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port (TCP's; UDP binds the same number). */
  port: number;
  /** Default 64 clients (TCP connections and UDP peers together); the same as `limits.maxClients`. */
  maxClients?: number;
  /** Slots, deadlines, the comm-key lock and the refusal log (limits.ts has the defaults and why). */
  limits?: Partial<LanLimits>;
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

export async function startLanListener(options: LanListenerOptions): Promise<LanListener> {
  const { clock } = options;
  const log = options.log.child({ module: 'lan' });
  const host = options.host ?? '127.0.0.1';
  const limits = lanLimits({
    ...options.limits,
    ...(options.maxClients === undefined ? {} : { maxClients: options.maxClients }),
  });
  const guard = new LanGuard({ limits, log });
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

  // No maxConnections: a connection over the limit is accepted so that the guard can choose who goes.
  const tcp = createServer((socket) => acceptTcp(socket));
  await listen(tcp, options.port, host);
  const port = (tcp.address() as { port: number }).port;
  const udp = createSocket('udp4');
  try {
    await bind(udp, port, host);
  } catch (error) {
    tcp.close();
    guard.close();
    throw error;
  }
  interface Peer {
    session: LanSession;
    slot: Slot;
    owner: object;
    inbox: Buffer[];
    paced: { queued(): number };
    reply(packet: Buffer): void;
  }
  const peers = new Map<string, Peer>();
  udp.on('message', (msg, remote) => acceptUdp(msg, remote));
  udp.on('error', (error) => log.error({ err: error }, 'LAN UDP socket error'));
  log.info({ host, port }, 'LAN protocol listening (TCP and UDP)');

  function acceptTcp(socket: Socket): void {
    const label = `${socket.remoteAddress}:${socket.remotePort}`;
    const address = socket.remoteAddress ?? '?';
    const slot = guard.slot(
      label,
      'tcp',
      address,
      () => session.stage(),
      () => socket.destroy(),
    );
    // Admitted before anything is built for it: a refused connection costs an accept and a close.
    if (!guard.admit(slot)) return void socket.destroy();
    sockets.add(socket);
    connections++;
    // Nagle would hold a small packet back and glue it to the next one: the pacing below would be lost.
    socket.setNoDelay(true);
    // Made when first written: most connections a flood opens never write a line (log.ts says why).
    const clientLog = lazyChild(log, { client: label, transport: 'tcp' });
    const inbox: Buffer[] = [];
    const owner = {};
    // Requests wait while the answers queued for this client are many: a client that sends every chunk
    // request at once (node-zklib) is served one chunk at a time, and one that stops reading is paused.
    const serve = (): void => {
      while (inbox.length > 0 && paced.queued() < QUEUE_LOW_BYTES && !session.closed && !session.busy) {
        void guard.deliver(slot, session, inbox.shift()!, (packet) => paced.send([[packet]]))?.then(serve);
      }
      if (inbox.length > 0) socket.pause();
      else if (socket.isPaused()) socket.resume();
      if (session.closed) paced.end();
    };
    const paced = pacedWriter(socket, clientLog, serve);
    const session = new LanSession(guard.hostFor(lanHost, owner), 'tcp', paced.send, clientLog);
    sessions.add(session);
    const decoder = new TcpFrameDecoder();
    socket.on('data', (chunk) => {
      const { packets, error } = decoder.push(chunk);
      inbox.push(...packets);
      serve();
      if (error !== undefined) {
        guard.refusals.refused(
          'bad-stream',
          { client: label, problem: error },
          'bad LAN TCP stream: connection closed',
        );
        socket.destroy();
      }
    });
    socket.on('error', (error) => clientLog.debug({ err: error }, 'LAN TCP client error'));
    socket.on('close', () => {
      sockets.delete(socket);
      session.close();
      sessions.delete(session);
      guard.slots.release(slot);
      guard.ended(owner, lanHost);
    });
  }

  function acceptUdp(msg: Buffer, remote: RemoteInfo): void {
    const key = `${remote.address}:${remote.port}`;
    const reply = (packet: Buffer) => udp.send(packet, remote.port, remote.address);
    let peer = peers.get(key);
    if (peer === undefined) {
      // Only a CONNECT opens a session: junk from a port never takes a slot.
      if (!guard.opensSession(msg, key, reply)) return;
      // stage() is asked only once the slot is in the table, by which time the session below exists.
      const slot = guard.slot(
        key,
        'udp',
        remote.address,
        () => session.stage(),
        () => forget(key),
      );
      // Admitted before anything is built for it, as a TCP connection is.
      if (!guard.admit(slot)) return;
      const clientLog = lazyChild(log, { client: key, transport: 'udp' });
      const paced = pacedDatagrams(reply, () => {
        const current = peers.get(key);
        if (current !== undefined) serveUdp(current);
      });
      const owner = {};
      const session = new LanSession(guard.hostFor(lanHost, owner), 'udp', paced.send, clientLog);
      sessions.add(session);
      connections++;
      peer = { session, slot, owner, inbox: [], paced, reply };
      peers.set(key, peer);
    }
    // A datagram that comes while an answer is prepared waits for it; a client sends few meanwhile.
    if (peer.inbox.length < 64) peer.inbox.push(msg);
    serveUdp(peer);
  }

  function serveUdp(peer: Peer): void {
    // A chunk's datagrams go out before the next request is taken: node-zklib asks for all at once.
    const { session } = peer;
    while (peer.inbox.length > 0 && !session.busy && !session.closed && peer.paced.queued() === 0) {
      void guard.deliver(peer.slot, session, peer.inbox.shift()!, peer.reply)?.then(() => serveUdp(peer));
    }
    if (session.closed) forget(peer.slot.label);
  }

  function forget(key: string): void {
    const peer = peers.get(key);
    if (peer === undefined) return;
    peer.session.close();
    sessions.delete(peer.session);
    peers.delete(key);
    guard.slots.release(peer.slot);
    guard.ended(peer.owner, lanHost);
  }

  return {
    host,
    port,
    clients: () => sessions.size,
    connections: () => connections,
    close: async () => {
      offPunch();
      for (const off of offChanges) off();
      guard.close();
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
