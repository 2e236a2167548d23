import { queryRows, RankedRow } from './rowQuery';

const row = (
  name: string,
  status: RankedRow['status'],
  score: number | undefined,
  kpi?: { value: number; status?: RankedRow['status'] },
): RankedRow => ({
  entityRef: `group:default/${name}`,
  name,
  title: name[0].toUpperCase() + name.slice(1),
  status,
  score,
  items: kpi ? [{ kpiId: 'k', ...kpi }] : [],
});

const rows = [
  row('orders', 'amber', 60, { value: 5, status: 'green' }),
  row('payments', 'red', 20, { value: 90, status: 'red' }),
  row('finance', undefined, undefined),
  row('fulfillment', 'green', 100, { value: 40, status: 'amber' }),
  row('platform', 'red', 40, { value: 1 }),
];
const names = (r: { items: RankedRow[] }) => r.items.map(i => i.name);

describe('queryRows', () => {
  it('sorts by title by default, A to Z, and pages', () => {
    const all = queryRows(rows, {});
    expect(all.total).toBe(5);
    expect(names(all)).toEqual([
      'finance',
      'fulfillment',
      'orders',
      'payments',
      'platform',
    ]);
    expect(names(queryRows(rows, { offset: 1, limit: 2 }))).toEqual([
      'fulfillment',
      'orders',
    ]);
    expect(names(queryRows(rows, { order: 'desc', limit: 1 }))).toEqual([
      'platform',
    ]);
    expect(queryRows(rows, { offset: 10 })).toEqual({ total: 5, items: [] });
  });

  it('puts the worst first by status desc (the default), the best first asc; no status last in both', () => {
    expect(names(queryRows(rows, { sort: 'status' }))).toEqual([
      'payments', // red, title order among equals
      'platform',
      'orders',
      'fulfillment',
      'finance',
    ]);
    expect(names(queryRows(rows, { sort: 'status', order: 'asc' }))).toEqual([
      'fulfillment',
      'orders',
      'payments',
      'platform',
      'finance',
    ]);
  });

  it('sorts by a KPI’s status or value, rows without one last', () => {
    expect(
      names(queryRows(rows, { sort: 'status', kpiId: 'k', order: 'desc' })),
    ).toEqual(['payments', 'fulfillment', 'orders', 'finance', 'platform']);
    expect(names(queryRows(rows, { sort: 'value', kpiId: 'k' }))).toEqual([
      'platform',
      'orders',
      'fulfillment',
      'payments',
      'finance',
    ]);
    expect(
      names(queryRows(rows, { sort: 'value', kpiId: 'k', order: 'desc' })),
    ).toEqual(['payments', 'fulfillment', 'orders', 'platform', 'finance']);
  });

  it('sorts by score, rows without one last', () => {
    expect(names(queryRows(rows, { sort: 'score' }))).toEqual([
      'payments',
      'platform',
      'orders',
      'fulfillment',
      'finance',
    ]);
    expect(names(queryRows(rows, { sort: 'score', order: 'desc' }))).toEqual([
      'fulfillment',
      'orders',
      'platform',
      'payments',
      'finance',
    ]);
  });

  it('filters by text in the title or name and by status, before counting the total', () => {
    expect(names(queryRows(rows, { q: ' F ' }))).toEqual([
      'finance',
      'fulfillment',
      'platform',
    ]);
    const red = queryRows(rows, { status: ['red', 'none'], limit: 1 });
    expect(red.total).toBe(3);
    expect(names(red)).toEqual(['finance']);
    expect(names(queryRows(rows, { status: ['none'], kpiId: 'k' }))).toEqual([
      'finance',
      'platform',
    ]);
    expect(
      names(queryRows(rows, { status: ['green', 'amber'], kpiId: 'k' })),
    ).toEqual(['fulfillment', 'orders']);
  });
});
