import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  AggregateRowResponse,
  createStatusRollup,
  EntityKpiValueResponse,
  EntityScorecardResponse,
  HistoryPointResponse,
  KpiDefinition,
  MemberRowResponse,
  RollupOptions,
  ThresholdResolver,
} from '@internal/plugin-scorecards-common';
import {
  Snapshot,
  SnapshotGranularity,
  SnapshotStore,
} from '../database/SnapshotStore';
import { ComparedDays, SnapshotHistory } from '../history/SnapshotHistory';
import { savedThresholdOverrides } from '../snapshots/savedThresholdOverrides';
import {
  CatalogMembership,
  MemberEntity,
  RollupEntity,
  RollupKind,
} from './CatalogMembership';
import {
  aggregateValues,
  aggregationOf,
  RolledKpi,
  rollUpKpi,
} from './kpiAggregation';
import { codeUnitOrder } from './codeUnitOrder';
import { queryRows, RowQuery } from './rowQuery';

const lower = (s: string) => s.toLocaleLowerCase('en-US');
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** What one rollup request asks for besides paging. */
export interface RollupListQuery extends RowQuery {
  /** Day start, ms (validated by the caller). */
  day: number;
}

/** One member's snapshots of a KPI on the day and on the days its deltas compare with. */
interface KpiCell {
  current?: Snapshot;
  weekAgo?: number;
  monthAgo?: number;
}

/** Snapshots of a day (and its compared days) by entity ref, then KPI. */
class DaySnapshots {
  private readonly cells = new Map<string, Map<string, KpiCell>>();

  constructor(
    days: Pick<ComparedDays, 'current'> & Partial<ComparedDays>,
    rows: readonly Snapshot[],
  ) {
    for (const row of rows) {
      let byKpi = this.cells.get(row.entityRef);
      if (!byKpi) this.cells.set(row.entityRef, (byKpi = new Map()));
      let cell = byKpi.get(row.kpiId);
      if (!cell) byKpi.set(row.kpiId, (cell = {}));
      if (row.bucketStart === days.current) cell.current = row;
      // A month earlier can be the same day as a week earlier (only in a short February).
      if (row.bucketStart === days.weekAgo) cell.weekAgo = row.value;
      if (row.bucketStart === days.monthAgo) cell.monthAgo = row.value;
    }
  }

  cell(ref: string, kpiId: string): KpiCell | undefined {
    return this.cells.get(ref)?.get(kpiId);
  }

  /** The member's own current snapshots, in KPI order. */
  ofEntity(ref: string): Array<[string, KpiCell]> {
    return [...(this.cells.get(ref) ?? new Map<string, KpiCell>()).entries()]
      .filter(([, c]) => c.current)
      .sort(([a], [b]) => codeUnitOrder(a, b));
  }
}

/** A rollup's KPI for the day, as the rows and the scorecard answer it. */
export type RolledKpiValue = EntityKpiValueResponse & {
  members: NonNullable<EntityKpiValueResponse['members']>;
};

interface RolledRow {
  status?: EntityScorecardResponse['status'];
  score?: number;
  counts: EntityScorecardResponse['counts'];
  unknown: number;
  items: RolledKpiValue[];
}

/**
 * Rollups along the catalog: a team (with its sub-groups), a system or a domain gets, per
 * KPI, its members' values aggregated by the KPI's `aggregation` and the worst of their
 * statuses; the overall status and score come from the configured status rollup over
 * those. Membership is read from the catalog as the caller, once per request, and the
 * snapshots of all members in one store read.
 */
export class RollupScorecards {
  private readonly kpis: KpiDefinition[];
  private readonly kpisById: Map<string, KpiDefinition>;
  /** Per KPI id, the lowercased kinds it is measured on. */
  private readonly kindsOf: Map<string, Set<string>>;
  private readonly rollup: ReturnType<typeof createStatusRollup>;
  private readonly membership: CatalogMembership;

  constructor(
    private readonly deps: {
      kpis: readonly KpiDefinition[];
      thresholds: ThresholdResolver;
      store: SnapshotStore;
      history: SnapshotHistory;
      catalog: ConstructorParameters<typeof CatalogMembership>[0];
      rollup: RollupOptions;
    },
  ) {
    this.kpis = [...deps.kpis].sort((a, b) => codeUnitOrder(a.id, b.id));
    this.kpisById = new Map(this.kpis.map(k => [k.id, k]));
    this.kindsOf = new Map(
      this.kpis.map(k => [k.id, new Set(k.entityKinds.map(lower))]),
    );
    this.rollup = createStatusRollup(deps.rollup);
    this.membership = new CatalogMembership(deps.catalog, [
      ...new Set(this.kpis.flatMap(k => k.entityKinds.map(lower))),
    ]);
  }

  /** The membership as these credentials see it (one catalog read). */
  load(credentials: BackstageCredentials, kinds: readonly RollupKind[]) {
    return this.membership.load(credentials, kinds);
  }

  /** `GET /entities/{group|system|domain}/…`: the rollup's KPIs for the day with deltas. */
  async scorecard(
    credentials: BackstageCredentials,
    entityRef: string,
    kind: RollupKind,
    day: number,
  ): Promise<EntityScorecardResponse> {
    const index = await this.load(credentials, [kind]);
    const members = index.membersOf(entityRef);
    const { days, rows } = await this.deps.history.around(day, {
      entityRefs: members.map(m => m.ref),
    });
    const row = this.rollRow(members, new DaySnapshots(days, rows), true);
    return {
      entityRef,
      day: isoDay(days.current),
      ...row,
      rollup: true,
      memberCount: members.length,
    };
  }

  /** `GET /aggregations`: every team (system, domain) the caller may read, one page. */
  async aggregations(
    credentials: BackstageCredentials,
    kind: RollupKind,
    query: RollupListQuery & { entityRefs?: readonly string[] },
  ): Promise<{
    day: string;
    kind: string;
    total: number;
    items: AggregateRowResponse[];
  }> {
    this.checkQuery(query);
    const index = await this.load(credentials, [kind]);
    let rollups = index.rollups(kind);
    if (query.entityRefs?.length) {
      const wanted = new Set(
        query.entityRefs.map(ref => refKeyOrThrow(ref, kind)),
      );
      rollups = rollups.filter(r => wanted.has(lower(r.ref)));
    }
    const membersOf = new Map(
      rollups.map(r => [r.ref, index.membersOf(r.ref)]),
    );
    const refs = new Set<string>();
    for (const members of membersOf.values())
      for (const m of members) refs.add(m.ref);
    const { days, rows } = await this.deps.history.around(query.day, {
      entityRefs: [...refs].sort(),
    });
    const snapshots = new DaySnapshots(days, rows);
    const all = rollups.map(r => {
      const members = membersOf.get(r.ref)!;
      return {
        entityRef: r.ref,
        name: r.name,
        title: r.title,
        memberCount: members.length,
        ...this.rollRow(members, snapshots, true),
      };
    });
    const page = queryRows(all, query);
    return {
      day: isoDay(days.current),
      kind,
      total: page.total,
      items: page.items.map(({ name: _name, ...row }) => row),
    };
  }

  /** `GET /entities/…/members`: the members of a rollup, each with its own values. */
  async members(
    credentials: BackstageCredentials,
    entityRef: string,
    kind: RollupKind,
    query: RollupListQuery & { memberKind?: string },
  ): Promise<{
    entityRef: string;
    day: string;
    total: number;
    items: MemberRowResponse[];
  }> {
    this.checkQuery(query);
    const index = await this.load(credentials, [kind]);
    let members = index.membersOf(entityRef);
    if (query.memberKind) {
      const wanted = lower(query.memberKind);
      members = members.filter(m => lower(m.kind) === wanted);
    }
    const { days, rows } = await this.deps.history.around(query.day, {
      entityRefs: members.map(m => m.ref),
    });
    const snapshots = new DaySnapshots(days, rows);
    const all = members.map(m => ({
      entityRef: m.ref,
      kind: m.kind,
      name: m.name,
      title: m.title,
      owner: m.owner,
      ...this.memberRow(m, snapshots),
    }));
    const page = queryRows(all, query);
    return {
      entityRef,
      day: isoDay(days.current),
      total: page.total,
      items: page.items.map(({ name: _name, ...row }) => row),
    };
  }

  /** `/history` of a rollup: per bucket, the members' snapshots aggregated and counted. */
  async history(
    credentials: BackstageCredentials,
    entityRef: string,
    kind: RollupKind,
    query: {
      kpiId: string;
      granularity: SnapshotGranularity;
      from: number;
      to: number;
    },
  ): Promise<HistoryPointResponse[]> {
    const kpi = this.kpiOrThrow(query.kpiId);
    const index = await this.load(credentials, [kind]);
    const members = index
      .membersOf(entityRef)
      .filter(m => this.kindsOf.get(kpi.id)!.has(lower(m.kind)));
    if (members.length === 0) return [];
    const rows = await this.deps.store.list({
      granularity: query.granularity,
      from: query.from,
      to: query.to,
      entityRefs: members.map(m => m.ref),
      kpiIds: [kpi.id],
    });
    const byBucket = new Map<number, Snapshot[]>();
    for (const row of rows) {
      let bucket = byBucket.get(row.bucketStart);
      if (!bucket) byBucket.set(row.bucketStart, (bucket = []));
      bucket.push(row);
    }
    return [...byBucket.entries()]
      .sort(([a], [b]) => a - b)
      .map(([bucketStart, snapshots]) => {
        const rolled = rollUpKpi(kpi, snapshots, members.length);
        return {
          bucketStart: new Date(bucketStart).toISOString(),
          value: rolled.value!,
          status: rolled.status,
          members: rolled.members,
        };
      });
  }

  /**
   * Each group's rollup of the day over what it owns itself (not its sub-groups), as the
   * credentials see the catalog: what the turned-red check compares.
   */
  async directGroupRollups(
    credentials: BackstageCredentials,
    day: number,
  ): Promise<Array<{ group: RollupEntity; kpis: Map<string, RolledKpi> }>> {
    const index = await this.load(credentials, ['group']);
    const groups = index.rollups('group').map(group => ({
      group,
      members: index.membersOf(group.ref, { direct: true }),
    }));
    const refs = [...new Set(groups.flatMap(g => g.members.map(m => m.ref)))];
    const rows = await this.deps.store.at('day', [day], {
      entityRefs: refs.sort(),
    });
    const snapshots = new DaySnapshots({ current: day }, rows);
    return groups.map(({ group, members }) => ({
      group,
      kpis: new Map(
        this.rollKpis(members, snapshots).map(r => [r.kpi.id, r.rolled]),
      ),
    }));
  }

  kpi(kpiId: string): KpiDefinition | undefined {
    return this.kpisById.get(kpiId);
  }

  private kpiOrThrow(kpiId: string): KpiDefinition {
    const kpi = this.kpisById.get(kpiId);
    if (!kpi) throw new InputError(`kpiId: unknown KPI "${kpiId}"`);
    return kpi;
  }

  private checkQuery(query: RowQuery) {
    if (query.kpiId !== undefined) this.kpiOrThrow(query.kpiId);
    if (query.sort === 'value' && query.kpiId === undefined)
      throw new InputError('sort: sorting by value needs a kpiId');
  }

  /** Every KPI some member is measured on and has a value for, rolled up. */
  private rollKpis(members: readonly MemberEntity[], snapshots: DaySnapshots) {
    const rolled: Array<{
      kpi: KpiDefinition;
      rolled: RolledKpi;
      cells: KpiCell[];
    }> = [];
    for (const kpi of this.kpis) {
      const kinds = this.kindsOf.get(kpi.id)!;
      let applicable = 0;
      const cells: KpiCell[] = [];
      for (const m of members) {
        if (!kinds.has(lower(m.kind))) continue;
        applicable++;
        const cell = snapshots.cell(m.ref, kpi.id);
        if (cell) cells.push(cell);
      }
      if (applicable === 0) continue;
      const current = cells.flatMap(c => (c.current ? [c.current] : []));
      if (current.length === 0) continue;
      rolled.push({ kpi, rolled: rollUpKpi(kpi, current, applicable), cells });
    }
    return rolled;
  }

  private rollRow(
    members: readonly MemberEntity[],
    snapshots: DaySnapshots,
    withDeltas: boolean,
  ): RolledRow {
    const items = this.rollKpis(members, snapshots).map(
      ({ kpi, rolled, cells }): RolledKpiValue => {
        const mode = aggregationOf(kpi);
        const earlier = (pick: (c: KpiCell) => number | undefined) =>
          aggregateValues(
            cells.flatMap(c => {
              const v = pick(c);
              return v === undefined ? [] : [v];
            }),
            mode,
          );
        return {
          kpiId: kpi.id,
          value: rolled.value!,
          status: rolled.status,
          thresholdSource: this.deps.thresholds.sourceOf(kpi.id) as
            | 'default'
            | 'config',
          ...(withDeltas
            ? this.deps.history.deltas(kpi.id, rolled.value!, {
                weekAgo: earlier(c => c.weekAgo),
                monthAgo: earlier(c => c.monthAgo),
              })
            : {}),
          members: rolled.members,
          aggregation: mode,
        };
      },
    );
    const rolled = this.rollup(
      items.map(i => ({ kpiId: i.kpiId, status: i.status })),
    );
    return {
      status: rolled.status,
      score: rolled.score,
      counts: rolled.counts,
      unknown: rolled.unknown,
      items,
    };
  }

  /** A member's own values, status and score, as its own scorecard would answer them. */
  private memberRow(member: MemberEntity, snapshots: DaySnapshots) {
    const overrides = savedThresholdOverrides(
      this.deps.thresholds,
      member.thresholdAnnotation,
      member.ref,
    );
    const items = snapshots
      .ofEntity(member.ref)
      .filter(([kpiId]) => this.kpisById.has(kpiId))
      .map(([kpiId, cell]) => ({
        kpiId,
        value: cell.current!.value,
        status: cell.current!.status,
        thresholdSource: this.deps.thresholds.sourceOf(kpiId, overrides),
        ...this.deps.history.deltas(kpiId, cell.current!.value, cell),
      }));
    const rolled = this.rollup(
      items.map(i => ({ kpiId: i.kpiId, status: i.status })),
    );
    return {
      status: rolled.status,
      score: rolled.score,
      counts: rolled.counts,
      unknown: rolled.unknown,
      items,
    };
  }
}

function refKeyOrThrow(ref: string, kind: RollupKind): string {
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(ref, { defaultKind: kind, defaultNamespace: 'default' }),
      ),
    );
  } catch (e) {
    throw new InputError(`entityRef: ${(e as Error).message}`);
  }
}
