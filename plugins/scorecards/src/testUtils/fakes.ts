import type { Entity } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type {
  AggregateRowResponse,
  EntityKpiValueResponse,
  MemberCountsResponse,
  MemberRowResponse,
  EntityScorecardResponse,
  HistoryPointResponse,
  KpiResponse,
} from '@internal/plugin-scorecards-common';
import type { ScorecardsApi } from '../api/ScorecardsApi';
import { rootRouteRef } from '../routes';

/** A ScorecardsApi whose every method is a jest mock; override what the test needs. */
export function fakeScorecardsApi(
  overrides: Partial<jest.Mocked<ScorecardsApi>> = {},
): jest.Mocked<ScorecardsApi> {
  const notStubbed = (name: string) =>
    jest.fn(async () => {
      throw new Error(`${name} not stubbed`);
    });
  const api: Record<string, jest.Mock> = {};
  for (const name of [
    'listKpis',
    'getEntityScorecard',
    'getKpiHistory',
    'listAggregations',
    'listMembers',
  ]) {
    api[name] = notStubbed(name);
  }
  return { ...api, ...overrides } as unknown as jest.Mocked<ScorecardsApi>;
}

export const mountedRoutes = {
  '/scorecards': rootRouteRef,
  '/catalog/:namespace/:kind/:name': entityRouteRef as any,
};

export const SUCCESS_RATE: KpiResponse = {
  id: 'journey.successRate',
  title: 'Success rate',
  description:
    'Instances that completed without a failure, of all that finished in the day.',
  unit: 'percent',
  entityKinds: ['Journey', 'Group', 'System'],
  direction: 'higher-is-better',
  domain: { min: 0, max: 100 },
  thresholds: [
    { status: 'green', expression: '>=99' },
    { status: 'amber', expression: '[95, 99)' },
    { status: 'red', expression: '<95' },
  ],
  thresholdSource: 'default',
};

export const BACKLOG: KpiResponse = {
  id: 'dlq.backlogDepth',
  title: 'Dead letters backlog',
  description:
    'Messages waiting in the dead-letter queues at the end of the day.',
  unit: 'count',
  entityKinds: ['Group', 'Resource'],
  direction: 'lower-is-better',
  aggregation: 'sum',
  thresholds: [
    { status: 'green', expression: '<=10' },
    { status: 'amber', expression: '(10, 100]' },
    { status: 'red', expression: '>100' },
  ],
  thresholdSource: 'config',
};

export const KPIS = [SUCCESS_RATE, BACKLOG];

export function kpiValue(
  partial: Partial<EntityKpiValueResponse> & { kpiId: string; value: number },
): EntityKpiValueResponse {
  return { thresholdSource: 'default', ...partial };
}

export function scorecard(
  entityRef: string,
  items: EntityKpiValueResponse[],
  partial: Partial<EntityScorecardResponse> = {},
): EntityScorecardResponse {
  const count = (s: string) => items.filter(i => i.status === s).length;
  return {
    entityRef,
    day: '2026-12-04',
    counts: { green: count('green'), amber: count('amber'), red: count('red') },
    unknown: items.filter(i => !i.status).length,
    items,
    ...partial,
  };
}

/** Daily points from `values`, the last one on 2026-12-04. */
export function dailyHistory(
  values: Array<[number, HistoryPointResponse['status']?]>,
): HistoryPointResponse[] {
  const last = Date.UTC(2026, 11, 4);
  return values.map(([value, status], i) => ({
    bucketStart: new Date(
      last - (values.length - 1 - i) * 86_400_000,
    ).toISOString(),
    value,
    status,
  }));
}

export function group(
  name: string,
  spec: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', ...metadata },
    spec: { type: 'team', children: [], ...spec },
  };
}

export function journey(
  name: string,
  owner: string,
  metadata: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'switchboard.dev/v1alpha1',
    kind: 'Journey',
    metadata: { name, namespace: 'default', ...metadata },
    spec: { owner },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

/** Reads what the CSV downloads contained (the Blob's parts, as jsdom cannot read a Blob back). */
export function captureDownloads() {
  const texts: string[] = [];
  const names: string[] = [];
  const OriginalBlob = globalThis.Blob;
  globalThis.Blob = class extends OriginalBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      super(parts, options);
      texts.push((parts ?? []).map(String).join(''));
    }
  };
  (URL as any).createObjectURL = jest.fn(() => `blob:${texts.length}`);
  (URL as any).revokeObjectURL = jest.fn();
  const click = jest
    .spyOn(HTMLAnchorElement.prototype, 'click')
    .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
      names.push(this.download);
    });
  return {
    names,
    lastText: () => texts[texts.length - 1],
    restore: () => {
      click.mockRestore();
      globalThis.Blob = OriginalBlob;
    },
  };
}

/** Member counts for a rollup's KPI value. */
export function members(
  partial: Partial<MemberCountsResponse> = {},
): MemberCountsResponse {
  return { green: 0, amber: 0, red: 0, none: 0, ...partial };
}

/** One row of GET /aggregations. */
export function aggregateRow(
  entityRef: string,
  title: string,
  items: EntityKpiValueResponse[],
  partial: Partial<AggregateRowResponse> = {},
): AggregateRowResponse {
  const count = (s: string) => items.filter(i => i.status === s).length;
  return {
    entityRef,
    title,
    counts: { green: count('green'), amber: count('amber'), red: count('red') },
    unknown: items.filter(i => !i.status).length,
    memberCount: 0,
    items,
    ...partial,
  };
}

/** One row of GET /entities/…/members. */
export function memberRow(
  entityRef: string,
  title: string,
  items: EntityKpiValueResponse[],
  partial: Partial<MemberRowResponse> = {},
): MemberRowResponse {
  const count = (s: string) => items.filter(i => i.status === s).length;
  return {
    entityRef,
    kind: entityRef.split(':')[0],
    title,
    counts: { green: count('green'), amber: count('amber'), red: count('red') },
    unknown: items.filter(i => !i.status).length,
    items,
    ...partial,
  };
}

/** A page of a rollup route: `total` defaults to the rows given. */
export function rollupPage<Row>(items: Row[], total = items.length) {
  return { day: '2026-12-04', kind: 'group', entityRef: '', total, items };
}
