import { KpiDefinition } from '@internal/plugin-scorecards-common';

/** APIs, and topics and queues (Resources of `spec.type` topic or queue). */
export const CONTRACT_KINDS = ['API', 'Resource'];

export const CATALOG_KPI_IDS = {
  deprecatedConsumers: 'integration.deprecatedConsumers',
  ownershipCompleteness: 'integration.ownershipCompleteness',
} as const;

export type CatalogKpiId =
  (typeof CATALOG_KPI_IDS)[keyof typeof CATALOG_KPI_IDS];

const K = CATALOG_KPI_IDS;

export const CATALOG_KPIS: readonly KpiDefinition[] = [
  {
    id: K.deprecatedConsumers,
    title: 'Consumers on a deprecated contract',
    description:
      'Components that still consume this API, topic or queue although it is deprecated (lifecycle deprecated, a sunset date on an API, or a deprecation on a topic or queue), as the catalog has them when the snapshot is taken. 0 for a contract that is not deprecated.',
    unit: 'count',
    entityKinds: CONTRACT_KINDS,
    direction: 'lower-is-better',
    domain: { min: 0 },
    aggregation: 'sum',
    defaultThresholds: [
      { status: 'green', expression: '<1' },
      { status: 'amber', expression: '[1, 3)' },
      { status: 'red', expression: '>=3' },
    ],
  },
  {
    id: K.ownershipCompleteness,
    title: 'Ownership completeness',
    description:
      'Share of four checks an API, topic or queue meets in the catalog when the snapshot is taken: an owner that is a group or user in the catalog; a way to reach it (the owner’s email, a chat channel, or a link); a definition (the API’s document; for a topic or queue, the AsyncAPI document it comes from); a description.',
    unit: 'percent',
    entityKinds: CONTRACT_KINDS,
    direction: 'higher-is-better',
    domain: { min: 0, max: 100 },
    aggregation: 'mean',
    defaultThresholds: [
      { status: 'green', expression: '>=100' },
      { status: 'amber', expression: '[75, 100)' },
      { status: 'red', expression: '<75' },
    ],
  },
];
