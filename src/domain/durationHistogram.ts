/**
 * The fixed log-scale buckets of task_performance.hist (migration 21's duration_bucket is the SQL
 * twin): bucket 0 holds durations under a minute, bucket k ≥ 1 those in [√2^(k-1), √2^k)
 * minutes, the last one everything longer (about 2.9 years of working minutes and up). Each
 * bucket is ~41% wider than the one before, so a percentile read off them is an estimate within
 * that factor, clamped to the true maximum.
 */
export const HISTOGRAM_BUCKETS = 40;
const MINUTE = 60_000;

/** The bucket of a duration (migration 21's SQL duration_bucket says the same). */
export function bucketOf(ms: number): number {
  if (ms < MINUTE) return 0;
  return Math.min(HISTOGRAM_BUCKETS - 1, 1 + Math.floor(2 * Math.log2(ms / MINUTE)));
}

export function bucketLower(k: number): number {
  return k === 0 ? 0 : MINUTE * Math.SQRT2 ** (k - 1);
}

export function bucketUpper(k: number): number {
  return k >= HISTOGRAM_BUCKETS - 1 ? Infinity : MINUTE * Math.SQRT2 ** k;
}

/**
 * The q-quantile (0 < q ≤ 1) estimated from the bucket counts: the bucket holding the rank, and a
 * linear position within it; never above `max`, never below `min` when given. null for no data.
 */
export function percentileOf(hist: readonly number[], q: number, max: number): number | null {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let before = 0;
  for (let k = 0; k < hist.length; k++) {
    const n = hist[k] ?? 0;
    if (before + n >= rank) {
      const lower = bucketLower(k);
      const upper = Math.min(bucketUpper(k), max);
      const at = lower + (Math.max(upper, lower) - lower) * ((rank - before) / n);
      return Math.round(Math.min(at, max));
    }
    before += n;
  }
  return max;
}
