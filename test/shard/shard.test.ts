import { describe, expect, it } from 'vitest';
import { formatShard, inShard, parseShard, shardOf } from '../../src/shard/index.js';

describe('shards', () => {
  it('parses I/N numbered from 1', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
    expect(formatShard(parseShard(' 1 / 1 '))).toBe('1/1');
  });

  it('refuses what is not a slice, naming the flag', () => {
    expect(() => parseShard('0/4')).toThrow('--shard: I must be between 1 and 4 (got "0/4")');
    expect(() => parseShard('5/4')).toThrow(/between 1 and 4/);
    expect(() => parseShard('1/0')).toThrow(/N must be at least 1/);
    expect(() => parseShard('two', '--fleet-shard')).toThrow('--fleet-shard must be I/N, such as 1/4 (got "two")');
  });

  it('deals every item to exactly one shard, the shards within one item of each other in size', () => {
    const items = Array.from({ length: 103 }, (_, i) => i);
    const shards = [1, 2, 3, 4].map((index) => shardOf(items, { index, total: 4 }));
    expect(shards.flat().sort((a, b) => a - b)).toEqual(items);
    const sizes = shards.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(inShard(5, { index: 2, total: 4 })).toBe(true);
  });
});
