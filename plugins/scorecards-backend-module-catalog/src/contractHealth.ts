import {
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  RELATION_API_CONSUMED_BY,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_ASYNCAPI_API,
  ANNOTATION_CHAT_CHANNEL,
  ANNOTATION_SUNSET,
  RELATION_SUBSCRIBED_BY,
} from '@internal/plugin-integrations-common';
import type { KpiOutcome } from '@internal/plugin-scorecards-node';
import { CATALOG_KPI_IDS as K, CatalogKpiId } from './catalogKpis';

/** What the checks look up besides the contract itself, keyed by lower-case entity ref. */
export interface CatalogIndex {
  /** Groups and Users. */
  owners: Map<string, Entity>;
  /** APIs, for the AsyncAPI document a topic or queue comes from. */
  apis: Map<string, Entity>;
  /** Topics by broker address (`exchange` and `routingKey`), for the queues bound to them. */
  topicsByAddress: Map<string, Entity[]>;
}

export type ContractKpiOutcomes = Partial<Record<CatalogKpiId, KpiOutcome>>;

/** The four checks of ownership completeness, each met or not. */
export interface OwnershipChecks {
  owner: boolean;
  contact: boolean;
  definition: boolean;
  description: boolean;
}

/** Owners that say nobody owns it (what broker discovery gives undeclared queues). */
export const UNOWNED_REFS = ['group:default/unowned'];

const CONTRACT_RESOURCE_TYPES = ['topic', 'queue'];

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Normalises a ref as written in an entity (kind and namespace may be left out). */
export function normaliseRef(
  ref: string,
  defaultKind: string,
  defaultNamespace = DEFAULT_NAMESPACE,
): string | undefined {
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(ref, { defaultKind, defaultNamespace }),
      ),
    );
  } catch {
    return undefined;
  }
}

/** A key of `CatalogIndex.topicsByAddress`. */
export function addressKey(address: unknown): string | undefined {
  const a = address as { exchange?: unknown; routingKey?: unknown } | undefined;
  if (typeof a?.exchange !== 'string' || typeof a?.routingKey !== 'string')
    return undefined;
  return `${a.exchange}\u0000${a.routingKey}`;
}

/** An API, or a topic or queue Resource: something other components consume. */
export function isContract(entity: Entity): boolean {
  if (entity.kind.toLocaleLowerCase('en-US') === 'api') return true;
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    CONTRACT_RESOURCE_TYPES.includes(String(entity.spec?.type))
  );
}

const isApi = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'api';

/**
 * Deprecated as the integrations views read it (`summarizeArtifact`): lifecycle
 * `deprecated`, or a sunset annotation on an API, or `spec.deprecation` on a topic/queue.
 */
export function isDeprecated(entity: Entity): boolean {
  if (entity.spec?.lifecycle === 'deprecated') return true;
  if (isApi(entity))
    return !!entity.metadata.annotations?.[ANNOTATION_SUNSET]?.trim();
  return !!entity.spec?.deprecation;
}

/** The components that consume it: `apiConsumedBy` for an API, `subscribedBy` otherwise. */
export function consumersOf(entity: Entity): string[] {
  const relation = isApi(entity)
    ? RELATION_API_CONSUMED_BY
    : RELATION_SUBSCRIBED_BY;
  return [
    ...new Set(
      (entity.relations ?? [])
        .filter(r => r.type === relation)
        .map(r => lower(r.targetRef))
        .filter(ref => ref.startsWith('component:')),
    ),
  ];
}

/** The owner's ref: the catalog's `ownedBy` relation, else `spec.owner` as written. */
export function ownerRefOf(entity: Entity): string | undefined {
  const related = entity.relations?.find(
    r => r.type === RELATION_OWNED_BY,
  )?.targetRef;
  if (related) return lower(related);
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner.trim()) return undefined;
  return normaliseRef(owner, 'group', entity.metadata.namespace);
}

const hasText = (value: unknown) =>
  typeof value === 'string' && value.trim().length > 0;

const hasContact = (entity: Entity | undefined) =>
  !!entity &&
  (hasText((entity.spec?.profile as { email?: unknown } | undefined)?.email) ||
    hasText(entity.metadata.annotations?.[ANNOTATION_CHAT_CHANNEL]) ||
    (entity.metadata.links ?? []).some(l => hasText(l.url)));

/** The AsyncAPI API entity a topic or queue was read from, if the catalog has it. */
function asyncApiSourceOf(resource: Entity, index: CatalogIndex) {
  const ref = resource.metadata.annotations?.[ANNOTATION_ASYNCAPI_API];
  const key = ref
    ? normaliseRef(ref, 'api', resource.metadata.namespace)
    : undefined;
  return key ? index.apis.get(key) : undefined;
}

function hasDefinition(entity: Entity, index: CatalogIndex): boolean {
  if (isApi(entity)) return hasText(entity.spec?.definition);
  const source = asyncApiSourceOf(entity, index);
  if (source) return hasText(source.spec?.definition);
  // A queue declared by hand is defined by the topic it is bound to.
  if (entity.spec?.type !== 'queue') return false;
  const key = addressKey(entity.spec?.address);
  return (key ? index.topicsByAddress.get(key) ?? [] : []).some(topic => {
    const topicSource = asyncApiSourceOf(topic, index);
    return !!topicSource && hasText(topicSource.spec?.definition);
  });
}

export function ownershipChecks(
  entity: Entity,
  index: CatalogIndex,
): OwnershipChecks {
  const ref = ownerRefOf(entity);
  const owner =
    ref &&
    !UNOWNED_REFS.includes(ref) &&
    (ref.startsWith('group:') || ref.startsWith('user:'))
      ? index.owners.get(ref)
      : undefined;
  return {
    owner: !!owner,
    contact: hasContact(owner) || hasContact(entity),
    definition: hasDefinition(entity, index),
    description: hasText(entity.metadata.description),
  };
}

/** Both KPIs of one contract; entities that are not contracts get none. */
export function contractHealth(
  entity: Entity,
  index: CatalogIndex,
): ContractKpiOutcomes {
  if (!isContract(entity)) return {};
  const checks = Object.values(ownershipChecks(entity, index));
  return {
    [K.deprecatedConsumers]: {
      value: isDeprecated(entity) ? consumersOf(entity).length : 0,
    },
    [K.ownershipCompleteness]: {
      value: (100 * checks.filter(Boolean).length) / checks.length,
    },
  };
}
