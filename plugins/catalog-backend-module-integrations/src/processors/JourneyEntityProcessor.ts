import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  isJourneyEntity,
  JOURNEY_API_VERSION,
  JourneyEntityV1alpha1,
  validateJourneyEntity,
} from '@internal/plugin-journeys-common';

type RelatedRef = {
  /** Where the ref is written, for error messages, e.g. `spec.components[2]`. */
  field: string;
  ref: string;
  defaultKind: string;
  /** Relation from the journey to the target, and back. */
  relations: [string, string];
};

/** The refs a Journey's spec holds, in the order they are written. */
function relatedRefs(entity: JourneyEntityV1alpha1): RelatedRef[] {
  const { owner, system, components } = entity.spec;
  const refs: RelatedRef[] = [
    {
      field: 'spec.owner',
      ref: owner,
      defaultKind: 'group',
      relations: [RELATION_OWNED_BY, RELATION_OWNER_OF],
    },
  ];
  if (system) {
    refs.push({
      field: 'spec.system',
      ref: system,
      defaultKind: 'system',
      relations: [RELATION_PART_OF, RELATION_HAS_PART],
    });
  }
  components.forEach((component, index) =>
    refs.push({
      field: `spec.components[${index}]`,
      ref: component,
      defaultKind: 'component',
      relations: [RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF],
    }),
  );
  return refs;
}

function resolve(
  journey: CompoundEntityRef,
  { ref, defaultKind }: RelatedRef,
): CompoundEntityRef {
  // Short names resolve like Backstage's own kinds: in the journey's namespace.
  return parseEntityRef(ref, {
    defaultKind,
    defaultNamespace: journey.namespace,
  });
}

/**
 * The Journey kind (`switchboard.dev/v1alpha1`): validates it against its schema and
 * relates it to its owner, its system and the components it crosses (journey
 * dependsOn component), so the catalog graph shows a journey beside its services.
 */
export class JourneyEntityProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'JourneyEntityProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isJourneyEntity(entity)) {
      return false;
    }
    const invalid = (problem: string) =>
      new InputError(
        `Journey ${stringifyEntityRef(entity)} is invalid: ${problem}`,
      );
    // The schema check alone would answer false here and leave the catalog with
    // "no processor recognized the entity"; say which field is wrong instead.
    if (entity.apiVersion !== JOURNEY_API_VERSION) {
      throw invalid(
        `apiVersion: must be ${JOURNEY_API_VERSION}, not ${entity.apiVersion}`,
      );
    }
    try {
      if (!validateJourneyEntity(entity)) {
        return false;
      }
    } catch (error) {
      throw invalid((error as Error).message);
    }
    const journey = getCompoundEntityRef(entity);
    for (const related of relatedRefs(entity)) {
      try {
        resolve(journey, related);
      } catch (error) {
        throw invalid(`${related.field}: ${(error as Error).message}`);
      }
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isJourneyEntity(entity)) {
      return entity;
    }
    const journey = getCompoundEntityRef(entity);
    for (const related of relatedRefs(entity)) {
      const target = resolve(journey, related);
      const [forward, reverse] = related.relations;
      emit(
        processingResult.relation({ source: journey, type: forward, target }),
      );
      emit(
        processingResult.relation({
          source: target,
          type: reverse,
          target: journey,
        }),
      );
    }
    return entity;
  }
}
