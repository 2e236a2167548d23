import { JourneysClient } from './JourneysClient';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('JourneysClient', () => {
  const setup = (...responses: Response[]) => {
    const fetch = jest.fn(
      async (_url: string) => responses.shift() ?? json({ items: [] }),
    );
    const client = new JourneysClient({
      discoveryApi: {
        getBaseUrl: async (id: string) => `http://backend/api/${id}`,
      },
      fetchApi: { fetch: fetch as any },
    });
    return { client, fetch, url: (i: number) => fetch.mock.calls[i][0] };
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
    expect(url(3)).toBe('http://backend/api/journeys/search?q=ord+47%2F11');

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
});
