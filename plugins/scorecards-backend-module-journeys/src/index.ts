/**
 * Scorecards: per-journey KPIs from the journeys backend.
 *
 * @packageDocumentation
 */

export { scorecardsModuleJourneys as default } from './module';
export { JourneyMetricProvider } from './JourneyMetricProvider';
export type { JourneyMetricRun } from './JourneyMetricProvider';
export type { MissingValue } from '@internal/plugin-scorecards-node';
export { JourneysClient, JourneysApiError } from './JourneysClient';
export type { JourneysApi } from './JourneysClient';
export { JOURNEY_KPIS, JOURNEY_KPI_IDS } from './journeyKpis';
