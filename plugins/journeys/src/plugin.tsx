import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import TimelineIcon from '@material-ui/icons/Timeline';
import { journeysApiRef } from './api/JourneysApi';
import { JourneysClient } from './api/JourneysClient';
import { deadLetterRouteRef, rootRouteRef } from './routes';

const journeysApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: journeysApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new JourneysClient({ discoveryApi, fetchApi }),
    }),
});

/** Journeys: overview and search, one journey, one instance's waterfall. */
const journeysPage = PageBlueprint.make({
  params: {
    path: '/journeys',
    routeRef: rootRouteRef,
    title: 'Journeys',
    icon: <TimelineIcon fontSize="inherit" />,
    loader: () =>
      import('./components/JourneysRouter').then(m => <m.JourneysRouter />),
  },
});

/** The journeys a component takes part in. */
const entityJourneys = EntityContentBlueprint.make({
  name: 'journeys',
  params: {
    path: 'journeys',
    title: 'Journeys',
    filter: entity => entity.kind.toLocaleLowerCase('en-US') === 'component',
    loader: () =>
      import('./components/EntityJourneysContent').then(m => (
        <m.EntityJourneysContent />
      )),
  },
});

/** A Journey's service level objectives: budget, burn rates, alerts and why. */
const entitySlos = EntityContentBlueprint.make({
  name: 'slos',
  params: {
    path: 'slo',
    title: 'SLOs',
    filter: entity => entity.kind.toLocaleLowerCase('en-US') === 'journey',
    loader: () =>
      import('./components/slo/EntitySloContent').then(m => (
        <m.EntitySloContent />
      )),
  },
});

export const journeysPlugin = createFrontendPlugin({
  pluginId: 'journeys',
  routes: { root: rootRouteRef },
  externalRoutes: { deadLetter: deadLetterRouteRef },
  extensions: [journeysApi, journeysPage, entityJourneys, entitySlos],
});
