import {
  catalogTitle,
  entityDisplayName,
  humanizeName,
  kindLabel,
} from './entityNames';

describe('entityDisplayName', () => {
  it('makes a name readable when no title is known', () => {
    expect(entityDisplayName('group:default/orders')).toBe('Orders');
    expect(entityDisplayName('journey:shop/invoice-sync')).toBe('Invoice sync');
  });

  it('prefers the catalog title, looked up case-insensitively', () => {
    const titles = new Map([['group:default/team-orders', 'Orders & Billing']]);
    expect(entityDisplayName('group:default/Team-Orders', titles)).toBe(
      'Orders & Billing',
    );
  });

  it('gives back what it cannot parse', () => {
    expect(entityDisplayName('')).toBe('');
  });
});

describe('humanizeName / kindLabel', () => {
  it('turns separators into spaces', () => {
    expect(humanizeName('payment_service.v2')).toBe('Payment service v2');
  });
  it('calls groups teams', () => {
    expect(kindLabel('Group')).toBe('Team');
    expect(kindLabel('system')).toBe('System');
  });
});

describe('catalogTitle', () => {
  const group = (metadata: object, spec: object = {}) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-orders', ...metadata },
    spec,
  });
  it('prefers the title, then the display name, then the readable name', () => {
    expect(
      catalogTitle(
        group({ title: 'Orders' }, { profile: { displayName: 'Order team' } }),
      ),
    ).toBe('Orders');
    expect(
      catalogTitle(group({}, { profile: { displayName: 'Order team' } })),
    ).toBe('Order team');
    expect(catalogTitle(group({}))).toBe('Team orders');
  });
});

describe('kindLabel', () => {
  it('calls groups teams and spells API as one', () => {
    expect(kindLabel('Group')).toBe('Team');
    expect(kindLabel('api')).toBe('API');
    expect(kindLabel('journey')).toBe('Journey');
  });
});
