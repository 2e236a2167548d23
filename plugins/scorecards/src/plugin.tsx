import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
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

/** The home page card: the viewer's teams with their status, score and worst KPIs. */
const yourTeamsWidget = HomePageWidgetBlueprint.make({
  name: 'your-teams',
  params: {
    name: 'ScorecardsYourTeams',
    title: "Your teams' scorecards",
    description:
      'The teams you belong to, their rolled-up KPI status and score, and their worst KPIs',
    components: () =>
      import('./components/YourTeamsCard').then(m => ({
        Content: m.YourTeamsCardContent,
      })),
    layout: {
      width: { defaultColumns: 6, minColumns: 4 },
      height: { defaultRows: 4, minRows: 3 },
    },
  },
});

/** Search results of type `scorecard` (the scorecards collator's documents). */
const scorecardSearchResult = SearchResultListItemBlueprint.make({
  name: 'scorecard',
  params: {
    icon: <AssessmentIcon />,
    predicate: result => result.type === 'scorecard',
    component: () =>
      import('./components/ScorecardSearchResultListItem').then(
        m => m.ScorecardSearchResultListItem,
      ),
  },
});

/** "Scorecards" among the search page's result types. */
const scorecardSearchResultType = SearchFilterResultTypeBlueprint.make({
  name: 'scorecard',
  params: {
    value: 'scorecard',
    name: 'Scorecards',
    icon: <AssessmentIcon />,
  },
});

export const scorecardsPlugin = createFrontendPlugin({
  pluginId: 'scorecards',
  routes: { root: rootRouteRef },
  extensions: [
    scorecardsApi,
    scorecardsPage,
    entityScorecard,
    yourTeamsWidget,
    scorecardSearchResult,
    scorecardSearchResultType,
  ],
});
