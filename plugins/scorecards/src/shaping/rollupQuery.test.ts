import {
  DEFAULT_TABLE_STATE,
  fetchAllPages,
  readTableState,
  sortByColumn,
  sortDescription,
  tableQuery,
  writeTableState,
} from './rollupQuery';

describe('rollup table state', () => {
  it('sorts a clicked header, flips it on the next click, and goes back to the first page', () => {
    const onPage3 = { ...DEFAULT_TABLE_STATE, page: 3 };
    const byStatus = sortByColumn(onPage3, { by: 'status' });
    expect(byStatus).toMatchObject({ sort: 'status', order: 'desc', page: 0 });
    expect(sortDescription(byStatus)).toBe('worst first');
    expect(sortByColumn(byStatus, { by: 'status' }).order).toBe('asc');
    expect(sortByColumn(byStatus, { by: 'score' })).toMatchObject({
      sort: 'score',
      order: 'asc',
    });

    const kpi = { by: 'kpi', kpiId: 'journey.successRate' } as const;
    const first = sortByColumn(DEFAULT_TABLE_STATE, kpi);
    const second = sortByColumn(first, kpi);
    const third = sortByColumn(second, kpi);
    expect(
      [first, second, third, sortByColumn(third, kpi)].map(
        s => `${s.sort} ${s.order}`,
      ),
    ).toEqual(['status desc', 'value desc', 'value asc', 'status desc']);
    expect(tableQuery(second)).toEqual({
      sort: 'value',
      kpiId: 'journey.successRate',
      order: 'desc',
      offset: 0,
      limit: 25,
    });
  });

  it("filters a KPI's status with its kpiId, unless a KPI sort decides the kpiId", () => {
    const filtered = {
      ...DEFAULT_TABLE_STATE,
      status: ['red' as const],
      statusKpiId: 'dlq.backlogDepth',
      page: 2,
      pageSize: 50,
    };
    expect(tableQuery(filtered)).toMatchObject({
      status: ['red'],
      kpiId: 'dlq.backlogDepth',
      offset: 100,
      limit: 50,
    });
    // Without a status to filter on, the KPI is not sent.
    expect(tableQuery({ ...filtered, status: [] }).kpiId).toBeUndefined();
    expect(
      tableQuery({ ...filtered, sort: 'value', sortKpiId: 'x' }).kpiId,
    ).toBe('x');
  });

  it('round-trips through the URL, leaving defaults out', () => {
    const state = {
      ...DEFAULT_TABLE_STATE,
      q: 'ord',
      status: ['red' as const, 'none' as const],
      sort: 'value' as const,
      sortKpiId: 'journey.successRate',
      order: 'desc' as const,
      page: 2,
    };
    const params = writeTableState(new URLSearchParams('kind=system'), state);
    expect(params.toString()).toBe(
      'kind=system&q=ord&status=red&status=none&sort=value&sortKpi=journey.successRate&order=desc&page=2',
    );
    expect(readTableState(params)).toEqual({
      ...state,
      statusKpiId: undefined,
    });
    expect(
      writeTableState(new URLSearchParams(), DEFAULT_TABLE_STATE).toString(),
    ).toBe('');
    expect(
      readTableState(
        new URLSearchParams('status=purple&sort=x&page=-1&size=7'),
      ),
    ).toEqual(DEFAULT_TABLE_STATE);
  });

  it('fetches every page for an export, stopping at the total', async () => {
    const rows = Array.from({ length: 1001 }, (_, i) => i);
    const fetchPage = jest.fn(async (offset: number, limit: number) => ({
      total: rows.length,
      items: rows.slice(offset, offset + limit),
    }));
    await expect(fetchAllPages(fetchPage)).resolves.toEqual(rows);
    expect(fetchPage.mock.calls).toEqual([
      [0, 500],
      [500, 500],
      [1000, 500],
    ]);
  });
});
