import type { DlqOverview, Replay } from '@internal/plugin-dlq-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { DlqApi } from '@internal/plugin-dlq-react';
import { rootRouteRef } from '../routes';

/** A DlqApi whose every method is a jest mock; override what the test needs. */
export function fakeDlqApi(
  overrides: Partial<jest.Mocked<DlqApi>> = {},
): jest.Mocked<DlqApi> {
  const notStubbed = (name: string) =>
    jest.fn(async () => {
      throw new Error(`${name} not stubbed`);
    });
  const api: Record<string, jest.Mock> = {};
  for (const name of [
    'listRuntimes',
    'listDlqs',
    'findDeadLettersByTrace',
    'getDlq',
    'getDlqAccess',
    'listGroups',
    'listMessages',
    'getMessage',
    'previewEdit',
    'replayEdited',
    'archive',
    'purge',
    'planReplay',
    'submitReplay',
    'approveReplay',
    'rejectReplay',
    'cancelReplay',
    'listReplays',
    'getReplay',
    'listReplayItems',
    'listAudit',
    'exportAuditCsv',
  ]) {
    api[name] = notStubbed(name);
  }
  return { ...api, ...overrides } as unknown as jest.Mocked<DlqApi>;
}

export const mountedRoutes = {
  '/dead-letters': rootRouteRef,
  '/catalog/:namespace/:kind/:name': entityRouteRef as any,
};

export function dlq(
  partial: Partial<DlqOverview> & { name: string; runtime: string },
): DlqOverview {
  return {
    deadLetterQueue: `${partial.name}.dlq`,
    exchange: 'orders',
    bindingKeys: ['order.created'],
    consumer: 'order-service',
    failed: 0,
    parked: 0,
    archived: 0,
    brokerDepth: 0,
    oldestFailureAt: null,
    oldestAgeSeconds: null,
    entities: {
      owner: 'group:default/team-orders',
      consumer: 'component:default/order-service',
    },
    inflow: [],
    ...partial,
  };
}

export function replay(partial: Partial<Replay> = {}): Replay {
  return {
    id: 'r-0001-aaaa',
    runtime: 'integration-runtime',
    dlq: 'orders.payment',
    status: 'planned',
    selection: { ids: ['m1'] },
    plan: {
      count: 40,
      targets: [
        {
          exchange: 'orders',
          routingKey: 'order.created',
          queue: 'orders.payment',
          count: 40,
        },
      ],
      skipped: [],
      ratePerSecond: 50,
      estimatedSeconds: 1,
      plannedAt: '2026-01-01T10:00:00Z',
    },
    requester: 'user:default/alice',
    reason: null,
    canarySize: 0,
    approvalRequired: false,
    approver: null,
    decisionComment: null,
    jobs: { canary: null, main: null },
    progress: {
      total: 40,
      done: 0,
      counts: {
        pending: 40,
        replayed: 0,
        'skipped-duplicate': 0,
        'skipped-missing': 0,
        'failed-again': 0,
        parked: 0,
        'not-attempted': 0,
      },
    },
    error: null,
    createdAt: '2026-01-01T10:00:00Z',
    submittedAt: null,
    decidedAt: null,
    finishedAt: null,
    ...partial,
  };
}
