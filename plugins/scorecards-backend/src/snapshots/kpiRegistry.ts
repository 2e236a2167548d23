import { KpiDefinition } from '@internal/plugin-scorecards-common';
import { ScorecardMetricProvider } from '@internal/plugin-scorecards-node';

/**
 * Every KPI of every provider, after checking that provider ids and KPI ids are unique
 * (two modules defining one KPI would overwrite each other's snapshots).
 */
export function collectKpis(
  providers: readonly ScorecardMetricProvider[],
): KpiDefinition[] {
  const providerIds = new Set<string>();
  const kpiOwners = new Map<string, string>();
  const kpis: KpiDefinition[] = [];
  for (const provider of providers) {
    if (!provider.id)
      throw new TypeError('Scorecards: a metric provider has no id');
    if (providerIds.has(provider.id))
      throw new TypeError(
        `Scorecards: two metric providers have the id "${provider.id}"`,
      );
    providerIds.add(provider.id);
    for (const kpi of provider.kpis) {
      const owner = kpiOwners.get(kpi.id);
      if (owner)
        throw new TypeError(
          `Scorecards: KPI "${kpi.id}" is provided by both "${owner}" and "${provider.id}"`,
        );
      if (kpi.entityKinds.length === 0)
        throw new TypeError(
          `Scorecards: KPI "${kpi.id}" of provider "${provider.id}" applies to no entity kind`,
        );
      kpiOwners.set(kpi.id, provider.id);
      kpis.push(kpi);
    }
  }
  return kpis;
}
