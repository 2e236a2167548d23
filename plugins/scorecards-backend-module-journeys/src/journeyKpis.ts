import { KpiDefinition } from '@internal/plugin-scorecards-common';

const JOURNEY = ['Journey'];

/** The KPI ids this module provides, one per figure. */
export const JOURNEY_KPI_IDS = {
  volumePerDay: 'journey.volumePerDay',
  successRate: 'journey.successRate',
  failuresPerThousand: 'journey.failuresPerThousand',
  cycleTimeP50: 'journey.cycleTimeP50',
  cycleTimeP95: 'journey.cycleTimeP95',
  sloAttainment: 'journey.sloAttainment',
  errorBudgetRemaining: 'journey.errorBudgetRemaining',
  recoveredByReplay: 'journey.recoveredByReplay',
  replayRecoveryP50: 'journey.replayRecoveryP50',
  dataFreshness: 'journey.dataFreshness',
  mttrMean: 'journey.mttrMean',
  mttrMedian: 'journey.mttrMedian',
} as const;

export type JourneyKpiId =
  (typeof JOURNEY_KPI_IDS)[keyof typeof JOURNEY_KPI_IDS];

const K = JOURNEY_KPI_IDS;

export const JOURNEY_KPIS: readonly KpiDefinition[] = [
  {
    id: K.volumePerDay,
    title: 'Volume',
    description:
      'Journey instances started in the period, whatever their outcome, as a daily rate (an hour counts 24 times). A team’s, system’s or domain’s volume is the sum over its journeys.',
    unit: 'per-day',
    entityKinds: JOURNEY,
    direction: 'higher-is-better',
    domain: { min: 0 },
    aggregation: 'sum',
    defaultThresholds: [{ status: 'green', expression: '>=0' }],
  },
  {
    id: K.successRate,
    title: 'Success rate',
    description:
      'Of the instances started in the period that reached a verdict, the share that finished: ok or recovered by a replay. Rejected ones (the caller was refused with a 4xx) and ones still in flight do not count; failed and stuck ones count against. A team’s, system’s or domain’s rate is the mean of its journeys’ rates (each journey weighs the same, whatever its volume); its status is the worst journey’s.',
    unit: 'percent',
    entityKinds: JOURNEY,
    direction: 'higher-is-better',
    domain: { min: 0, max: 100 },
    aggregation: 'mean',
    defaultThresholds: [
      { status: 'green', expression: '>=99' },
      { status: 'amber', expression: '[95, 99)' },
      { status: 'red', expression: '<95' },
    ],
  },
  {
    id: K.failuresPerThousand,
    title: 'Failures per 1,000',
    description:
      'Failed instances per 1,000 instances started in the period (a failure is an error in a step’s latest attempt, not fixed by a replay). A team’s, system’s or domain’s figure is the mean over its journeys (each weighs the same).',
    unit: 'per-thousand',
    entityKinds: JOURNEY,
    direction: 'lower-is-better',
    domain: { min: 0, max: 1000 },
    aggregation: 'mean',
    defaultThresholds: [
      { status: 'green', expression: '<10' },
      { status: 'amber', expression: '[10, 50)' },
      { status: 'red', expression: '>=50' },
    ],
  },
  {
    id: K.cycleTimeP50,
    title: 'Cycle time p50',
    description:
      'Median time from a journey’s first step to its outcome, of ok and failed instances started in the period (replays excluded), from the journeys rollups’ latency buckets. A team’s, system’s or domain’s figure is its slowest journey’s.',
    unit: 'milliseconds',
    entityKinds: JOURNEY,
    direction: 'lower-is-better',
    domain: { min: 0 },
    aggregation: 'max',
    defaultThresholds: [
      { status: 'green', expression: '<2000' },
      { status: 'amber', expression: '[2000, 10000)' },
      { status: 'red', expression: '>=10000' },
    ],
  },
  {
    id: K.cycleTimeP95,
    title: 'Cycle time p95',
    description:
      '95th percentile of the time from a journey’s first step to its outcome, of ok and failed instances started in the period (replays excluded). A team’s, system’s or domain’s figure is its slowest journey’s.',
    unit: 'milliseconds',
    entityKinds: JOURNEY,
    direction: 'lower-is-better',
    domain: { min: 0 },
    aggregation: 'max',
    defaultThresholds: [
      { status: 'green', expression: '<5000' },
      { status: 'amber', expression: '[5000, 30000)' },
      { status: 'red', expression: '>=30000' },
    ],
  },
  {
    id: K.sloAttainment,
    title: 'SLO attainment',
    description:
      'The worst objective of the journey: its SLI over its rolling window divided by its target, as a percentage (100 % is exactly on target). Objectives without valid events are left out. A team’s, system’s or domain’s attainment is its worst journey’s.',
    unit: 'percent',
    entityKinds: JOURNEY,
    direction: 'higher-is-better',
    domain: { min: 0 },
    aggregation: 'min',
    defaultThresholds: [
      { status: 'green', expression: '>=100' },
      { status: 'amber', expression: '[99, 100)' },
      { status: 'red', expression: '<99' },
    ],
  },
  {
    id: K.errorBudgetRemaining,
    title: 'Error budget remaining',
    description:
      'The least error budget left among the journey’s objectives over their rolling windows, as a percentage of the budget (below 0 when blown). A team’s, system’s or domain’s figure is the least budget left among its journeys.',
    unit: 'percent',
    entityKinds: JOURNEY,
    direction: 'higher-is-better',
    domain: { max: 100 },
    aggregation: 'min',
    defaultThresholds: [
      { status: 'green', expression: '>25' },
      { status: 'amber', expression: '[0, 25]' },
      { status: 'red', expression: '<0' },
    ],
  },
  {
    id: K.recoveredByReplay,
    title: 'Recovered by replay',
    description:
      'Instances started in the period that failed first and were finished by a replay of their dead letters. A team’s, system’s or domain’s count is the sum over its journeys.',
    unit: 'count',
    entityKinds: JOURNEY,
    direction: 'lower-is-better',
    domain: { min: 0 },
    aggregation: 'sum',
    defaultThresholds: [
      { status: 'green', expression: '<10' },
      { status: 'amber', expression: '[10, 50)' },
      { status: 'red', expression: '>=50' },
    ],
  },
  {
    id: K.replayRecoveryP50,
    title: 'Time to recover by replay (median)',
    description:
      'Median time from the first failure to the end of the replay that finished it, of instances started in the period and recovered by a replay. A team’s, system’s or domain’s figure is its slowest journey’s.',
    unit: 'seconds',
    entityKinds: JOURNEY,
    direction: 'lower-is-better',
    domain: { min: 0 },
    aggregation: 'max',
    defaultThresholds: [
      { status: 'green', expression: '<3600' },
      { status: 'amber', expression: '[3600, 14400)' },
      { status: 'red', expression: '>=14400' },
    ],
  },
  {
    id: K.dataFreshness,
    title: 'Data freshness',
    description:
      'Time since the latest instance that finished ok ended, measured when the snapshot is taken: for sync journeys (invoice-sync), how old the synced data is. A team’s, system’s or domain’s figure is its stalest journey’s.',
    unit: 'hours',
    entityKinds: JOURNEY,
    direction: 'lower-is-better',
    domain: { min: 0 },
    aggregation: 'max',
    defaultThresholds: [
      { status: 'green', expression: '<24' },
      { status: 'amber', expression: '[24, 48)' },
      { status: 'red', expression: '>=48' },
    ],
  },
  {
    id: K.mttrMean,
    title: 'MTTR (mean)',
    description:
      'Mean time from an SLO burn-rate alert firing to its resolve, over the journey’s alerts (any objective, page or ticket) resolved in the period. A team’s, system’s or domain’s figure is the longest among its journeys.',
    unit: 'hours',
    entityKinds: JOURNEY,
    direction: 'lower-is-better',
    domain: { min: 0 },
    aggregation: 'max',
    defaultThresholds: [
      { status: 'green', expression: '<1' },
      { status: 'amber', expression: '[1, 4)' },
      { status: 'red', expression: '>=4' },
    ],
  },
  {
    id: K.mttrMedian,
    title: 'MTTR (median)',
    description:
      'Median time from an SLO burn-rate alert firing to its resolve, over the journey’s alerts (any objective, page or ticket) resolved in the period. A team’s, system’s or domain’s figure is the longest among its journeys.',
    unit: 'hours',
    entityKinds: JOURNEY,
    direction: 'lower-is-better',
    domain: { min: 0 },
    aggregation: 'max',
    defaultThresholds: [
      { status: 'green', expression: '<1' },
      { status: 'amber', expression: '[1, 4)' },
      { status: 'red', expression: '>=4' },
    ],
  },
];
