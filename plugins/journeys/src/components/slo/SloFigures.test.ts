import { sloAlert, sloDetail, sloRules } from '../../testUtils/fakes';
import {
  burnWindowLabel,
  burnWindowMs,
  countsText,
  exhaustedSentence,
  formatBurn,
  formatFraction,
  formatSli,
  formatTarget,
  openSeverity,
  ruleVerdict,
  whyLines,
  windowPairText,
  windowText,
} from './SloFigures';

describe('SloFigures', () => {
  it('shows a target as declared and the SLI one decimal finer, never rounded up to the target', () => {
    expect(formatTarget(0.99)).toBe('99 %');
    expect(formatTarget(0.999)).toBe('99.9 %');
    expect(formatTarget(0.9995)).toBe('99.95 %');
    expect(formatSli(0.9942, 0.99)).toBe('99.42 %');
    expect(formatSli(0.98999, 0.99)).toBe('98.99 %');
    expect(formatSli(0.99949, 0.9995)).toBe('99.949 %');
    expect(formatSli(1, 0.99)).toBe('100.00 %');
    expect(formatSli(null, 0.99)).toBe('–');
  });

  it('formats burn rates, fractions and windows with their units', () => {
    expect(formatBurn(14.4)).toBe('14.4×');
    expect(formatBurn(13.44)).toBe('13.4×');
    expect(formatBurn(6)).toBe('6×');
    expect(formatBurn(0.9333)).toBe('0.93×');
    expect(formatBurn(1000)).toBe('1,000×');
    expect(formatFraction(0.42)).toBe('42 %');
    expect(formatFraction(0.034)).toBe('3.4 %');
    expect(formatFraction(-1)).toBe('-100 %');
    expect(formatFraction(null)).toBe('–');
    expect(windowText(28 * 86_400_000)).toBe('28 days');
    expect(windowText(86_400_000)).toBe('1 day');
    expect(windowText(12 * 3_600_000)).toBe('12 hours');
    expect(burnWindowMs('5m')).toBe(300_000);
    expect(burnWindowMs('3d')).toBe(3 * 86_400_000);
    expect(burnWindowLabel(3_600_000)).toBe('1h');
    expect(burnWindowLabel(1_800_000)).toBe('30m');
    expect(burnWindowLabel(86_400_000)).toBe('1d');
  });

  it('says what a ratio and a latency objective count', () => {
    expect(countsText(sloDetail())).toEqual({
      good: 'ok',
      bad: 'failed, stuck',
      excluded: 'rejected, in-flight',
    });
    expect(
      countsText(
        sloDetail({
          indicator: 'latency',
          thresholdMs: 5000,
          outcomes: { good: [], bad: [], excluded: [] },
        }),
      ),
    ).toEqual({
      good: 'finished within 5 s',
      bad: 'finished slower than 5 s',
      excluded: 'none',
    });
  });

  it('states a blown budget in plain words, and nothing while it holds', () => {
    expect(exhaustedSentence(sloDetail())).toBeNull();
    const blown = sloDetail({
      good: 9800,
      bad: 200,
      sli: 0.98,
      budget: {
        ...sloDetail().budget,
        consumedEvents: 200,
        remainingEvents: -100,
        remainingFraction: -1,
      },
    });
    expect(exhaustedSentence(blown)).toBe(
      'Budget exhausted: 100 more bad events than the 99 % target allows over the last 28 days; the objective is not met until they age out of the window.',
    );
  });

  it('names window pairs of rules and of fired alerts alike', () => {
    const [page] = sloRules();
    expect(windowPairText({ ...page, factor: 14.4 })).toBe(
      '1h & 5m over 14.4×',
    );
    expect(
      windowPairText({
        factor: 6,
        longWindowMs: 6 * 3_600_000,
        shortWindowMs: 1_800_000,
        longBurn: 7,
        shortBurn: 8,
        longValid: 100,
      }),
    ).toBe('6h & 30m over 6×');
  });

  it('tells firing, held back by the low-traffic guard and quiet apart; a page outranks a ticket', () => {
    const [rule] = sloRules();
    expect(ruleVerdict({ ...rule, firing: true })).toBe('firing');
    expect(ruleVerdict({ ...rule, tooFewEvents: true })).toBe('held back');
    expect(ruleVerdict(rule)).toBe('quiet');
    const ticket = sloAlert({ severity: 'ticket' });
    expect(openSeverity([])).toBeUndefined();
    expect(openSeverity([ticket, sloAlert()])).toBe('page');
    expect(openSeverity([ticket])).toBe('ticket');
  });

  it('gives the numbers behind budget, burn rate and factors so they can be checked by hand', () => {
    const lines = Object.fromEntries(
      whyLines(sloDetail()).map(l => [l.label, `${l.formula} → ${l.value}`]),
    );
    expect(lines['Valid events']).toBe('good + bad = 9,942 + 58 → 10,000');
    expect(lines['Allowed bad events (budget)']).toBe(
      'valid × (1 − target) = 10,000 × 1 % → 100 events',
    );
    expect(lines.Remaining).toBe(
      'allowed − consumed = 100 − 58 → 42 events (42 % of the budget)',
    );
    expect(lines['Budget as time']).toBe(
      '(1 − target) × window = 1 % × 28 days → 6 h 43 min of full outage, 2 h 49 min left',
    );
    // The 1h rule holds 200 valid events at 1.5×: 3 of them bad.
    expect(lines['Burn rate 1h']).toBe(
      '(bad / valid) / (1 − target) = (3 / 200) / 1 % → 1.5×',
    );
    expect(lines['Factor, page 1h & 5m']).toBe(
      'budget share × SLO window / long window = 2 % × 28 days / 1h → 13.4×',
    );
    expect(lines['Factor, ticket 3d & 6h']).toBe(
      'budget share × SLO window / long window = 10 % × 28 days / 3d → 0.93×',
    );
  });
});
