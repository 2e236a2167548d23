import type {
  KpiAggregation,
  MemberCountsResponse,
} from '@internal/plugin-scorecards-common';

/** Entities a rollup counted for one KPI, with or without a status. */
export function memberTotal(counts: MemberCountsResponse): number {
  return counts.green + counts.amber + counts.red + counts.none;
}

/**
 * The members' counts as a leader reads them in a cell, the worst news first:
 * `2 red of 12`, `1 amber of 4`, `all 5 green`, `3 without status`.
 */
export function memberCountsText(counts: MemberCountsResponse): string {
  const total = memberTotal(counts);
  if (total === 0) return 'no entities';
  if (counts.red) return `${counts.red} red of ${total}`;
  if (counts.amber) return `${counts.amber} amber of ${total}`;
  if (counts.green === total)
    return total === 1 ? '1 green' : `all ${total} green`;
  if (counts.green) return `${counts.green} green of ${total}`;
  return `${total} without status`;
}

/** Every count: `12 entities: 8 green, 1 amber, 2 red, 1 without status`. */
export function memberCountsDetail(counts: MemberCountsResponse): string {
  const total = memberTotal(counts);
  const parts = [
    `${counts.green} green`,
    `${counts.amber} amber`,
    `${counts.red} red`,
  ];
  if (counts.none) parts.push(`${counts.none} without status`);
  return `${total} ${total === 1 ? 'entity' : 'entities'}: ${parts.join(', ')}`;
}

const AGGREGATION_TEXT: Record<KpiAggregation, string> = {
  sum: 'sum',
  mean: 'mean',
  median: 'median',
  max: 'highest value, the worst',
  min: 'lowest value, the worst',
};

/**
 * How a rollup's value was made, for a caption: `mean`, `sum`, `lowest value, the
 * worst`. `max`/`min` are the worst only for the KPI's direction, so they say which.
 */
export function aggregationText(
  aggregation: KpiAggregation | undefined,
  direction?: 'higher-is-better' | 'lower-is-better',
): string {
  const a = aggregation ?? 'mean';
  if (a === 'max' && direction === 'higher-is-better') return 'highest value';
  if (a === 'min' && direction === 'lower-is-better') return 'lowest value';
  return AGGREGATION_TEXT[a];
}

/** `aggregated from 12 entities (mean)`; a status is the worst of theirs. */
export function aggregatedFromText(
  counts: MemberCountsResponse | undefined,
  memberCount: number | undefined,
  aggregation: KpiAggregation | undefined,
  direction?: 'higher-is-better' | 'lower-is-better',
): string {
  const n = counts ? memberTotal(counts) : memberCount ?? 0;
  return `aggregated from ${n} ${
    n === 1 ? 'entity' : 'entities'
  } (${aggregationText(aggregation, direction)})`;
}
