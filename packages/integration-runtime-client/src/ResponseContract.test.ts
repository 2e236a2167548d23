import { ResponseContract } from './ResponseContract';

describe('ResponseContract', () => {
  const contract = new ResponseContract();
  const error = {
    error: { name: 'InputError', message: 'bad' },
    request: { method: 'GET', url: '/v1/dlqs' },
    response: { statusCode: 400 },
  };

  it('accepts answers that match openapi.yaml', () => {
    expect(contract.problems('GET', '/v1/dlqs', 200, { items: [] })).toEqual(
      [],
    );
    expect(
      contract.problems('GET', '/v1/dlqs/{dlq}/messages', 400, error),
    ).toEqual([]);
    expect(
      contract.problems('POST', '/v1/messages/archive', 200, { archived: [] }),
    ).toEqual([]);
  });

  it('names what does not match', () => {
    expect(contract.problems('GET', '/v1/dlqs', 200, {})).toEqual([
      "(body) must have required property 'items'",
    ]);
    expect(
      contract.problems('GET', '/v1/dlqs', 200, { items: [{}] })[0],
    ).toMatch(/^\/items\/0 must have required property/);
    expect(contract.problems('GET', '/v1/dlqs', 401, { oops: 1 })).toEqual(
      expect.arrayContaining([expect.stringContaining("'error'")]),
    );
    // /v1/messages/archive is its own operation, not /v1/messages/{id}.
    expect(
      contract.problems('POST', '/v1/messages/archive', 200, { purged: [] }),
    ).toEqual(["(body) must have required property 'archived'"]);
    expect(contract.problems('GET', '/v1/replays', 418, {})).toEqual([
      'status 418 is not declared',
    ]);
    expect(contract.problems('DELETE', '/v1/dlqs', 200, {})).toEqual([
      'DELETE /v1/dlqs is not in the contract',
    ]);
    expect(contract.problems('GET', '/v2/nothing', 200, {})).toEqual([
      'GET /v2/nothing is not in the contract',
    ]);
  });

  it('reports at most three problems', () => {
    const problems = contract.problems('GET', '/v1/dlqs', 200, {
      items: [{}, {}, {}],
    });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.length).toBeLessThanOrEqual(3);
  });
});
