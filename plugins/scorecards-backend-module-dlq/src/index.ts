/**
 * Scorecards: per dead-letter-queue KPIs from the dlq backend.
 *
 * @packageDocumentation
 */

export { scorecardsModuleDlq as default } from './module';
export { DlqMetricProvider } from './DlqMetricProvider';
export type { DlqMetricRun } from './DlqMetricProvider';
export type { MissingValue } from '@internal/plugin-scorecards-node';
export { DlqClient, DlqApiError } from './DlqClient';
export type { DlqApi } from './DlqClient';
export { DLQ_KPIS, DLQ_KPI_IDS } from './dlqKpis';
