import {
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isArtifact } from '@internal/plugin-integrations-common';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';

const rootRouteRef = createRouteRef();

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

export const integrationsPlugin = createFrontendPlugin({
  pluginId: 'integrations',
  extensions: [explorePage, impactContent],
});
