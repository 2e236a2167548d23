/** Numbers as the benches print them: `12,345.6`. */
export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });

export const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MiB`;

export const log = (line = '') => console.log(line);

/** The nearest-rank quantile of sorted values (NaN when there are none). */
export function quantile(sorted: number[], q: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** p50, p99, max and mean of unsorted timings. */
export function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return {
    p50: quantile(s, 0.5),
    p99: quantile(s, 0.99),
    max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}
