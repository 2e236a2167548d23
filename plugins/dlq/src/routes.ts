import {
  createRouteRef,
  createSubRouteRef,
  useRouteRef,
} from '@backstage/frontend-plugin-api';

/** The Dead letters page (mounted at /dead-letters). */
export const rootRouteRef = createRouteRef();

/** One dead-letter queue of one runtime; other plugins link here as `dlq.queue`. */
export const queueRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:runtime/:dlq',
});

/** One dead letter; other plugins link here as `dlq.message` (e.g. journeys' instance page). */
export const messageRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:runtime/:dlq/messages/:id',
});

/** One replay. */
export const replayRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/replays/:id',
});

/** The audit trail. */
export const auditRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/audit',
});

const withQuery = (path: string, query?: string) =>
  query ? `${path}?${query}` : path;

/**
 * Paths of the pages inside the Dead letters page, from the plugin's route refs (the
 * page is mounted wherever the app puts it). Used by the plugin's own pages and tab,
 * which only render where the plugin, and so its page, is installed.
 */
export function useDlqLinks() {
  const root = useRouteRef(rootRouteRef);
  const queue = useRouteRef(queueRouteRef);
  const message = useRouteRef(messageRouteRef);
  const replay = useRouteRef(replayRouteRef);
  const audit = useRouteRef(auditRouteRef);
  if (!root || !queue || !message || !replay || !audit) {
    throw new Error('The Dead letters page is not mounted in this app');
  }
  return {
    overview: () => root(),
    dlq: (runtime: string, dlq: string, query?: string) =>
      withQuery(queue({ runtime, dlq }), query),
    message: (runtime: string, dlq: string, id: string) =>
      message({ runtime, dlq, id }),
    replay: (id: string) => replay({ id }),
    audit: (query?: string) => withQuery(audit(), query),
  };
}
