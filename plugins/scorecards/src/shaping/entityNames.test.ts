import { entityDisplayName, humanizeName, kindLabel } from './entityNames';

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
