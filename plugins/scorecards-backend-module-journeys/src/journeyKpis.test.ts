import {
  compileThresholdRules,
  evaluateThresholds,
  findThresholdGaps,
} from '@internal/plugin-scorecards-common';
import { JOURNEY_KPIS, JOURNEY_KPI_IDS } from './journeyKpis';

describe('JOURNEY_KPIS', () => {
  it('declares every id once, for Journeys, with a definition', () => {
    expect(JOURNEY_KPIS.map(k => k.id).sort()).toEqual(
      Object.values(JOURNEY_KPI_IDS).sort(),
    );
    for (const kpi of JOURNEY_KPIS) {
      expect(kpi.entityKinds).toEqual(['Journey']);
      expect(kpi.description.length).toBeGreaterThan(40);
    }
  });

  it.each(JOURNEY_KPIS.map(k => [k.id, k] as const))(
    '%s: default thresholds cover its whole domain',
    (_, kpi) => {
      expect(
        findThresholdGaps(
          compileThresholdRules(kpi.defaultThresholds),
          kpi.domain,
        ),
      ).toEqual([]);
    },
  );

  it('colours the edges as the definitions say', () => {
    const status = (id: string, value: number) =>
      evaluateThresholds(
        value,
        compileThresholdRules(
          JOURNEY_KPIS.find(k => k.id === id)!.defaultThresholds,
        ),
      );
    // Budget: the journeys SLO colours (over 25 % healthy, 0–25 % warning, below 0 blown).
    expect(status(JOURNEY_KPI_IDS.errorBudgetRemaining, 25.01)).toBe('green');
    expect(status(JOURNEY_KPI_IDS.errorBudgetRemaining, 25)).toBe('amber');
    expect(status(JOURNEY_KPI_IDS.errorBudgetRemaining, 0)).toBe('amber');
    expect(status(JOURNEY_KPI_IDS.errorBudgetRemaining, -0.1)).toBe('red');
    // Attainment: on target is green.
    expect(status(JOURNEY_KPI_IDS.sloAttainment, 100)).toBe('green');
    expect(status(JOURNEY_KPI_IDS.sloAttainment, 99.5)).toBe('amber');
  });
});
