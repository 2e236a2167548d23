import {
  compileThresholdRules,
  findThresholdGaps,
} from '@internal/plugin-scorecards-common';
import { DLQ_KPIS, DLQ_KPI_IDS } from './dlqKpis';

describe('DLQ_KPIS', () => {
  it('declares every id once, for queue Resources, with a definition', () => {
    expect(DLQ_KPIS.map(k => k.id).sort()).toEqual(
      Object.values(DLQ_KPI_IDS).sort(),
    );
    for (const kpi of DLQ_KPIS) {
      expect(kpi.entityKinds).toEqual(['Resource']);
      expect(kpi.description.length).toBeGreaterThan(40);
    }
  });

  it.each(DLQ_KPIS.map(k => [k.id, k] as const))(
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
});
