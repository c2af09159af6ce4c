// How answers leave the device: a chunked read's parts with time between them, as a real clock's slow
// network stack sends them. The SDKs depend on it: node-zklib, zklib-js and zkteco-js decode one packet
// per TCP read and drop what follows a completed chunk; over UDP a client's socket holds about 90
// datagrams, and node-zklib asks for every chunk at once, so the device must not send faster than a
// client reads.
import type { Socket } from 'node:net';
import type { Logger } from '../log.js';
import { tcpFrames } from './codec.js';
import type { Outbox } from './session.js';

/**
 * Time between the parts of a chunked read over TCP (PREPARE_DATA, then DATA + ACK_OK, then the next
 * chunk), after the previous part left. 62 chunks of 100,000 records cost about 0.4 s of it.
 */
export const TCP_PART_GAP_MS = 3;
/** Datagrams sent back to back over UDP, then a gap: 8 KiB, a tenth of what a client socket holds. */
export const UDP_BURST = 8;
export const UDP_BURST_GAP_MS = 5;
/**
 * One more millisecond of gap per this many bytes already read: node-zklib and zklib-js append each
 * datagram to all they received before (a copy of everything so far), so a client reads the end of a
 * large table more slowly than its start, and a faster device overflows its socket there.
 */
export const UDP_SLOWER_PER_BYTES = 32 * 1024;

/** Requests wait while this much is queued for the client; beyond the cap (events it never reads) it is dropped. */
export const QUEUE_LOW_BYTES = 0x10000;
const MAX_QUEUED_BYTES = 16 * 0x10000;

interface Part {
  bytes: Buffer;
  /** The chunk's offset in its table for a part of a chunked read; undefined for other answers. */
  pace: number | undefined;
}

/**
 * The TCP side: one write per group, a paced group followed by a gap; `onLow` asks for more requests
 * once queued parts have left. An answer that finds nothing queued or in flight is written at once, in
 * the turn its request came, without a write callback and its tick (the caller is serving requests
 * already, so it is not asked for more); anything after it waits a turn, as after any write.
 */
export function pacedWriter(
  socket: Socket,
  log: Logger,
  onLow: () => void,
): { send: Outbox; end(): void; queued(): number } {
  const queue: Part[] = [];
  let queued = 0;
  let writing = false;
  let ending = false;
  const pump = (): void => {
    if (writing || socket.destroyed) return;
    const next = queue.shift();
    if (next === undefined) {
      if (ending) socket.end();
      else onLow();
      return;
    }
    queued -= next.bytes.length;
    writing = true;
    const done = (): void => {
      writing = false;
      pump();
    };
    socket.write(next.bytes, () => (next.pace !== undefined ? setTimeout(done, TCP_PART_GAP_MS) : setImmediate(done)));
  };
  return {
    send: (groups, pace) => {
      // Answers are asked for only while little is queued, so a backlog is events the client never
      // reads; one answer (a whole table) may be large.
      if (queued > MAX_QUEUED_BYTES) {
        log.warn({ queued }, 'LAN client does not read its answers: connection dropped');
        queue.length = 0;
        socket.destroy();
        return;
      }
      if (pace === undefined && groups.length === 1 && queue.length === 0 && !writing && !socket.writableNeedDrain) {
        if (!socket.destroyed) socket.write(tcpFrames(groups[0]!));
        // What comes in the same turn (punches told at once) waits for the next: two packets in one
        // turn can arrive in one read, and the SDKs decode one packet per read.
        writing = true;
        setImmediate(() => {
          writing = false;
          if (queue.length > 0 || ending) pump();
        });
        return;
      }
      for (const group of groups) {
        const bytes = tcpFrames(group);
        queued += bytes.length;
        queue.push({ bytes, pace });
      }
      pump();
    },
    end: () => {
      ending = true;
      pump();
    },
    queued: () => queued,
  };
}

/**
 * The UDP side: datagrams in order, a paced group's in bursts of UDP_BURST with a gap after each, so a
 * client that asked for every chunk at once is never sent more than its socket holds. The client's next
 * request is taken (`onLow`) once the queue is short, as over TCP.
 */
export function pacedDatagrams(
  send: (datagram: Buffer) => void,
  onLow: () => void,
): { send: Outbox; queued(): number } {
  const queue: Part[] = [];
  let waiting = false;
  const pump = (): void => {
    let sent = 0;
    while (!waiting && queue.length > 0) {
      const next = queue.shift()!;
      send(next.bytes);
      if (next.pace !== undefined && ++sent >= UDP_BURST) {
        waiting = true;
        setTimeout(
          () => {
            waiting = false;
            pump();
          },
          UDP_BURST_GAP_MS + Math.floor(next.pace / UDP_SLOWER_PER_BYTES),
        );
      }
    }
    if (!waiting && queue.length === 0) setImmediate(onLow);
  };
  return {
    send: (groups, pace) => {
      // Events for a client that stopped reading are forgotten, not kept.
      if (queue.length > MAX_QUEUED_BYTES / 1024) queue.length = 0;
      for (const group of groups) for (const bytes of group) queue.push({ bytes, pace });
      if (!waiting) pump();
    },
    queued: () => queue.length,
  };
}
