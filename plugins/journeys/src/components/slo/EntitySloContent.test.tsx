import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { journeysApiRef } from '../../api/JourneysApi';
import {
  fakeJourneysApi,
  journeySlos,
  mountedRoutes,
  sloDetail,
} from '../../testUtils/fakes';
import { EntitySloContent } from './EntitySloContent';

const entity = {
  apiVersion: 'switchboard.dev/v1alpha1',
  kind: 'Journey',
  metadata: { name: 'refund', namespace: 'shop' },
  spec: { owner: 'group:default/team-payments' },
};

describe('EntitySloContent', () => {
  it("shows the Journey entity's objectives", async () => {
    const api = fakeJourneysApi({
      getJourneySlos: jest
        .fn()
        .mockResolvedValue(
          journeySlos([sloDetail({ objective: 'refund-succeeds' })]),
        ),
    });
    await renderInTestApp(
      <EntityProvider entity={entity}>
        <EntitySloContent />
      </EntityProvider>,
      { apis: [[journeysApiRef, api]], mountedRoutes },
    );
    expect(
      await screen.findByTestId('slo-objective-refund-succeeds'),
    ).toBeInTheDocument();
    expect(api.getJourneySlos).toHaveBeenCalledWith({
      namespace: 'shop',
      name: 'refund',
    });
  });
});
