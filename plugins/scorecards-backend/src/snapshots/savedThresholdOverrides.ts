import { ThresholdResolver } from '@internal/plugin-scorecards-common';

/**
 * An entity's threshold overrides as the snapshot writer applied them: a bad annotation
 * counts for none (the writer logs it and uses the configured thresholds), so the routes
 * name the same threshold source the snapshots were coloured with.
 */
export function savedThresholdOverrides(
  thresholds: ThresholdResolver,
  annotation: string | undefined,
  entityRef: string,
): ReturnType<ThresholdResolver['parseAnnotation']> {
  try {
    return thresholds.parseAnnotation(annotation, entityRef);
  } catch {
    return new Map();
  }
}
