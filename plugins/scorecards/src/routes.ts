import { parseEntityRef } from '@backstage/catalog-model';
import { createRouteRef, useRouteRef } from '@backstage/frontend-plugin-api';

/** The Scorecards page (mounted at /scorecards). */
export const rootRouteRef = createRouteRef();

const enc = encodeURIComponent;

function entityPath(ref: string): string {
  const { kind, namespace, name } = parseEntityRef(ref, {
    defaultNamespace: 'default',
  });
  return `${enc(kind.toLocaleLowerCase('en-US'))}/${enc(namespace)}/${enc(
    name,
  )}`;
}

/** Paths of the pages inside Scorecards, usable from anywhere (e.g. an entity tab). */
export function useScorecardsLinks() {
  const root = useRouteRef(rootRouteRef);
  const base = (root?.() ?? '/scorecards').replace(/\/$/, '');
  return {
    overview: () => base || '/',
    /** A team's, system's or journey's scorecard. */
    entity: (ref: string) => `${base}/${entityPath(ref)}`,
    /** One KPI's history for an entity. */
    kpi: (ref: string, kpiId: string) =>
      `${base}/${entityPath(ref)}/kpis/${enc(kpiId)}`,
  };
}
