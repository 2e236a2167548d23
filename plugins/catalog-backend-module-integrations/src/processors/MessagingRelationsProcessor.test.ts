import fs from 'node:fs';
import path from 'node:path';
import {
  Entity,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { parseAllDocuments } from 'yaml';
import { MessagingRelationsProcessor } from './MessagingRelationsProcessor';

const location: LocationSpec = { type: 'file', target: '/catalog/queues.yaml' };

function resource(
  spec: Record<string, unknown>,
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'payment-service.order-created', namespace },
    spec: { type: 'queue', owner: 'payments', ...spec } as Entity['spec'],
  };
}

async function process(entity: Entity) {
  const results: CatalogProcessorResult[] = [];
  const returned = await new MessagingRelationsProcessor().postProcessEntity(
    entity,
    location,
    result => results.push(result),
  );
  expect(returned).toBe(entity);
  return {
    relations: results.flatMap(r =>
      r.type === 'relation'
        ? [
            `${stringifyEntityRef(r.relation.source)} ${
              r.relation.type
            } ${stringifyEntityRef(r.relation.target)}`,
          ]
        : [],
    ),
    errors: results.flatMap(r => (r.type === 'error' ? [r.error.message] : [])),
  };
}

describe('MessagingRelationsProcessor', () => {
  it('relates declared publishers and subscribers, both ways', async () => {
    const { relations, errors } = await process(
      resource({
        publishers: ['order-service'],
        subscribers: ['component:payment-service', 'component:ops/auditor'],
      }),
    );

    expect(errors).toEqual([]);
    const queue = 'resource:default/payment-service.order-created';
    expect(relations).toEqual([
      `component:default/order-service publishesTo ${queue}`,
      `${queue} publishedBy component:default/order-service`,
      `component:default/payment-service subscribesTo ${queue}`,
      `${queue} subscribedBy component:default/payment-service`,
      `component:ops/auditor subscribesTo ${queue}`,
      `${queue} subscribedBy component:ops/auditor`,
    ]);
  });

  it('resolves refs without a namespace in the resource namespace', async () => {
    const { relations } = await process(
      resource({ subscribers: ['payment-service'] }, 'shop'),
    );
    expect(relations).toContain(
      'component:shop/payment-service subscribesTo resource:shop/payment-service.order-created',
    );
  });

  it.each([
    [
      'a deprecation without sunset date',
      { deprecation: { replacement: 'resource:order-events-v2' } },
      'spec.deprecation.sunset: required',
    ],
    [
      'a sunset that is not a date',
      { deprecation: { sunset: 'next spring' } },
      'spec.deprecation.sunset: expected an ISO date (YYYY-MM-DD)',
    ],
    [
      'an unknown deliveryGuarantee',
      { deliveryGuarantee: 'exactly-twice' },
      'spec.deliveryGuarantee: ',
    ],
    [
      'publishers that are not a list',
      { publishers: 'order-service' },
      'spec.publishers: ',
    ],
    [
      'subscribers that are not strings',
      { subscribers: ['payment-service', 42] },
      'spec.subscribers[1]: ',
    ],
    [
      'a subscriber that is not an entity ref',
      { subscribers: ['component:'] },
      'spec.subscribers[0]: expected an entity ref',
    ],
    [
      'a message without name',
      { messages: [{ version: '1.0.0' }] },
      'spec.messages[0].name: ',
    ],
  ])('rejects %s, naming the entity and the field', async (_, spec, field) => {
    const { relations, errors } = await process(
      resource({ subscribers: ['payment-service'], ...spec }),
    );

    expect(relations).toEqual([]);
    expect(errors).toEqual([
      expect.stringContaining(
        `Messaging resource resource:default/payment-service.order-created has an invalid spec: ${field}`,
      ),
    ]);
  });

  it('ignores resources that are not topics or queues', async () => {
    const database = resource({ type: 'database', publishers: 'not checked' });
    expect(await process(database)).toEqual({ relations: [], errors: [] });
  });

  it('accepts the demo catalog queues, which Backstage’s Resource schema accepts too', async () => {
    const file = path.resolve(
      __dirname,
      '../../../../catalog-info/queues.yaml',
    );
    const entities = parseAllDocuments(fs.readFileSync(file, 'utf-8')).map(
      doc => doc.toJS() as Entity,
    );

    const queue = entities.find(
      e => e.metadata.name === 'payment-service.order-created',
    )!;
    expect(await process(queue)).toEqual({
      errors: [],
      relations: [
        'component:default/payment-service subscribesTo resource:default/payment-service.order-created',
        'resource:default/payment-service.order-created subscribedBy component:default/payment-service',
      ],
    });
    for (const entity of entities) {
      expect((await process(entity)).errors).toEqual([]);
      await expect(resourceEntityV1alpha1Validator.check(entity)).resolves.toBe(
        true,
      );
    }
  });

  it('Backstage’s Resource schema accepts every messaging spec field', async () => {
    const entity = resource({
      system: 'payments',
      lifecycle: 'production',
      broker: 'rabbitmq',
      address: { exchange: 'orders', routingKey: 'order.created', queue: 'q' },
      deliveryGuarantee: 'at-least-once',
      messages: [{ name: 'OrderCreated', version: '1.3.0' }],
      deprecation: { sunset: '2027-03-31', replacement: 'resource:q2' },
      publishers: ['order-service'],
      subscribers: ['payment-service'],
    });
    await expect(resourceEntityV1alpha1Validator.check(entity)).resolves.toBe(
      true,
    );
    expect((await process(entity)).errors).toEqual([]);
  });
});
