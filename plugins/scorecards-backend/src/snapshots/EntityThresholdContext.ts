import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  SCORECARD_THRESHOLDS_ANNOTATION,
  ThresholdResolver,
} from '@internal/plugin-scorecards-common';

/**
 * Entities by ref and their threshold annotations, parsed once per run. A bad annotation
 * is reported and the entity falls back to config and default thresholds.
 */
export class EntityThresholdContext {
  readonly problems: string[] = [];
  private readonly byRef: Map<string, Entity>;
  private readonly parsed = new Map<
    string,
    ReturnType<ThresholdResolver['parseAnnotation']>
  >();

  constructor(
    entities: Entity[],
    private readonly thresholds: ThresholdResolver,
  ) {
    this.byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
  }

  entity(ref: string): Entity | undefined {
    return this.byRef.get(ref);
  }

  overrides(ref: string) {
    let overrides = this.parsed.get(ref);
    if (!overrides) {
      try {
        overrides = this.thresholds.parseAnnotation(
          this.byRef.get(ref)?.metadata.annotations?.[
            SCORECARD_THRESHOLDS_ANNOTATION
          ],
          ref,
        );
      } catch (e) {
        this.problems.push(
          `${(e as Error).message}; using configured thresholds for ${ref}`,
        );
        overrides = new Map();
      }
      this.parsed.set(ref, overrides);
    }
    return overrides;
  }
}
