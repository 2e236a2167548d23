import {
  boundsWith,
  bucketOf,
  DEFAULT_BOUNDS_MS,
  OVERFLOW_LE_MS,
  quantileFromBuckets,
} from './latencyBuckets';

describe('latency buckets', () => {
  it('puts a duration in the smallest bucket at or above it, objective thresholds included', () => {
    const bounds = boundsWith([4500]);
    expect(bucketOf(0, bounds)).toBe(1);
    expect(bucketOf(4000, bounds)).toBe(4000);
    expect(bucketOf(4001, bounds)).toBe(4500);
    expect(bucketOf(4501, bounds)).toBe(5000);
    expect(bucketOf(1e12, bounds)).toBe(OVERFLOW_LE_MS);
    expect(bucketOf(4501, DEFAULT_BOUNDS_MS)).toBe(5000);
  });

  it('reads quantiles within one bucket step of the exact value', () => {
    const bounds = boundsWith([]);
    const values = Array.from({ length: 10_000 }, (_, i) => 50 + (i % 3000));
    const counts = new Map<number, number>();
    for (const v of values) {
      const le = bucketOf(v, bounds);
      counts.set(le, (counts.get(le) ?? 0) + 1);
    }
    const sorted = [...values].sort((a, b) => a - b);
    for (const q of [0.5, 0.95, 0.99]) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1];
      const estimate = quantileFromBuckets(counts, q, bounds)!;
      expect(Math.abs(estimate - exact) / exact).toBeLessThan(0.25);
    }
    expect(quantileFromBuckets(new Map(), 0.5)).toBeNull();
    // Instances without a latency (le 0: in flight, stuck) never count.
    expect(quantileFromBuckets(new Map([[0, 5]]), 0.5)).toBeNull();
  });
});
