import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { scorecardsApiRef } from '../api/ScorecardsApi';
import {
  aggregateRow,
  captureDownloads,
  fakeScorecardsApi,
  KPIS,
  kpiValue,
  members,
  mountedRoutes,
  rollupPage,
} from '../testUtils/fakes';
import { OrganisationOverviewPage } from './OrganisationOverviewPage';

const render = (api: ReturnType<typeof fakeScorecardsApi>) =>
  renderInTestApp(<OrganisationOverviewPage />, {
    apis: [
      [scorecardsApiRef, api],
      // The overview must not fan out through the catalog any more.
      [catalogApiRef, catalogApiMock({ entities: [] })],
    ],
    mountedRoutes,
  });

const orders = aggregateRow(
  'group:default/orders',
  'Orders',
  [
    kpiValue({
      kpiId: 'journey.successRate',
      value: 99.5,
      status: 'green',
      aggregation: 'mean',
      members: members({ green: 4 }),
    }),
    kpiValue({
      kpiId: 'dlq.backlogDepth',
      value: 1204,
      status: 'red',
      aggregation: 'sum',
      members: members({ green: 9, amber: 1, red: 2 }),
    }),
  ],
  { status: 'red', score: 50, memberCount: 16 },
);

/** The last call's query. */
const lastQuery = (api: ReturnType<typeof fakeScorecardsApi>) =>
  api.listAggregations.mock.calls[
    api.listAggregations.mock.calls.length - 1
  ][0] ?? {};

describe('OrganisationOverviewPage', () => {
  it('shows one page of teams from a single /aggregations request: values with units, status, member counts', async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      listAggregations: jest.fn().mockResolvedValue(
        rollupPage(
          [
            orders,
            aggregateRow('group:default/team-payments', 'Payments', [], {
              memberCount: 0,
            }),
          ],
          2,
        ),
      ),
    });
    await render(api);

    const row = await screen.findByTestId('row-group:default/orders');
    expect(api.listAggregations).toHaveBeenCalledTimes(1);
    expect(lastQuery(api)).toEqual({
      kind: 'group',
      sort: 'title',
      order: 'asc',
      offset: 0,
      limit: 25,
    });
    expect(api.getEntityScorecard).not.toHaveBeenCalled();
    expect(within(row).getByRole('link', { name: 'Orders' })).toHaveAttribute(
      'href',
      '/scorecards/group/default/orders',
    );
    expect(within(row).getByText('16 entities')).toBeInTheDocument();
    expect(within(row).getByText('off target')).toBeInTheDocument();
    expect(screen.getByTestId('score-group:default/orders')).toHaveTextContent(
      '50',
    );
    const backlog = screen.getByTestId(
      'cell-group:default/orders-dlq.backlogDepth',
    );
    expect(backlog).toHaveTextContent('1,204');
    expect(backlog).toHaveTextContent('2 red of 12');
    expect(backlog).toHaveAttribute('data-status', 'red');
    expect(within(backlog).getByRole('link')).toHaveAttribute(
      'href',
      '/scorecards/group/default/orders/kpis/dlq.backlogDepth',
    );
    expect(
      within(backlog).getByTitle(
        'Dead letters backlog: 1,204, off target — sum of 12 entities: 9 green, 1 amber, 2 red',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId('cell-group:default/orders-journey.successRate'),
    ).toHaveTextContent('99.5 %all 4 green');
    const payments = screen.getByTestId('row-group:default/team-payments');
    expect(within(payments).getByText('Payments')).toBeInTheDocument();
    expect(within(payments).getByText('no snapshot yet')).toBeInTheDocument();
    expect(screen.queryByText(/group:default/)).not.toBeInTheDocument();
    expect(
      screen.getByLabelText(/^Success rate: Instances that completed/),
    ).toBeInTheDocument();
  });

  it('sends search, status filter, sort and paging to the server, one request per change', async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      listAggregations: jest.fn().mockResolvedValue(rollupPage([orders], 60)),
    });
    await render(api);
    await screen.findByTestId('row-group:default/orders');
    expect(api.listAggregations).toHaveBeenCalledTimes(1);

    // Paging: the server is asked for the next 25.
    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() => expect(lastQuery(api)).toMatchObject({ offset: 25 }));
    expect(api.listAggregations).toHaveBeenCalledTimes(2);

    // Sorting by a column header starts from the first page again.
    await userEvent.click(screen.getByTitle('Sort by status'));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        sort: 'status',
        order: 'desc',
        offset: 0,
      }),
    );
    expect(lastQuery(api).kpiId).toBeUndefined();
    await userEvent.click(screen.getByTitle('Sort by score'));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ sort: 'score', order: 'asc' }),
    );
    // A KPI's header: worst first, then by value.
    await userEvent.click(screen.getByTitle('Sort by Dead letters backlog'));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        sort: 'status',
        kpiId: 'dlq.backlogDepth',
        order: 'desc',
      }),
    );
    await userEvent.click(
      screen.getByTitle('Sorted by Dead letters backlog: worst first'),
    );
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({
        sort: 'value',
        kpiId: 'dlq.backlogDepth',
        order: 'desc',
      }),
    );

    // Status filter and search.
    await userEvent.click(screen.getByRole('button', { name: 'off target' }));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ status: ['red'] }),
    );
    const calls = api.listAggregations.mock.calls.length;
    await userEvent.type(screen.getByLabelText('Find a team'), 'ord');
    await waitFor(() => expect(lastQuery(api)).toMatchObject({ q: 'ord' }));
    // Typing is debounced: one request for the word, not one per key.
    expect(api.listAggregations.mock.calls.length).toBe(calls + 1);
    expect(lastQuery(api)).toEqual({
      kind: 'group',
      q: 'ord',
      status: ['red'],
      kpiId: 'dlq.backlogDepth',
      sort: 'value',
      order: 'desc',
      offset: 0,
      limit: 25,
    });
  });

  it('switches between teams, systems and domains', async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      listAggregations: jest.fn(async query =>
        query?.kind === 'system'
          ? rollupPage([
              aggregateRow('system:default/shop', 'Shop', [], {
                memberCount: 3,
              }),
            ])
          : rollupPage([orders]),
      ),
    });
    await render(api);
    await screen.findByTestId('row-group:default/orders');
    await userEvent.click(screen.getByRole('button', { name: 'Systems' }));
    expect(await screen.findByTestId('row-system:default/shop')).toBeVisible();
    expect(lastQuery(api)).toMatchObject({ kind: 'system', offset: 0 });
    expect(screen.getByLabelText('Find a system')).toBeInTheDocument();
  });

  it('says there is no snapshot yet rather than showing an empty grid', async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      listAggregations: jest
        .fn()
        .mockResolvedValue(
          rollupPage([aggregateRow('group:default/orders', 'Orders', [])]),
        ),
    });
    await render(api);
    expect(await screen.findByText(/^No snapshot yet:/)).toBeInTheDocument();
    expect(screen.getByText('Dead letters backlog')).toBeInTheDocument();
  });

  it('exports every matching team by paging through the route, with formula-like names neutralised', async () => {
    const downloads = captureDownloads();
    const row = (i: number) =>
      aggregateRow(
        `group:default/t${i}`,
        i === 0 ? '=HYPERLINK("http://x","y")' : `Team ${i}`,
        [
          kpiValue({
            kpiId: 'journey.successRate',
            value: 97,
            status: 'amber',
            members: members({ green: 2, amber: 1 }),
          }),
        ],
        { status: 'amber', score: 75, memberCount: 3 },
      );
    const all = Array.from({ length: 600 }, (_, i) => row(i));
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      listAggregations: jest.fn(async query => {
        const offset = query?.offset ?? 0;
        const limit = query?.limit ?? 25;
        return rollupPage(all.slice(offset, offset + limit), all.length);
      }),
    });
    await render(api);
    await screen.findByTestId('row-group:default/t0');
    await userEvent.click(screen.getByRole('button', { name: 'at risk' }));
    await waitFor(() =>
      expect(lastQuery(api)).toMatchObject({ status: ['amber'] }),
    );
    await screen.findByTestId('row-group:default/t0');
    await userEvent.click(screen.getByRole('button', { name: /export csv/i }));
    await waitFor(() =>
      expect(downloads.names).toEqual(['scorecards-by-team.csv']),
    );
    const lines = downloads.lastText().trim().split('\r\n');
    downloads.restore();
    // Two pages of 500, with the view's filter.
    const exportCalls = api.listAggregations.mock.calls.slice(-2);
    expect(exportCalls.map(([q]) => [q?.offset, q?.limit, q?.status])).toEqual([
      [0, 500, ['amber']],
      [500, 500, ['amber']],
    ]);
    expect(lines[0]).toBe(
      'Team,Entity ref,Status,Score,Entities,Success rate (%),Success rate status,Success rate members',
    );
    expect(lines).toHaveLength(601);
    expect(lines).toContain(
      `"'=HYPERLINK(""http://x"",""y"")",group:default/t0,amber,75,3,97,amber,1 amber of 3`,
    );
    expect(lines[600]).toBe(
      'Team 599,group:default/t599,amber,75,3,97,amber,1 amber of 3',
    );
  });

  it("shows the backend's error", async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      listAggregations: jest
        .fn()
        .mockRejectedValue(new Error('scorecards is down')),
    });
    await render(api);
    expect(
      await screen.findByText(/Scorecards: scorecards is down/),
    ).toBeInTheDocument();
  });
});
