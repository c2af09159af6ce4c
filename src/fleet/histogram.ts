// Latencies as a log-bucketed histogram (about 1 % wide buckets, like HDR histograms): small enough to
// keep per minute in a report, and mergeable by adding counts, so that shards' percentiles can be
// recomputed rather than averaged.

/** Bucket i holds values v with floor(ln(1 + v) / ln(GROWTH)) = i. */
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);

/** Sparse: bucket index → count. JSON-friendly as it is. */
export interface Histogram {
  count: number;
  sum: number;
  max: number;
  buckets: Record<string, number>;
}

export function newHistogram(): Histogram {
  return { count: 0, sum: 0, max: 0, buckets: {} };
}

export function record(h: Histogram, value: number): void {
  const v = Math.max(0, value);
  const i = Math.floor(Math.log1p(v) / LOG_GROWTH);
  h.buckets[i] = (h.buckets[i] ?? 0) + 1;
  h.count++;
  h.sum += v;
  if (v > h.max) h.max = v;
}

export function mergeInto(into: Histogram, from: Histogram): void {
  for (const [i, n] of Object.entries(from.buckets)) into.buckets[i] = (into.buckets[i] ?? 0) + n;
  into.count += from.count;
  into.sum += from.sum;
  into.max = Math.max(into.max, from.max);
}

/** The value below which `p` % of the values fall (the bucket's middle, never above the max); NaN when empty. */
export function percentile(h: Histogram, p: number): number {
  if (h.count === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * h.count));
  const indices = Object.keys(h.buckets)
    .map(Number)
    .sort((a, b) => a - b);
  let seen = 0;
  for (const i of indices) {
    seen += h.buckets[i]!;
    if (seen >= rank) return Math.min(h.max, Math.expm1((i + 0.5) * LOG_GROWTH));
  }
  return h.max;
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function percentilesOf(h: Histogram): Percentiles {
  return { p50: percentile(h, 50), p90: percentile(h, 90), p99: percentile(h, 99), max: h.count ? h.max : Number.NaN };
}
