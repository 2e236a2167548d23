import {
  Entity,
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_OWNED_BY,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_CHAT_CHANNEL,
  isMessagingResource,
  RELATION_PUBLISHED_BY,
  RELATION_PUBLISHES_TO,
  RELATION_SUBSCRIBED_BY,
} from './vocabulary';

/** Sunset and replacement of an API (annotations) or a topic/queue (spec.deprecation). */
export const ANNOTATION_SUNSET = 'switchboard.dev/sunset';
export const ANNOTATION_REPLACED_BY = 'switchboard.dev/replaced-by';

export interface Contact {
  email?: string;
  chat?: string;
}

/** One row of the integrations explore view: an API, topic or queue. */
export interface ArtifactSummary {
  ref: string;
  kind: 'API' | 'Resource';
  type: string;
  name: string;
  title: string;
  description?: string;
  owner?: string;
  ownerContact: Contact;
  system?: string;
  lifecycle?: string;
  protocol: string;
  deprecation?: { sunset?: string; replacement?: string };
  producers: string[];
  consumers: string[];
  hasRunbook: boolean;
}

const API_PROTOCOLS: Record<string, string> = {
  asyncapi: 'events',
  openapi: 'http',
};

const targets = (entity: Entity, type: string) =>
  (entity.relations ?? []).filter(r => r.type === type).map(r => r.targetRef);

export function isArtifact(entity: Entity): boolean {
  return entity.kind === 'API' || isMessagingResource(entity);
}

export function contactOf(group: Entity | undefined): Contact {
  const email = (group?.spec?.profile as { email?: string } | undefined)?.email;
  const chat = group?.metadata.annotations?.[ANNOTATION_CHAT_CHANNEL];
  return { ...(email ? { email } : {}), ...(chat ? { chat } : {}) };
}

const hasRunbookLink = (entity?: Entity) =>
  (entity?.metadata.links ?? []).some(l =>
    /runbook/i.test(`${l.title ?? ''} ${l.type ?? ''} ${l.url}`),
  );

/** Flattens an API or messaging resource for listing, with its owner's contact. */
export function summarizeArtifact(
  entity: Entity,
  entitiesByRef: Map<string, Entity>,
): ArtifactSummary {
  const ref = stringifyEntityRef(entity);
  const owner = targets(entity, RELATION_OWNED_BY)[0];
  const ownerEntity = owner ? entitiesByRef.get(owner) : undefined;
  const isApi = entity.kind === 'API';
  const spec = (entity.spec ?? {}) as Record<string, any>;
  const annotations = entity.metadata.annotations ?? {};
  const deprecated = spec.lifecycle === 'deprecated';
  let deprecation: ArtifactSummary['deprecation'];
  if (isApi && (annotations[ANNOTATION_SUNSET] || deprecated)) {
    deprecation = {
      sunset: annotations[ANNOTATION_SUNSET],
      replacement: annotations[ANNOTATION_REPLACED_BY],
    };
  } else if (!isApi && (spec.deprecation || deprecated)) {
    deprecation = spec.deprecation ?? {};
  }
  return {
    ref,
    kind: isApi ? 'API' : 'Resource',
    type: String(spec.type ?? ''),
    name: entity.metadata.name,
    title: entity.metadata.title ?? entity.metadata.name,
    description: entity.metadata.description,
    owner,
    ownerContact: contactOf(ownerEntity),
    system: spec.system,
    lifecycle: spec.lifecycle,
    protocol: isApi
      ? API_PROTOCOLS[spec.type] ?? String(spec.type)
      : String(spec.broker ?? 'messaging'),
    deprecation,
    producers: isApi
      ? targets(entity, RELATION_API_PROVIDED_BY)
      : targets(entity, RELATION_PUBLISHED_BY),
    consumers: isApi
      ? targets(entity, RELATION_API_CONSUMED_BY)
      : targets(entity, RELATION_SUBSCRIBED_BY),
    hasRunbook: hasRunbookLink(entity) || hasRunbookLink(ownerEntity),
  };
}

export interface CompletenessIssue {
  ref: string;
  title: string;
  problems: string[];
}

/**
 * Ownership completeness: artifacts without an owner, whose owner has no contact, with
 * no runbook link, or deprecated while still in use.
 */
export function completenessIssues(
  artifacts: ArtifactSummary[],
  unownedRefs: string[] = ['group:default/unowned'],
): CompletenessIssue[] {
  return artifacts
    .map(a => {
      const problems: string[] = [];
      if (!a.owner || unownedRefs.includes(a.owner)) problems.push('no owner');
      else if (!a.ownerContact.email && !a.ownerContact.chat)
        problems.push('owner has no contact');
      if (!a.hasRunbook) problems.push('no runbook link');
      if (a.deprecation && a.consumers.length > 0) {
        problems.push(
          `deprecated${
            a.deprecation.sunset ? ` (sunset ${a.deprecation.sunset})` : ''
          } but ${a.consumers.length} consumer${
            a.consumers.length === 1 ? ' still uses' : 's still use'
          } it`,
        );
      }
      return { ref: a.ref, title: a.title, problems };
    })
    .filter(i => i.problems.length > 0);
}

export interface ImpactRow {
  hop: number;
  ref: string;
  /** The artifact through which this component is affected. */
  via: string;
  owner?: string;
  ownerContact: Contact;
}

/**
 * Who is affected if `rootRef` changes: its consumers (hop 1), then the consumers of what
 * those components provide or publish (hop 2), and so on up to `maxHops`.
 */
export function impactOf(
  rootRef: string,
  entitiesByRef: Map<string, Entity>,
  maxHops = 3,
): ImpactRow[] {
  const rows: ImpactRow[] = [];
  const seen = new Set<string>();
  let frontier: Array<{ artifact: string }> = [{ artifact: rootRef }];
  const seenArtifacts = new Set([rootRef]);
  for (let hop = 1; hop <= maxHops && frontier.length; hop++) {
    const next: Array<{ artifact: string }> = [];
    for (const { artifact } of frontier) {
      const entity = entitiesByRef.get(artifact);
      if (!entity) continue;
      const consumers =
        entity.kind === 'API'
          ? targets(entity, RELATION_API_CONSUMED_BY)
          : targets(entity, RELATION_SUBSCRIBED_BY);
      for (const consumer of consumers) {
        if (seen.has(consumer)) continue;
        seen.add(consumer);
        const component = entitiesByRef.get(consumer);
        const owner = component
          ? targets(component, RELATION_OWNED_BY)[0]
          : undefined;
        rows.push({
          hop,
          ref: consumer,
          via: artifact,
          owner,
          ownerContact: contactOf(owner ? entitiesByRef.get(owner) : undefined),
        });
        if (!component) continue;
        for (const out of [
          ...targets(component, RELATION_PROVIDES_API),
          ...targets(component, RELATION_PUBLISHES_TO),
        ]) {
          if (!seenArtifacts.has(out)) {
            seenArtifacts.add(out);
            next.push({ artifact: out });
          }
        }
      }
    }
    frontier = next;
  }
  return rows;
}
