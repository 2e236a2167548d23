/**
 * Scorecards: KPIs per team, system and journey against their targets, with trends,
 * history and drill-down into Journeys and Dead letters.
 *
 * @packageDocumentation
 */
export { scorecardsPlugin as default } from './plugin';
export { scorecardsApiRef } from './api/ScorecardsApi';
export type {
  ScorecardsApi,
  KpiHistoryQuery,
  AggregationsQuery,
  MembersQuery,
  RollupPage,
  RollupSort,
  RollupTableQuery,
  StatusFilter,
} from './api/ScorecardsApi';
export { ScorecardsClient } from './api/ScorecardsClient';
