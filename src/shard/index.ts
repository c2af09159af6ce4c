// `--shard I/N`: one of N deterministic slices of a list (scenario files, a fleet's clocks), numbered from
// 1 as vitest and Playwright number theirs, so a CI matrix or a Kubernetes Indexed Job can each run one.
import { codedRangeError } from '../errors.js';

export interface Shard {
  /** 1-based: 1 … total. */
  readonly index: number;
  readonly total: number;
}

/** Parses `I/N` (1 ≤ I ≤ N); the error names the flag and what was given. */
export function parseShard(text: string, flag = '--shard'): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw codedRangeError('TC_ERR_SHARD', `${flag} must be I/N, such as 1/4 (got "${text}")`);
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (total < 1) throw codedRangeError('TC_ERR_SHARD', `${flag}: N must be at least 1 (got "${text}")`);
  if (index < 1 || index > total)
    throw codedRangeError('TC_ERR_SHARD', `${flag}: I must be between 1 and ${total} (got "${text}")`);
  return { index, total };
}

/** Whether the item at this 0-based position belongs to the shard: positions are dealt round-robin. */
export function inShard(position: number, shard: Shard): boolean {
  return position % shard.total === shard.index - 1;
}

/** The items of a list that belong to the shard, in their order. */
export function shardOf<T>(items: readonly T[], shard: Shard): T[] {
  return items.filter((_, position) => inShard(position, shard));
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.total}`;
}
