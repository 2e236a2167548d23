import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
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

  it('adds an SLOs tab to Journey entities only', () => {
    const tester = createExtensionTester(
      journeysPlugin.getExtension('entity-content:journeys/slos'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('slo');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('SLOs');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    const entity = (kind: string) => ({
      apiVersion: 'switchboard.dev/v1alpha1',
      kind,
      metadata: { name: 'checkout' },
    });
    expect(filter(entity('Journey'))).toBe(true);
    expect(filter(entity('Component'))).toBe(false);
  });
});
