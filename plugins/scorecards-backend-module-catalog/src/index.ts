/**
 * Scorecards: contract health KPIs of APIs, topics and queues, from the catalog.
 *
 * @packageDocumentation
 */

export { scorecardsModuleCatalog as default } from './module';
export { CatalogMetricProvider } from './CatalogMetricProvider';
export { CatalogIndexReader } from './CatalogIndexReader';
export type { CatalogIndexSource } from './CatalogIndexReader';
export { CATALOG_KPIS, CATALOG_KPI_IDS } from './catalogKpis';
