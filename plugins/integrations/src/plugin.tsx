import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isArtifact } from '@internal/plugin-integrations-common';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';
import {
  catalogErrorsApiRef,
  CatalogErrorsClient,
} from './api/CatalogErrorsClient';
import { messagingOverviewCard } from './messagingOverviewCard';
import {
  catalogErrorsRouteRef,
  deadLetterQueueRouteRef,
  rootRouteRef,
} from './routes';

const explorePage = PageBlueprint.make({
  params: {
    path: '/integrations',
    routeRef: rootRouteRef,
    title: 'Integrations',
    icon: <DeviceHubIcon fontSize="inherit" />,
    loader: () =>
      import('./components/ExplorePage').then(m => <m.ExplorePage />),
  },
});

/** "Who is affected if this changes" on every API, topic and queue. */
const impactContent = EntityContentBlueprint.make({
  name: 'impact',
  params: {
    path: 'impact',
    title: 'Impact',
    filter: isArtifact,
    loader: () =>
      import('./components/ImpactContent').then(m => <m.ImpactContent />),
  },
});

/** The catalog module's processing errors route, behind one client. */
const catalogErrorsApi = ApiBlueprint.make({
  name: 'catalog-errors',
  params: defineParams =>
    defineParams({
      api: catalogErrorsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CatalogErrorsClient(discoveryApi, fetchApi),
    }),
});

/** Every entity whose catalog processing failed, with its error and catalog file. */
const catalogErrorsPage = PageBlueprint.make({
  name: 'catalog-errors',
  params: {
    path: '/catalog-errors',
    routeRef: catalogErrorsRouteRef,
    title: 'Catalog errors',
    icon: <ErrorOutlineIcon fontSize="inherit" />,
    loader: () =>
      import('./components/CatalogErrorsPage').then(m => (
        <m.CatalogErrorsPage />
      )),
  },
});

/** On a component's overview: its APIs that failed catalog processing, and why. */
const apiProcessingErrorsCard = EntityCardBlueprint.make({
  name: 'api-processing-errors',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/ApiProcessingErrorsCard').then(m => (
        <m.ApiProcessingErrorsCard />
      )),
  },
});

export const integrationsPlugin = createFrontendPlugin({
  pluginId: 'integrations',
  routes: { catalogErrors: catalogErrorsRouteRef },
  externalRoutes: { deadLetterQueue: deadLetterQueueRouteRef },
  extensions: [
    explorePage,
    impactContent,
    catalogErrorsApi,
    catalogErrorsPage,
    apiProcessingErrorsCard,
    messagingOverviewCard,
  ],
});
