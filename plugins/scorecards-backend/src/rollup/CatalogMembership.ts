import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_CHILD_OF,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SCORECARD_THRESHOLDS_ANNOTATION } from '@internal/plugin-scorecards-common';
import { codeUnitOrder } from './codeUnitOrder';

/** Kinds whose scorecard is a rollup of the entities they hold. */
export type RollupKind = 'group' | 'system' | 'domain';
export const ROLLUP_KINDS: readonly RollupKind[] = [
  'group',
  'system',
  'domain',
];

export const isRollupKind = (kind: string): kind is RollupKind =>
  (ROLLUP_KINDS as readonly string[]).includes(kind.toLocaleLowerCase('en-US'));

/** A team, system or domain the caller may read. */
export interface RollupEntity {
  /** As snapshots and responses spell it (`stringifyEntityRef`). */
  ref: string;
  kind: RollupKind;
  name: string;
  namespace: string;
  title: string;
}

/** An entity a rollup holds: one of the kinds some KPI is measured on. */
export interface MemberEntity {
  /** As snapshots spell it (`stringifyEntityRef`). */
  ref: string;
  /** The catalog kind as written, e.g. `Journey`. */
  kind: string;
  name: string;
  title: string;
  /** The first owning entity's ref, e.g. `group:default/payments`. */
  owner?: string;
  /** The raw `switchboard.dev/scorecard-thresholds` annotation, if any. */
  thresholdAnnotation?: string;
}

/** Catalog pages are read this large; the fields below keep each entity small. */
const PAGE = 500;
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  `metadata.annotations.${SCORECARD_THRESHOLDS_ANNOTATION}`,
  'spec.owner',
  'spec.system',
  'spec.domain',
  'spec.parent',
  'spec.children',
  'relations',
];

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** `ref` fully lowercased (the catalog compares refs case-insensitively); undefined if unparsable. */
function refKey(
  ref: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof ref !== 'string' || !ref) return undefined;
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

/** Targets of the entity's relations of `type`, plus the refs written in its spec. */
function linked(
  entity: Entity,
  type: string,
  specRefs: unknown,
  defaultKind: string,
): string[] {
  const namespace = entity.metadata.namespace ?? 'default';
  const keys = new Set<string>();
  for (const r of entity.relations ?? []) {
    if (r.type !== type) continue;
    const key = refKey(r.targetRef, defaultKind, namespace);
    if (key) keys.add(key);
  }
  for (const ref of [specRefs].flat()) {
    const key = refKey(ref, defaultKind, namespace);
    if (key) keys.add(key);
  }
  return [...keys];
}

/**
 * Who holds what, as one caller sees the catalog: teams (with their sub-groups), systems
 * and domains, and the entities of the KPIs' kinds each one holds. Built from one read of
 * the catalog, so an entity the caller may not read is in no rollup of theirs.
 */
export class MembershipIndex {
  private readonly rollupsByKey = new Map<string, RollupEntity>();
  private readonly membersByKey = new Map<string, MemberEntity>();
  /** Group key → direct member keys (owned by the group itself). */
  private readonly owned = new Map<string, Set<string>>();
  /** System key → member keys (partOf the system). */
  private readonly parts = new Map<string, Set<string>>();
  /** Group key → child group keys; domain key → system keys. */
  private readonly children = new Map<string, Set<string>>();

  constructor(entities: readonly Entity[], memberKinds: readonly string[]) {
    const memberKindSet = new Set(memberKinds.map(lower));
    const edge = (map: Map<string, Set<string>>, from: string, to: string) => {
      let set = map.get(from);
      if (!set) map.set(from, (set = new Set()));
      set.add(to);
    };
    for (const entity of entities) {
      const kind = lower(entity.kind ?? '');
      if (!entity.metadata?.name) continue;
      const ref = stringifyEntityRef(entity);
      const key = lower(ref);
      const spec = (entity.spec ?? {}) as Record<string, unknown>;
      if (isRollupKind(kind)) {
        this.rollupsByKey.set(key, {
          ref,
          kind,
          name: entity.metadata.name,
          namespace: entity.metadata.namespace ?? 'default',
          title: entity.metadata.title || entity.metadata.name,
        });
        // Edges from both ends: a sub-group the caller may not read still links its
        // parent to what it owns that the caller may read.
        if (kind === 'group') {
          for (const p of linked(
            entity,
            RELATION_CHILD_OF,
            spec.parent,
            'group',
          ))
            edge(this.children, p, key);
          for (const c of linked(
            entity,
            RELATION_PARENT_OF,
            spec.children,
            'group',
          ))
            edge(this.children, key, c);
        } else if (kind === 'system') {
          for (const d of linked(
            entity,
            RELATION_PART_OF,
            spec.domain,
            'domain',
          ))
            edge(this.children, d, key);
        } else {
          for (const r of entity.relations ?? [])
            if (r.type === RELATION_HAS_PART) {
              const s = refKey(r.targetRef, 'system', 'default');
              if (s?.startsWith('system:')) edge(this.children, key, s);
            }
        }
        continue;
      }
      if (!memberKindSet.has(kind)) continue;
      const owners = linked(entity, RELATION_OWNED_BY, spec.owner, 'group');
      this.membersByKey.set(key, {
        ref,
        kind: entity.kind,
        name: entity.metadata.name,
        title: entity.metadata.title || entity.metadata.name,
        owner: owners[0],
        thresholdAnnotation:
          entity.metadata.annotations?.[SCORECARD_THRESHOLDS_ANNOTATION],
      });
      for (const o of owners) edge(this.owned, o, key);
      for (const s of linked(entity, RELATION_PART_OF, spec.system, 'system'))
        if (s.startsWith('system:')) edge(this.parts, s, key);
    }
  }

  /** Every visible entity of the kind, in title order. */
  rollups(kind: RollupKind): RollupEntity[] {
    return [...this.rollupsByKey.values()]
      .filter(r => r.kind === kind)
      .sort(
        (a, b) => a.title.localeCompare(b.title) || a.ref.localeCompare(b.ref),
      );
  }

  rollup(ref: string): RollupEntity | undefined {
    return this.rollupsByKey.get(lower(ref));
  }

  /**
   * What a team (with its sub-groups, transitively, unless `direct`), a system or a domain
   * holds, of the members the caller may read; ordered by ref.
   */
  membersOf(ref: string, options: { direct?: boolean } = {}): MemberEntity[] {
    const key = lower(ref);
    const kind = key.slice(0, key.indexOf(':'));
    const memberKeys = new Set<string>();
    if (kind === 'group') {
      const seen = new Set<string>();
      const stack = [key];
      while (stack.length) {
        const g = stack.pop()!;
        if (seen.has(g)) continue; // a cycle in the group tree
        seen.add(g);
        for (const m of this.owned.get(g) ?? []) memberKeys.add(m);
        if (options.direct) break;
        for (const c of this.children.get(g) ?? []) stack.push(c);
      }
    } else if (kind === 'system') {
      for (const m of this.parts.get(key) ?? []) memberKeys.add(m);
    } else if (kind === 'domain') {
      for (const s of this.children.get(key) ?? [])
        for (const m of this.parts.get(s) ?? []) memberKeys.add(m);
    }
    const members: MemberEntity[] = [];
    for (const m of memberKeys) {
      const member = this.membersByKey.get(m);
      if (member) members.push(member);
    }
    return members.sort((a, b) => codeUnitOrder(a.ref, b.ref));
  }
}

/** Reads what rollups need from the catalog, once per request, as the given caller. */
export class CatalogMembership {
  constructor(
    private readonly catalog: Pick<CatalogService, 'queryEntities'>,
    private readonly memberKinds: readonly string[],
  ) {}

  /**
   * The index for rollups of these kinds: the rollup entities, the systems of domains, and
   * every entity of the KPIs' kinds the credentials may read.
   */
  async load(
    credentials: BackstageCredentials,
    kinds: readonly RollupKind[],
  ): Promise<MembershipIndex> {
    const read = new Set<string>([...kinds, ...this.memberKinds.map(lower)]);
    if (kinds.includes('domain')) read.add('system');
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE, fields: FIELDS }
          : { filter: { kind: [...read] }, limit: PAGE, fields: FIELDS },
        { credentials },
      );
      entities.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return new MembershipIndex(entities, this.memberKinds);
  }
}
