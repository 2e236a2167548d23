import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogMembership, MembershipIndex } from './CatalogMembership';

const group = (
  name: string,
  spec: { parent?: string; children?: string[] } = {},
  relations: Entity['relations'] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title: name.toUpperCase() },
  spec: { type: 'team', children: [], ...spec },
  relations,
});

const owned = (
  kind: string,
  name: string,
  owner: string,
  extra: Record<string, unknown> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: { owner, ...extra },
});

const refs = (index: MembershipIndex, ref: string, direct = false) =>
  index.membersOf(ref, { direct }).map(m => m.ref);

describe('MembershipIndex', () => {
  it('gives a group what it and its sub-groups own, transitively, through spec or relations', () => {
    const index = new MembershipIndex(
      [
        group('acme', { children: ['orders'] }),
        group('orders', { parent: 'acme' }),
        // Linked only by relations, as the catalog writes them.
        group('checkout-squad', {}, [
          { type: 'childOf', targetRef: 'group:default/orders' },
        ]),
        group('platform'),
        owned('Journey', 'checkout', 'checkout-squad'),
        owned('Journey', 'order-status', 'group:default/orders'),
        owned('Journey', 'invoice', 'platform'),
        owned('Resource', 'orders-queue', 'orders'),
        // Not a kind any KPI is measured on.
        owned('Component', 'storefront', 'orders'),
        // Owned through a relation only.
        {
          ...owned('Journey', 'refunds', ''),
          relations: [{ type: 'ownedBy', targetRef: 'group:default/acme' }],
        },
      ],
      ['Journey', 'Resource'],
    );
    expect(refs(index, 'group:default/acme')).toEqual([
      'journey:default/checkout',
      'journey:default/order-status',
      'journey:default/refunds',
      'resource:default/orders-queue',
    ]);
    expect(refs(index, 'group:default/orders')).toEqual([
      'journey:default/checkout',
      'journey:default/order-status',
      'resource:default/orders-queue',
    ]);
    expect(refs(index, 'group:default/orders', true)).toEqual([
      'journey:default/order-status',
      'resource:default/orders-queue',
    ]);
    expect(refs(index, 'Group:default/Platform')).toEqual([
      'journey:default/invoice',
    ]);
    expect(index.membersOf('group:default/acme')[0]).toMatchObject({
      kind: 'Journey',
      title: 'checkout',
      owner: 'group:default/checkout-squad',
    });
    expect(index.rollups('group').map(g => g.title)).toEqual([
      'ACME',
      'CHECKOUT-SQUAD',
      'ORDERS',
      'PLATFORM',
    ]);
  });

  it('stops at a cycle in the group tree', () => {
    const index = new MembershipIndex(
      [
        group('a', { parent: 'c' }),
        group('b', { parent: 'a' }),
        group('c', { parent: 'b' }),
        owned('Journey', 'j1', 'a'),
        owned('Journey', 'j2', 'c'),
      ],
      ['Journey'],
    );
    for (const g of ['a', 'b', 'c'])
      expect(refs(index, `group:default/${g}`)).toEqual([
        'journey:default/j1',
        'journey:default/j2',
      ]);
  });

  it('gives a system its parts and a domain its systems’ parts', () => {
    const index = new MembershipIndex(
      [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Domain',
          metadata: { name: 'commerce' },
          spec: { owner: 'acme' },
          // The domain names one system by relation only.
          relations: [{ type: 'hasPart', targetRef: 'system:default/billing' }],
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'System',
          metadata: { name: 'payments' },
          spec: { owner: 'payments', domain: 'commerce' },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'System',
          metadata: { name: 'logistics' },
          spec: { owner: 'ops' },
        },
        owned('Journey', 'checkout', 'orders', { system: 'payments' }),
        owned('Resource', 'payments-queue', 'payments', { system: 'payments' }),
        owned('Journey', 'invoice', 'finance', { system: 'billing' }),
        owned('Journey', 'shipping', 'ops', { system: 'logistics' }),
        {
          ...owned('Journey', 'refund', 'payments'),
          relations: [{ type: 'partOf', targetRef: 'system:default/payments' }],
        },
      ],
      ['Journey', 'Resource'],
    );
    expect(refs(index, 'system:default/payments')).toEqual([
      'journey:default/checkout',
      'journey:default/refund',
      'resource:default/payments-queue',
    ]);
    expect(refs(index, 'domain:default/commerce')).toEqual([
      'journey:default/checkout',
      'journey:default/invoice',
      'journey:default/refund',
      'resource:default/payments-queue',
    ]);
    expect(refs(index, 'system:default/logistics')).toEqual([
      'journey:default/shipping',
    ]);
    expect(index.rollups('domain').map(d => d.ref)).toEqual([
      'domain:default/commerce',
    ]);
  });
});

describe('CatalogMembership', () => {
  const entities = [
    group('acme', { children: ['orders', 'secret-team'] }),
    group('orders', { parent: 'acme' }),
    group('secret-team', { parent: 'acme' }),
    ...Array.from({ length: 1203 }, (_, i) =>
      owned('Journey', `j${String(i).padStart(4, '0')}`, 'orders'),
    ),
    owned('Journey', 'hidden', 'orders'),
    owned('Journey', 'secret-journey', 'secret-team'),
    owned('Component', 'web', 'orders'),
  ];
  const secret = new Set([
    'journey:default/hidden',
    'group:default/secret-team',
  ]);

  /** The catalog as a caller without access to `secret` sees it. */
  function restrictedCatalog() {
    const inner = catalogServiceMock({ entities });
    const calls: Array<Parameters<CatalogService['queryEntities']>> = [];
    const catalog: Pick<CatalogService, 'queryEntities'> = {
      async queryEntities(request, options) {
        calls.push([request, options]);
        const page = await inner.queryEntities(request, options);
        const principal = options.credentials.principal as {
          userEntityRef?: string;
        };
        if (principal.userEntityRef !== 'user:default/outsider') return page;
        return {
          ...page,
          items: page.items.filter(
            e =>
              !secret.has(`${e.kind.toLowerCase()}:default/${e.metadata.name}`),
          ),
        };
      },
    };
    return { calls, catalog };
  }

  it('reads the catalog once per load, in pages with few fields, as the caller', async () => {
    const { catalog, calls } = restrictedCatalog();
    const membership = new CatalogMembership(catalog, ['Journey']);
    const credentials = mockCredentials.user('user:default/outsider');
    const index = await membership.load(credentials, ['group']);

    expect(calls).toHaveLength(3); // 1,208 entities in pages of 500
    expect(calls[0][0]).toMatchObject({
      filter: { kind: ['group', 'journey'] },
      limit: 500,
    });
    expect(calls[1][0]).toMatchObject({ cursor: expect.any(String) });
    for (const [request, options] of calls) {
      expect(request?.fields).toContain('relations');
      expect(request?.fields).not.toContain('metadata');
      expect(options.credentials).toBe(credentials);
    }
    const orders = index.membersOf('group:default/orders');
    expect(orders).toHaveLength(1203);
    expect(orders.map(m => m.ref)).not.toContain('journey:default/hidden');
    // The sub-group is unreadable but its journey is not: the parent's `spec.children`
    // still links the team to it.
    const acme = index.membersOf('group:default/acme').map(m => m.ref);
    expect(acme).toHaveLength(1204);
    expect(acme).toContain('journey:default/secret-journey');
  });

  it('counts what the caller may read: another caller sees more', async () => {
    const { catalog } = restrictedCatalog();
    const membership = new CatalogMembership(catalog, ['Journey']);
    const all = await membership.load(
      mockCredentials.user('user:default/insider'),
      ['group'],
    );
    expect(all.membersOf('group:default/acme')).toHaveLength(1205);
    expect(all.rollup('group:default/secret-team')).toBeDefined();
    const restricted = await membership.load(
      mockCredentials.user('user:default/outsider'),
      ['group'],
    );
    expect(restricted.rollup('group:default/secret-team')).toBeUndefined();
  });
});
