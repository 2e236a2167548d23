import { KpiDefinition } from '@internal/plugin-scorecards-common';

/** The catalog kind of a consumer queue (`spec.type: queue`), which dlq-backend maps to. */
export const QUEUE_KINDS = ['Resource'];

export const DLQ_KPI_IDS = {
  backlogDepth: 'dlq.backlogDepth',
  oldestMessageAge: 'dlq.oldestMessageAge',
  inflowPerDay: 'dlq.inflowPerDay',
  replaySuccessRate: 'dlq.replaySuccessRate',
} as const;

export type DlqKpiId = (typeof DLQ_KPI_IDS)[keyof typeof DLQ_KPI_IDS];

const K = DLQ_KPI_IDS;

export const DLQ_KPIS: readonly KpiDefinition[] = [
  {
    id: K.backlogDepth,
    title: 'Dead letters backlog',
    description:
      'Dead letters of the queue still to deal with when the snapshot is taken: failed and parked messages in the failure store plus those still on the broker’s dead-letter queue (archived ones not counted). A team’s, system’s or domain’s backlog is the sum over its queues.',
    unit: 'count',
    entityKinds: QUEUE_KINDS,
    direction: 'lower-is-better',
    domain: { min: 0 },
    aggregation: 'sum',
    defaultThresholds: [
      { status: 'green', expression: '<10' },
      { status: 'amber', expression: '[10, 100)' },
      { status: 'red', expression: '>=100' },
    ],
  },
  {
    id: K.oldestMessageAge,
    title: 'Oldest dead letter',
    description:
      'How long the oldest dead letter of the queue has waited since its last failure, when the snapshot is taken (0 when none waits; parked and archived ones not counted). A team’s, system’s or domain’s figure is the oldest dead letter among its queues.',
    unit: 'hours',
    entityKinds: QUEUE_KINDS,
    direction: 'lower-is-better',
    domain: { min: 0 },
    aggregation: 'max',
    defaultThresholds: [
      { status: 'green', expression: '<4' },
      { status: 'amber', expression: '[4, 24)' },
      { status: 'red', expression: '>=24' },
    ],
  },
  {
    id: K.inflowPerDay,
    title: 'Dead letters inflow',
    description:
      'Dead letters of the queue that arrived in the period, as a daily rate (an hour counts 24 times). A team’s, system’s or domain’s inflow is the sum over its queues.',
    unit: 'per-day',
    entityKinds: QUEUE_KINDS,
    direction: 'lower-is-better',
    domain: { min: 0 },
    aggregation: 'sum',
    defaultThresholds: [
      { status: 'green', expression: '<10' },
      { status: 'amber', expression: '[10, 100)' },
      { status: 'red', expression: '>=100' },
    ],
  },
  {
    id: K.replaySuccessRate,
    title: 'Replay success rate',
    description:
      'Of the messages re-driven by replays of the queue that finished in the period, the share the consumer then processed: replayed / (replayed + failed again + parked). Messages skipped as duplicates or missing do not count. A team’s, system’s or domain’s rate is the mean of its queues’ rates (each queue weighs the same); its status is the worst queue’s.',
    unit: 'percent',
    entityKinds: QUEUE_KINDS,
    direction: 'higher-is-better',
    domain: { min: 0, max: 100 },
    aggregation: 'mean',
    defaultThresholds: [
      { status: 'green', expression: '>=95' },
      { status: 'amber', expression: '[80, 95)' },
      { status: 'red', expression: '<80' },
    ],
  },
];
