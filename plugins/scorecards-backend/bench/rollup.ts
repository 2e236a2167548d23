/*
 * Scorecards: how long do rollups along the catalog take at the size of a large
 * organisation? On a SQLite file in a temporary folder, and on PostgreSQL in a database of
 * its own when one answers (both deleted at the end). Not a test.
 *
 *   source .toolchain/env.sh
 *   yarn workspace @internal/plugin-scorecards-backend bench:rollup
 *   # quick check: BENCH_DAYS=8 BENCH_RUNS=1 yarn workspace @internal/plugin-scorecards-backend bench:rollup
 *
 * Data: 200 groups in a 3-level tree (1 organisation, 19 departments, 180 teams),
 * BENCH_JOURNEYS journeys and BENCH_QUEUES queues (Resources), 1 in 20 owned by a
 * department and the rest by a team; 16 KPIs shaped like the journeys and dlq modules'
 * (12 on Journeys, 4 on queues, with their aggregations: sum, mean, max, min) with
 * green/amber/red bands drawn at 85/10/5 %; BENCH_DAYS - 1 days of daily snapshots written
 * through the store, as the writer writes them. The catalog is the in-memory catalog of
 * @backstage/plugin-catalog-node/testUtils (a real catalog adds its own query time).
 *
 * Printed, each BENCH_RUNS times (p50 and max), through ScorecardQueries as the routes
 * call it (no HTTP):
 * (a) `GET /aggregations?kind=group&sort=status&order=desc&limit=25`: every group rolled
 *     up over its sub-groups, sorted worst first, first page;
 * (b) `GET /entities/group/default/org`: the organisation's rollup (all entities) with
 *     week-over-week and month-over-month deltas;
 * (c) the daily run: `SnapshotWriter.run('day')` writing the last day for every entity
 *     and KPI (once: a written day is not written again), then the turned-red check of
 *     every group against the day before's (its KPIs that turned red are announced to a
 *     counting sink); then BENCH_RUNS checks with nothing new, as the task repeats every
 *     30 minutes;
 * and each figure's ratio to the ceiling of 5 s; as a diagnostic, the catalog read alone.
 *
 * Environment (defaults in brackets): BENCH_JOURNEYS [1000], BENCH_QUEUES [500],
 * BENCH_DAYS [35], BENCH_RUNS [5], BENCH_POSTGRES [1] (0 skips PostgreSQL),
 * POSTGRES_HOST/PORT/USER/PASSWORD [127.0.0.1, 5432, postgres, ''], BENCH_DIR [os.tmpdir()].
 */
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  evaluateThresholds,
  KpiDefinition,
  ThresholdResolver,
} from '@internal/plugin-scorecards-common';
import { ScorecardMetricProvider } from '@internal/plugin-scorecards-node';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DatabaseRedKpiStore } from '../src/database/DatabaseRedKpiStore';
import { DatabaseSnapshotStore } from '../src/database/DatabaseSnapshotStore';
import { connect } from '../src/database/migrations';
import { Snapshot } from '../src/database/SnapshotStore';
import { TurnedRedNotifier } from '../src/notifications/TurnedRedNotifier';
import { ScorecardQueries } from '../src/service/ScorecardQueries';
import { CatalogEntitySource } from '../src/snapshots/ScorecardEntitySource';
import { SnapshotWriter } from '../src/snapshots/SnapshotWriter';

const env = (name: string, fallback: number) =>
  process.env[name] !== undefined ? Number(process.env[name]) : fallback;
const JOURNEYS = env('BENCH_JOURNEYS', 1000);
const QUEUES = env('BENCH_QUEUES', 500);
const DAYS = env('BENCH_DAYS', 35);
const RUNS = env('BENCH_RUNS', 5);
const CEILING_MS = 5000;
const DAY_MS = 86_400_000;
/** The last day written is yesterday of this clock. */
const NOW = new Date('2027-03-01T06:00:00Z');
const LAST_DAY = Date.UTC(2027, 1, 28);

/** A deterministic generator, so every run and database sees the same data. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Per KPI id, where its green and amber bands end. */
const BANDS = new Map<string, { green: number; amber: number }>();

/** A KPI whose green band ends at `green` and amber band at `amber`. */
function kpi(
  id: string,
  kind: 'Journey' | 'Resource',
  direction: KpiDefinition['direction'],
  aggregation: KpiDefinition['aggregation'],
  green: number,
  amber: number,
): KpiDefinition {
  const lower = direction === 'lower-is-better';
  BANDS.set(id, { green, amber });
  return {
    id,
    title: id,
    description: id,
    unit: 'count',
    entityKinds: [kind],
    direction,
    aggregation,
    defaultThresholds: lower
      ? [
          { status: 'green', expression: `<${green}` },
          { status: 'amber', expression: `[${green}, ${amber})` },
          { status: 'red', expression: `>=${amber}` },
        ]
      : [
          { status: 'green', expression: `>=${green}` },
          { status: 'amber', expression: `[${amber}, ${green})` },
          { status: 'red', expression: `<${amber}` },
        ],
  };
}

const KPIS: KpiDefinition[] = [
  kpi('journey.volumePerDay', 'Journey', 'higher-is-better', 'sum', 100, 10),
  kpi('journey.successRate', 'Journey', 'higher-is-better', 'mean', 99, 95),
  kpi(
    'journey.failuresPerThousand',
    'Journey',
    'lower-is-better',
    'mean',
    10,
    50,
  ),
  kpi('journey.cycleTimeP50', 'Journey', 'lower-is-better', 'max', 2000, 10000),
  kpi('journey.cycleTimeP95', 'Journey', 'lower-is-better', 'max', 5000, 30000),
  kpi('journey.sloAttainment', 'Journey', 'higher-is-better', 'min', 100, 99),
  kpi(
    'journey.errorBudgetRemaining',
    'Journey',
    'higher-is-better',
    'min',
    25,
    0,
  ),
  kpi('journey.recoveredByReplay', 'Journey', 'lower-is-better', 'sum', 10, 50),
  kpi(
    'journey.replayRecoveryP50',
    'Journey',
    'lower-is-better',
    'max',
    3600,
    14400,
  ),
  kpi('journey.dataFreshness', 'Journey', 'lower-is-better', 'max', 24, 48),
  kpi('journey.mttrMean', 'Journey', 'lower-is-better', 'max', 1, 4),
  kpi('journey.mttrMedian', 'Journey', 'lower-is-better', 'max', 1, 4),
  kpi('dlq.backlogDepth', 'Resource', 'lower-is-better', 'sum', 10, 100),
  kpi('dlq.oldestMessageAge', 'Resource', 'lower-is-better', 'max', 4, 24),
  kpi('dlq.inflowPerDay', 'Resource', 'lower-is-better', 'sum', 10, 100),
  kpi('dlq.replaySuccessRate', 'Resource', 'higher-is-better', 'mean', 95, 80),
];
const thresholds = new ThresholdResolver(KPIS);

/** A value in the green (85 %), amber (10 %) or red (5 %) band of the KPI. */
function valueOf(k: KpiDefinition, random: () => number): number {
  const { green: g, amber: a } = BANDS.get(k.id)!;
  const band = random();
  const r = random();
  if (k.direction === 'lower-is-better') {
    if (band < 0.85) return r * g;
    if (band < 0.95) return g + r * (a - g);
    return a + r * a;
  }
  if (band < 0.85) return g + r * Math.max(1, g * 0.1);
  if (band < 0.95) return a + r * (g - a);
  return a - 1 - r * Math.max(1, Math.abs(a));
}

function organisation(): { entities: Entity[]; members: Entity[] } {
  const group = (name: string, parent?: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title: name },
    spec: { type: parent ? 'team' : 'organization', parent, children: [] },
  });
  const groups = [group('org')];
  const departments: string[] = [];
  const teams: string[] = [];
  for (let d = 0; d < 19; d++) {
    const dept = `dept-${String(d).padStart(2, '0')}`;
    departments.push(dept);
    groups.push(group(dept, 'org'));
  }
  for (let t = 0; t < 180; t++) {
    const team = `team-${String(t).padStart(3, '0')}`;
    teams.push(team);
    groups.push(group(team, departments[t % departments.length]));
  }
  const random = mulberry32(7);
  const owner = () =>
    random() < 0.05
      ? departments[Math.floor(random() * departments.length)]
      : teams[Math.floor(random() * teams.length)];
  const members: Entity[] = [];
  for (let j = 0; j < JOURNEYS; j++)
    members.push({
      apiVersion: 'switchboard.dev/v1alpha1',
      kind: 'Journey',
      metadata: { name: `journey-${String(j).padStart(4, '0')}` },
      spec: { owner: owner() },
    });
  for (let q = 0; q < QUEUES; q++)
    members.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: `queue-${String(q).padStart(4, '0')}` },
      spec: { type: 'queue', owner: owner() },
    });
  return { entities: [...groups, ...members], members };
}

function snapshotsOf(members: Entity[], day: number): Snapshot[] {
  const random = mulberry32(day / DAY_MS);
  const rows: Snapshot[] = [];
  for (const e of members)
    for (const k of KPIS) {
      if (k.entityKinds[0] !== e.kind) continue;
      const value = valueOf(k, random);
      rows.push({
        entityRef: `${e.kind.toLowerCase()}:default/${e.metadata.name}`,
        kpiId: k.id,
        granularity: 'day',
        bucketStart: day,
        value,
        status: evaluateThresholds(value, thresholds.rulesFor(k.id)),
      });
    }
  return rows;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await fn();
  return [performance.now() - start, result];
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const fmt = (ms: number) => `${ms.toFixed(ms < 100 ? 1 : 0)} ms`;
const ratio = (ms: number) => (ms / CEILING_MS).toFixed(3);

async function bench(name: string, knex: Knex) {
  const { entities, members } = organisation();
  const db = await connect({ getClient: async () => knex });
  const store = new DatabaseSnapshotStore(db, () => NOW);
  const provider: ScorecardMetricProvider = {
    id: 'bench',
    kpis: KPIS,
    compute: async given => {
      const values: Record<string, Record<string, number>> = {};
      for (const s of snapshotsOf(given, LAST_DAY))
        (values[s.entityRef] ??= {})[s.kpiId] = s.value;
      return values;
    },
  };

  const fillStart = performance.now();
  let rows = 0;
  for (let d = DAYS - 1; d >= 1; d--) {
    const day = LAST_DAY - d * DAY_MS;
    const snapshots = snapshotsOf(members, day);
    rows += snapshots.length;
    await store.writeRun(
      {
        providerId: 'bench',
        granularity: 'day',
        bucketStart: day,
        snapshotCount: snapshots.length,
      },
      snapshots,
    );
  }
  console.log(
    `\n${name}: ${entities.length - members.length} groups, ${
      members.length
    } entities, ${KPIS.length} KPIs; ${rows.toLocaleString(
      'en-US',
    )} snapshots of ${DAYS - 1} days written in ${fmt(
      performance.now() - fillStart,
    )}`,
  );

  const catalog = catalogServiceMock({ entities });
  const queries = new ScorecardQueries({
    kpis: KPIS,
    thresholds,
    store,
    rollup: { mode: 'worst-of' },
    catalog,
    clock: () => NOW,
  });
  const credentials = mockCredentials.user();
  const logger = mockServices.rootLogger({ level: 'error' });
  const auth = mockServices.auth();
  let sent = 0;
  const notifier = new TurnedRedNotifier({
    rollups: queries.rollups,
    store: new DatabaseRedKpiStore(db),
    notifications: {
      send: async () => {
        sent++;
      },
    },
    auth,
    kpis: KPIS,
    logger,
    clock: () => NOW,
  });
  const writer = new SnapshotWriter(
    {
      store,
      providers: [provider],
      entities: new CatalogEntitySource(catalog, auth),
      thresholds,
      logger,
      clock: () => NOW,
    },
    { backfillDays: 1 },
  );
  const org = entities[0];

  // Warm up once (module loading, statement caches) before measuring.
  await queries.aggregations(credentials, { day: '2027-02-27', limit: 25 });

  const results: Array<[string, number[], string]> = [];
  const pageTimes: number[] = [];
  let page: Awaited<ReturnType<ScorecardQueries['aggregations']>> | undefined;
  // The last day is written in (c); (a) and (b) read the day before it, with its deltas.
  for (let i = 0; i < RUNS; i++) {
    const [ms, result] = await timed(() =>
      queries.aggregations(credentials, {
        kind: 'group',
        day: '2027-02-27',
        sort: 'status',
        order: 'desc',
        limit: 25,
      }),
    );
    pageTimes.push(ms);
    page = result;
  }
  results.push([
    '(a) /aggregations, groups by status, first 25',
    pageTimes,
    `${page!.total} groups; first: ${page!.items[0].entityRef} ${
      page!.items[0].status
    }`,
  ]);

  // Diagnostic: the part of (a) and (b) that is the catalog read (here in memory).
  const loadTimes: number[] = [];
  for (let i = 0; i < RUNS; i++)
    loadTimes.push(
      (await timed(() => queries.rollups.load(credentials, ['group'])))[0],
    );
  results.push([
    '    of which the catalog read (in memory)',
    loadTimes,
    `${entities.length} entities`,
  ]);

  const cardTimes: number[] = [];
  let card: Awaited<ReturnType<ScorecardQueries['entityScorecard']>>;
  for (let i = 0; i < RUNS; i++) {
    const [ms, result] = await timed(() =>
      queries.entityScorecard(credentials, org, '2027-02-27'),
    );
    cardTimes.push(ms);
    card = result;
  }
  results.push([
    '(b) the organisation’s rollup with deltas',
    cardTimes,
    `${card!.memberCount} members, ${card!.items.length} KPIs, ${
      card!.items.filter(i => i.weekOverWeek && i.monthOverMonth).length
    } with both deltas`,
  ]);

  // The previous day's check, as the day before ran it (the first of all only records).
  await notifier.check(LAST_DAY - DAY_MS);
  const [writeMs, summary] = await timed(() => writer.run('day'));
  const [firstCheckMs, firstCheck] = await timed(() => notifier.check());
  results.push([
    '(c) daily run: write the day + red check',
    [writeMs + firstCheckMs],
    `write ${fmt(writeMs)} (${
      Object.values(summary.written).flat().length
    } bucket), check ${fmt(firstCheckMs)}: ${
      firstCheck.turnedRed.length
    } turned red, ${sent} notified`,
  ]);
  const checkTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const [ms, again] = await timed(() => notifier.check());
    if (again.turnedRed.length || again.notified)
      throw new Error('a repeated check announced again');
    checkTimes.push(ms);
  }
  results.push([
    '(c′) red check again, nothing new',
    checkTimes,
    'as every 30 minutes after',
  ]);

  for (const [label, times, note] of results)
    console.log(
      `  ${label.padEnd(48)} p50 ${fmt(p50(times)).padStart(9)}  max ${fmt(
        Math.max(...times),
      ).padStart(9)}  ratio to 5 s ${ratio(Math.max(...times))}  (${note})`,
    );
}

async function main() {
  const dir = fs.mkdtempSync(
    path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'scorecards-bench-'),
  );
  try {
    const sqlite = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'scorecards.sqlite') },
      useNullAsDefault: true,
    });
    try {
      await bench('SQLite', sqlite);
    } finally {
      await sqlite.destroy();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  if (env('BENCH_POSTGRES', 1) === 0) return;
  const connection = {
    host: process.env.POSTGRES_HOST ?? '127.0.0.1',
    port: Number(process.env.POSTGRES_PORT ?? 5432),
    user: process.env.POSTGRES_USER ?? 'postgres',
    password: process.env.POSTGRES_PASSWORD ?? '',
  };
  const database = `scorecards_bench_${process.pid}`;
  const admin = knexFactory({
    client: 'pg',
    connection: { ...connection, database: 'postgres' },
  });
  try {
    await admin.raw(`CREATE DATABASE ${database}`);
  } catch (e) {
    console.log(`\nPostgreSQL skipped: ${(e as Error).message}`);
    await admin.destroy();
    return;
  }
  const pg = knexFactory({
    client: 'pg',
    connection: { ...connection, database },
  });
  try {
    await bench('PostgreSQL', pg);
  } finally {
    await pg.destroy();
    await admin.raw(`DROP DATABASE IF EXISTS ${database}`);
    await admin.destroy();
  }
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
