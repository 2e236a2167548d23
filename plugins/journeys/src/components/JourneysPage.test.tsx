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
    expect(api.listJourneys).toHaveBeenLastCalledWith({ window: '7d' });
    expect(await screen.findByText('Journeys, last 7d')).toBeInTheDocument();
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
