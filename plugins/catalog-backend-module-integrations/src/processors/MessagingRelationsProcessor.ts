import {
  CompoundEntityRef,
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  isMessagingResource,
  MessagingResourceSpec,
  RELATION_PUBLISHED_BY,
  RELATION_PUBLISHES_TO,
  RELATION_SUBSCRIBED_BY,
  RELATION_SUBSCRIBES_TO,
} from '@internal/plugin-integrations-common';
import { z } from 'zod';

/** Which way messages flow between a component and a topic or queue. */
export type MessagingDirection = 'publishes' | 'subscribes';

const RELATION_PAIRS: Record<MessagingDirection, [string, string]> = {
  publishes: [RELATION_PUBLISHES_TO, RELATION_PUBLISHED_BY],
  subscribes: [RELATION_SUBSCRIBES_TO, RELATION_SUBSCRIBED_BY],
};

/**
 * Emits a component → resource relation and its reverse. The catalog stores only
 * what processors emit, so both directions are emitted explicitly.
 */
export function emitMessagingRelations(
  emit: CatalogProcessorEmit,
  component: CompoundEntityRef,
  direction: MessagingDirection,
  resource: CompoundEntityRef,
): void {
  const [forward, reverse] = RELATION_PAIRS[direction];
  emit(
    processingResult.relation({
      source: component,
      type: forward,
      target: resource,
    }),
  );
  emit(
    processingResult.relation({
      source: resource,
      type: reverse,
      target: component,
    }),
  );
}

function isEntityRef(value: string): boolean {
  try {
    parseEntityRef(value, { defaultKind: 'component' });
    return true;
  } catch {
    return false;
  }
}

const entityRefList = z.array(
  z
    .string()
    .refine(
      isEntityRef,
      'expected an entity ref such as component:order-service',
    ),
);

/**
 * The parts of a messaging Resource's spec that Backstage's Resource schema does
 * not check (it allows any extra spec field); type and owner are left to it.
 */
const messagingSpecSchema: z.ZodType<
  Omit<MessagingResourceSpec, 'type' | 'owner'>
> = z.object({
  system: z.string().min(1).optional(),
  lifecycle: z.string().min(1).optional(),
  broker: z.string().min(1).optional(),
  address: z
    .object({
      exchange: z.string().optional(),
      routingKey: z.string().optional(),
      queue: z.string().optional(),
    })
    .optional(),
  deliveryGuarantee: z
    .enum(['at-most-once', 'at-least-once', 'exactly-once'])
    .optional(),
  messages: z
    .array(
      z.object({
        name: z.string().min(1),
        version: z.string().optional(),
        contentType: z.string().optional(),
      }),
    )
    .optional(),
  deprecation: z
    .object({
      sunset: z.iso.date({
        error: issue =>
          issue.input === undefined
            ? 'required: the date the resource goes away (YYYY-MM-DD)'
            : 'expected an ISO date (YYYY-MM-DD)',
      }),
      replacement: z.string().optional(),
      reason: z.string().optional(),
    })
    .optional(),
  publishers: entityRefList.optional(),
  subscribers: entityRefList.optional(),
});

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) =>
      typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`,
    'spec',
  );
}

/**
 * Topics, queues and dead-letter queues: checks the messaging fields of their spec
 * and turns hand-declared `spec.publishers` / `spec.subscribers` into relations.
 */
export class MessagingRelationsProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'MessagingRelationsProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isMessagingResource(entity)) {
      return entity;
    }
    const parsed = messagingSpecSchema.safeParse(entity.spec);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        issue => `${formatPath(issue.path)}: ${issue.message}`,
      );
      emit(
        processingResult.inputError(
          location,
          `Messaging resource ${stringifyEntityRef(
            entity,
          )} has an invalid spec: ${problems.join('; ')}`,
        ),
      );
      return entity;
    }

    const resource = getCompoundEntityRef(entity);
    const declared: Array<[MessagingDirection, string[] | undefined]> = [
      ['publishes', parsed.data.publishers],
      ['subscribes', parsed.data.subscribers],
    ];
    for (const [direction, refs] of declared) {
      for (const ref of refs ?? []) {
        const component = parseEntityRef(ref, {
          defaultKind: 'component',
          defaultNamespace: resource.namespace,
        });
        emitMessagingRelations(emit, component, direction, resource);
      }
    }
    return entity;
  }
}
