import { renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { journeysApiRef } from './api/JourneysApi';
import { journeysPlugin } from './plugin';
import { fakeJourneysApi, journeyStats } from './testUtils/fakes';
import defaultExport from './index';

describe('journeysPlugin', () => {
  it('is the default export, so the app discovers it from package.json', () => {
    expect(defaultExport).toBe(journeysPlugin);
  });

  it('mounts the Journeys page at /journeys', async () => {
    const api = fakeJourneysApi({
      listJourneys: jest.fn().mockResolvedValue([journeyStats()]),
    });
    renderTestApp({
      features: [journeysPlugin],
      apis: [[journeysApiRef, api]],
      // the catalog plugin mounts this in the app
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef as any,
      },
      initialRouteEntries: ['/journeys'],
    });

    // The page loads lazily; on a loaded CI machine that takes longer than findBy's 1 s default.
    expect(
      await screen.findByText('Journeys, last 24h', undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('journey-search')).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: 'Checkout' })[0],
    ).toHaveAttribute('href', '/journeys/default/checkout');
  });
});
