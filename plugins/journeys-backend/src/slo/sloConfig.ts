import { Config } from '@backstage/config';
import { BURN_WINDOWS_MS, BurnRateRule } from './burnRate';
import { SloEvaluatorOptions } from './SloEvaluator';

const WINDOWS = Object.keys(BURN_WINDOWS_MS) as Array<
  keyof typeof BURN_WINDOWS_MS
>;

/**
 * `journeys.slo`: the low-traffic guard and, optionally, burn-rate rules that replace the
 * scaled workbook defaults for every objective without its own. A bad rule stops the
 * backend at start with the key that is wrong.
 */
export function readSloOptions(
  config: Config | undefined,
): SloEvaluatorOptions {
  const slo = config?.getOptionalConfig('slo');
  const minValidEvents = slo?.getOptionalNumber('minValidEvents') ?? 10;
  if (!Number.isInteger(minValidEvents) || minValidEvents < 0)
    throw new Error(
      `journeys.slo.minValidEvents must be a whole number ≥ 0, not ${minValidEvents}`,
    );
  const rules = slo?.getOptionalConfigArray('rules')?.map((r, i) => {
    const where = `journeys.slo.rules[${i}]`;
    const severity = r.getString('severity');
    if (severity !== 'page' && severity !== 'ticket')
      throw new Error(`${where}.severity must be page or ticket`);
    const factor = r.getNumber('factor');
    if (!(factor > 0)) throw new Error(`${where}.factor must be above 0`);
    const window = (key: string) => {
      const value = r.getString(key);
      if (!WINDOWS.includes(value as any))
        throw new Error(
          `${where}.${key} must be one of ${WINDOWS.join(', ')}, not ${value}`,
        );
      return BURN_WINDOWS_MS[value as keyof typeof BURN_WINDOWS_MS];
    };
    const rule: BurnRateRule = {
      severity,
      factor,
      longWindowMs: window('longWindow'),
      shortWindowMs: window('shortWindow'),
    };
    if (rule.shortWindowMs > rule.longWindowMs)
      throw new Error(`${where}.shortWindow is longer than its longWindow`);
    return rule;
  });
  return { minValidEvents, rules };
}
