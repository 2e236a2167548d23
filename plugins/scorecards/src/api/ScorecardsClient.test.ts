import { ScorecardsClient } from './ScorecardsClient';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/** Backstage's JSON error body, as every backend route answers it. */
const errorBody = (name: string, message: string, statusCode: number) =>
  json({ error: { name, message }, response: { statusCode } }, statusCode);

describe('ScorecardsClient', () => {
  const setup = (...responses: Response[]) => {
    const fetch = jest.fn(
      async (_input: string | Request) =>
        responses.shift() ?? json({ items: [] }),
    );
    const client = new ScorecardsClient({
      discoveryApi: {
        getBaseUrl: async (id: string) => `http://backend/api/${id}`,
      },
      fetchApi: { fetch: fetch as any },
    });
    const url = (i: number) => {
      const input = fetch.mock.calls[i][0];
      return typeof input === 'string' ? input : input.url;
    };
    return { client, fetch, url };
  };

  it('builds the routes and query strings of the REST contract', async () => {
    const { client, url } = setup(
      json({ items: [{ id: 'journey.successRate' }] }),
      json({ entityRef: 'journey:shop/refund', items: [] }),
      json({ entityRef: 'group:default/orders', items: [] }),
      json({ items: [{ bucketStart: '2026-12-01T00:00:00Z', value: 1 }] }),
    );

    await expect(client.listKpis()).resolves.toEqual([
      { id: 'journey.successRate' },
    ]);
    expect(url(0)).toBe('http://backend/api/scorecards/kpis');

    await client.getEntityScorecard('journey:shop/refund', '2026-12-04');
    expect(url(1)).toBe(
      'http://backend/api/scorecards/entities/journey/shop/refund?day=2026-12-04',
    );

    await client.getEntityScorecard('group:orders');
    expect(url(2)).toBe(
      'http://backend/api/scorecards/entities/group/default/orders',
    );

    await expect(
      client.getKpiHistory('journey:default/checkout', {
        kpiId: 'journey.successRate',
        from: new Date(Date.UTC(2026, 10, 4)),
        to: new Date(Date.UTC(2026, 11, 5)),
        granularity: 'day',
      }),
    ).resolves.toHaveLength(1);
    const history = new URL(url(3));
    expect(history.pathname).toBe(
      '/api/scorecards/entities/journey/default/checkout/history',
    );
    expect(Object.fromEntries(history.searchParams)).toEqual({
      kpiId: 'journey.successRate',
      from: '2026-11-04T00:00:00.000Z',
      to: '2026-12-05T00:00:00.000Z',
      granularity: 'day',
    });
  });

  it('answers undefined for an entity the backend does not know or show', async () => {
    const { client } = setup(
      errorBody('NotFoundError', 'No entity group:default/secret', 404),
    );
    await expect(
      client.getEntityScorecard('group:default/secret'),
    ).resolves.toBeUndefined();
  });

  it("throws the backend's error otherwise", async () => {
    const { client } = setup(
      errorBody('NotAllowedError', 'Denied', 403),
      errorBody('InputError', 'kpiId: unknown', 400),
    );
    await expect(
      client.getEntityScorecard('group:default/x'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      cause: { name: 'NotAllowedError', message: 'Denied' },
    });
    await expect(
      client.getKpiHistory('group:default/x', {
        kpiId: 'nope',
        from: new Date(0),
        to: new Date(1),
      }),
    ).rejects.toMatchObject({
      statusCode: 400,
      cause: { name: 'InputError', message: 'kpiId: unknown' },
    });
  });

  it('asks /aggregations for one filtered, sorted page, repeating list parameters', async () => {
    const page = {
      day: '2026-12-04',
      kind: 'system',
      total: 42,
      items: [{ entityRef: 'system:default/shop' }],
    };
    const { client, url } = setup(json(page), json({ ...page, items: [] }));

    await expect(
      client.listAggregations({
        kind: 'system',
        q: ' shop ',
        status: ['red', 'amber'],
        kpiId: 'journey.successRate',
        sort: 'value',
        order: 'desc',
        offset: 50,
        limit: 25,
        entityRefs: ['group:default/orders', 'group:default/payments'],
      }),
    ).resolves.toEqual(page);
    const u = new URL(url(0));
    expect(u.pathname).toBe('/api/scorecards/aggregations');
    expect(u.searchParams.get('kind')).toBe('system');
    expect(u.searchParams.get('q')).toBe('shop');
    expect(u.searchParams.getAll('status')).toEqual(['red', 'amber']);
    expect(u.searchParams.getAll('entityRef')).toEqual([
      'group:default/orders',
      'group:default/payments',
    ]);
    expect(u.searchParams.get('kpiId')).toBe('journey.successRate');
    expect(u.searchParams.get('sort')).toBe('value');
    expect(u.searchParams.get('order')).toBe('desc');
    expect(u.searchParams.get('offset')).toBe('50');
    expect(u.searchParams.get('limit')).toBe('25');

    // Nothing set, nothing sent: the backend's defaults apply.
    await client.listAggregations({ q: '  ', status: [], entityRefs: [] });
    expect(url(1)).toBe('http://backend/api/scorecards/aggregations');
  });

  it("asks for a rollup's members, and answers undefined when the rollup is not readable", async () => {
    const page = {
      entityRef: 'group:default/orders',
      day: '2026-12-04',
      total: 3,
      items: [],
    };
    const { client, url } = setup(
      json(page),
      errorBody('NotFoundError', 'No entity group:default/secret', 404),
      errorBody('InputError', 'sort: must be one of', 400),
    );
    await expect(
      client.listMembers('group:orders', {
        memberKind: 'journey',
        q: 'check',
        status: ['none'],
        sort: 'status',
        order: 'desc',
        offset: 0,
        limit: 10,
      }),
    ).resolves.toEqual(page);
    const u = new URL(url(0));
    expect(u.pathname).toBe(
      '/api/scorecards/entities/group/default/orders/members',
    );
    expect(Object.fromEntries(u.searchParams)).toEqual({
      memberKind: 'journey',
      q: 'check',
      status: 'none',
      sort: 'status',
      order: 'desc',
      offset: '0',
      limit: '10',
    });
    await expect(
      client.listMembers('group:default/secret'),
    ).resolves.toBeUndefined();
    await expect(
      client.listMembers('group:default/orders', { sort: 'title' }),
    ).rejects.toMatchObject({ statusCode: 400 });
  });
});
