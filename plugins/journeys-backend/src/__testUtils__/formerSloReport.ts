import {
  JourneyObjective,
  parseDuration,
} from '@internal/plugin-journeys-common';
import { DatabaseInstanceStore } from '../database/DatabaseInstanceStore';
import { JourneyDefinition } from '../catalog/JourneyCatalog';
import {
  BURN_WINDOWS_MS,
  burnRate,
  errorBudget,
  evaluateRules,
  MinuteSeries,
  timeToExhaustionMs,
} from '../slo/burnRate';
import { objectiveMinutes } from '../slo/objectiveEvents';
import {
  minValidEventsOf,
  rulesOf,
  SloEvaluatorOptions,
  SloReport,
} from '../slo/SloEvaluator';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * An objective's report as the evaluator used to compute it, kept to check the ranges it
 * reads now against: every minute cell of the last 3 days and every hourly cell of the SLO
 * window, classified in JS per minute.
 */
export async function formerSloReport(
  instances: DatabaseInstanceStore,
  journey: JourneyDefinition,
  objective: JourneyObjective,
  nowMs: number,
  options: SloEvaluatorOptions,
): Promise<SloReport> {
  const windowMs = parseDuration(objective.timeWindow);
  const nowMinute = Math.floor(nowMs / MINUTE_MS);
  const burnMinutes = BURN_WINDOWS_MS['3d'] / MINUTE_MS;
  const firstMinute = nowMinute - burnMinutes + 1;
  const series = new MinuteSeries(
    firstMinute,
    objectiveMinutes(
      objective,
      await instances.rollups(
        journey.ref,
        firstMinute * MINUTE_MS * 1000,
        MINUTE_MS * 1000,
      ),
      firstMinute,
      burnMinutes,
    ),
  );
  const sinceMs = Math.floor((nowMs - windowMs) / HOUR_MS) * HOUR_MS;
  const windowMinutes = Math.ceil((nowMs - sinceMs) / MINUTE_MS) + 1;
  let good = 0;
  let bad = 0;
  for (const m of objectiveMinutes(
    objective,
    await instances.rollups(journey.ref, sinceMs * 1000, HOUR_MS * 1000),
    sinceMs / MINUTE_MS,
    windowMinutes,
  )) {
    good += m.good;
    bad += m.bad;
  }
  const budget = errorBudget(good, bad, objective.target);
  const burnRates = Object.fromEntries(
    Object.entries(BURN_WINDOWS_MS).map(([name, ms]) => {
      const s = series.sum(nowMinute, ms);
      return [name, burnRate(s.bad, s.good + s.bad, objective.target)];
    }),
  ) as SloReport['burnRates'];
  return {
    journey: journey.ref,
    objective: objective.name,
    target: objective.target,
    windowMs,
    good,
    bad,
    sli: good + bad > 0 ? good / (good + bad) : null,
    budget,
    burnRates,
    timeToExhaustionMs: timeToExhaustionMs(
      budget.remainingFraction,
      burnRates['1h'],
      windowMs,
    ),
    rules: evaluateRules(
      series,
      nowMinute,
      objective.target,
      rulesOf(objective, options),
      minValidEventsOf(objective, options),
    ),
  };
}
