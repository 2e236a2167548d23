import { KpiDefinition } from '../kpi';
import {
  compileCoveringThresholdRules,
  CompiledThresholdRule,
  ThresholdRuleError,
} from './ThresholdRuleSet';

/**
 * Per-entity overrides: a JSON object from KPI id to its rule list, e.g.
 * `{"journey.successRate": [{"status": "green", "expression": ">=99"}, ...]}`.
 */
export const SCORECARD_THRESHOLDS_ANNOTATION =
  'switchboard.dev/scorecard-thresholds';

/** Overrides that failed validation; the message names where they came from and what is wrong. */
export class ThresholdOverrideError extends TypeError {
  constructor(readonly source: string, readonly reason: string) {
    super(`${source}: ${reason}`);
    this.name = 'ThresholdOverrideError';
  }
}

type CompiledOverrides = ReadonlyMap<string, CompiledThresholdRule[]>;

/**
 * Validates an overrides object (KPI id → rules). Every KPI must be known and every rule
 * list must cover the KPI's domain; an override replaces the whole list, since merging
 * ordered first-match lists rule by rule would be guesswork.
 */
export function compileThresholdOverrides(
  overrides: unknown,
  kpis: readonly KpiDefinition[],
  source: string,
): CompiledOverrides {
  if (overrides === undefined || overrides === null) return new Map();
  if (typeof overrides !== 'object' || Array.isArray(overrides))
    throw new ThresholdOverrideError(
      source,
      'expected an object from KPI id to a list of { status, expression } rules',
    );
  const byId = new Map(kpis.map(k => [k.id, k]));
  const compiled = new Map<string, CompiledThresholdRule[]>();
  for (const [kpiId, rules] of Object.entries(overrides)) {
    const kpi = byId.get(kpiId);
    if (!kpi)
      throw new ThresholdOverrideError(
        source,
        `unknown KPI "${kpiId}"; known KPIs: ${
          [...byId.keys()].sort().join(', ') || 'none'
        }`,
      );
    try {
      compiled.set(kpiId, compileCoveringThresholdRules(rules, kpi.domain));
    } catch (e) {
      if (e instanceof ThresholdRuleError)
        throw new ThresholdOverrideError(
          source,
          `KPI "${kpiId}" ${e.path}: ${e.reason}`,
        );
      throw e;
    }
  }
  return compiled;
}

/**
 * Which rules apply to a value: the KPI's defaults, replaced by app-config's
 * `scorecards.thresholds`, replaced by the entity's annotation. Defaults and config are
 * compiled once, on construction (a bad config fails the backend's start); annotations are
 * compiled per entity.
 */
export class ThresholdResolver {
  private readonly defaults: CompiledOverrides;
  private readonly configured: CompiledOverrides;

  constructor(
    private readonly kpis: readonly KpiDefinition[],
    configOverrides?: unknown,
    configSource = 'scorecards.thresholds',
  ) {
    const defaults = new Map<string, CompiledThresholdRule[]>();
    for (const kpi of kpis) {
      try {
        defaults.set(
          kpi.id,
          compileCoveringThresholdRules(kpi.defaultThresholds, kpi.domain),
        );
      } catch (e) {
        if (e instanceof ThresholdRuleError)
          throw new ThresholdOverrideError(
            `default thresholds of KPI "${kpi.id}"`,
            e.message,
          );
        throw e;
      }
    }
    this.defaults = defaults;
    this.configured = compileThresholdOverrides(
      configOverrides,
      kpis,
      configSource,
    );
  }

  /**
   * The entity's overrides from its annotation value (undefined when it has none). Throws a
   * `ThresholdOverrideError` naming the entity and the annotation.
   */
  parseAnnotation(
    annotationValue: string | undefined,
    entityRef: string,
  ): CompiledOverrides {
    if (annotationValue === undefined) return new Map();
    const source = `annotation ${SCORECARD_THRESHOLDS_ANNOTATION} of ${entityRef}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(annotationValue);
    } catch (e) {
      throw new ThresholdOverrideError(
        source,
        `not valid JSON (${(e as Error).message})`,
      );
    }
    return compileThresholdOverrides(parsed, this.kpis, source);
  }

  /** The rules for one KPI, most specific source first; throws for an unknown KPI. */
  rulesFor(
    kpiId: string,
    entityOverrides?: CompiledOverrides,
  ): CompiledThresholdRule[] {
    const rules =
      entityOverrides?.get(kpiId) ??
      this.configured.get(kpiId) ??
      this.defaults.get(kpiId);
    if (!rules) throw new TypeError(`unknown KPI "${kpiId}"`);
    return rules;
  }

  /** Where the rules for a KPI come from, for the UI's "why this colour". */
  sourceOf(
    kpiId: string,
    entityOverrides?: CompiledOverrides,
  ): 'annotation' | 'config' | 'default' {
    if (entityOverrides?.has(kpiId)) return 'annotation';
    if (this.configured.has(kpiId)) return 'config';
    return 'default';
  }
}
