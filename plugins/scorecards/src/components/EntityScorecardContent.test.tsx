import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
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
import { EntityScorecardContent } from './EntityScorecardContent';

const render = (entity: any, api: any, entities: any[] = [entity]) =>
  renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityScorecardContent />
    </EntityProvider>,
    {
      apis: [
        [scorecardsApiRef, api],
        [catalogApiRef, catalogApiMock({ entities })],
      ],
      mountedRoutes,
    },
  );

const refund = journey('refund', 'group:default/payments', {
  namespace: 'shop',
  title: 'Refund',
});

describe('EntityScorecardContent', () => {
  it("shows each KPI's value with unit, status, target, definition, sparkline and deltas", async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest.fn().mockResolvedValue(
        scorecard(
          'journey:shop/refund',
          [
            kpiValue({
              kpiId: 'journey.successRate',
              value: 97.25,
              status: 'amber',
              weekOverWeek: {
                previous: 99,
                change: -1.75,
                relativeChange: -0.0177,
                trend: 'worse',
              },
            }),
          ],
          { status: 'amber', score: 75 },
        ),
      ),
      getKpiHistory: jest.fn().mockResolvedValue(
        dailyHistory([
          [99.5, 'green'],
          [98, 'amber'],
          [97.25, 'amber'],
        ]),
      ),
    });
    await render(refund, api);

    const card = await screen.findByTestId('kpi-journey.successRate');
    expect(within(card).getByTestId('kpi-value')).toHaveTextContent('97.3 %');
    expect(within(card).getByText('at risk')).toBeInTheDocument();
    expect(within(card).getByText('Target: ≥ 99 %')).toBeInTheDocument();
    expect(
      within(card).getByText('green ≥ 99 % · amber 95 % – 99 % · red < 95 %'),
    ).toBeInTheDocument();
    expect(
      within(card).getByText(SUCCESS_RATE.description),
    ).toBeInTheDocument();
    expect(within(card).getByText('−1.75 pp')).toBeInTheDocument();
    expect(within(card).getByText('no earlier value')).toBeInTheDocument();
    expect(
      await within(card).findByRole('img', {
        name: 'Success rate, last 30 days: from 99.5 % to 97.3 %, target 99 %',
      }),
    ).toBeInTheDocument();
    expect(
      within(card).getByRole('link', { name: 'History and instances' }),
    ).toHaveAttribute(
      'href',
      '/scorecards/journey/shop/refund/kpis/journey.successRate',
    );
    expect(api.getEntityScorecard).toHaveBeenCalledWith('journey:shop/refund');
    expect(api.getKpiHistory).toHaveBeenCalledWith(
      'journey:shop/refund',
      expect.objectContaining({ kpiId: 'journey.successRate' }),
    );
    expect(screen.getByTestId('scorecard-summary')).toHaveTextContent(
      'Score 75 / 100',
    );
    // A journey has no owned entities section.
    expect(screen.queryByText(/Owned by/)).not.toBeInTheDocument();
  });

  it('draws no target line from the defaults when the entity has its own thresholds', async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest.fn().mockResolvedValue(
        scorecard('journey:shop/refund', [
          kpiValue({
            kpiId: 'journey.successRate',
            value: 90,
            status: 'green',
            thresholdSource: 'annotation',
          }),
        ]),
      ),
      getKpiHistory: jest.fn().mockResolvedValue(dailyHistory([[91], [90]])),
    });
    await render(refund, api);
    const card = await screen.findByTestId('kpi-journey.successRate');
    expect(
      within(card).getByText(
        'Target: set for this entity by its own thresholds',
      ),
    ).toBeInTheDocument();
    expect(
      await within(card).findByRole('img', {
        name: 'Success rate, last 30 days: from 91 % to 90 %',
      }),
    ).toBeInTheDocument();
  });

  it('says when there is no snapshot yet', async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest
        .fn()
        .mockResolvedValue(scorecard('journey:shop/refund', [])),
    });
    await render(refund, api);
    expect(
      await screen.findByText(/^No snapshot yet for Refund/),
    ).toBeInTheDocument();
    expect(api.getKpiHistory).not.toHaveBeenCalled();
  });

  it("shows a team's rollup: per KPI how it was aggregated and its entities' statuses, and exports its KPI table", async () => {
    const downloads = captureDownloads();
    const orders = group('orders', {}, { title: 'Orders' });
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest.fn().mockResolvedValue(
        scorecard(
          'group:default/orders',
          [
            kpiValue({
              kpiId: 'journey.successRate',
              value: 98,
              status: 'red',
              aggregation: 'mean',
              members: members({ green: 10, amber: 1, red: 1 }),
            }),
            kpiValue({
              kpiId: 'dlq.backlogDepth',
              value: 3,
              status: 'green',
              members: members({ green: 2 }),
            }),
          ],
          { status: 'red', rollup: true, memberCount: 14 },
        ),
      ),
      getKpiHistory: jest.fn().mockResolvedValue([]),
      listMembers: jest.fn().mockResolvedValue(rollupPage([], 0)),
    });
    await render(orders, api);

    expect(await screen.findByTestId('scorecard-rollup')).toHaveTextContent(
      'Aggregated from 14 entities you may see',
    );
    const card = await screen.findByTestId('kpi-journey.successRate');
    expect(within(card).getByTestId('kpi-members')).toHaveTextContent(
      'aggregated from 12 entities (mean)12 entities: 10 green, 1 amber, 1 red',
    );
    // The KPI's own aggregation when the value does not say: a sum for the backlog.
    expect(
      within(screen.getByTestId('kpi-dlq.backlogDepth')).getByTestId(
        'kpi-members',
      ),
    ).toHaveTextContent('aggregated from 2 entities (sum)');

    const [kpiExport] = screen.getAllByRole('button', { name: /export csv/i });
    await userEvent.click(kpiExport);
    await waitFor(() =>
      expect(downloads.names).toEqual(['orders-kpis-2026-12-04.csv']),
    );
    const lines = downloads.lastText().trim().split('\r\n');
    downloads.restore();
    expect(lines[0]).toBe(
      'KPI,KPI id,Value,Unit,Status,Target,Thresholds from,Change vs last week,Change vs last month,Aggregation,Entities green,Entities amber,Entities red,Entities without status,Definition',
    );
    expect(lines[1]).toBe(
      `Success rate,journey.successRate,98,%,red,≥ 99 %,default,,,mean,10,1,1,0,"${SUCCESS_RATE.description}"`,
    );
  });

  it("drills down into a team's entities on the server: kind, search, status, sort, paging; rows lead to scorecards, Journeys and Dead letters", async () => {
    const orders = group('orders', {}, { title: 'Orders' });
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest.fn().mockResolvedValue(
        scorecard('group:default/orders', [], {
          rollup: true,
          memberCount: 40,
        }),
      ),
      listMembers: jest.fn().mockResolvedValue(
        rollupPage(
          [
            memberRow(
              'journey:default/invoice-sync',
              'Invoice sync',
              [
                kpiValue({
                  kpiId: 'journey.successRate',
                  value: 80,
                  status: 'red',
                }),
              ],
              { status: 'red', owner: 'group:default/orders-emea' },
            ),
            memberRow(
              'resource:default/orders.dlq',
              'Orders DLQ',
              [
                kpiValue({
                  kpiId: 'dlq.backlogDepth',
                  value: 3,
                  status: 'green',
                }),
              ],
              { status: 'green', owner: 'group:default/orders' },
            ),
          ],
          40,
        ),
      ),
    });
    const lastQuery = () =>
      api.listMembers.mock.calls[api.listMembers.mock.calls.length - 1];
    await render(orders, api);

    const journeyRow = await screen.findByTestId(
      'row-journey:default/invoice-sync',
    );
    expect(api.listMembers).toHaveBeenCalledTimes(1);
    expect(lastQuery()).toEqual([
      'group:default/orders',
      { sort: 'title', order: 'asc', offset: 0, limit: 25 },
    ]);
    expect(
      screen.getByText(/^40 entities counted in the rollup/),
    ).toBeVisible();
    expect(
      within(journeyRow).getByRole('link', { name: 'Invoice sync' }),
    ).toHaveAttribute('href', '/scorecards/journey/default/invoice-sync');
    expect(within(journeyRow).getByText(/Journey · Orders emea/)).toBeVisible();
    expect(
      within(journeyRow).getByRole('link', { name: 'Instances' }),
    ).toHaveAttribute('href', '/journeys/default/invoice-sync?window=7d');
    expect(
      screen.getByTestId(
        'cell-journey:default/invoice-sync-journey.successRate',
      ),
    ).toHaveAttribute('data-status', 'red');
    const queueRow = screen.getByTestId('row-resource:default/orders.dlq');
    expect(
      within(queueRow).getByRole('link', { name: 'Dead letters' }),
    ).toHaveAttribute('href', '/dead-letters');

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() => expect(lastQuery()[1]).toMatchObject({ offset: 25 }));

    await userEvent.click(screen.getByLabelText('Kind'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Journey' }),
    );
    await waitFor(() =>
      expect(lastQuery()[1]).toMatchObject({
        memberKind: 'journey',
        offset: 0,
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'off target' }));
    await userEvent.click(screen.getByTitle('Sort by Success rate'));
    await userEvent.type(screen.getByLabelText('Find an entity'), 'inv');
    await waitFor(() =>
      expect(lastQuery()[1]).toEqual({
        memberKind: 'journey',
        q: 'inv',
        status: ['red'],
        kpiId: 'journey.successRate',
        sort: 'status',
        order: 'desc',
        offset: 0,
        limit: 25,
      }),
    );
  });

  it('exports every entity behind a rollup, page by page', async () => {
    const downloads = captureDownloads();
    const rows = Array.from({ length: 520 }, (_, i) =>
      memberRow(
        `journey:default/j${i}`,
        i ? `J ${i}` : '@SUM(A1)',
        [
          kpiValue({
            kpiId: 'journey.successRate',
            value: 99,
            status: 'green',
          }),
        ],
        { owner: 'group:default/orders' },
      ),
    );
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest.fn().mockResolvedValue(
        scorecard('system:default/shop', [], {
          rollup: true,
          memberCount: 520,
        }),
      ),
      listMembers: jest.fn(async (_ref, q) =>
        rollupPage(
          rows.slice(q?.offset ?? 0, (q?.offset ?? 0) + (q?.limit ?? 25)),
          rows.length,
        ),
      ),
    });
    const shop = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'shop', namespace: 'default', title: 'Shop' },
      spec: { owner: 'group:default/orders' },
    };
    await render(shop, api);
    await screen.findByTestId('row-journey:default/j0');
    await userEvent.click(
      within(screen.getByTestId('members-table')).getByRole('button', {
        name: /export csv/i,
      }),
    );
    await waitFor(() =>
      expect(downloads.names).toEqual(['entities-behind-shop.csv']),
    );
    const lines = downloads.lastText().trim().split('\r\n');
    downloads.restore();
    expect(lines[0]).toBe(
      'Name,Entity ref,Kind,Owner,Status,Score,Success rate (%),Success rate status',
    );
    expect(lines).toHaveLength(521);
    expect(lines[1]).toBe(
      `"'@SUM(A1)",journey:default/j0,journey,group:default/orders,,,99,green`,
    );
  });
});
