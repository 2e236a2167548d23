import { createRouteRef, useRouteRef } from '@backstage/frontend-plugin-api';

/** The Dead letters page (mounted at /dead-letters). */
export const rootRouteRef = createRouteRef();

const enc = encodeURIComponent;

/** Paths of the pages inside the Dead letters page, usable from anywhere in the app. */
export function useDlqLinks() {
  const root = useRouteRef(rootRouteRef);
  const base = (root?.() ?? '/dead-letters').replace(/\/$/, '');
  return {
    overview: () => base || '/',
    dlq: (runtime: string, dlq: string, query?: string) =>
      `${base}/${enc(runtime)}/${enc(dlq)}${query ? `?${query}` : ''}`,
    message: (runtime: string, dlq: string, id: string) =>
      `${base}/${enc(runtime)}/${enc(dlq)}/messages/${enc(id)}`,
    replay: (id: string) => `${base}/replays/${enc(id)}`,
    audit: (query?: string) => `${base}/audit${query ? `?${query}` : ''}`,
  };
}
