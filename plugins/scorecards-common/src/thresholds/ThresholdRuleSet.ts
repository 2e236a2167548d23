import {
  KpiDomain,
  ScorecardStatus,
  SCORECARD_STATUSES,
  ThresholdRule,
} from '../kpi';
import {
  formatInterval,
  Interval,
  intervalContains,
  parseThresholdExpression,
  subtractInterval,
} from './ThresholdExpression';

/** A parsed rule: its status and the interval its expression matches. */
export interface CompiledThresholdRule extends ThresholdRule {
  interval: Interval;
}

/** An error in a threshold rule set; `path` names the rule (`rules[2].expression`). */
export class ThresholdRuleError extends TypeError {
  constructor(readonly path: string, readonly reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'ThresholdRuleError';
  }
}

/**
 * Parses and checks a rule list as it arrives from code, config or an annotation. Throws a
 * `ThresholdRuleError` naming the first bad rule.
 */
export function compileThresholdRules(rules: unknown): CompiledThresholdRule[] {
  if (!Array.isArray(rules))
    throw new ThresholdRuleError(
      'rules',
      'expected a list of { status, expression }',
    );
  if (rules.length === 0)
    throw new ThresholdRuleError('rules', 'expected at least one rule');
  return rules.map((rule, i) => {
    const path = `rules[${i}]`;
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule))
      throw new ThresholdRuleError(
        path,
        'expected an object { status, expression }',
      );
    const { status, expression, ...rest } = rule as Record<string, unknown>;
    const unknownKeys = Object.keys(rest);
    if (unknownKeys.length > 0)
      throw new ThresholdRuleError(
        path,
        `unknown field ${unknownKeys
          .map(k => `"${k}"`)
          .join(', ')}; a rule has only status and expression`,
      );
    if (!SCORECARD_STATUSES.includes(status as ScorecardStatus))
      throw new ThresholdRuleError(
        `${path}.status`,
        `expected one of ${SCORECARD_STATUSES.join(', ')}, got ${JSON.stringify(
          status,
        )}`,
      );
    if (typeof expression !== 'string')
      throw new ThresholdRuleError(
        `${path}.expression`,
        `expected a string such as ">=99" or "[95, 99)", got ${JSON.stringify(
          expression,
        )}`,
      );
    try {
      return {
        status: status as ScorecardStatus,
        expression,
        interval: parseThresholdExpression(expression),
      };
    } catch (e) {
      throw new ThresholdRuleError(`${path}.expression`, (e as Error).message);
    }
  });
}

/**
 * The status of `value` under `rules`: the first rule that matches wins. `undefined` when
 * the value is not a finite number or no rule matches (a gap `findThresholdGaps` reports).
 */
export function evaluateThresholds(
  value: number,
  rules: readonly CompiledThresholdRule[],
): ScorecardStatus | undefined {
  if (!Number.isFinite(value)) return undefined;
  return rules.find(rule => intervalContains(rule.interval, value))?.status;
}

/** The domain as an interval; unbounded ends stay open. */
export function domainInterval(domain: KpiDomain = {}): Interval {
  return {
    low:
      domain.min === undefined
        ? { value: -Infinity, inclusive: false }
        : { value: domain.min, inclusive: true },
    high:
      domain.max === undefined
        ? { value: Infinity, inclusive: false }
        : { value: domain.max, inclusive: true },
  };
}

/**
 * The parts of the KPI's domain no rule matches, formatted like `[95, 99)`; empty when the
 * rules cover every value the KPI can take.
 */
export function findThresholdGaps(
  rules: readonly CompiledThresholdRule[],
  domain?: KpiDomain,
): string[] {
  let uncovered: Interval[] = [domainInterval(domain)];
  for (const rule of rules) {
    uncovered = uncovered.flatMap(part =>
      subtractInterval(part, rule.interval),
    );
  }
  return uncovered.map(formatInterval);
}

/**
 * Compiles a rule list and requires it to cover the domain: a value that matches no rule
 * would have no status.
 */
export function compileCoveringThresholdRules(
  rules: unknown,
  domain?: KpiDomain,
): CompiledThresholdRule[] {
  const compiled = compileThresholdRules(rules);
  const gaps = findThresholdGaps(compiled, domain);
  if (gaps.length > 0)
    throw new ThresholdRuleError(
      'rules',
      `no rule matches ${gaps.join(
        ', ',
      )}; the rules must cover every value in ${formatInterval(
        domainInterval(domain),
      )}`,
    );
  return compiled;
}
