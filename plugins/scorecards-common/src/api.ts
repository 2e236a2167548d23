/**
 * The scorecards-backend REST contract, as generated from its OpenAPI description
 * (plugins/scorecards-backend/src/schema/openapi.yaml).
 */
import type { components, paths } from './schema/openapi/generated/types';

export type ScorecardsApiPaths = paths;
export type KpiResponse = components['schemas']['Kpi'];
export type EntityScorecardResponse = components['schemas']['EntityScorecard'];
export type EntityKpiValueResponse = components['schemas']['EntityKpiValue'];
export type KpiDeltaResponse = components['schemas']['Delta'];
export type HistoryPointResponse = components['schemas']['HistoryPoint'];
export type AggregateRowResponse = components['schemas']['AggregateRow'];
export type MemberRowResponse = components['schemas']['MemberRow'];
export type MemberCountsResponse = components['schemas']['MemberCounts'];
