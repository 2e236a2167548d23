import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  MetricValues,
  MetricWindow,
  ScorecardMetricProvider,
} from '@internal/plugin-scorecards-node';
import { CATALOG_KPIS, CATALOG_KPI_IDS as K } from './catalogKpis';
import { CatalogIndexSource } from './CatalogIndexReader';
import { contractHealth } from './contractHealth';

/**
 * Contract health per API, topic and queue, from the catalog as it is when the snapshot
 * is taken. The catalog keeps no history, so there is no backfill: earlier days stay empty.
 */
export class CatalogMetricProvider implements ScorecardMetricProvider {
  readonly id = 'catalog';
  readonly kpis = CATALOG_KPIS;

  constructor(
    private readonly deps: { index: CatalogIndexSource; logger: LoggerService },
  ) {}

  async compute(entities: Entity[], window: MetricWindow) {
    const index = await this.deps.index.load();
    const values: MetricValues = {};
    let deprecatedInUse = 0;
    for (const entity of entities) {
      const outcomes = contractHealth(entity, index);
      const ref = stringifyEntityRef(entity);
      for (const [kpiId, outcome] of Object.entries(outcomes))
        if (outcome && 'value' in outcome)
          (values[ref] ??= {})[kpiId] = outcome.value;
      if ((values[ref]?.[K.deprecatedConsumers] ?? 0) > 0) deprecatedInUse++;
    }
    this.deps.logger.debug(
      `Scorecards catalog ${window.from.toISOString()}–${window.to.toISOString()}: ${
        Object.keys(values).length
      } contract(s), ${deprecatedInUse} deprecated one(s) still consumed`,
    );
    return values;
  }
}
