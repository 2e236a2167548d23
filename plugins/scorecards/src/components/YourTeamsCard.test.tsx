import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { scorecardsApiRef } from '../api/ScorecardsApi';
import {
  aggregateRow,
  fakeScorecardsApi,
  KPIS,
  kpiValue,
  members,
  mountedRoutes,
  rollupPage,
} from '../testUtils/fakes';
import { YourTeamsCardContent } from './YourTeamsCard';

const render = (ownershipEntityRefs: string[], api: any) =>
  renderInTestApp(<YourTeamsCardContent />, {
    apis: [
      mockApis.identity({
        userEntityRef: 'user:default/guest',
        ownershipEntityRefs,
      }),
      [scorecardsApiRef, api],
    ],
    mountedRoutes,
  });

describe('YourTeamsCardContent', () => {
  it("asks /aggregations for the viewer's groups only, worst first, and shows each team's status, score and worst KPIs", async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      listAggregations: jest.fn().mockResolvedValue(
        rollupPage([
          aggregateRow(
            'group:default/orders',
            'Orders',
            [
              kpiValue({
                kpiId: 'journey.successRate',
                value: 97,
                status: 'amber',
                members: members({ green: 3, amber: 1 }),
              }),
              kpiValue({
                kpiId: 'dlq.backlogDepth',
                value: 140,
                status: 'red',
                members: members({ green: 1, red: 1 }),
              }),
              kpiValue({ kpiId: 'x.other', value: 1, status: 'green' }),
            ],
            { status: 'red', score: 42.4, memberCount: 6 },
          ),
          aggregateRow(
            'group:default/payments',
            'Payments',
            [
              kpiValue({
                kpiId: 'journey.successRate',
                value: 99.9,
                status: 'green',
              }),
            ],
            { status: 'green', score: 100, memberCount: 1 },
          ),
        ]),
      ),
    });
    await render(
      [
        'user:default/guest',
        'group:default/orders',
        'group:default/payments',
        'component:default/not-a-team',
      ],
      api,
    );

    const orders = await screen.findByTestId('your-team-group:default/orders');
    expect(api.listAggregations).toHaveBeenCalledTimes(1);
    expect(api.listAggregations).toHaveBeenCalledWith({
      kind: 'group',
      entityRefs: ['group:default/orders', 'group:default/payments'],
      sort: 'status',
      order: 'desc',
      limit: 2,
    });
    expect(
      within(orders).getByRole('link', { name: 'Orders' }),
    ).toHaveAttribute('href', '/scorecards/group/default/orders');
    expect(within(orders).getByText('off target')).toBeInTheDocument();
    expect(within(orders).getByText('score 42')).toBeInTheDocument();
    expect(within(orders).getByText('6 entities')).toBeInTheDocument();
    // Red before amber; green KPIs are not "worst".
    expect(
      within(orders)
        .getAllByTestId('worst-kpi')
        .map(e => e.textContent),
    ).toEqual([
      'Dead letters backlog 140 (1 red of 2)',
      'Success rate 97 % (1 amber of 4)',
    ]);
    expect(
      within(orders).getByRole('link', { name: 'Dead letters backlog' }),
    ).toHaveAttribute(
      'href',
      '/scorecards/group/default/orders/kpis/dlq.backlogDepth',
    );
    const payments = screen.getByTestId('your-team-group:default/payments');
    expect(within(payments).getByText('Every KPI on target.')).toBeVisible();
    expect(
      screen.getByRole('link', { name: "Every team's scorecard" }),
    ).toHaveAttribute('href', '/scorecards');
  });

  it('asks nothing when the viewer is in no team', async () => {
    const api = fakeScorecardsApi();
    await render(['user:default/guest'], api);
    expect(
      await screen.findByText('You are not a member of a team in the catalog.'),
    ).toBeInTheDocument();
    expect(api.listAggregations).not.toHaveBeenCalled();
  });

  it("shows the backend's error", async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      listAggregations: jest.fn().mockRejectedValue(new Error('denied')),
    });
    await render(['group:default/orders'], api);
    expect(
      await screen.findByText(/Your teams' scorecards: denied/),
    ).toBeInTheDocument();
  });
});
