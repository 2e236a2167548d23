/**
 * Dead letters for other frontend plugins: the dlq-backend API (`dlqApiRef`, `DlqClient`)
 * and the UI pieces the portal's plugins share.
 *
 * @packageDocumentation
 */
export { dlqApiRef } from './api/DlqApi';
export type {
  DlqApi,
  MessageFilters,
  ReplayListFilters,
  ReplayItemPage,
  AuditFilters,
} from './api/DlqApi';
export { DlqClient } from './api/DlqClient';
export {
  ErrorAlert,
  ErrorPanel,
  errorMessage,
  WRAP,
} from './components/ErrorPanel';
export { EntityLink, entityTitle } from './components/EntityLink';
export { formatTime } from './components/formatTime';
