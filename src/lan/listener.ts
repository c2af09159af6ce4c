// The LAN listener: TCP and UDP on one port, a session per client, the clock's punches pushed to every
// client registered for events. Memory is bounded: a capped number of clients, prepared tables shared by
// all (prepared.ts), a capped send queue (a client that does not read is dropped), answers paced as a
// device's network stack sends them (pacing.ts); the guard (guard.ts) decides who holds a slot, locks
// comm-key guessing and bounds the log.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { Clock } from '../runtime/index.js';
import type { Logger } from '../log.js';
import { LanGuard } from './guard.js';
import { lanHostFor, type ListenerShared } from './lan-host.js';
import { lanLimits, type LanLimits } from './limits.js';
import { PreparedTables } from './prepared.js';
import type { LanSession } from './session.js';
import { acceptTcp } from './tcp-client.js';
import { UdpPeers } from './udp-peers.js';

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
  let connections = 0;
  const tables = new PreparedTables(clock);
  const lanHost = lanHostFor({ ...options, clock, log, tables });
  const shared: ListenerShared = { guard, host: lanHost, log, sessions, admitted: () => void connections++ };
  const offFacts = followClock(clock, tables, sessions);

  // No maxConnections: a connection over the limit is accepted so that the guard can choose who goes.
  const tcp = createServer((socket) => acceptTcp(shared, sockets, socket));
  await bound(tcp, () => tcp.listen(options.port, host));
  const port = (tcp.address() as { port: number }).port;
  const udp = createSocket('udp4');
  try {
    await bound(udp, () => udp.bind(port, host));
  } catch (error) {
    tcp.close();
    guard.close();
    throw error;
  }
  const peers = new UdpPeers(shared, udp);
  udp.on('message', (msg, remote) => peers.accept(msg, remote));
  udp.on('error', (error) => log.error({ err: error }, 'LAN UDP socket error'));
  log.info({ host, port }, 'LAN protocol listening (TCP and UDP)');

  return {
    host,
    port,
    clients: () => sessions.size,
    connections: () => connections,
    close: async () => {
      for (const off of offFacts) off();
      guard.close();
      peers.forgetAll();
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

/** Punches go to every session registered for events; facts that may change a prepared table (users and
 * their uids, cleared logs) make it read again. */
function followClock(clock: Clock, tables: PreparedTables, sessions: Set<LanSession>): (() => void)[] {
  return [
    clock.on('punch.recorded', ({ punch }) => {
      tables.changed();
      for (const session of sessions) session.punched(punch);
    }),
    clock.on('operation.recorded', () => tables.changed()),
    clock.on('user.deleted', () => tables.changed()),
    clock.on('lan.answered', () => tables.changed()),
  ];
}

/** Resolves once the TCP server or UDP socket is bound; rejects with its error (EADDRINUSE) otherwise. */
async function bound(target: Server | UdpSocket, bind: () => void): Promise<void> {
  const listening = once(target, 'listening');
  bind();
  await listening;
}
