import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  createStatusRollup,
  EntityScorecardResponse,
  HistoryPointResponse,
  KpiDefinition,
  KpiResponse,
  RollupOptions,
  SCORECARD_THRESHOLDS_ANNOTATION,
  ThresholdResolver,
} from '@internal/plugin-scorecards-common';
import { SnapshotGranularity, SnapshotStore } from '../database/SnapshotStore';
import { SnapshotHistory } from '../history/SnapshotHistory';
import { isRollupKind, RollupKind } from '../rollup/CatalogMembership';
import { aggregationOf } from '../rollup/kpiAggregation';
import { RollupScorecards } from '../rollup/RollupScorecards';
import { RowQuery } from '../rollup/rowQuery';
import { bucketStart, DAY_MS } from '../snapshots/buckets';
import { savedThresholdOverrides } from '../snapshots/savedThresholdOverrides';

/** The longest history one request may ask for, per granularity. */
const MAX_RANGE_MS: Record<SnapshotGranularity, number> = {
  day: 400 * DAY_MS,
  hour: 7 * DAY_MS,
};

/** What the routes answer; the router only authorises and looks the entity up. */
export class ScorecardQueries {
  private readonly kpisById: Map<string, KpiDefinition>;
  private readonly history: SnapshotHistory;
  private readonly rollup: ReturnType<typeof createStatusRollup>;
  readonly rollups: RollupScorecards;

  constructor(
    private readonly deps: {
      kpis: readonly KpiDefinition[];
      thresholds: ThresholdResolver;
      store: SnapshotStore;
      rollup: RollupOptions;
      /** Read as the caller for rollups (teams, systems, domains). */
      catalog: ConstructorParameters<typeof RollupScorecards>[0]['catalog'];
      clock: () => Date;
    },
  ) {
    this.kpisById = new Map(deps.kpis.map(k => [k.id, k]));
    this.history = new SnapshotHistory(deps.store, deps.kpis);
    this.rollup = createStatusRollup(deps.rollup);
    this.rollups = new RollupScorecards({
      kpis: deps.kpis,
      thresholds: deps.thresholds,
      store: deps.store,
      history: this.history,
      catalog: deps.catalog,
      rollup: deps.rollup,
    });
  }

  listKpis(): KpiResponse[] {
    return [...this.deps.kpis]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map(kpi => ({
        id: kpi.id,
        title: kpi.title,
        description: kpi.description,
        unit: kpi.unit,
        entityKinds: kpi.entityKinds,
        direction: kpi.direction,
        domain: kpi.domain,
        thresholds: this.deps.thresholds
          .rulesFor(kpi.id)
          .map(({ status, expression }) => ({ status, expression })),
        thresholdSource: this.deps.thresholds.sourceOf(kpi.id) as
          | 'default'
          | 'config',
        aggregation: aggregationOf(kpi),
      }));
  }

  /** A UTC day `YYYY-MM-DD` (default yesterday) as its start, ms; 400 when not a date. */
  dayStart(day: string | undefined): number {
    return day === undefined
      ? bucketStart(this.deps.clock().getTime(), 'day') - DAY_MS
      : parseDay(day);
  }

  /**
   * The entity's values for a UTC day (`YYYY-MM-DD`, default yesterday); for a group,
   * system or domain the rollup of what it holds, as the caller sees the catalog.
   */
  async entityScorecard(
    credentials: BackstageCredentials,
    entity: Entity,
    day?: string,
  ): Promise<EntityScorecardResponse> {
    const entityRef = stringifyEntityRef(entity);
    const dayStart = this.dayStart(day);
    const kind = rollupKindOf(entity);
    if (kind)
      return this.rollups.scorecard(credentials, entityRef, kind, dayStart);
    const overrides = savedThresholdOverrides(
      this.deps.thresholds,
      entity.metadata.annotations?.[SCORECARD_THRESHOLDS_ANNOTATION],
      entityRef,
    );
    const values = (
      await this.history.withDeltas(dayStart, { entityRefs: [entityRef] })
    ).filter(v => this.kpisById.has(v.kpiId));
    const rolled = this.rollup(
      values.map(v => ({ kpiId: v.kpiId, status: v.status })),
    );
    return {
      entityRef,
      day: new Date(dayStart).toISOString().slice(0, 10),
      status: rolled.status,
      score: rolled.score,
      counts: rolled.counts,
      unknown: rolled.unknown,
      items: values.map(v => ({
        kpiId: v.kpiId,
        value: v.value,
        status: v.status,
        thresholdSource: this.deps.thresholds.sourceOf(v.kpiId, overrides),
        weekOverWeek: v.weekOverWeek,
        monthOverMonth: v.monthOverMonth,
      })),
    };
  }

  /** `/aggregations`: one page of teams (systems, domains) with their rollups. */
  async aggregations(
    credentials: BackstageCredentials,
    query: RowQuery & {
      kind?: RollupKind;
      day?: string;
      entityRefs?: readonly string[];
    },
  ) {
    const day = this.dayStart(query.day);
    return this.rollups.aggregations(credentials, query.kind ?? 'group', {
      ...query,
      day,
    });
  }

  /** `/members`: one page of the entities a team, system or domain holds. */
  async members(
    credentials: BackstageCredentials,
    entity: Entity,
    query: RowQuery & { day?: string; memberKind?: string },
  ) {
    const kind = rollupKindOf(entity);
    if (!kind)
      throw new InputError(
        `kind: only a group, system or domain has members, not a ${entity.kind}`,
      );
    const day = this.dayStart(query.day);
    return this.rollups.members(credentials, stringifyEntityRef(entity), kind, {
      ...query,
      day,
    });
  }

  async kpiHistory(
    credentials: BackstageCredentials,
    entity: Entity,
    query: {
      kpiId: string;
      granularity?: SnapshotGranularity;
      from: string;
      to: string;
    },
  ): Promise<HistoryPointResponse[]> {
    const entityRef = stringifyEntityRef(entity);
    if (!this.kpisById.has(query.kpiId))
      throw new InputError(`kpiId: unknown KPI "${query.kpiId}"`);
    const granularity = query.granularity ?? 'day';
    const from = Date.parse(query.from);
    const to = Date.parse(query.to);
    if (Number.isNaN(from) || Number.isNaN(to))
      throw new InputError('from, to: expected ISO 8601 date-times');
    if (to <= from) throw new InputError('to: must be after from');
    if (to - from > MAX_RANGE_MS[granularity])
      throw new InputError(
        `to: at most ${
          MAX_RANGE_MS[granularity] / DAY_MS
        } days after from for ${granularity} snapshots`,
      );
    const kind = rollupKindOf(entity);
    if (kind)
      return this.rollups.history(credentials, entityRef, kind, {
        kpiId: query.kpiId,
        granularity,
        from,
        to,
      });
    const rows = await this.deps.store.list({
      granularity,
      from,
      to,
      entityRefs: [entityRef],
      kpiIds: [query.kpiId],
    });
    return rows.map(r => ({
      bucketStart: new Date(r.bucketStart).toISOString(),
      value: r.value,
      status: r.status,
    }));
  }
}

function rollupKindOf(entity: Entity): RollupKind | undefined {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return isRollupKind(kind) ? kind : undefined;
}

function parseDay(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const ms = match
    ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
    : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day)
    throw new InputError(`day: expected a date YYYY-MM-DD, got "${day}"`);
  return ms;
}
