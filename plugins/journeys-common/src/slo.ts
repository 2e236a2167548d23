/**
 * The SLO routes' types (GET /slos, GET /slos/:namespace/:name), generated from
 * journeys-backend's OpenAPI document (src/schema/openapi.yaml). Clients call the routes
 * with openapi-fetch and `JourneysOpenApiPaths`.
 */
import type { components, paths } from './schema/openapi/generated/types';

type Schemas = components['schemas'];

export type JourneysOpenApiPaths = paths;
export type SloSummary = Schemas['SloSummary'];
export type SloDetail = Schemas['SloDetail'];
export type JourneySlos = Schemas['JourneySlos'];
export type SloAlert = Schemas['Alert'];
export type SloRuleState = Schemas['RuleState'];
export type SloBudgetPoint = Schemas['BudgetPoint'];
export type SloBurnPoint = Schemas['BurnPoint'];
export type SloBurningInstance = Schemas['BurningInstance'];
export type SloBudgetStatus = Schemas['BudgetStatus'];
export type SloBurnRates = Schemas['BurnRates'];
export type SloBurnWindow = Schemas['BurnWindow'];

/** The burn-rate windows, shortest first. */
export const SLO_BURN_WINDOWS: SloBurnWindow[] = [
  '5m',
  '30m',
  '1h',
  '2h',
  '6h',
  '1d',
  '3d',
];

/**
 * The budget's colour range: over 25 % left healthy, 0–25 % warning, below 0 exhausted
 * (more bad events than the target allows over the window), no-data without valid events.
 */
export function budgetStatus(
  remainingFraction: number | null,
): SloBudgetStatus {
  if (remainingFraction === null) return 'no-data';
  if (remainingFraction < 0) return 'exhausted';
  if (remainingFraction <= 0.25) return 'warning';
  return 'healthy';
}
