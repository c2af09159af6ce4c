// The LAN port's UDP side: a peer (address:port) gets a session only from a CONNECT, admitted by the
// guard as a TCP connection is; its datagrams wait while an answer to it is being sent.
import type { RemoteInfo, Socket as UdpSocket } from 'node:dgram';
import { lazyChild } from '../log.js';
import type { ListenerShared } from './lan-host.js';
import { pacedDatagrams } from './pacing.js';
import { LanSession } from './session.js';
import type { Slot } from './slots.js';

interface Peer {
  session: LanSession;
  slot: Slot;
  owner: object;
  inbox: Buffer[];
  paced: { queued(): number };
  reply(packet: Buffer): void;
}

export class UdpPeers {
  private readonly peers = new Map<string, Peer>();

  constructor(
    private readonly shared: ListenerShared,
    private readonly udp: UdpSocket,
  ) {}

  accept(msg: Buffer, remote: RemoteInfo): void {
    const { guard, log } = this.shared;
    const key = `${remote.address}:${remote.port}`;
    const reply = (packet: Buffer) => this.udp.send(packet, remote.port, remote.address);
    let peer = this.peers.get(key);
    if (peer === undefined) {
      // Only a CONNECT opens a session: junk from a port never takes a slot.
      if (!guard.opensSession(msg, key, reply)) return;
      // stage() is asked only once the slot is in the table, by which time the session below exists.
      const slot = guard.slot(
        key,
        'udp',
        remote.address,
        () => session.stage(),
        () => this.forget(key),
      );
      // Admitted before anything is built for it, as a TCP connection is.
      if (!guard.admit(slot)) return;
      const clientLog = lazyChild(log, { client: key, transport: 'udp' });
      const paced = pacedDatagrams(reply, () => {
        const current = this.peers.get(key);
        if (current !== undefined) this.serve(current);
      });
      const owner = {};
      const session = new LanSession(guard.hostFor(this.shared.host, owner), 'udp', paced.send, clientLog);
      this.shared.sessions.add(session);
      this.shared.admitted();
      peer = { session, slot, owner, inbox: [], paced, reply };
      this.peers.set(key, peer);
    }
    // A datagram that comes while an answer is prepared waits for it; a client sends few meanwhile.
    if (peer.inbox.length < 64) peer.inbox.push(msg);
    this.serve(peer);
  }

  forgetAll(): void {
    for (const key of [...this.peers.keys()]) this.forget(key);
  }

  private serve(peer: Peer): void {
    // A chunk's datagrams go out before the next request is taken: node-zklib asks for all at once.
    const { session } = peer;
    while (peer.inbox.length > 0 && !session.busy && !session.closed && peer.paced.queued() === 0) {
      void this.shared.guard.deliver(peer.slot, session, peer.inbox.shift()!, peer.reply)?.then(() => this.serve(peer));
    }
    if (session.closed) this.forget(peer.slot.label);
  }

  private forget(key: string): void {
    const peer = this.peers.get(key);
    if (peer === undefined) return;
    peer.session.close();
    this.shared.sessions.delete(peer.session);
    this.peers.delete(key);
    this.shared.guard.slots.release(peer.slot);
    this.shared.guard.ended(peer.owner, this.shared.host);
  }
}
