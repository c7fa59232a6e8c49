import { bucketLower, bucketOf, bucketUpper, HISTOGRAM_BUCKETS, percentileOf } from '../../src/domain/durationHistogram';

const MINUTE = 60_000;
const histOf = (durations: number[]) => {
  const hist = new Array<number>(HISTOGRAM_BUCKETS).fill(0);
  for (const d of durations) hist[bucketOf(d)]++;
  return hist;
};

describe('duration histogram (Kinerja SOP percentiles)', () => {
  it('puts each duration in the bucket whose bounds hold it', () => {
    for (const ms of [0, 30_000, MINUTE, 90 * MINUTE, 4.5 * 3_600_000, 7.5 * 3_600_000 * 20]) {
      const k = bucketOf(ms);
      expect(bucketLower(k)).toBeLessThanOrEqual(ms);
      expect(bucketUpper(k)).toBeGreaterThan(ms);
    }
  });

  it('estimates a percentile within its bucket, never above the longest', () => {
    const durations = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((m) => m * MINUTE);
    const hist = histOf(durations);
    const median = percentileOf(hist, 0.5, 100 * MINUTE)!;
    expect(median).toBeGreaterThanOrEqual(50 * MINUTE / Math.SQRT2);
    expect(median).toBeLessThanOrEqual(50 * MINUTE * Math.SQRT2);
    expect(percentileOf(hist, 1, 100 * MINUTE)).toBe(100 * MINUTE);
    expect(percentileOf(histOf([5 * MINUTE]), 0.9, 5 * MINUTE)).toBe(5 * MINUTE);
    expect(percentileOf(new Array(HISTOGRAM_BUCKETS).fill(0), 0.5, 0)).toBeNull();
  });
});
