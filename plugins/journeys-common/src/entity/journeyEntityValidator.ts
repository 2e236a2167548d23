import {
  Entity,
  entityKindSchemaValidator,
  KindValidator,
} from '@backstage/catalog-model';
import schema from './Journey.v1alpha1.schema.json';
import { JOURNEY_KIND, JourneyEntityV1alpha1 } from './JourneyEntity';

/** The JSON schema of the Journey kind, for tools that want to show or reuse it. */
export const journeyEntityV1alpha1Schema: object = schema;

/** Whether the entity is a Journey (by kind, as Backstage's isComponentEntity and co. do). */
export function isJourneyEntity(
  entity: Entity,
): entity is JourneyEntityV1alpha1 {
  return entity.kind.toLocaleUpperCase('en-US') === JOURNEY_KIND.toUpperCase();
}

// Fields where the schema asks for exactly one of two properties (oneOf); Ajv reports
// that as the first branch's missing property, which would send the reader astray.
const EXACTLY_ONE_OF: Array<[RegExp, [string, string]]> = [
  [/^spec\.(entry|completion)$/, ['span', 'route']],
  [/^spec\.objectives\[\d+\]\.indicator$/, ['ratio', 'latency']],
];

const DURATION_FIELD = /^spec\.(stuckAfter|objectives\[\d+\]\.timeWindow)$/;
const BUSINESS_KEY_FIELD = /^spec\.businessKeys\[\d+\]$/;

/** `/spec/objectives/0/target` → `spec.objectives[0].target` */
function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, part) =>
        /^\d+$/.test(part)
          ? `${path}[${part}]`
          : `${path}${path ? '.' : ''}${part}`,
      '',
    );
}

/**
 * Rewrites the first schema error, as entityKindSchemaValidator reports it
 * (`/spec/entry must have required property 'span' - missingProperty: span`), into
 * `field: problem` (`spec.entry: must have exactly one of span or route`).
 */
function describeSchemaError(message: string): string {
  const match = /^(\S+) (.*?)(?: - (.*))?$/s.exec(message);
  if (!match) {
    return message;
  }
  const [, pointer, problem, detail = ''] = match;
  const field = pointer === '<root>' ? '<root>' : fieldPath(pointer);
  const params = Object.fromEntries(
    detail.split(', ').map(pair => pair.split(': ') as [string, string]),
  );

  const alternatives = EXACTLY_ONE_OF.find(([pattern]) =>
    pattern.test(field),
  )?.[1];
  if (
    alternatives &&
    (problem.startsWith('must match exactly one schema in oneOf') ||
      alternatives.includes(params.missingProperty))
  ) {
    return `${field}: must have exactly one of ${alternatives.join(' or ')}`;
  }
  if (params.missingProperty) {
    return `${field}${field ? '.' : ''}${params.missingProperty}: required`;
  }
  if (params.additionalProperty) {
    return `${field}${field ? '.' : ''}${
      params.additionalProperty
    }: unknown field`;
  }
  if (DURATION_FIELD.test(field) && params.pattern) {
    return `${field}: must be a duration such as 10m, 2h or 28d`;
  }
  if (BUSINESS_KEY_FIELD.test(field) && params.pattern) {
    return `${field}: must be a span attribute name such as app.order.id (a-z, 0-9, _ . -)`;
  }
  if (params.limit === '1' && problem.includes('fewer than 1 items')) {
    return `${field}: must not be empty`;
  }
  return `${field}: ${problem}${detail ? ` (${detail})` : ''}`;
}

/** What the schema cannot say: a ratio's good statuses must be counted in its total. */
function checkObjectives(entity: JourneyEntityV1alpha1): void {
  (entity.spec.objectives ?? []).forEach((objective, index) => {
    if (!('ratio' in objective.indicator)) {
      return;
    }
    const { good, total } = objective.indicator.ratio;
    const uncounted = good.status.filter(s => !total.status.includes(s));
    if (uncounted.length) {
      throw new TypeError(
        `spec.objectives[${index}].indicator.ratio.good.status: ${uncounted.join(
          ', ',
        )} must also be in total.status`,
      );
    }
  });
}

const validateSchema = entityKindSchemaValidator<JourneyEntityV1alpha1>(schema);

/**
 * Validates a Journey against its kind schema, as Backstage's own kind validators do:
 * returns the entity if valid, false if it is not a `switchboard.dev/v1alpha1` Journey,
 * and throws a TypeError naming the failing field (`spec.entry: must have exactly one
 * of span or route`) if it is an invalid one.
 */
export function validateJourneyEntity(
  data: unknown,
): JourneyEntityV1alpha1 | false {
  let entity: JourneyEntityV1alpha1 | false;
  try {
    entity = validateSchema(data);
  } catch (error) {
    throw new TypeError(describeSchemaError((error as Error).message));
  }
  if (entity) {
    checkObjectives(entity);
  }
  return entity;
}

/** {@link KindValidator} for {@link JourneyEntityV1alpha1}. */
export const journeyEntityV1alpha1Validator: KindValidator = {
  async check(entity: Entity) {
    return validateJourneyEntity(entity) !== false;
  },
};
