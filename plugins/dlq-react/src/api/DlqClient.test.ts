import { DlqClient } from './DlqClient';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('DlqClient', () => {
  const setup = (response: Response) => {
    const fetch = jest.fn(
      async (_url: string, _init?: RequestInit) => response,
    );
    const client = new DlqClient({
      discoveryApi: {
        getBaseUrl: async (id: string) => `http://backend/api/${id}`,
      },
      fetchApi: { fetch: fetch as any },
    });
    return { client, fetch };
  };

  it('builds the routes and query strings of the REST API', async () => {
    const { client, fetch } = setup(
      json({ items: [], nextCursor: null, total: 0 }),
    );
    await client.listMessages('integration-runtime', 'orders.payment', {
      status: 'failed',
      businessId: 'o 1',
      errorClass: '',
      cursor: 'c2',
      limit: 25,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/dlq/runtimes/integration-runtime/dlqs/orders.payment/messages?status=failed&businessId=o+1&cursor=c2&limit=25',
    );

    fetch.mockResolvedValueOnce(json({ archived: ['a'] }));
    await client.archive(
      'integration-runtime',
      'orders.payment',
      ['a'],
      'duplicate',
    );
    expect(fetch.mock.calls[1][0]).toBe(
      'http://backend/api/dlq/runtimes/integration-runtime/dlqs/orders.payment/messages/archive',
    );
    expect(fetch.mock.calls[1][1]).toMatchObject({
      method: 'POST',
      body: JSON.stringify({ ids: ['a'], reason: 'duplicate' }),
    });
  });

  it("asks for a journey instance's traces in one request, the trace id repeated", async () => {
    const { client, fetch } = setup(
      json({ items: [], errors: [], searchedPerQueue: 500 }),
    );
    const a = 'ab'.repeat(16);
    const b = 'cd'.repeat(16);
    await expect(client.findDeadLettersByTrace([a, b])).resolves.toEqual({
      items: [],
      errors: [],
      searchedPerQueue: 500,
    });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0][0]).toBe(
      `http://backend/api/dlq/dead-letters?traceId=${a}&traceId=${b}`,
    );
  });

  it("rejects with a ResponseError carrying the backend's message", async () => {
    const { client } = setup(
      json(
        {
          error: {
            name: 'NotAllowedError',
            message: "You are not allowed to replay 'orders.payment'",
          },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    await expect(
      client.submitReplay('r1', { reason: 'fixed' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      cause: { message: "You are not allowed to replay 'orders.payment'" },
    });
  });
});
