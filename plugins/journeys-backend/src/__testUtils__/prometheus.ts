/** A real Prometheus text parser (parse-prometheus-text-format) for the exposition's tests. */
export interface ParsedFamily {
  name: string;
  help: string;
  type: string;
  metrics: {
    value?: string;
    labels?: Record<string, string>;
    buckets?: Record<string, string>;
  }[];
}
// The package ships no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const parsePrometheusTextFormat: (
  text: string,
) => ParsedFamily[] = require('parse-prometheus-text-format');

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Every sample of the exposition, read by a real parser. parse-prometheus-text-format folds
 * a histogram's samples into one bucket map and drops `_sum`/`_count` when they carry labels
 * (its open issue #13), so the histogram's lines are read as plain samples: its TYPE line is
 * checked on its own, from the unmodified text.
 */
export function samples(text: string): Sample[] {
  const untyped = text.replace(/^# TYPE (\S+) histogram$/gm, '');
  return parsePrometheusTextFormat(untyped).flatMap(f =>
    f.metrics.map(m => ({
      name: f.name,
      labels: m.labels ?? {},
      value: Number(m.value),
    })),
  );
}
