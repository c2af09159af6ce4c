// ByteQueue, under every streaming decoder: a huge chunk does not keep its memory once it is used up.
import { describe, expect, it } from 'vitest';
import { ByteQueue, Em4100Decoder } from '../../src/serial/index.js';

describe('ByteQueue', () => {
  it('gives back the memory of a 10 MiB chunk once it is emptied', () => {
    const q = new ByteQueue(64);

    q.push(Buffer.alloc(10 * 1024 * 1024, 0x41));
    const grown = q.capacity;
    q.drop(q.length);

    expect(grown).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    expect(q.capacity).toBe(64);
    expect(q.offset).toBe(10 * 1024 * 1024);
  });

  it('lets a decoder fed 10 MiB of noise in one chunk hold nothing afterwards', () => {
    const d = new Em4100Decoder();

    expect(d.push(Buffer.alloc(10 * 1024 * 1024, 0x41))).toEqual([]);

    expect(d.buffered).toBe(0);
  });
});
