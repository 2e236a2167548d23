import { Route, Routes } from 'react-router-dom';
import { AuditPage } from './AuditPage';
import { DlqPage } from './DlqPage';
import { MessagePage } from './MessagePage';
import { OverviewPage } from './OverviewPage';
import { ReplayPage } from './ReplayPage';

/** The pages under /dead-letters. */
export const DlqRouter = () => (
  <Routes>
    <Route path="/" element={<OverviewPage />} />
    <Route path="/audit" element={<AuditPage />} />
    <Route path="/replays/:id" element={<ReplayPage />} />
    <Route path="/:runtime/:dlq" element={<DlqPage />} />
    <Route path="/:runtime/:dlq/messages/:id" element={<MessagePage />} />
  </Routes>
);
