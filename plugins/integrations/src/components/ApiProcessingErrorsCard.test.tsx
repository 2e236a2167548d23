import '@testing-library/jest-dom';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import {
  CatalogErrorsApi,
  catalogErrorsApiRef,
  EntityProcessingErrors,
} from '../api/CatalogErrorsClient';
import { catalogErrorsRouteRef } from '../routes';
import { ApiProcessingErrorsCard, apiRefsOf } from './ApiProcessingErrorsCard';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'label-printer', namespace: 'default' },
  spec: { type: 'service', owner: 'orders', lifecycle: 'production' },
  relations: [
    { type: 'providesApi', targetRef: 'api:default/Label-Printer-API' },
    { type: 'consumesApi', targetRef: 'api:default/stock-api' },
    { type: 'ownedBy', targetRef: 'group:default/orders' },
  ],
};

const failing: EntityProcessingErrors = {
  entityRef: 'api:default/label-printer-api',
  stored: false,
  owner: 'group:default/orders',
  location: 'file:/srv/catalog/label-printer.yaml',
  errors: [
    {
      name: 'InputError',
      message:
        "OpenAPI definition of api:default/label-printer-api is invalid: Can't resolve #/components/responses/LabelCreated",
    },
  ],
};

function render(api: CatalogErrorsApi) {
  return renderInTestApp(
    <EntityProvider entity={component}>
      <ApiProcessingErrorsCard />
    </EntityProvider>,
    {
      apis: [[catalogErrorsApiRef, api]],
      mountedRoutes: {
        '/catalog-errors': catalogErrorsRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef as any,
      },
    },
  );
}

describe('apiRefsOf', () => {
  it('reads provided and consumed APIs from the relations, in lower case', () => {
    expect([...apiRefsOf(component).entries()]).toEqual([
      ['api:default/label-printer-api', 'provides'],
      ['api:default/stock-api', 'consumes'],
    ]);
  });
});

describe('ApiProcessingErrorsCard', () => {
  it("names the failing API, its error, its file and links to the failing entities' page", async () => {
    const forEntities = jest.fn().mockResolvedValue([failing]);
    await render({ forEntities, failing: jest.fn() });

    expect(
      await screen.findByText(
        /^Error: API label-printer-api failed catalog processing$/,
      ),
    ).toBeInTheDocument();
    expect(forEntities).toHaveBeenCalledWith([
      'api:default/label-printer-api',
      'api:default/stock-api',
    ]);
    expect(screen.getByText(failing.errors[0].message)).toBeInTheDocument();
    expect(
      screen.getByText(/not in the catalog until its processing succeeds/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('From /srv/catalog/label-printer.yaml'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'All failing entities in the catalog' }),
    ).toHaveAttribute('href', '/catalog-errors');
  });

  it('says when the catalog keeps the last valid version of a consumed API', async () => {
    await render({
      forEntities: jest.fn().mockResolvedValue([
        {
          ...failing,
          entityRef: 'api:default/stock-api',
          stored: true,
        },
      ]),
      failing: jest.fn(),
    });
    expect(await screen.findByText(/Consumed API/)).toBeInTheDocument();
    expect(
      screen.getByText(/the catalog shows its last valid version/),
    ).toBeInTheDocument();
  });

  it('renders nothing while no API has errors', async () => {
    const forEntities = jest.fn().mockResolvedValue([]);
    await render({ forEntities, failing: jest.fn() });
    await waitFor(() => expect(forEntities).toHaveBeenCalled());
    expect(screen.queryByText(/failed catalog processing/)).toBeNull();
  });

  it('says so when the errors cannot be read', async () => {
    await render({
      forEntities: jest.fn().mockRejectedValue(new Error('catalog is down')),
      failing: jest.fn(),
    });
    expect(
      await screen.findByText(
        /Could not read the processing errors of this component's APIs/,
      ),
    ).toBeInTheDocument();
  });
});
