/**
 * Journeys: volume, errors and latency per business journey, search by order, trace or message id,
 * a waterfall of every trace of one journey instance, and each journey's SLOs.
 *
 * @packageDocumentation
 */
export { journeysPlugin as default } from './plugin';
export { journeysApiRef } from './api/JourneysApi';
export type {
  JourneysApi,
  JourneyListFilters,
  InstanceListFilters,
  JourneyName,
  SloListFilters,
} from './api/JourneysApi';
export { JourneysClient } from './api/JourneysClient';
