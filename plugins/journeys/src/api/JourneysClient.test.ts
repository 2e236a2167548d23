import { JourneysClient } from './JourneysClient';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('JourneysClient', () => {
  const setup = (...responses: Response[]) => {
    const fetch = jest.fn(
      async (_input: string | Request) =>
        responses.shift() ?? json({ items: [] }),
    );
    const client = new JourneysClient({
      discoveryApi: {
        getBaseUrl: async (id: string) => `http://backend/api/${id}`,
      },
      fetchApi: { fetch: fetch as any },
    });
    // The SLO routes go through openapi-fetch, which hands fetch a Request.
    const url = (i: number) => {
      const input = fetch.mock.calls[i][0];
      return typeof input === 'string' ? input : input.url;
    };
    return { client, fetch, url };
  };

  it('builds the routes and query strings of the REST contract', async () => {
    const { client, url } = setup(
      json({ items: [{ ref: 'journey:default/checkout' }] }),
      json({ items: [] }),
      json({ items: [] }),
      json({ query: 'ord 47/11', matches: [] }),
      json({ instance: {}, spans: [], criticalPath: [], truncated: false }),
      json({}),
    );

    await expect(client.listJourneys({ window: '6h' })).resolves.toEqual([
      { ref: 'journey:default/checkout' },
    ]);
    expect(url(0)).toBe('http://backend/api/journeys/journeys?window=6h');

    await client.listJourneys({
      window: '24h',
      component: 'component:default/payment-service',
    });
    expect(url(1)).toBe(
      'http://backend/api/journeys/journeys?window=24h&component=component%3Adefault%2Fpayment-service',
    );

    await client.listInstances(
      { namespace: 'default', name: 'checkout' },
      { status: 'stuck', limit: 20, window: '1h' },
    );
    expect(url(2)).toBe(
      'http://backend/api/journeys/journeys/default/checkout/instances?status=stuck&limit=20&window=1h',
    );

    await client.search('ord 47/11');
    expect(url(3)).toBe('http://backend/api/journeys/search?q=ord%2047%2F11');

    await client.getInstance('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(url(4)).toBe(
      'http://backend/api/journeys/instances/4bf92f3577b34da6a3ce929d0e0e4736',
    );

    await client.getSpan(
      '4bf92f3577b34da6a3ce929d0e0e4736',
      '00f067aa0ba902b7',
    );
    expect(url(5)).toBe(
      'http://backend/api/journeys/spans/4bf92f3577b34da6a3ce929d0e0e4736/00f067aa0ba902b7',
    );
  });

  it('asks for the window ending at `end` when given, and only then', async () => {
    const { client, url } = setup();
    await client.listJourneys({
      window: '24h',
      end: '2026-12-05T00:15:00.000Z',
    });
    expect(url(0)).toBe(
      'http://backend/api/journeys/journeys?window=24h&end=2026-12-05T00%3A15%3A00.000Z',
    );
    await client.listJourneys({
      window: '1h',
      component: 'component:default/storefront',
      end: '2026-12-06T00:00:00.000Z',
    });
    expect(url(1)).toBe(
      'http://backend/api/journeys/journeys?window=1h&component=component%3Adefault%2Fstorefront&end=2026-12-06T00%3A00%3A00.000Z',
    );
    await client.listJourneys({ window: '7d', end: undefined });
    expect(url(2)).toBe('http://backend/api/journeys/journeys?window=7d');
  });

  it('asks for the slowest instances with sort=duration', async () => {
    const { client, url } = setup();
    await client.listInstances(
      { namespace: 'shop', name: 'refund' },
      { sort: 'duration', limit: 10, window: '7d' },
    );
    expect(url(0)).toBe(
      'http://backend/api/journeys/journeys/shop/refund/instances?sort=duration&limit=10&window=7d',
    );
  });

  it("rejects with a ResponseError carrying the backend's message", async () => {
    const { client } = setup(
      json(
        {
          error: { name: 'InputError', message: 'q must not be empty' },
          response: { statusCode: 400 },
        },
        400,
      ),
    );
    await expect(client.search('')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      cause: { name: 'InputError', message: 'q must not be empty' },
    });
  });

  it('rejects on 404 for an unknown instance', async () => {
    const { client } = setup(
      json(
        {
          error: { name: 'NotFoundError', message: "No instance 'abc'" },
          response: { statusCode: 404 },
        },
        404,
      ),
    );
    await expect(client.getInstance('abc')).rejects.toMatchObject({
      statusCode: 404,
      cause: { message: "No instance 'abc'" },
    });
  });

  describe('SLO routes (typed from the OpenAPI document)', () => {
    it('lists the objectives, with the owner as query parameter when given', async () => {
      const summary = { journey: 'journey:default/checkout', objective: 'ok' };
      const { client, fetch, url } = setup(
        json({ items: [summary] }),
        json({ items: [] }),
      );

      await expect(client.listSlos()).resolves.toEqual([summary]);
      expect(url(0)).toBe('http://backend/api/journeys/slos');
      expect((fetch.mock.calls[0][0] as Request).method).toBe('GET');

      await client.listSlos({ owner: 'group:default/team-orders' });
      expect(url(1)).toBe(
        'http://backend/api/journeys/slos?owner=group%3Adefault%2Fteam-orders',
      );
    });

    it("reads one journey's objectives, each path part one encoded segment", async () => {
      const body = {
        journey: 'journey:shop/check out',
        journeyTitle: 'Check out',
        owner: 'group:default/team-orders',
        objectives: [],
      };
      const { client, url } = setup(json(body));
      await expect(
        client.getJourneySlos({ namespace: 'shop', name: 'check out' }),
      ).resolves.toEqual(body);
      expect(url(0)).toBe('http://backend/api/journeys/slos/shop/check%20out');
    });

    it("rejects with a ResponseError carrying the backend's message", async () => {
      const { client } = setup(
        json(
          {
            error: {
              name: 'NotFoundError',
              message: "No journey 'journey:default/gone'",
            },
            response: { statusCode: 404 },
          },
          404,
        ),
        json(
          {
            error: { name: 'InputError', message: 'owner is too long' },
            response: { statusCode: 400 },
          },
          400,
        ),
      );
      await expect(
        client.getJourneySlos({ namespace: 'default', name: 'gone' }),
      ).rejects.toMatchObject({
        name: 'ResponseError',
        statusCode: 404,
        cause: {
          name: 'NotFoundError',
          message: "No journey 'journey:default/gone'",
        },
      });
      await expect(
        client.listSlos({ owner: 'x'.repeat(300) }),
      ).rejects.toMatchObject({
        statusCode: 400,
        cause: { message: 'owner is too long' },
      });
    });

    it('rejects a success without a body instead of returning undefined', async () => {
      const { client } = setup(new Response(null, { status: 204 }));
      await expect(client.listSlos()).rejects.toThrow(
        'journeys-backend answered GET /slos without a body',
      );
    });
  });
});
