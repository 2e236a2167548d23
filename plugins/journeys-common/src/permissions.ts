import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Journeys permissions. Neither is a resource permission: traces are not catalog entities,
 * and one trace spans many components' spans.
 */

/** Send spans to the OTLP receiver (`POST /v1/traces`). The ingest token holds only this. */
export const journeysTracesIngestPermission = createPermission({
  name: 'journeys.traces.ingest',
  attributes: { action: 'create' },
});

/** Read journey statistics, instances, search results, waterfalls and span details. */
export const journeysTracesReadPermission = createPermission({
  name: 'journeys.traces.read',
  attributes: { action: 'read' },
});

/**
 * Read the Prometheus exposition (`GET /metrics`). The metrics token holds only this, so a
 * Prometheus server that scrapes with it can read counters, not traces.
 */
export const journeysMetricsReadPermission = createPermission({
  name: 'journeys.metrics.read',
  attributes: { action: 'read' },
});

export const journeysPermissions = [
  journeysTracesIngestPermission,
  journeysTracesReadPermission,
  journeysMetricsReadPermission,
];
