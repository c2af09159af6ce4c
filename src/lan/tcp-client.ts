// One TCP connection to the LAN port: admitted by the guard before anything is built for it, framed,
// served one request at a time while its send queue is short (paused when it stops reading).
import type { Socket } from 'node:net';
import { lazyChild } from '../log.js';
import { TcpFrameDecoder } from './codec.js';
import type { ListenerShared } from './lan-host.js';
import { QUEUE_LOW_BYTES, pacedWriter } from './pacing.js';
import { LanSession } from './session.js';

/** Takes a new connection; `sockets` holds it while it is open, for close() to destroy. */
export function acceptTcp(shared: ListenerShared, sockets: Set<Socket>, socket: Socket): void {
  const { guard, log, sessions } = shared;
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
  shared.admitted();
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
  const session = new LanSession(guard.hostFor(shared.host, owner), 'tcp', paced.send, clientLog);
  sessions.add(session);
  const decoder = new TcpFrameDecoder();
  socket.on('data', (chunk) => {
    const { packets, error } = decoder.push(chunk);
    inbox.push(...packets);
    serve();
    if (error !== undefined) {
      guard.refusals.refused('bad-stream', { client: label, problem: error }, 'bad LAN TCP stream: connection closed');
      socket.destroy();
    }
  });
  socket.on('error', (error) => clientLog.debug({ err: error }, 'LAN TCP client error'));
  socket.on('close', () => {
    sockets.delete(socket);
    session.close();
    sessions.delete(session);
    guard.slots.release(slot);
    guard.ended(owner, shared.host);
  });
}
