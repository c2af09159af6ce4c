// How answers leave over TCP (pacing.ts), against a socket that records its writes: a poll's answer is
// one framed write in the turn its request came, and it never overtakes a chunked read's paced parts.
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TCP_PART_GAP_MS, pacedWriter } from '../../src/lan/pacing.js';
import { tcpFrame } from '../../src/lan/index.js';
import { createLogger } from '../../src/log.js';

/** The little of a socket the writer uses; each write kept with whether it asked to be called back. */
function recordingSocket(): {
  socket: Socket;
  writes: { bytes: Buffer; callback?: () => void }[];
  ended: () => boolean;
} {
  const writes: { bytes: Buffer; callback?: () => void }[] = [];
  let ended = false;
  const socket = {
    destroyed: false,
    writableNeedDrain: false,
    write: (bytes: Buffer, callback?: () => void) => {
      writes.push(callback === undefined ? { bytes } : { bytes, callback });
      return true;
    },
    end: () => void (ended = true),
    destroy: () => undefined,
  };
  return { socket: socket as unknown as Socket, writes, ended: () => ended };
}

const packet = (byte: number) => Buffer.from([byte, 0, 0, 0, 0, 0, 0, 0]);
const log = createLogger({ level: 'silent' });

afterEach(() => {
  vi.useRealTimers();
});

describe('a TCP client with nothing queued', () => {
  it('gets an answer as one framed write in the same turn, with no callback and no extra turn', () => {
    const { socket, writes } = recordingSocket();
    const onLow = vi.fn();
    const paced = pacedWriter(socket, log, onLow);

    paced.send([[packet(1)]]);

    expect(writes).toEqual([{ bytes: tcpFrame(packet(1)) }]);
    expect(paced.queued()).toBe(0);
    // The caller is serving requests already: it is not asked for more from inside its own loop.
    expect(onLow).not.toHaveBeenCalled();
  });

  it('gets a second packet of the same turn (a punch told at once) a turn later, in its own write', () => {
    vi.useFakeTimers();
    const { socket, writes } = recordingSocket();
    const paced = pacedWriter(socket, log, () => undefined);

    paced.send([[packet(1)]]);
    paced.send([[packet(2)]]);
    expect(writes.map((w) => w.bytes[8])).toEqual([1]);

    vi.runOnlyPendingTimers();
    expect(writes.map((w) => w.bytes)).toEqual([tcpFrame(packet(1)), tcpFrame(packet(2))]);
  });

  it('gets the answer queued behind the kernel when the socket needs a drain', () => {
    const { socket, writes } = recordingSocket();
    (socket as { writableNeedDrain: boolean }).writableNeedDrain = true;
    const paced = pacedWriter(socket, log, () => undefined);

    paced.send([[packet(1)]]);

    expect(writes).toHaveLength(1);
    expect(writes[0]!.callback).toBeTypeOf('function');
  });
});

describe("a chunked read's paced parts", () => {
  it('go out one per gap, and an answer sent meanwhile waits for them, in order', () => {
    vi.useFakeTimers();
    const { socket, writes } = recordingSocket();
    const onLow = vi.fn();
    const paced = pacedWriter(socket, log, onLow);

    paced.send([[packet(1)], [packet(2)]], 0);
    paced.send([[packet(3)]]);
    expect(writes.map((w) => w.bytes[8])).toEqual([1]);

    writes[0]!.callback!();
    vi.advanceTimersByTime(TCP_PART_GAP_MS);
    expect(writes.map((w) => w.bytes[8])).toEqual([1, 2]);

    writes[1]!.callback!();
    vi.advanceTimersByTime(TCP_PART_GAP_MS);
    expect(writes.map((w) => w.bytes[8])).toEqual([1, 2, 3]);
    expect(onLow).not.toHaveBeenCalled();

    writes[2]!.callback!();
    vi.runAllTimers();
    expect(onLow).toHaveBeenCalledTimes(1);
  });

  it('end the connection only after the last part has been written', () => {
    vi.useFakeTimers();
    const { socket, writes, ended } = recordingSocket();
    const paced = pacedWriter(socket, log, () => undefined);

    paced.send([[packet(1)], [packet(2)]], 0);
    paced.end();
    expect(ended()).toBe(false);

    writes[0]!.callback!();
    vi.advanceTimersByTime(TCP_PART_GAP_MS);
    writes[1]!.callback!();
    vi.advanceTimersByTime(TCP_PART_GAP_MS);

    expect(writes).toHaveLength(2);
    expect(ended()).toBe(true);
  });
});
