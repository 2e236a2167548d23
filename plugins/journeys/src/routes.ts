import { parseEntityRef } from '@backstage/catalog-model';
import {
  createExternalRouteRef,
  createRouteRef,
  useRouteRef,
} from '@backstage/frontend-plugin-api';
import type { StatsWindow } from '@internal/plugin-journeys-common';
import type { JourneyName } from './api/JourneysApi';

/** The statistics window when the URL names none. */
export const DEFAULT_WINDOW: StatsWindow = '24h';

/** The Journeys page (mounted at /journeys). */
export const rootRouteRef = createRouteRef();

/**
 * One dead letter's page in the dlq plugin (`dlq.message` unless the app binds it
 * elsewhere); without the dlq plugin it resolves to nothing and no link is shown.
 */
export const deadLetterRouteRef = createExternalRouteRef({
  params: ['runtime', 'dlq', 'id'],
  defaultTarget: 'dlq.message',
});

const enc = encodeURIComponent;

/** `journey:default/checkout` → { namespace: 'default', name: 'checkout' }. */
export function journeyName(ref: string): JourneyName {
  const { namespace, name } = parseEntityRef(ref, {
    defaultKind: 'journey',
    defaultNamespace: 'default',
  });
  return { namespace, name };
}

/** Paths of the pages inside the Journeys page, usable from anywhere in the app (e.g. an entity tab). */
export function useJourneysLinks() {
  const root = useRouteRef(rootRouteRef);
  const base = (root?.() ?? '/journeys').replace(/\/$/, '');
  return {
    overview: () => base || '/',
    /** A journey's page; a window other than the default one is carried along. */
    journey: (ref: string, window?: StatsWindow) => {
      const { namespace, name } = journeyName(ref);
      const query =
        window && window !== DEFAULT_WINDOW ? `?window=${window}` : '';
      return `${base}/${enc(namespace)}/${enc(name)}${query}`;
    },
    instance: (id: string) => `${base}/instances/${enc(id)}`,
    /** Every objective, least budget first; optionally only those of one owner. */
    slos: (owner?: string) =>
      `${base}/slos${owner ? `?owner=${enc(owner)}` : ''}`,
  };
}
