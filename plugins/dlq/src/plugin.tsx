import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import { DlqClient, dlqApiRef } from '@internal/plugin-dlq-react';
import {
  auditRouteRef,
  messageRouteRef,
  queueRouteRef,
  replayRouteRef,
  rootRouteRef,
} from './routes';

const dlqApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: dlqApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DlqClient({ discoveryApi, fetchApi }),
    }),
});

/** Dead letters: overview, one dead-letter queue, one dead letter, a replay, the audit trail. */
const deadLettersPage = PageBlueprint.make({
  params: {
    path: '/dead-letters',
    routeRef: rootRouteRef,
    title: 'Dead letters',
    icon: <ReportProblemIcon fontSize="inherit" />,
    loader: () => import('./components/DlqRouter').then(m => <m.DlqRouter />),
  },
});

/** The dead-letter queues a component consumes from. */
const entityDeadLetters = EntityContentBlueprint.make({
  name: 'dead-letters',
  params: {
    path: 'dead-letters',
    title: 'Dead letters',
    filter: entity => entity.kind.toLocaleLowerCase('en-US') === 'component',
    loader: () =>
      import('./components/EntityDlqContent').then(m => <m.EntityDlqContent />),
  },
});

export const dlqPlugin = createFrontendPlugin({
  pluginId: 'dlq',
  routes: {
    root: rootRouteRef,
    queue: queueRouteRef,
    message: messageRouteRef,
    replay: replayRouteRef,
    audit: auditRouteRef,
  },
  extensions: [dlqApi, deadLettersPage, entityDeadLetters],
});
