/**
 * Dead letters: inspect failed messages, replay them safely, archive or purge, audit.
 *
 * @packageDocumentation
 */
export { dlqPlugin as default } from './plugin';
export { dlqApiRef } from './api/DlqApi';
export type {
  DlqApi,
  MessageFilters,
  ReplayListFilters,
  ReplayItemPage,
  AuditFilters,
} from './api/DlqApi';
export { DlqClient } from './api/DlqClient';
