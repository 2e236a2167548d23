import { Entity } from '@backstage/catalog-model';

const rel = (type: string, targetRef: string) => ({ type, targetRef });

/**
 * A small catalog as the catalog backend serves it (relations included), with one
 * contract per case of the checks. The values each should get are worked out by hand in
 * the tests.
 */
export const contractCatalog: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'orders',
      annotations: { 'switchboard.dev/chat-channel': '#team-orders' },
    },
    spec: { type: 'team', profile: { email: 'orders@acme.example' } },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'bare' },
    spec: { type: 'team', profile: {} },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'unowned', description: 'Nobody owns these yet.' },
    spec: { type: 'team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice' },
    spec: { memberOf: ['orders'] },
  },
  // Owned, reachable, defined, described, consumed: 0 and 100.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'orders-api', description: 'Orders over HTTP.' },
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: 'orders',
      definition: 'openapi: 3.1.0\ninfo: { title: Orders, version: 1.0.0 }\n',
    },
    relations: [
      rel('ownedBy', 'group:default/orders'),
      rel('apiConsumedBy', 'component:default/storefront'),
      rel('apiConsumedBy', 'component:default/backoffice'),
    ],
  },
  // Deprecated by lifecycle, consumed by two components (one listed twice, and a
  // non-component left out); owner without contact, empty definition, no description.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'legacy-api' },
    spec: {
      type: 'openapi',
      lifecycle: 'deprecated',
      owner: 'bare',
      definition: '   ',
    },
    relations: [
      rel('ownedBy', 'group:default/bare'),
      rel('apiConsumedBy', 'component:default/storefront'),
      rel('apiConsumedBy', 'Component:default/Storefront'),
      rel('apiConsumedBy', 'component:default/erp-connector'),
      rel('apiConsumedBy', 'system:default/finance'),
    ],
  },
  // Deprecated by its sunset annotation; owner not in the catalog, contact by a link.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: 'sunset-api',
      description: 'Being replaced.',
      annotations: { 'switchboard.dev/sunset': '2027-06-30' },
      links: [{ url: 'https://wiki.acme.example/sunset-api', title: 'Wiki' }],
    },
    spec: {
      type: 'openapi',
      lifecycle: 'production',
      owner: 'ghost',
      definition: 'openapi: 3.1.0\n',
    },
    relations: [
      rel('ownedBy', 'group:default/ghost'),
      rel('apiConsumedBy', 'component:default/backoffice'),
    ],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name: 'order-events', description: 'Order events.' },
    spec: {
      type: 'asyncapi',
      lifecycle: 'production',
      owner: 'orders',
      definition: 'asyncapi: 3.0.0\n',
    },
    relations: [rel('ownedBy', 'group:default/orders')],
  },
  // A topic from the AsyncAPI document above, deprecated with spec.deprecation.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'order.created',
      description: 'An order was placed.',
      annotations: {
        'switchboard.dev/asyncapi-api': 'api:default/order-events',
        'switchboard.dev/asyncapi-channel': 'orderCreated',
      },
    },
    spec: {
      type: 'topic',
      owner: 'orders',
      lifecycle: 'production',
      broker: 'rabbitmq',
      address: { exchange: 'orders', routingKey: 'order.created' },
      deprecation: { sunset: '2027-03-31' },
    },
    relations: [
      rel('ownedBy', 'group:default/orders'),
      rel('subscribedBy', 'component:default/payment-service'),
      rel('subscribedBy', 'component:default/erp-connector'),
      rel('publishedBy', 'component:default/order-service'),
    ],
  },
  // A queue declared by hand, bound to the topic above; owner as written (no relation),
  // a user without contact, but a chat channel on the queue; no description.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'payment-service.order-created',
      annotations: { 'switchboard.dev/chat-channel': '#payments-oncall' },
    },
    spec: {
      type: 'queue',
      owner: 'user:alice',
      broker: 'rabbitmq',
      address: {
        exchange: 'orders',
        routingKey: 'order.created',
        queue: 'payment-service.order-created',
      },
    },
    relations: [rel('subscribedBy', 'component:default/payment-service')],
  },
  // Found on the broker, owned by nobody, bound to no topic.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'stray.queue', description: 'Found on the broker.' },
    spec: {
      type: 'queue',
      owner: 'group:default/unowned',
      lifecycle: 'deprecated',
      address: { queue: 'stray.queue' },
    },
    relations: [rel('ownedBy', 'group:default/unowned')],
  },
  // Not contracts: no values.
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'payment-service.order-created.dlq' },
    spec: { type: 'dead-letter-queue', owner: 'orders' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'orders-db' },
    spec: { type: 'database', owner: 'orders' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'storefront' },
    spec: { type: 'website', owner: 'orders', lifecycle: 'production' },
  },
];

/** The values worked out by hand: consumers on a deprecated contract, completeness. */
export const expectedValues = {
  'api:default/orders-api': {
    'integration.deprecatedConsumers': 0,
    // owner, contact (email), definition, description
    'integration.ownershipCompleteness': 100,
  },
  'api:default/legacy-api': {
    // storefront (twice, any case) and erp-connector; the system does not count
    'integration.deprecatedConsumers': 2,
    // owner only: bare has no contact, the definition is blank, no description
    'integration.ownershipCompleteness': 25,
  },
  'api:default/sunset-api': {
    'integration.deprecatedConsumers': 1,
    // ghost is not in the catalog; the link, definition and description count
    'integration.ownershipCompleteness': 75,
  },
  'api:default/order-events': {
    'integration.deprecatedConsumers': 0,
    'integration.ownershipCompleteness': 100,
  },
  'resource:default/order.created': {
    // payment-service and erp-connector subscribe; the publisher does not count
    'integration.deprecatedConsumers': 2,
    'integration.ownershipCompleteness': 100,
  },
  'resource:default/payment-service.order-created': {
    'integration.deprecatedConsumers': 0,
    // alice (spec.owner as written), the queue's chat channel, the topic's document;
    // no description
    'integration.ownershipCompleteness': 75,
  },
  'resource:default/stray.queue': {
    // deprecated, but nobody subscribes
    'integration.deprecatedConsumers': 0,
    // description only: unowned is not an owner, no contact, no topic to define it
    'integration.ownershipCompleteness': 25,
  },
};
