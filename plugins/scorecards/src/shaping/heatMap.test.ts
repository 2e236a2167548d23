import type {
  EntityScorecardResponse,
  KpiResponse,
} from '@internal/plugin-scorecards-common';
import { buildHeatMap, heatMapCsvColumns, sortWorstFirst } from './heatMap';
import { tableToCsv } from './tableCsv';

const kpi = (id: string, partial: Partial<KpiResponse> = {}): KpiResponse => ({
  id,
  title: id,
  description: `${id} means`,
  unit: 'percent',
  entityKinds: ['Group'],
  direction: 'higher-is-better',
  thresholds: [],
  thresholdSource: 'default',
  ...partial,
});

const scorecard = (
  entityRef: string,
  items: EntityScorecardResponse['items'],
  status?: EntityScorecardResponse['status'],
  score?: number,
): EntityScorecardResponse => ({
  entityRef,
  day: '2026-12-04',
  status,
  score,
  counts: { green: 0, amber: 0, red: 0 },
  unknown: 0,
  items,
});

const KPIS = [
  kpi('journey.successRate'),
  kpi('dlq.backlogDepth', { unit: 'count', direction: 'lower-is-better' }),
  kpi('journey.volume', { unit: 'per-day', entityKinds: ['Journey'] }),
];

describe('buildHeatMap', () => {
  it('puts each value with its unit and status in its team × KPI cell', () => {
    const map = buildHeatMap(KPIS, [
      {
        entityRef: 'group:default/orders',
        name: 'Orders',
        scorecard: scorecard(
          'group:default/orders',
          [
            {
              kpiId: 'dlq.backlogDepth',
              value: 1204,
              status: 'red',
              thresholdSource: 'default',
            },
            {
              kpiId: 'journey.successRate',
              value: 99.5,
              status: 'green',
              thresholdSource: 'config',
            },
          ],
          'red',
          50,
        ),
      },
      {
        entityRef: 'group:default/payments',
        name: 'Payments',
        scorecard: scorecard('group:default/payments', [
          {
            kpiId: 'journey.successRate',
            value: 97,
            thresholdSource: 'default',
          },
        ]),
      },
    ]);

    // journey.volume has no value anywhere: no column for it; backend order kept.
    expect(map.columns.map(c => c.kpiId)).toEqual([
      'journey.successRate',
      'dlq.backlogDepth',
    ]);
    expect(map.rows[0]).toMatchObject({
      name: 'Orders',
      status: 'red',
      score: 50,
      hasSnapshot: true,
      cells: [
        { status: 'green', value: 99.5, text: '99.5 %' },
        { status: 'red', value: 1204, text: '1,204' },
      ],
    });
    // A value without a rule, and a KPI the team does not report, are grey.
    expect(map.rows[1].cells).toEqual([
      {
        kpiId: 'journey.successRate',
        status: 'grey',
        value: 97,
        text: '97 %',
      },
      { kpiId: 'dlq.backlogDepth', status: 'grey', text: '—' },
    ]);
    expect(map.rows[1].status).toBe('grey');
  });

  it("shows the kind's KPIs as columns before any snapshot exists", () => {
    const map = buildHeatMap(KPIS, [
      {
        entityRef: 'group:default/orders',
        name: 'Orders',
        scorecard: scorecard('group:default/orders', []),
      },
      { entityRef: 'group:default/secret', name: 'Secret' },
    ]);
    expect(map.columns.map(c => c.kpiId)).toEqual([
      'journey.successRate',
      'dlq.backlogDepth',
    ]);
    expect(map.rows.map(r => r.hasSnapshot)).toEqual([false, false]);
    expect(map.rows[0].cells.every(c => c.status === 'grey')).toBe(true);
  });
});

describe('sortWorstFirst', () => {
  it('orders red, amber, green, then no status; lower score first, then name', () => {
    const row = (name: string, status: any, score?: number) => ({
      entityRef: `group:default/${name}`,
      name,
      status,
      score,
      hasSnapshot: true,
      cells: [],
    });
    const sorted = sortWorstFirst([
      row('a', 'green', 100),
      row('b', 'grey'),
      row('c', 'red', 40),
      row('d', 'amber', 70),
      row('e', 'red', 20),
      row('f', 'green', 100),
    ]);
    expect(sorted.map(r => r.name)).toEqual(['e', 'c', 'd', 'a', 'f', 'b']);
  });
});

describe('heatMapCsvColumns', () => {
  it('exports raw values with units in the headers, and statuses', () => {
    const map = buildHeatMap(KPIS, [
      {
        entityRef: 'group:default/orders',
        name: '=Orders',
        scorecard: scorecard(
          'group:default/orders',
          [
            {
              kpiId: 'dlq.backlogDepth',
              value: 1204,
              status: 'red',
              thresholdSource: 'default',
            },
          ],
          'red',
          0,
        ),
      },
      { entityRef: 'group:default/payments', name: 'Payments' },
    ]);
    expect(tableToCsv(heatMapCsvColumns(map), map.rows).split('\r\n')).toEqual([
      'Team,Entity ref,Status,Score,dlq.backlogDepth (count),dlq.backlogDepth status',
      `"'=Orders",group:default/orders,red,0,1204,red`,
      'Payments,group:default/payments,,,,',
      '',
    ]);
  });
});
