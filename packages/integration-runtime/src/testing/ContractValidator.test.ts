import { ContractValidator } from './ContractValidator';

describe('ContractValidator', () => {
  const contract = new ContractValidator();
  const error = (statusCode: number) => ({
    error: { name: 'InputError', message: 'bad' },
    request: { method: 'GET', url: '/v1/dlqs' },
    response: { statusCode },
  });

  it('accepts answers that match openapi.yaml', () => {
    expect(
      contract.check('GET', '/v1/dlqs', 200, { items: [] }),
    ).toBeUndefined();
    expect(
      contract.check(
        'GET',
        '/v1/dlqs/orders/messages?limit=5',
        400,
        error(400),
      ),
    ).toBeUndefined();
    expect(
      contract.check('POST', '/v1/messages/archive', 200, { archived: [] }),
    ).toBeUndefined();
  });

  it('names what does not match', () => {
    expect(contract.check('GET', '/v1/dlqs', 200, {})).toContain('items');
    expect(contract.check('GET', '/v1/dlqs', 401, { oops: 1 })).toContain(
      'error',
    );
    // /v1/messages/archive is its own operation, not /v1/messages/{id}.
    expect(
      contract.check('POST', '/v1/messages/archive', 200, { purged: [] }),
    ).toContain('archived');
    expect(contract.check('GET', '/v1/replays', 418, {})).toContain(
      'does not declare status 418',
    );
    expect(contract.check('DELETE', '/v1/dlqs', 200, {})).toContain(
      'not in the contract',
    );
    expect(contract.check('GET', '/v2/nothing', 200, {})).toContain(
      'not in the contract',
    );
    expect(() => contract.assert('GET', '/v1/dlqs', 200, {})).toThrow(
      /GET \/v1\/dlqs 200 does not match the contract/,
    );
  });
});
