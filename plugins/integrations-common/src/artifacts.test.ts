import { Entity } from '@backstage/catalog-model';
import { completenessIssues, impactOf, summarizeArtifact } from './artifacts';

const rel = (type: string, targetRef: string) => ({ type, targetRef });
const entity = (
  kind: string,
  name: string,
  spec: object,
  relations: Array<{ type: string; targetRef: string }>,
  extra: Partial<Entity['metadata']> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...extra },
  spec,
  relations,
});

// order.created → payment-service → payment.captured → inventory-service → inventory.reserved → fulfillment-service
const all = [
  entity('Resource', 'order.created', { type: 'topic', owner: 'orders' }, [
    rel('ownedBy', 'group:default/orders'),
    rel('publishedBy', 'component:default/order-service'),
    rel('subscribedBy', 'component:default/payment-service'),
    rel('subscribedBy', 'component:default/erp-connector'),
  ]),
  entity('Component', 'payment-service', {}, [
    rel('ownedBy', 'group:default/payments'),
    rel('publishesTo', 'resource:default/payment.captured'),
  ]),
  entity('Component', 'erp-connector', {}, [
    rel('ownedBy', 'group:default/finance-systems'),
  ]),
  entity(
    'Resource',
    'payment.captured',
    { type: 'topic', owner: 'payments', deprecation: { sunset: '2027-03-31' } },
    [
      rel('ownedBy', 'group:default/payments'),
      rel('subscribedBy', 'component:default/inventory-service'),
    ],
  ),
  entity('Component', 'inventory-service', {}, [
    rel('ownedBy', 'group:default/fulfillment'),
    rel('publishesTo', 'resource:default/inventory.reserved'),
  ]),
  entity(
    'Resource',
    'inventory.reserved',
    { type: 'topic', owner: 'fulfillment' },
    [
      rel('ownedBy', 'group:default/fulfillment'),
      rel('subscribedBy', 'component:default/fulfillment-service'),
      // A cycle back must not loop.
      rel('subscribedBy', 'component:default/payment-service'),
    ],
  ),
  entity('Component', 'fulfillment-service', {}, [
    rel('ownedBy', 'group:default/fulfillment'),
  ]),
  entity(
    'Group',
    'orders',
    { type: 'team', profile: { email: 'orders@acme.example' } },
    [],
    {
      annotations: { 'switchboard.dev/chat-channel': '#team-orders' },
      links: [
        {
          url: 'https://runbooks.acme.example/orders',
          title: 'Orders runbook',
        },
      ],
    },
  ),
  entity(
    'Group',
    'payments',
    { type: 'team', profile: { email: 'payments@acme.example' } },
    [],
  ),
  entity('Group', 'fulfillment', { type: 'team' }, []),
  entity(
    'Group',
    'finance-systems',
    { type: 'team', profile: { email: 'fin@acme.example' } },
    [],
  ),
];
const byRef = new Map(
  all.map(e => [`${e.kind.toLowerCase()}:default/${e.metadata.name}`, e]),
);

describe('impactOf', () => {
  it('walks consumers hop by hop with their owners and contacts', () => {
    const rows = impactOf('resource:default/order.created', byRef, 3);
    expect(rows.map(r => [r.hop, r.ref, r.via])).toEqual([
      [
        1,
        'component:default/payment-service',
        'resource:default/order.created',
      ],
      [1, 'component:default/erp-connector', 'resource:default/order.created'],
      [
        2,
        'component:default/inventory-service',
        'resource:default/payment.captured',
      ],
      [
        3,
        'component:default/fulfillment-service',
        'resource:default/inventory.reserved',
      ],
    ]);
    expect(rows[0]).toMatchObject({
      owner: 'group:default/payments',
      ownerContact: { email: 'payments@acme.example' },
    });
  });

  it('stops at the hop limit', () => {
    expect(
      impactOf('resource:default/order.created', byRef, 1).map(r => r.ref),
    ).toEqual([
      'component:default/payment-service',
      'component:default/erp-connector',
    ]);
  });
});

describe('summaries and completeness', () => {
  const summaries = all
    .filter(e => e.kind === 'Resource')
    .map(e => summarizeArtifact(e, byRef));

  it('summarises producers, consumers and the owner contact', () => {
    expect(summaries[0]).toMatchObject({
      ref: 'resource:default/order.created',
      producers: ['component:default/order-service'],
      consumers: [
        'component:default/payment-service',
        'component:default/erp-connector',
      ],
      ownerContact: { email: 'orders@acme.example', chat: '#team-orders' },
      hasRunbook: true,
      protocol: 'messaging',
    });
  });

  it('flags missing contact, missing runbook and deprecated artifacts still in use', () => {
    const issues = completenessIssues(summaries);
    expect(issues).toEqual([
      {
        ref: 'resource:default/payment.captured',
        title: 'payment.captured',
        problems: [
          'no runbook link',
          'deprecated (sunset 2027-03-31) but 1 consumer still uses it',
        ],
      },
      {
        ref: 'resource:default/inventory.reserved',
        title: 'inventory.reserved',
        problems: ['owner has no contact', 'no runbook link'],
      },
    ]);
  });
});
