import { Route, Routes } from 'react-router-dom';
import { EntityScorecardPage } from './EntityScorecardPage';
import { KpiHistoryPage } from './KpiHistoryPage';
import { OrganisationOverviewPage } from './OrganisationOverviewPage';

/** The pages under /scorecards: organisation → entity → KPI history. */
export const ScorecardsRouter = () => (
  <Routes>
    <Route path="/" element={<OrganisationOverviewPage />} />
    <Route path="/:kind/:namespace/:name" element={<EntityScorecardPage />} />
    <Route
      path="/:kind/:namespace/:name/kpis/:kpiId"
      element={<KpiHistoryPage />}
    />
  </Routes>
);
