/**
 * Answers of dlq-backend's routes, typed with the contract's own types
 * (`@internal/plugin-dlq-common` api.ts, whose runtime shapes are generated from the
 * runtime admin API's openapi.yaml), so a fixture that drifts from the contract does not
 * compile.
 */
import { DlqOverview, Replay, ReplayCounts } from '@internal/plugin-dlq-common';

/**
 * Inflow buckets as the integration runtime cuts them for dlq-backend (FailureStore.inflow:
 * hourly up to 24 hours, else 6-hourly; aligned to their size, the last one holding now).
 */
export function inflow(
  now: number,
  hours: number,
  countAt: (startMs: number) => number,
): DlqOverview['inflow'] {
  const bucketMs = (hours <= 24 ? 60 : 360) * 60_000;
  const end = Math.floor(now / bucketMs) * bucketMs + bucketMs;
  const n = Math.ceil((hours * 3_600_000) / bucketMs);
  const start = end - n * bucketMs;
  return Array.from({ length: n }, (_, i) => ({
    start: new Date(start + i * bucketMs).toISOString(),
    count: countAt(start + i * bucketMs),
  }));
}

export function dlq(
  runtime: string,
  name: string,
  overrides: Partial<DlqOverview> = {},
): DlqOverview {
  return {
    runtime,
    name,
    deadLetterQueue: `${name}.dlq`,
    exchange: 'shop',
    bindingKeys: [`${name}.created`],
    consumer: `${name}-service`,
    failed: 0,
    parked: 0,
    archived: 0,
    brokerDepth: 0,
    oldestFailureAt: null,
    oldestAgeSeconds: null,
    entities: {
      queue: `resource:default/${name}-queue`,
      consumer: `component:default/${name}-service`,
      owner: 'group:default/orders',
    },
    inflow: [],
    ...overrides,
  };
}

export function replay(
  id: string,
  fields: {
    runtime?: string;
    dlq?: string;
    status?: Replay['status'];
    createdAt: string;
    finishedAt: string | null;
    counts?: Partial<ReplayCounts>;
  },
): Replay {
  const counts: ReplayCounts = {
    pending: 0,
    replayed: 0,
    'skipped-duplicate': 0,
    'skipped-missing': 0,
    'failed-again': 0,
    parked: 0,
    'not-attempted': 0,
    ...fields.counts,
  };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    id,
    runtime: fields.runtime ?? 'integration-runtime',
    dlq: fields.dlq ?? 'orders',
    status: fields.status ?? 'completed',
    selection: { fingerprint: 'f00d' },
    plan: {
      count: total,
      targets: [],
      skipped: [],
      ratePerSecond: 50,
      estimatedSeconds: Math.ceil(total / 50),
      plannedAt: fields.createdAt,
    },
    requester: 'user:default/ops',
    reason: 'payment provider fixed',
    canarySize: 0,
    approvalRequired: false,
    approver: null,
    decisionComment: null,
    jobs: { canary: null, main: `job-${id}` },
    progress: { total, done: total - counts.pending, counts },
    error: null,
    createdAt: fields.createdAt,
    submittedAt: fields.createdAt,
    decidedAt: null,
    finishedAt: fields.finishedAt,
  };
}

/** Backstage's JSON error body, as every dlq route answers an error. */
export function errorBody(name: string, message: string, statusCode: number) {
  return {
    error: { name, message },
    request: { method: 'GET', url: '/api/dlq/...' },
    response: { statusCode },
  };
}
