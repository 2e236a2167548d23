import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { scorecardsApiRef } from '../api/ScorecardsApi';
import {
  captureDownloads,
  dailyHistory,
  fakeScorecardsApi,
  group,
  journey,
  KPIS,
  kpiValue,
  memberRow,
  members,
  mountedRoutes,
  rollupPage,
  scorecard,
  SUCCESS_RATE,
} from '../testUtils/fakes';
import { ScorecardsRouter } from './ScorecardsRouter';

const entities = [
  group('orders', {}, { title: 'Orders' }),
  journey('refund', 'group:default/orders', {
    namespace: 'shop',
    title: 'Refund',
  }),
];

const render = (path: string, api: any) =>
  renderInTestApp(<ScorecardsRouter />, {
    apis: [
      [scorecardsApiRef, api],
      [catalogApiRef, catalogApiMock({ entities })],
    ],
    mountedRoutes,
    mountPath: '/scorecards/*',
    initialRouteEntries: [path],
  });

describe('KpiHistoryPage', () => {
  it("charts a journey KPI over days against its target, lists every day and links to the journey's instances", async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest.fn().mockResolvedValue(
        scorecard('journey:shop/refund', [
          kpiValue({
            kpiId: 'journey.successRate',
            value: 97,
            status: 'amber',
          }),
        ]),
      ),
      getKpiHistory: jest.fn().mockResolvedValue(
        dailyHistory([
          [99.5, 'green'],
          [98, 'amber'],
          [94, 'red'],
        ]),
      ),
    });
    await render(
      '/scorecards/journey/shop/refund/kpis/journey.successRate',
      api,
    );

    expect(
      await screen.findByRole('heading', { name: 'Success rate of Refund' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('kpi-definition')).toHaveTextContent(
      SUCCESS_RATE.description,
    );
    expect(
      screen.getByRole('img', {
        name: 'Success rate over 3 days, target 99 %',
      }),
    ).toBeInTheDocument();
    // Newest first, with units and statuses.
    const table = screen
      .getByText('Every snapshot, newest first')
      .closest('.MuiPaper-root') as HTMLElement;
    const cells = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(r => r.textContent);
    expect(cells).toEqual([
      '4 Dec94 %off target',
      '3 Dec98 %at risk',
      '2 Dec99.5 %on target',
    ]);
    expect(
      screen.getByRole('link', { name: 'Instances in Journeys' }),
    ).toHaveAttribute('href', '/journeys/shop/refund?window=7d');
    expect(
      screen.queryByRole('link', { name: 'Messages in Dead letters' }),
    ).not.toBeInTheDocument();
    // Breadcrumbs lead back up with names, not refs.
    const crumbs = screen.getByRole('navigation', { name: 'breadcrumb' });
    expect(
      within(crumbs).getByRole('link', { name: 'Refund' }),
    ).toHaveAttribute('href', '/scorecards/journey/shop/refund');
    expect(api.getKpiHistory).toHaveBeenCalledWith('journey:shop/refund', {
      kpiId: 'journey.successRate',
      granularity: 'day',
      from: expect.any(Date),
      to: expect.any(Date),
    });
  });

  it('switches to hourly snapshots and exports them', async () => {
    const downloads = captureDownloads();
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest
        .fn()
        .mockResolvedValue(scorecard('group:default/orders', [])),
      getKpiHistory: jest.fn().mockResolvedValue(dailyHistory([[12], [140]])),
    });
    await render('/scorecards/group/default/orders/kpis/dlq.backlogDepth', api);
    await screen.findByRole('heading', {
      name: 'Dead letters backlog of Orders',
    });
    expect(
      screen.getByRole('link', { name: 'Messages in Dead letters' }),
    ).toHaveAttribute('href', '/dead-letters');

    await userEvent.click(screen.getByRole('button', { name: /period/i }));
    await userEvent.click(
      await screen.findByRole('option', { name: '48 hours, hourly' }),
    );
    await waitFor(() =>
      expect(api.getKpiHistory).toHaveBeenLastCalledWith(
        'group:default/orders',
        expect.objectContaining({ granularity: 'hour' }),
      ),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: /export csv/i }),
    );
    await waitFor(() =>
      expect(downloads.names).toEqual(['orders-dead-letters-backlog-48h.csv']),
    );
    expect(downloads.lastText().split('\r\n').slice(0, 3)).toEqual([
      'Bucket start (UTC),Dead letters backlog (count),Status',
      '2026-12-03T00:00:00.000Z,12,',
      '2026-12-04T00:00:00.000Z,140,',
    ]);
    downloads.restore();
  });

  it("charts a team's rolled-up KPI with its entities' statuses per day, in the table and the CSV", async () => {
    const downloads = captureDownloads();
    const history = dailyHistory([
      [99.2, 'green'],
      [97.5, 'red'],
    ]);
    history[0].members = members({ green: 12 });
    history[1].members = members({ green: 9, amber: 1, red: 2 });
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest.fn().mockResolvedValue(
        scorecard(
          'group:default/orders',
          [
            kpiValue({
              kpiId: 'journey.successRate',
              value: 97.5,
              status: 'red',
              aggregation: 'mean',
              members: members({ green: 9, amber: 1, red: 2 }),
            }),
          ],
          { rollup: true, memberCount: 12 },
        ),
      ),
      getKpiHistory: jest.fn().mockResolvedValue(history),
    });
    await render(
      '/scorecards/group/default/orders/kpis/journey.successRate',
      api,
    );
    expect(await screen.findByTestId('kpi-aggregation')).toHaveTextContent(
      'Each value is aggregated from 12 entities (mean); its status is the worst of theirs.',
    );
    expect(
      screen.getByRole('img', {
        name: 'Entities by status over 2 days: at most 2 red of up to 12',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('2 red of 12')).toBeInTheDocument();
    expect(screen.getByText('all 12 green')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /export csv/i }));
    await waitFor(() => expect(downloads.names).toHaveLength(1));
    expect(downloads.lastText().split('\r\n').slice(0, 3)).toEqual([
      'Bucket start (UTC),Success rate (%),Status,Entities green,Entities amber,Entities red,Entities without status',
      '2026-12-03T00:00:00.000Z,99.2,green,12,0,0,0',
      '2026-12-04T00:00:00.000Z,97.5,red,9,1,2,0',
    ]);
    downloads.restore();
  });

  it('says so when the period has no snapshot', async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest.fn().mockResolvedValue(undefined),
      getKpiHistory: jest.fn().mockResolvedValue([]),
    });
    await render(
      '/scorecards/journey/shop/refund/kpis/journey.successRate',
      api,
    );
    expect(
      await screen.findByText(/^No snapshot yet in this period/),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('kpi-history-chart')).not.toBeInTheDocument();
  });
});

describe('EntityScorecardPage', () => {
  it("shows a team's scorecard under its name", async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest.fn(async (ref: string) =>
        scorecard(ref, [
          kpiValue({ kpiId: 'dlq.backlogDepth', value: 140, status: 'red' }),
        ]),
      ),
      getKpiHistory: jest.fn().mockResolvedValue([]),
      listMembers: jest
        .fn()
        .mockResolvedValue(
          rollupPage([
            memberRow('journey:shop/refund', 'Refund', [], { kind: 'journey' }),
          ]),
        ),
    });
    await render('/scorecards/group/default/orders', api);
    expect(
      await screen.findByRole('heading', { name: 'Team Orders' }),
    ).toBeInTheDocument();
    const card = await screen.findByTestId('kpi-dlq.backlogDepth');
    expect(within(card).getByTestId('kpi-value')).toHaveTextContent('140');
    expect(within(card).getByText('no history yet')).toBeInTheDocument();
    expect(
      await screen.findByText('Entities behind Orders'),
    ).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Refund' })).toHaveAttribute(
      'href',
      '/scorecards/journey/shop/refund',
    );
    expect(api.listMembers).toHaveBeenCalledWith(
      'group:default/orders',
      expect.objectContaining({ offset: 0, limit: 25 }),
    );
  });
});
