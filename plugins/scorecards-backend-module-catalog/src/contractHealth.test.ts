import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  contractCatalog,
  expectedValues,
} from './__fixtures__/contractCatalog';
import {
  addressKey,
  CatalogIndex,
  consumersOf,
  contractHealth,
  isContract,
  isDeprecated,
  ownershipChecks,
} from './contractHealth';

const ref = (e: Entity) => stringifyEntityRef(e).toLocaleLowerCase('en-US');
const byName = (name: string) =>
  contractCatalog.find(e => e.metadata.name === name)!;

/** The index as CatalogIndexReader builds it, straight from the fixture. */
function indexOf(entities: Entity[]): CatalogIndex {
  const index: CatalogIndex = {
    owners: new Map(),
    apis: new Map(),
    topicsByAddress: new Map(),
  };
  for (const e of entities) {
    if (e.kind === 'Group' || e.kind === 'User') index.owners.set(ref(e), e);
    if (e.kind === 'API') index.apis.set(ref(e), e);
    const key = addressKey(e.spec?.address);
    if (e.spec?.type === 'topic' && key)
      index.topicsByAddress.set(key, [
        ...(index.topicsByAddress.get(key) ?? []),
        e,
      ]);
  }
  return index;
}

describe('contract health', () => {
  const index = indexOf(contractCatalog);

  it('gives each contract the values worked out by hand, and nothing else any', () => {
    const values = Object.fromEntries(
      contractCatalog
        .map(e => [stringifyEntityRef(e), contractHealth(e, index)] as const)
        .filter(([, outcomes]) => Object.keys(outcomes).length > 0)
        .map(([r, outcomes]) => [
          r,
          Object.fromEntries(
            Object.entries(outcomes).map(([k, o]) => [
              k,
              (o as { value: number }).value,
            ]),
          ),
        ]),
    );
    expect(values).toEqual(expectedValues);
  });

  it('counts APIs, topics and queues as contracts; not dead-letter queues, databases or components', () => {
    expect(
      contractCatalog.filter(isContract).map(e => e.metadata.name),
    ).toEqual([
      'orders-api',
      'legacy-api',
      'sunset-api',
      'order-events',
      'order.created',
      'payment-service.order-created',
      'stray.queue',
    ]);
  });

  it('reads deprecation from the lifecycle, an API’s sunset annotation, a topic’s spec.deprecation', () => {
    expect(
      contractCatalog
        .filter(isContract)
        .filter(isDeprecated)
        .map(e => e.metadata.name),
    ).toEqual(['legacy-api', 'sunset-api', 'order.created', 'stray.queue']);
    // A sunset annotation on a topic is not how topics say it (spec.deprecation is).
    expect(
      isDeprecated({
        ...byName('payment-service.order-created'),
        metadata: {
          name: 'q',
          annotations: { 'switchboard.dev/sunset': '2027-01-01' },
        },
      }),
    ).toBe(false);
    // A blank sunset is no sunset.
    expect(
      isDeprecated({
        ...byName('orders-api'),
        metadata: {
          name: 'a',
          annotations: { 'switchboard.dev/sunset': ' ' },
        },
      }),
    ).toBe(false);
  });

  it('counts distinct consuming components only', () => {
    expect(consumersOf(byName('legacy-api'))).toEqual([
      'component:default/storefront',
      'component:default/erp-connector',
    ]);
    expect(consumersOf(byName('order.created'))).toEqual([
      'component:default/payment-service',
      'component:default/erp-connector',
    ]);
  });

  it('says which checks a contract misses', () => {
    expect(ownershipChecks(byName('sunset-api'), index)).toEqual({
      owner: false,
      contact: true,
      definition: true,
      description: true,
    });
    // Without the topic it is bound to, a hand-declared queue has no definition.
    expect(
      ownershipChecks(byName('payment-service.order-created'), {
        ...index,
        topicsByAddress: new Map(),
      }),
    ).toEqual({
      owner: true,
      contact: true,
      definition: false,
      description: false,
    });
    // A topic whose AsyncAPI API is not in the catalog has no definition either.
    expect(
      ownershipChecks(byName('order.created'), { ...index, apis: new Map() })
        .definition,
    ).toBe(false);
    // An owner that is neither a group nor a user does not count, even if it exists.
    expect(
      ownershipChecks(
        {
          ...byName('orders-api'),
          relations: [{ type: 'ownedBy', targetRef: 'component:default/x' }],
        },
        {
          ...index,
          owners: new Map([
            ['component:default/x', byName('storefront')],
            ...index.owners,
          ]),
        },
      ).owner,
    ).toBe(false);
  });
});
