import { createRuntimeAdminClient } from './createRuntimeAdminClient';
import { RuntimeContractError } from './RuntimeContractError';

/** A client whose runtime answers every request with `status` and `body`. */
function clientAnswering(status: number, body: string) {
  const seen: string[] = [];
  const client = createRuntimeAdminClient({
    baseUrl: 'http://runtime.test',
    fetch: async (request: Request) => {
      seen.push(`${request.method} ${request.url}`);
      return new Response(body, {
        status,
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  return { client, seen };
}

const overview = {
  name: 'orders',
  deadLetterQueue: 'orders.dlq',
  exchange: 'orders',
  bindingKeys: ['order.created'],
  consumer: 'order-service',
  failed: 1,
  parked: 0,
  archived: 0,
  brokerDepth: 1,
  oldestFailureAt: '2025-01-01T00:00:00.000Z',
  oldestAgeSeconds: 60,
};

describe('createRuntimeAdminClient', () => {
  it('passes answers that match the contract', async () => {
    const { client, seen } = clientAnswering(200, JSON.stringify(overview));
    const { data } = await client.request('get', '/v1/dlqs/{dlq}', {
      params: { path: { dlq: 'orders' } },
    });
    expect(data).toEqual(overview);
    expect(seen).toEqual(['GET http://runtime.test/v1/dlqs/orders']);
  });

  it('passes error answers the operation declares', async () => {
    const { client } = clientAnswering(
      404,
      JSON.stringify({ error: { name: 'NotFoundError', message: 'no' } }),
    );
    const { error, response } = await client.request('get', '/v1/dlqs/{dlq}', {
      params: { path: { dlq: 'nope' } },
    });
    expect(response.status).toBe(404);
    expect(error).toEqual({ error: { name: 'NotFoundError', message: 'no' } });
  });

  it('names the operation and the first problems of an off-contract answer', async () => {
    const { client } = clientAnswering(
      200,
      JSON.stringify({ ...overview, failed: 'many' }),
    );
    const error = await client
      .request('get', '/v1/dlqs/{dlq}', { params: { path: { dlq: 'orders' } } })
      .catch(e => e);
    expect(error).toBeInstanceOf(RuntimeContractError);
    expect(error.operation).toBe('GET /v1/dlqs/{dlq}');
    expect(error.problems).toEqual(['/failed must be integer']);
    expect(error.message).toBe(
      'GET /v1/dlqs/{dlq} answered 200 off the runtime admin API contract: /failed must be integer',
    );
  });

  it('checks a literal path against its own operation, not a templated one', async () => {
    // /v1/messages/archive answers { archived }, /v1/messages/{id} a message.
    const { client } = clientAnswering(200, JSON.stringify({ archived: [] }));
    await expect(
      client.request('post', '/v1/messages/archive', {
        body: { ids: ['a'], reason: 'done', requester: 'ines' },
      }),
    ).resolves.toMatchObject({ data: { archived: [] } });
    await expect(
      client.request('get', '/v1/messages/{id}', {
        params: { path: { id: 'archive' } },
      }),
    ).rejects.toThrow(/GET \/v1\/messages\/\{id\} answered 200 off/);
  });

  it('refuses bodies that are not JSON and statuses the operation does not declare', async () => {
    const garbage = await clientAnswering(200, '<html>')
      .client.request('get', '/v1/dlqs')
      .catch(e => e);
    expect(garbage).toBeInstanceOf(RuntimeContractError);
    expect(garbage.notJson).toBe(true);
    expect(garbage.problems).toEqual(['the body is not JSON']);

    const teapot = await clientAnswering(418, '{}')
      .client.request('get', '/v1/replays')
      .catch(e => e);
    expect(teapot.problems).toEqual(['status 418 is not declared']);
    expect(teapot.response.status).toBe(418);
  });
});
