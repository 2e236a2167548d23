import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { scorecardsApiRef } from './api/ScorecardsApi';
import { ScorecardsClient } from './api/ScorecardsClient';
import { rootRouteRef } from './routes';

/** Entity kinds with a Scorecard tab: the rollups and journeys. */
export const SCORECARD_TAB_KINDS = ['group', 'system', 'domain', 'journey'];

const scorecardsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: scorecardsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ScorecardsClient({ discoveryApi, fetchApi }),
    }),
});

/** Scorecards: organisation heat map → team, system or journey → one KPI's history. */
const scorecardsPage = PageBlueprint.make({
  params: {
    path: '/scorecards',
    routeRef: rootRouteRef,
    title: 'Scorecards',
    icon: <AssessmentIcon fontSize="inherit" />,
    loader: () =>
      import('./components/ScorecardsRouter').then(m => <m.ScorecardsRouter />),
  },
});

/** A team's, system's or journey's KPIs against their targets. */
const entityScorecard = EntityContentBlueprint.make({
  name: 'scorecard',
  params: {
    path: 'scorecard',
    title: 'Scorecard',
    filter: entity =>
      SCORECARD_TAB_KINDS.includes(entity.kind.toLocaleLowerCase('en-US')),
    loader: () =>
      import('./components/EntityScorecardContent').then(m => (
        <m.EntityScorecardContent />
      )),
  },
});

export const scorecardsPlugin = createFrontendPlugin({
  pluginId: 'scorecards',
  routes: { root: rootRouteRef },
  extensions: [scorecardsApi, scorecardsPage, entityScorecard],
});
