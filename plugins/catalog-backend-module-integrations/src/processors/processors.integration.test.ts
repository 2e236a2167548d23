import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogModuleIntegrations } from '../module';

const DEMO_CATALOG = path.resolve(
  __dirname,
  '../../../../catalog-info/all.yaml',
);

/** Polls until `check` passes: catalog processing is eventually consistent. */
async function eventually<T>(
  probe: () => Promise<T>,
  check: (value: T) => void,
  timeoutMs = 75_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    try {
      check(value);
      return value;
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }
}

/** The real catalog with this module, loading the demo catalog. */
function startCatalog() {
  return startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleIntegrations,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Domain',
                  'API',
                  'Resource',
                  'Location',
                  'Group',
                  'User',
                  'Journey',
                ],
              },
            ],
            locations: [{ type: 'file', target: DEMO_CATALOG }],
            // Relations to providers appear once the components are stitched,
            // on the API's next processing round: keep the rounds short.
            processingInterval: { seconds: 1 },
          },
        },
      }),
    ],
  });
}

describe('catalog with the integrations module, on the demo catalog', () => {
  it('derives order.created from order-events with its publisher and subscribers', async () => {
    const backend = await startCatalog();
    try {
      const url = `http://localhost:${backend.server.port()}/api/catalog/entities/by-name/resource/default/order.created`;
      const topic = await eventually(
        async () => {
          const response = await fetch(url);
          return response.ok ? ((await response.json()) as Entity) : undefined;
        },
        entity => {
          const refs = (type: string) =>
            (entity?.relations ?? [])
              .filter(r => r.type === type)
              .map(r => r.targetRef);
          expect(refs('publishedBy')).toContain(
            'component:default/order-service',
          );
          expect(refs('subscribedBy')).toContain(
            'component:default/payment-service',
          );
        },
      );
      expect(topic?.spec).toMatchObject({
        type: 'topic',
        broker: 'rabbitmq',
        address: { exchange: 'orders', routingKey: 'order.created' },
      });
    } finally {
      await backend.stop();
    }
  }, 100_000);

  it('relates the demo journeys to their owner, system and components', async () => {
    const backend = await startCatalog();
    try {
      const base = `http://localhost:${backend.server.port()}/api/catalog/entities/by-name`;
      const related = (entity: Entity | undefined, type: string) =>
        (entity?.relations ?? [])
          .filter(r => r.type === type)
          .map(r => r.targetRef);
      const fetchEntity = async (ref: string) => {
        const response = await fetch(`${base}/${ref}`);
        return response.ok ? ((await response.json()) as Entity) : undefined;
      };
      const checkout = await eventually(
        () => fetchEntity('journey/default/checkout'),
        entity => {
          expect(related(entity, 'ownedBy')).toEqual(['group:default/orders']);
          expect(related(entity, 'partOf')).toEqual([
            'system:default/commerce',
          ]);
          expect(related(entity, 'dependsOn')).toContain(
            'component:default/payment-service',
          );
        },
      );
      expect(related(checkout, 'dependsOn')).toHaveLength(10);
      // The reverse relations land on the components, so their graph shows the journey.
      await eventually(
        () => fetchEntity('component/default/erp-connector'),
        entity =>
          expect(
            related(entity, 'dependencyOf')
              .filter(ref => ref.startsWith('journey:'))
              .sort(),
          ).toEqual([
            'journey:default/checkout',
            'journey:default/invoice-sync',
            'journey:default/refund',
          ]),
      );
    } finally {
      await backend.stop();
    }
  }, 100_000);
});
