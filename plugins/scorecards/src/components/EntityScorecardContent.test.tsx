import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { scorecardsApiRef } from '../api/ScorecardsApi';
import {
  BACKLOG,
  captureDownloads,
  dailyHistory,
  fakeScorecardsApi,
  group,
  journey,
  KPIS,
  kpiValue,
  mountedRoutes,
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

  it("lists a team's journeys and sub-teams worst first, and exports its KPI table", async () => {
    const downloads = captureDownloads();
    const orders = group('orders', {}, { title: 'Orders' });
    const entities = [
      orders,
      journey('checkout', 'group:default/orders'),
      journey('invoice-sync', 'group:default/orders', {
        title: 'Invoice sync',
      }),
      journey('elsewhere', 'group:default/payments'),
      {
        ...group('orders-emea'),
        relations: [{ type: 'childOf', targetRef: 'group:default/orders' }],
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'order-service', namespace: 'default' },
        relations: [{ type: 'ownedBy', targetRef: 'group:default/orders' }],
      },
    ];
    const values: Record<string, any> = {
      'group:default/orders': scorecard(
        'group:default/orders',
        [
          kpiValue({
            kpiId: 'journey.successRate',
            value: 98,
            status: 'amber',
          }),
          kpiValue({ kpiId: 'dlq.backlogDepth', value: 3, status: 'green' }),
        ],
        { status: 'amber' },
      ),
      'journey:default/checkout': scorecard(
        'journey:default/checkout',
        [
          kpiValue({
            kpiId: 'journey.successRate',
            value: 99.9,
            status: 'green',
          }),
        ],
        { status: 'green', score: 100 },
      ),
      'journey:default/invoice-sync': scorecard(
        'journey:default/invoice-sync',
        [kpiValue({ kpiId: 'journey.successRate', value: 80, status: 'red' })],
        { status: 'red', score: 0 },
      ),
    };
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest.fn(
        async (ref: string) => values[ref] ?? scorecard(ref, []),
      ),
      getKpiHistory: jest.fn().mockResolvedValue([]),
    });
    await render(orders, api, entities);

    expect(await screen.findByText('Owned by Orders')).toBeInTheDocument();
    const rows = await screen.findAllByTestId(/^row-/);
    expect(rows.map(r => r.getAttribute('data-testid'))).toEqual([
      'row-journey:default/invoice-sync',
      'row-journey:default/checkout',
      'row-group:default/orders-emea',
    ]);
    expect(
      within(rows[0]).getByText('Invoice sync (journey)'),
    ).toBeInTheDocument();
    expect(within(rows[2]).getByText('Orders emea (team)')).toBeInTheDocument();
    // Components have no KPI here: not asked for.
    expect(api.getEntityScorecard).not.toHaveBeenCalledWith(
      'component:default/order-service',
    );
    expect(api.getEntityScorecard).not.toHaveBeenCalledWith(
      'journey:default/elsewhere',
    );

    const [kpiExport] = screen.getAllByRole('button', { name: /export csv/i });
    await userEvent.click(kpiExport);
    await waitFor(() =>
      expect(downloads.names).toEqual(['orders-kpis-2026-12-04.csv']),
    );
    const lines = downloads.lastText().trim().split('\r\n');
    downloads.restore();
    expect(lines[0]).toBe(
      'KPI,KPI id,Value,Unit,Status,Target,Thresholds from,Change vs last week,Change vs last month,Definition',
    );
    expect(lines[1]).toBe(
      `Success rate,journey.successRate,98,%,amber,≥ 99 %,default,,,"${SUCCESS_RATE.description}"`,
    );
    expect(lines[2]).toMatch(
      /^Dead-letter backlog,dlq.backlogDepth,3,count,green,≤ 10,/,
    );
    expect(BACKLOG.thresholds).toHaveLength(3);
  });
});
