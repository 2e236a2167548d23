import fs from 'node:fs';
import path from 'node:path';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { parseAllDocuments } from 'yaml';
import { JourneyEntityProcessor } from './JourneyEntityProcessor';

const location: LocationSpec = {
  type: 'file',
  target: '/catalog/journeys.yaml',
};

/** The demo catalog's journeys, which the portal and its tests build on. */
function demoJourneys(): Entity[] {
  const file = path.resolve(
    __dirname,
    '../../../../catalog-info/journeys.yaml',
  );
  return parseAllDocuments(fs.readFileSync(file, 'utf-8')).map(
    doc => doc.toJS() as Entity,
  );
}

/** A valid journey, with spec fields replaced (or removed, when given as undefined). */
function journey(
  spec: Record<string, unknown> = {},
  namespace = 'default',
): Entity {
  const merged: Record<string, unknown> = {
    owner: 'orders',
    components: ['storefront'],
    entry: { service: 'storefront', route: '/storefront/checkout' },
    businessKeys: ['app.order.id'],
    ...spec,
  };
  return {
    apiVersion: 'switchboard.dev/v1alpha1',
    kind: 'Journey',
    metadata: { name: 'checkout', namespace },
    spec: Object.fromEntries(
      Object.entries(merged).filter(([, value]) => value !== undefined),
    ) as Entity['spec'],
  };
}

async function relations(entity: Entity) {
  const results: CatalogProcessorResult[] = [];
  const returned = await new JourneyEntityProcessor().postProcessEntity(
    entity,
    location,
    result => results.push(result),
  );
  expect(returned).toBe(entity);
  return results.map(r =>
    r.type === 'relation'
      ? `${stringifyEntityRef(r.relation.source)} ${
          r.relation.type
        } ${stringifyEntityRef(r.relation.target)}`
      : `unexpected ${r.type}`,
  );
}

describe('JourneyEntityProcessor', () => {
  const processor = new JourneyEntityProcessor();

  describe('validateEntityKind', () => {
    it('accepts the demo catalog journeys', async () => {
      const journeys = demoJourneys();
      expect(journeys.map(j => j.metadata.name)).toEqual([
        'checkout',
        'invoice-sync',
        'refund',
      ]);
      for (const entity of journeys) {
        await expect(processor.validateEntityKind(entity)).resolves.toBe(true);
      }
    });

    it('leaves other kinds to other processors', async () => {
      const component: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'storefront' },
        spec: { type: 'website', owner: 'orders', lifecycle: 'production' },
      };
      await expect(processor.validateEntityKind(component)).resolves.toBe(
        false,
      );
    });

    it.each<[string, Record<string, unknown>, string]>([
      [
        'an entry with both span and route',
        {
          entry: {
            service: 'storefront',
            span: 'POST /storefront/checkout',
            route: '/storefront/checkout',
          },
        },
        'spec.entry: must have exactly one of span or route',
      ],
      ['a missing owner', { owner: undefined }, 'spec.owner: required'],
      [
        'empty components',
        { components: [] },
        'spec.components: must not be empty',
      ],
      [
        'a business key with upper case letters',
        { businessKeys: ['App.Order.Id'] },
        'spec.businessKeys[0]: must be a span attribute name',
      ],
      [
        'a stuckAfter in words',
        { stuckAfter: 'ten minutes' },
        'spec.stuckAfter: must be a duration such as 10m, 2h or 28d',
      ],
      [
        'an objective target in percent',
        {
          objectives: [
            {
              name: 'availability',
              target: 99,
              timeWindow: '28d',
              indicator: {
                ratio: {
                  good: { status: ['ok'] },
                  total: { status: ['ok', 'failed'] },
                },
              },
            },
          ],
        },
        'spec.objectives[0].target: must be < 1',
      ],
      [
        'a component that is not an entity ref',
        { components: ['storefront', 'component:'] },
        'spec.components[1]: Entity reference "component:" was not on the form',
      ],
    ])(
      'rejects %s, naming the entity and the field',
      async (_, spec, message) => {
        const entity = journey(spec);
        await expect(processor.validateEntityKind(entity)).rejects.toThrow(
          `Journey journey:default/checkout is invalid: ${message}`,
        );
      },
    );

    it('rejects a Journey of another apiVersion instead of ignoring it', async () => {
      const entity = { ...journey(), apiVersion: 'backstage.io/v1alpha1' };
      await expect(processor.validateEntityKind(entity)).rejects.toThrow(
        'Journey journey:default/checkout is invalid: apiVersion: must be switchboard.dev/v1alpha1, not backstage.io/v1alpha1',
      );
    });
  });

  describe('postProcessEntity', () => {
    it('relates the journey to its owner, system and components, both ways', async () => {
      expect(
        await relations(
          journey({
            owner: 'orders',
            system: 'commerce',
            components: ['storefront', 'component:default/order-service'],
          }),
        ),
      ).toEqual([
        'journey:default/checkout ownedBy group:default/orders',
        'group:default/orders ownerOf journey:default/checkout',
        'journey:default/checkout partOf system:default/commerce',
        'system:default/commerce hasPart journey:default/checkout',
        'journey:default/checkout dependsOn component:default/storefront',
        'component:default/storefront dependencyOf journey:default/checkout',
        'journey:default/checkout dependsOn component:default/order-service',
        'component:default/order-service dependencyOf journey:default/checkout',
      ]);
    });

    it('resolves short names in the journey namespace and keeps explicit refs', async () => {
      const emitted = await relations(
        journey(
          {
            owner: 'user:default/jane',
            components: ['storefront', 'resource:shop/orders-db'],
          },
          'shop',
        ),
      );
      expect(emitted).toEqual([
        'journey:shop/checkout ownedBy user:default/jane',
        'user:default/jane ownerOf journey:shop/checkout',
        'journey:shop/checkout dependsOn component:shop/storefront',
        'component:shop/storefront dependencyOf journey:shop/checkout',
        'journey:shop/checkout dependsOn resource:shop/orders-db',
        'resource:shop/orders-db dependencyOf journey:shop/checkout',
      ]);
    });

    it('emits no system relation without a system', async () => {
      const emitted = await relations(journey());
      expect(emitted.filter(r => / (partOf|hasPart) /.test(r))).toEqual([]);
    });

    it('emits nothing for other kinds', async () => {
      const component: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'storefront' },
        spec: { owner: 'orders', system: 'commerce' },
      };
      expect(await relations(component)).toEqual([]);
    });

    it('relates the demo checkout to every service of the flow', async () => {
      const checkout = demoJourneys().find(
        j => j.metadata.name === 'checkout',
      )!;
      const dependsOn = (await relations(checkout))
        .filter(r => r.startsWith('journey:default/checkout dependsOn '))
        .map(r => r.split(' ')[2]);
      expect(dependsOn).toEqual(
        [
          'storefront',
          'api-gateway',
          'order-service',
          'payment-service',
          'payment-provider',
          'inventory-service',
          'fulfillment-service',
          'notification-service',
          'erp-connector',
          'legacy-erp',
        ].map(name => `component:default/${name}`),
      );
    });
  });
});
