import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { journeysApiRef } from '../api/JourneysApi';
import {
  fakeJourneysApi,
  instanceSummary,
  journeySlos,
  journeyStats,
  mountedRoutes,
  sloDetail,
} from '../testUtils/fakes';
import { JourneysRouter } from './JourneysRouter';

describe('JourneyPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows owner, components and keys, and lists failed + stuck and the slowest instances', async () => {
    const failed = instanceSummary({
      id: 'f'.repeat(32),
      startedAt: '2026-01-01T10:00:00Z',
    });
    const stuck = instanceSummary({
      id: 'e'.repeat(32),
      status: 'stuck',
      startedAt: '2026-01-01T11:00:00Z',
    });
    const slow = instanceSummary({
      id: 'd'.repeat(32),
      status: 'ok',
      durationMs: 9_400,
      failingStep: undefined,
    });
    const api = fakeJourneysApi({
      listJourneys: jest
        .fn()
        .mockResolvedValue([
          journeyStats({ ref: 'journey:default/refund', title: 'Refund' }),
          journeyStats(),
        ]),
      listInstances: jest.fn(async (_journey, filters) => {
        if (filters?.status === 'failed') return [failed];
        if (filters?.status === 'stuck') return [stuck];
        return [slow];
      }),
      getJourneySlos: jest.fn().mockResolvedValue(journeySlos([sloDetail()])),
    });
    await renderInTestApp(<JourneysRouter />, {
      apis: [[journeysApiRef, api]],
      mountedRoutes,
      mountPath: '/journeys/*',
      initialRouteEntries: ['/journeys/default/checkout?window=1h'],
    });

    expect(
      await screen.findByText('From the basket to a paid order'),
    ).toBeInTheDocument();
    const header = screen.getByTestId('journey-header');
    expect(
      within(header).getByRole('link', { name: 'team-orders' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-orders');
    expect(
      within(header).getByRole('link', { name: 'payment-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/payment-service');
    expect(within(header).getByText('app.order.id')).toBeInTheDocument();
    expect(screen.getByTestId('journey-facts')).toHaveTextContent(
      'Error rate3.0 %',
    );

    const journey = { namespace: 'default', name: 'checkout' };
    expect(api.listJourneys).toHaveBeenCalledWith({ window: '1h' });
    expect(api.listInstances).toHaveBeenCalledWith(journey, {
      status: 'failed',
      window: '1h',
      limit: 20,
    });
    expect(api.listInstances).toHaveBeenCalledWith(journey, {
      status: 'stuck',
      window: '1h',
      limit: 20,
    });
    expect(api.listInstances).toHaveBeenCalledWith(journey, {
      sort: 'duration',
      window: '1h',
      limit: 20,
    });

    const broken = await screen.findByTestId('failed-instances');
    const links = within(broken).getAllByRole('link');
    // newest first, stuck and failed together
    expect(links.map(l => l.getAttribute('href'))).toEqual([
      `/journeys/instances/${'e'.repeat(32)}`,
      `/journeys/instances/${'f'.repeat(32)}`,
    ]);
    expect(
      within(broken)
        .getAllByTestId('instance-status')
        .map(c => c.textContent),
    ).toEqual(['stuck', 'failed']);

    const slowest = await screen.findByTestId('slowest-instances');
    expect(within(slowest).getByRole('link')).toHaveAttribute(
      'href',
      `/journeys/instances/${'d'.repeat(32)}`,
    );
    expect(slowest).toHaveTextContent('9.40 s');

    // the journey's objectives, whatever the stats window
    expect(api.getJourneySlos).toHaveBeenCalledWith(journey);
    const slos = screen.getByTestId('journey-slos');
    expect(
      within(slos).getByTestId('slo-objective-checkout-succeeds'),
    ).toHaveTextContent('99.42 % of 99 % target');
  });

  it('says which journey is missing', async () => {
    const api = fakeJourneysApi({
      listJourneys: jest.fn().mockResolvedValue([]),
      listInstances: jest.fn().mockResolvedValue([]),
      getJourneySlos: jest.fn().mockResolvedValue(journeySlos([])),
    });
    await renderInTestApp(<JourneysRouter />, {
      apis: [[journeysApiRef, api]],
      mountedRoutes,
      mountPath: '/journeys/*',
      initialRouteEntries: ['/journeys/shop/gone'],
    });
    expect(
      await screen.findByText('No journey shop/gone in the catalog'),
    ).toBeInTheDocument();
  });

  it('puts deltas beside volume, error rate and p95, reads the objectives once, and says which target is missing', async () => {
    jest
      .spyOn(Date, 'now')
      .mockReturnValue(Date.parse('2026-12-06T00:30:00.000Z'));
    const listJourneys = jest.fn(async (filters: { end?: string }) => [
      filters.end
        ? // 1500 → 1200 instances: −20 %; 2.0 % → 3.0 %: +1.0 pp; p95 2000 → 1830: −8.5 %
          journeyStats({
            window: '1h',
            volume: 1500,
            errorRate: 0.02,
            p95Ms: 2000,
          })
        : journeyStats({
            window: '1h',
            volume: 1200,
            errorRate: 0.03,
            p95Ms: 1830,
          }),
    ]);
    const api = fakeJourneysApi({
      listJourneys: listJourneys as any,
      listInstances: jest.fn().mockResolvedValue([]),
      // only a ratio objective: the error-rate chart has its line, the latency chart says why not
      getJourneySlos: jest.fn().mockResolvedValue(journeySlos([sloDetail()])),
    });
    await renderInTestApp(<JourneysRouter />, {
      apis: [[journeysApiRef, api]],
      mountedRoutes,
      mountPath: '/journeys/*',
      initialRouteEntries: ['/journeys/default/checkout?window=1h'],
    });

    const facts = await screen.findByTestId('journey-facts');
    expect(listJourneys).toHaveBeenCalledWith({
      window: '1h',
      end: '2026-12-05T23:30:00.000Z',
    });
    expect(within(facts).getByText('−20 % vs previous 1 h')).toHaveStyle({
      color: '#c62828',
    });
    expect(within(facts).getByText('+1.0 pp vs previous 1 h')).toHaveStyle({
      color: '#c62828',
    });
    expect(within(facts).getByText('−8.5 % vs previous 1 h')).toHaveStyle({
      color: '#2e7d32',
    });
    expect(
      await screen.findByText(
        'No target line: the journey declares no latency objective.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/declares no availability/),
    ).not.toBeInTheDocument();
    // the charts' targets and the SLO section share one read
    expect(api.getJourneySlos).toHaveBeenCalledTimes(1);
  });
});
