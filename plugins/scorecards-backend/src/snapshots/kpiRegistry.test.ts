import { KpiDefinition } from '@internal/plugin-scorecards-common';
import { ScorecardMetricProvider } from '@internal/plugin-scorecards-node';
import { collectKpis } from './kpiRegistry';

const kpi = (id: string, entityKinds = ['Journey']): KpiDefinition => ({
  id,
  title: id,
  description: id,
  unit: 'count',
  entityKinds,
  direction: 'higher-is-better',
  defaultThresholds: [{ status: 'green', expression: '>=0' }],
});
const provider = (
  id: string,
  kpis: KpiDefinition[],
): ScorecardMetricProvider => ({
  id,
  kpis,
  compute: async () => ({}),
});

describe('collectKpis', () => {
  it('lists every KPI of every provider', () => {
    expect(
      collectKpis([
        provider('journeys', [
          kpi('journey.volume'),
          kpi('journey.successRate'),
        ]),
        provider('dlq', [kpi('dlq.backlogDepth', ['Resource'])]),
      ]).map(k => k.id),
    ).toEqual(['journey.volume', 'journey.successRate', 'dlq.backlogDepth']);
  });

  it.each([
    [
      [provider('journeys', []), provider('journeys', [])],
      'Scorecards: two metric providers have the id "journeys"',
    ],
    [
      [
        provider('journeys', [kpi('journey.volume')]),
        provider('mine', [kpi('journey.volume')]),
      ],
      'Scorecards: KPI "journey.volume" is provided by both "journeys" and "mine"',
    ],
    [[provider('', [])], 'Scorecards: a metric provider has no id'],
    [
      [provider('mine', [kpi('x', [])])],
      'Scorecards: KPI "x" of provider "mine" applies to no entity kind',
    ],
  ])('refuses clashes and gaps (%#)', (providers, message) => {
    expect(() => collectKpis(providers)).toThrow(message);
  });
});
