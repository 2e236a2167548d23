import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { journeysApiRef } from '../api/JourneysApi';
import {
  fakeJourneysApi,
  journeyStats,
  mountedRoutes,
} from '../testUtils/fakes';
import { JourneysRouter } from './JourneysRouter';

describe('JourneysPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('lists each journey with owner, volume, error rate and percentiles, worst first, and a chart each', async () => {
    const api = fakeJourneysApi({
      listJourneys: jest.fn().mockResolvedValue([
        journeyStats({
          ref: 'journey:default/refund',
          title: 'Refund',
          errorRate: 0,
          volume: 40,
          failed: 0,
          window: '6h',
        }),
        journeyStats({ window: '6h' }),
      ]),
    });
    await renderInTestApp(<JourneysRouter />, {
      apis: [[journeysApiRef, api]],
      mountedRoutes,
      mountPath: '/journeys/*',
      initialRouteEntries: ['/journeys?window=6h'],
    });

    const table = (await screen.findByText('Journeys, last 6h')).closest(
      'div[class*="MuiPaper"]',
    ) as HTMLElement;
    expect(api.listJourneys).toHaveBeenCalledWith({ window: '6h' });
    const checkout = within(table).getByRole('link', { name: 'Checkout' });
    const refund = within(table).getByRole('link', { name: 'Refund' });
    expect(checkout).toHaveAttribute(
      'href',
      '/journeys/default/checkout?window=6h',
    );
    expect(
      checkout.compareDocumentPosition(refund) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();

    const row = checkout.closest('tr')!;
    expect(
      within(row).getByRole('link', { name: 'team-orders' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-orders');
    expect(row).toHaveTextContent('1200');
    expect(row).toHaveTextContent('3.0 %');
    expect(row).toHaveTextContent('412');
    expect(row).toHaveTextContent('1,830');
    expect(row).toHaveTextContent('4,100');

    expect(
      screen.getByLabelText('Checkout: 1200 instances, 36 failed in 6h'),
    ).toBeInTheDocument();
    // a LinkButton: an anchor with the button role
    expect(screen.getByRole('button', { name: 'SLOs' })).toHaveAttribute(
      'href',
      '/journeys/slos',
    );

    await userEvent.click(screen.getByRole('button', { name: 'last 7d' }));
    expect(api.listJourneys).toHaveBeenCalledWith({ window: '7d' });
    expect(await screen.findByText('Journeys, last 7d')).toBeInTheDocument();
  });

  it('compares with the previous window, from one extra request, and says which journeys declare no objective', async () => {
    const now = Date.parse('2026-12-06T00:30:00.000Z');
    jest.spyOn(Date, 'now').mockReturnValue(now);
    const listJourneys = jest.fn(async (filters: { end?: string }) =>
      filters.end
        ? [
            // 1000 → 1200 instances: +20 %; 5.0 % → 3.0 % errors: −2.0 pp; p95 1525 → 1830: +20 %
            journeyStats({ volume: 1000, errorRate: 0.05, p95Ms: 1525 }),
            journeyStats({
              ref: 'journey:default/refund',
              title: 'Refund',
              volume: 0,
              errorRate: null,
              p95Ms: null,
            }),
          ]
        : [
            journeyStats({ errorRate: 0.03, p95Ms: 1830 }),
            journeyStats({
              ref: 'journey:default/refund',
              title: 'Refund',
              errorRate: 0,
              volume: 40,
              failed: 0,
            }),
          ],
    );
    const api = fakeJourneysApi({
      listJourneys: listJourneys as any,
      listSlos: jest.fn().mockResolvedValue([
        {
          journey: 'journey:default/checkout',
          objective: 'availability',
          indicator: 'ratio',
          target: 0.99,
        },
        {
          journey: 'journey:default/checkout',
          objective: 'latency',
          indicator: 'latency',
          target: 0.95,
          thresholdMs: 5000,
        },
      ]),
    });
    await renderInTestApp(<JourneysRouter />, {
      apis: [[journeysApiRef, api]],
      mountedRoutes,
      mountPath: '/journeys/*',
      initialRouteEntries: ['/journeys?window=24h'],
    });

    const table = (await screen.findByText('Journeys, last 24h')).closest(
      'div[class*="MuiPaper"]',
    ) as HTMLElement;
    expect(listJourneys).toHaveBeenCalledTimes(2);
    expect(listJourneys).toHaveBeenCalledWith({ window: '24h' });
    expect(listJourneys).toHaveBeenCalledWith({
      window: '24h',
      end: '2026-12-05T00:30:00.000Z',
    });
    expect(api.listSlos).toHaveBeenCalledTimes(1);

    const checkout = within(table)
      .getByRole('link', { name: 'Checkout' })
      .closest('tr')!;
    expect(
      within(checkout).getAllByText('+20 % vs previous 24 h'),
    ).toHaveLength(2);
    expect(
      within(checkout).getByText('−2.0 pp vs previous 24 h'),
    ).toBeInTheDocument();
    // Refund had no instance in the previous 24 h: no delta at all.
    const refund = within(table)
      .getByRole('link', { name: 'Refund' })
      .closest('tr')!;
    expect(refund).not.toHaveTextContent('vs previous');

    expect(
      await screen.findAllByText(
        'No target line: the journey declares no latency objective.',
      ),
    ).toHaveLength(1);
    expect(
      screen.getAllByText(
        'No target line: the journey declares no availability (ratio) objective.',
      ),
    ).toHaveLength(1);
    expect(
      screen.getByText(
        'No instances in the previous 24 h: nothing to compare with.',
      ),
    ).toBeInTheDocument();
  });

  it("shows the backend's message instead of a blank page", async () => {
    const api = fakeJourneysApi({
      listJourneys: jest
        .fn()
        .mockRejectedValue(new Error('journeys-backend is down')),
    });
    await renderInTestApp(<JourneysRouter />, {
      apis: [[journeysApiRef, api]],
      mountedRoutes,
      mountPath: '/journeys/*',
      initialRouteEntries: ['/journeys'],
    });
    expect(
      await screen.findByText(
        /Could not list journeys: journeys-backend is down/,
      ),
    ).toBeInTheDocument();
  });
});
