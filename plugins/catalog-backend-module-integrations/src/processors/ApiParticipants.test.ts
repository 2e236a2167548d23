import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ApiParticipants } from './AsyncApiEntityProcessor';

describe('ApiParticipants', () => {
  const component = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payment-service', namespace: 'default' },
  };

  it('retries once when the catalog connection is reset, and gives up on other errors', async () => {
    const reset = Object.assign(
      new Error(
        'request to http://localhost/api/catalog/entities failed, reason: socket hang up',
      ),
      { code: 'ECONNRESET' },
    );
    const catalog = catalogServiceMock.mock({
      getEntities: jest
        .fn()
        .mockRejectedValueOnce(reset)
        .mockResolvedValue({ items: [component] }),
    });
    const participants = new ApiParticipants(catalog, mockServices.auth());
    const { providers, consumers } = await participants.of(
      'api:default/payment-events',
    );
    expect(providers).toEqual([
      { kind: 'Component', namespace: 'default', name: 'payment-service' },
    ]);
    expect(consumers).toHaveLength(1);
    expect(catalog.getEntities).toHaveBeenCalledTimes(3);

    const failing = catalogServiceMock.mock({
      getEntityByRef: jest.fn().mockRejectedValue(new Error('boom')),
    });
    await expect(
      new ApiParticipants(failing, mockServices.auth()).api('api:default/x'),
    ).rejects.toThrow('boom');
    expect(failing.getEntityByRef).toHaveBeenCalledTimes(1);
  });
});
