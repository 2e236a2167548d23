const UNIT_MS = {
  ms: 1,
  s: 1000,
  m: 60 * 1000,
  h: 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  w: 7 * 24 * 60 * 60 * 1000,
} as const;

// Same grammar as the `duration` definition in Journey.v1alpha1.schema.json.
const DURATION = /^([1-9][0-9]*)(ms|s|m|h|d|w)$/;

/**
 * Milliseconds of a Journey duration such as `10m`, `2h`, `28d` (spec.stuckAfter,
 * objectives[].timeWindow): a positive whole number and one of ms, s, m, h, d, w.
 * Throws a TypeError for anything else.
 */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text);
  if (!match) {
    throw new TypeError(
      `Invalid duration ${JSON.stringify(
        text,
      )}: expected a positive whole number and a unit (ms, s, m, h, d, w), e.g. 10m, 2h or 28d`,
    );
  }
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
