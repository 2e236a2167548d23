import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { scorecardsApiRef } from '../api/ScorecardsApi';
import {
  captureDownloads,
  fakeScorecardsApi,
  group,
  KPIS,
  kpiValue,
  mountedRoutes,
  scorecard,
} from '../testUtils/fakes';
import { OrganisationOverviewPage } from './OrganisationOverviewPage';

const render = (entities: any[], api = fakeScorecardsApi()) =>
  renderInTestApp(<OrganisationOverviewPage />, {
    apis: [
      [scorecardsApiRef, api],
      [catalogApiRef, catalogApiMock({ entities })],
    ],
    mountedRoutes,
  });

describe('OrganisationOverviewPage', () => {
  it('shows teams by their names × KPIs, each cell with its value, unit and status', async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest.fn(async (ref: string) => {
        if (ref === 'group:default/orders')
          return scorecard(
            ref,
            [
              kpiValue({
                kpiId: 'journey.successRate',
                value: 99.5,
                status: 'green',
              }),
              kpiValue({
                kpiId: 'dlq.backlogDepth',
                value: 1204,
                status: 'red',
              }),
            ],
            { status: 'red', score: 50 },
          );
        return scorecard(ref, []);
      }),
    });
    await render(
      [
        group('orders'),
        group('team-payments', { profile: { displayName: 'Payments' } }),
      ],
      api,
    );

    const orders = await screen.findByTestId('row-group:default/orders');
    expect(
      within(orders).getByRole('link', { name: 'Orders' }),
    ).toHaveAttribute('href', '/scorecards/group/default/orders');
    const success = screen.getByTestId(
      'cell-group:default/orders-journey.successRate',
    );
    expect(success).toHaveTextContent('99.5 %');
    expect(success).toHaveAttribute('data-status', 'green');
    expect(within(success).getByRole('link')).toHaveAttribute(
      'href',
      '/scorecards/group/default/orders/kpis/journey.successRate',
    );
    const backlog = screen.getByTestId(
      'cell-group:default/orders-dlq.backlogDepth',
    );
    expect(backlog).toHaveTextContent('1,204');
    expect(backlog).toHaveAttribute('data-status', 'red');
    expect(within(orders).getByText('off target · 50')).toBeInTheDocument();

    // The display name, never the ref; a team without values says so and stays grey.
    const payments = screen.getByTestId('row-group:default/team-payments');
    expect(within(payments).getByText('Payments')).toBeInTheDocument();
    expect(within(payments).getByText('no snapshot yet')).toBeInTheDocument();
    expect(
      screen.getByTestId('cell-group:default/team-payments-dlq.backlogDepth'),
    ).toHaveAttribute('data-status', 'grey');
    expect(screen.queryByText(/group:default/)).not.toBeInTheDocument();
    // KPI definitions are on the column headers.
    expect(
      screen.getByLabelText(/^Success rate: Instances that completed/),
    ).toBeInTheDocument();
  });

  it('says there is no snapshot yet rather than showing an empty grid', async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest.fn(async (ref: string) => scorecard(ref, [])),
    });
    await render([group('orders')], api);
    expect(await screen.findByText(/^No snapshot yet:/)).toBeInTheDocument();
    // The columns still say what will be measured.
    expect(screen.getByText('Dead-letter backlog')).toBeInTheDocument();
  });

  it('asks only for the scorecards of the page on screen, and finds teams by name', async () => {
    const teams = Array.from({ length: 30 }, (_, i) =>
      group(`team-${String(i).padStart(2, '0')}`),
    );
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest.fn(async (ref: string) => scorecard(ref, [])),
    });
    await render(teams, api);
    await screen.findByTestId('row-group:default/team-00');
    expect(api.getEntityScorecard).toHaveBeenCalledTimes(25);
    expect(
      screen.queryByTestId('row-group:default/team-25'),
    ).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await screen.findByTestId('row-group:default/team-29');
    expect(api.getEntityScorecard).toHaveBeenCalledTimes(30);

    await userEvent.type(screen.getByLabelText('Find a team'), 'team 07');
    await screen.findByTestId('row-group:default/team-07');
    expect(screen.getAllByRole('row')).toHaveLength(2);
  });

  it('exports every team, not only the page, with formula-like names neutralised', async () => {
    const downloads = captureDownloads();
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockResolvedValue(KPIS),
      getEntityScorecard: jest.fn(async (ref: string) =>
        scorecard(
          ref,
          [
            kpiValue({
              kpiId: 'journey.successRate',
              value: 97,
              status: 'amber',
            }),
          ],
          { status: 'amber', score: 75 },
        ),
      ),
    });
    const teams = [
      group('evil', {}, { title: '=HYPERLINK("http://x","y")' }),
      ...Array.from({ length: 29 }, (_, i) => group(`t${i}`)),
    ];
    await render(teams, api);
    await screen.findByTestId('row-group:default/evil');
    await userEvent.click(screen.getByRole('button', { name: /export csv/i }));
    await waitFor(() =>
      expect(downloads.names).toEqual(['scorecards-by-team.csv']),
    );
    const lines = downloads.lastText().trim().split('\r\n');
    downloads.restore();
    expect(lines[0]).toBe(
      'Team,Entity ref,Status,Score,Success rate (%),Success rate status',
    );
    expect(lines).toHaveLength(31);
    // Teams beyond the first page carry their values too.
    expect(lines.filter(l => l.endsWith(',amber,75,97,amber'))).toHaveLength(
      30,
    );
    expect(lines).toContain(
      `"'=HYPERLINK(""http://x"",""y"")",group:default/evil,amber,75,97,amber`,
    );
  });

  it("shows the backend's error", async () => {
    const api = fakeScorecardsApi({
      listKpis: jest.fn().mockRejectedValue(new Error('scorecards is down')),
      getEntityScorecard: jest.fn(async (ref: string) => scorecard(ref, [])),
    });
    await render([group('orders')], api);
    expect(
      await screen.findByText(/Scorecards: scorecards is down/),
    ).toBeInTheDocument();
  });
});
