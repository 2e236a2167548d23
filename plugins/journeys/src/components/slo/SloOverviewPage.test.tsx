import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { SloSummary } from '@internal/plugin-journeys-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { journeysApiRef, type SloListFilters } from '../../api/JourneysApi';
import {
  fakeJourneysApi,
  mountedRoutes,
  sloAlert,
  sloSummary,
} from '../../testUtils/fakes';
import { JourneysRouter } from '../JourneysRouter';

const ORDERS = 'group:default/team-orders';
const PAYMENTS = 'group:default/team-payments';

/** As the server sorts them: the least budget left first. */
const SERVER_ORDER: SloSummary[] = [
  sloSummary({
    journey: 'journey:default/refund',
    journeyTitle: 'Refund',
    owner: PAYMENTS,
    objective: 'refund-succeeds',
    sli: 0.98,
    budget: { ...sloSummary().budget, remainingFraction: -1 },
    budgetStatus: 'exhausted',
    burnRates: { ...sloSummary().burnRates, '1h': 16.2 },
    openAlerts: [sloAlert({ severity: 'ticket' }), sloAlert()],
  }),
  sloSummary({
    objective: 'checkout-fast',
    indicator: 'latency',
    thresholdMs: 5000,
    target: 0.95,
    sli: 0.9512,
    budget: { ...sloSummary().budget, remainingFraction: 0.1 },
    budgetStatus: 'warning',
  }),
  sloSummary(),
  sloSummary({
    journey: 'journey:shop/returns',
    journeyTitle: 'Returns',
    owner: PAYMENTS,
    objective: 'returns-succeed',
    sli: null,
    good: 0,
    bad: 0,
    budget: { ...sloSummary().budget, remainingFraction: null },
    budgetStatus: 'no-data',
  }),
];

function fakeApi() {
  return fakeJourneysApi({
    listSlos: jest.fn(async (filters?: SloListFilters) =>
      SERVER_ORDER.filter(s => !filters?.owner || s.owner === filters.owner),
    ),
  });
}

const rows = async () => {
  const table = await screen.findByTestId('slo-overview');
  return within(table)
    .getAllByRole('row')
    .filter(r => within(r).queryAllByRole('cell').length > 0);
};

describe('SloOverviewPage', () => {
  it('lists every objective in the server order with SLI, target, budget colour, 1h burn and open alert', async () => {
    const api = fakeApi();
    await renderInTestApp(<JourneysRouter />, {
      apis: [[journeysApiRef, api]],
      mountedRoutes,
      mountPath: '/journeys/*',
      initialRouteEntries: ['/journeys/slos'],
    });

    const [refund, fast, succeeds, returns] = await rows();
    expect(api.listSlos).toHaveBeenCalledWith();
    expect(
      [refund, fast, succeeds, returns].map(
        r => within(r).getAllByRole('cell')[1].textContent,
      ),
    ).toEqual([
      expect.stringMatching(/^refund-succeeds/),
      expect.stringMatching(/^checkout-fast/),
      expect.stringMatching(/^checkout-succeeds/),
      expect.stringMatching(/^returns-succeed/),
    ]);

    expect(
      within(refund).getByRole('link', { name: 'Refund' }),
    ).toHaveAttribute('href', '/journeys/default/refund');
    expect(
      within(refund).getByRole('link', { name: 'team-payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-payments');
    expect(within(refund).getByTestId('slo-budget')).toHaveAttribute(
      'data-status',
      'exhausted',
    );
    expect(refund).toHaveTextContent('98.00 %');
    expect(refund).toHaveTextContent('99 %');
    expect(refund).toHaveTextContent('16.2×');
    // a page outranks a ticket
    expect(within(refund).getByTestId('slo-severity')).toHaveTextContent(
      'page',
    );

    expect(fast).toHaveTextContent('95.12 %');
    expect(fast).toHaveTextContent('10 % left');
    expect(within(fast).getByTestId('slo-budget')).toHaveAttribute(
      'data-status',
      'warning',
    );
    expect(within(succeeds).getByTestId('slo-budget')).toHaveAttribute(
      'data-status',
      'healthy',
    );
    expect(within(succeeds).queryByTestId('slo-severity')).toBeNull();
    expect(
      within(returns).getByRole('link', { name: 'Returns' }),
    ).toHaveAttribute('href', '/journeys/shop/returns');
    expect(returns).toHaveTextContent('no data');
  });

  it('filters by owner on the server and keeps the owner in the URL', async () => {
    const api = fakeApi();
    await renderInTestApp(<JourneysRouter />, {
      apis: [[journeysApiRef, api]],
      mountedRoutes,
      mountPath: '/journeys/*',
      initialRouteEntries: ['/journeys/slos'],
    });
    expect(await rows()).toHaveLength(4);

    const select = screen.getByLabelText('owner');
    expect(
      within(select)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['All owners', 'team-orders', 'team-payments']);

    await userEvent.selectOptions(select, PAYMENTS);
    expect(api.listSlos).toHaveBeenLastCalledWith({ owner: PAYMENTS });
    expect(
      await screen.findByText('SLOs of team-payments, least budget left first'),
    ).toBeInTheDocument();
    const filtered = await rows();
    expect(
      filtered.map(r => within(r).getAllByRole('link')[0].textContent),
    ).toEqual(['Refund', 'Returns']);
    // the other owners stay to choose from
    expect(within(select).getAllByRole('option')).toHaveLength(3);

    await userEvent.selectOptions(select, '');
    expect(
      await screen.findByText('SLOs, least budget left first'),
    ).toBeInTheDocument();
    expect(await rows()).toHaveLength(4);
  });

  it('reads the owner from the URL', async () => {
    const api = fakeApi();
    await renderInTestApp(<JourneysRouter />, {
      apis: [[journeysApiRef, api]],
      mountedRoutes,
      mountPath: '/journeys/*',
      initialRouteEntries: [
        `/journeys/slos?owner=${encodeURIComponent(ORDERS)}`,
      ],
    });
    expect(
      await screen.findByText('SLOs of team-orders, least budget left first'),
    ).toBeInTheDocument();
    expect(api.listSlos).toHaveBeenCalledWith({ owner: ORDERS });
    expect(screen.getByLabelText('owner')).toHaveValue(ORDERS);
    expect(await rows()).toHaveLength(2);
  });

  it("shows the backend's message instead of a blank page", async () => {
    const api = fakeJourneysApi({
      listSlos: jest
        .fn()
        .mockRejectedValue(new Error('journeys-backend is down')),
    });
    await renderInTestApp(<JourneysRouter />, {
      apis: [[journeysApiRef, api]],
      mountedRoutes,
      mountPath: '/journeys/*',
      initialRouteEntries: ['/journeys/slos'],
    });
    expect(
      await screen.findByText(
        /Could not list the SLOs: journeys-backend is down/,
      ),
    ).toBeInTheDocument();
  });
});
