import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { journeysApiRef } from '../api/JourneysApi';
import {
  fakeJourneysApi,
  journeyStats,
  mountedRoutes,
} from '../testUtils/fakes';
import { EntityJourneysContent } from './EntityJourneysContent';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payment-service', namespace: 'default' },
  spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
};

describe('EntityJourneysContent', () => {
  it('lists the journeys the component takes part in, linking each journey page', async () => {
    const api = fakeJourneysApi({
      listJourneys: jest.fn().mockResolvedValue([journeyStats()]),
    });
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityJourneysContent />
      </EntityProvider>,
      { apis: [[journeysApiRef, api]], mountedRoutes },
    );
    expect(
      await screen.findByRole('link', { name: 'Checkout' }),
    ).toHaveAttribute('href', '/journeys/default/checkout');
    expect(
      screen.getByText('Journeys through payment-service, last 24h'),
    ).toBeInTheDocument();
    expect(api.listJourneys).toHaveBeenCalledWith({
      window: '24h',
      component: 'component:default/payment-service',
    });
  });

  it('says when the component is in no journey', async () => {
    const api = fakeJourneysApi({
      listJourneys: jest.fn().mockResolvedValue([]),
    });
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntityJourneysContent />
      </EntityProvider>,
      { apis: [[journeysApiRef, api]], mountedRoutes },
    );
    expect(
      await screen.findByText(/payment-service takes part in no journey/),
    ).toBeInTheDocument();
  });
});
