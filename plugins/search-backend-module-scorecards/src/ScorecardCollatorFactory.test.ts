import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { KpiResponse } from '@internal/plugin-scorecards-common';
import {
  ScorecardCollatorFactory,
  ScorecardDocument,
} from './ScorecardCollatorFactory';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'orders', description: 'Order intake and checkout.' },
    spec: { type: 'team', profile: { displayName: 'Orders team' } },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'commerce', title: 'Commerce' },
    spec: { owner: 'orders' },
  },
  {
    apiVersion: 'switchboard.dev/v1alpha1',
    kind: 'Journey',
    metadata: {
      name: 'checkout',
      namespace: 'shop',
      title: 'Checkout',
      description: 'From basket to confirmed order.',
    },
    spec: { owner: 'orders' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'storefront' },
    spec: { type: 'website', owner: 'orders', lifecycle: 'production' },
  },
];

const kpi = (id: string, title: string, entityKinds: string[]) =>
  ({ id, title, entityKinds } as KpiResponse);
const kpis = [
  kpi('journey.successRate', 'Success rate', ['Journey']),
  kpi('dlq.backlogDepth', 'Dead letters backlog', ['Resource']),
  kpi('integration.ownershipCompleteness', 'Ownership completeness', [
    'API',
    'Resource',
  ]),
];

async function collect(factory: ScorecardCollatorFactory) {
  const documents: ScorecardDocument[] = [];
  for await (const d of await factory.getCollator()) documents.push(d);
  return documents;
}

function factoryWith(fetchImpl: typeof fetch, batchSize = 500) {
  const logger = mockServices.logger.mock();
  const catalog = catalogServiceMock({ entities });
  const queries = jest.spyOn(catalog, 'queryEntities');
  const factory = new ScorecardCollatorFactory({
    catalog,
    auth: mockServices.auth({ pluginId: 'search' }),
    discovery: mockServices.discovery.mock({
      getBaseUrl: async id => `http://backend.test/api/${id}`,
    }),
    logger,
    batchSize,
    fetch: fetchImpl,
  });
  return { factory, logger, queries };
}

describe('ScorecardCollatorFactory', () => {
  it('indexes the overview and one scorecard per team, system and journey, naming their KPIs', async () => {
    const fetchImpl = jest.fn(
      async (_url: string | URL | Request, _init?: RequestInit) =>
        new Response(JSON.stringify({ items: kpis }), { status: 200 }),
    );
    const { factory, queries } = factoryWith(fetchImpl as typeof fetch, 2);
    expect(factory.type).toBe('scorecard');
    expect(factory.visibilityPermission.name).toBe('catalog.entity.read');

    expect(await collect(factory)).toEqual([
      {
        title: 'Scorecards — KPI scorecards for teams, systems and journeys',
        text: 'KPI scorecards per team, system and journey, with each value’s status against its thresholds and its change week over week and month over month. KPIs: Success rate, Dead letters backlog, Ownership completeness.',
        location: '/scorecards',
        kind: 'overview',
      },
      {
        title: 'Scorecard: Checkout',
        text: 'KPI scorecard of the journey Checkout. From basket to confirmed order. KPIs: Success rate.',
        location: '/scorecards/journey/shop/checkout',
        kind: 'Journey',
        entityRef: 'journey:shop/checkout',
        authorization: { resourceRef: 'journey:shop/checkout' },
      },
      {
        title: 'Scorecard: Commerce',
        text: 'KPI scorecard of the system Commerce, rolled up from its parts. KPIs: Success rate, Dead letters backlog, Ownership completeness.',
        location: '/scorecards/system/default/commerce',
        kind: 'System',
        entityRef: 'system:default/commerce',
        authorization: { resourceRef: 'system:default/commerce' },
      },
      {
        title: 'Scorecard: Orders team',
        text: 'KPI scorecard of the team Orders team, rolled up from what it owns. Order intake and checkout. KPIs: Success rate, Dead letters backlog, Ownership completeness.',
        location: '/scorecards/group/default/orders',
        kind: 'Group',
        entityRef: 'group:default/orders',
        authorization: { resourceRef: 'group:default/orders' },
      },
    ]);

    // The KPI list is read as the search plugin, with a token for scorecards.
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const [url, init] = fetchImpl.mock.calls[0];
    expect(url).toBe('http://backend.test/api/scorecards/kpis');
    expect((init?.headers as Record<string, string>).Authorization).toMatch(
      /^Bearer mock-service-token:.*"sub":"plugin:search".*"target":"scorecards"/,
    );
    // Three entities, two per page; the component is never asked for.
    expect(queries).toHaveBeenCalledTimes(2);
    expect(queries.mock.calls[0][0]).toMatchObject({
      filter: { kind: ['Group', 'System', 'Journey'] },
      limit: 2,
    });
  });

  it('still indexes every scorecard, without KPI names, when the scorecards backend does not answer', async () => {
    const { factory, logger } = factoryWith(
      (async () =>
        new Response(
          JSON.stringify({ error: { name: 'NotAllowedError', message: 'no' } }),
          { status: 403 },
        )) as typeof fetch,
    );
    const documents = await collect(factory);
    expect(documents.map(d => [d.location, d.text])).toEqual([
      [
        '/scorecards',
        'KPI scorecards per team, system and journey, with each value’s status against its thresholds and its change week over week and month over month.',
      ],
      [
        '/scorecards/journey/shop/checkout',
        'KPI scorecard of the journey Checkout. From basket to confirmed order.',
      ],
      [
        '/scorecards/system/default/commerce',
        'KPI scorecard of the system Commerce, rolled up from its parts.',
      ],
      [
        '/scorecards/group/default/orders',
        'KPI scorecard of the team Orders team, rolled up from what it owns. Order intake and checkout.',
      ],
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Scorecards search documents are indexed without their KPIs: GET /api/scorecards/kpis answered 403',
    );
  });
});
