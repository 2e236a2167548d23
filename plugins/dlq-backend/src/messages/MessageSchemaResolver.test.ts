import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import { MessageSchemaResolver } from './MessageSchemaResolver';

const ORDER_EVENTS = fs.readFileSync(
  path.resolve(
    __dirname,
    '../../../../catalog-info/apis/order-events.asyncapi.yaml',
  ),
  'utf-8',
);

const topic = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'order.created', annotations },
  spec: {
    type: 'topic',
    owner: 'orders',
    address: { exchange: 'orders', routingKey: 'order.created' },
  },
});
const api: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'order-events' },
  spec: { type: 'asyncapi', owner: 'orders', definition: ORDER_EVENTS },
};
const described = topic({
  'switchboard.dev/asyncapi-api': 'api:default/order-events',
  'switchboard.dev/asyncapi-channel': 'orderCreated',
});

function resolver(entities: Entity[]) {
  return new MessageSchemaResolver(
    catalogServiceMock({ entities }),
    mockServices.auth(),
    mockServices.logger.mock(),
  );
}

describe('MessageSchemaResolver', () => {
  it("finds the payload schema of the topic's channel, also under a namespaced exchange", async () => {
    for (const exchange of ['orders', 'staging.orders']) {
      const found = await resolver([described, api]).resolve(
        exchange,
        'order.created',
      );
      expect(found).toMatchObject({
        found: true,
        source: {
          api: 'api:default/order-events',
          topic: 'resource:default/order.created',
          channel: 'orderCreated',
          message: 'OrderCreated',
          version: '1.3.0',
        },
      });
      expect(found.found && found.schema.required).toContain('currency');
    }
  });

  it('says why there is no schema', async () => {
    await expect(
      resolver([described, api]).resolve('billing', 'order.created'),
    ).resolves.toEqual({
      found: false,
      why: 'no topic in the catalog has the address billing / order.created',
    });
    await expect(
      resolver([topic({}), api]).resolve('orders', 'order.created'),
    ).resolves.toEqual({
      found: false,
      why: 'topic resource:default/order.created is not described by an AsyncAPI document',
    });
    await expect(
      resolver([described]).resolve('orders', 'order.created'),
    ).resolves.toMatchObject({
      found: false,
      why: expect.stringContaining('has no AsyncAPI definition in the catalog'),
    });
  });
});
