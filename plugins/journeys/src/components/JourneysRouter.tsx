import { Route, Routes } from 'react-router-dom';
import { InstancePage } from './InstancePage';
import { JourneyPage } from './JourneyPage';
import { JourneysPage } from './JourneysPage';
import { SloOverviewPage } from './slo/SloOverviewPage';

/** The pages under /journeys. `instances` outranks `:namespace`, so it cannot be read as a namespace. */
export const JourneysRouter = () => (
  <Routes>
    <Route path="/" element={<JourneysPage />} />
    <Route path="/instances/:id" element={<InstancePage />} />
    <Route path="/slos" element={<SloOverviewPage />} />
    <Route path="/:namespace/:name" element={<JourneyPage />} />
  </Routes>
);
