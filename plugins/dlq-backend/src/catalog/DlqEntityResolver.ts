import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DlqEntities } from '@internal/plugin-dlq-common';

const RUNTIME_ANNOTATION = 'switchboard.dev/runtime';
const DEAD_LETTER_OF_ANNOTATION = 'switchboard.dev/dead-letter-of';
const CACHE_MS = 15_000;

/**
 * Maps a runtime's dead-letter queues to catalog entities: the consumer queue Resource
 * (spec.type queue, spec.address.queue = the queue, annotated with the runtime's name),
 * its owner, its dead-letter queue Resource (switchboard.dev/dead-letter-of) and the
 * consuming Component. Ownership decides who may replay, so this is read with the
 * plugin's own credentials and cached briefly.
 */
export class DlqEntityResolver {
  private readonly cache = new Map<
    string,
    { at: number; byQueue: Promise<Map<string, DlqEntities>> }
  >();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async resolve(
    runtime: string,
    queue: string,
    consumer?: string,
  ): Promise<DlqEntities> {
    const known = (await this.forRuntime(runtime)).get(queue);
    return (
      known ?? (consumer ? { consumer: `component:default/${consumer}` } : {})
    );
  }

  async forRuntime(runtime: string): Promise<Map<string, DlqEntities>> {
    const cached = this.cache.get(runtime);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.byQueue;
    const byQueue = this.load(runtime);
    this.cache.set(runtime, { at: Date.now(), byQueue });
    byQueue.catch(() => this.cache.delete(runtime));
    return byQueue;
  }

  private async load(runtime: string) {
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          kind: 'resource',
          [`metadata.annotations.${RUNTIME_ANNOTATION}`]: runtime,
        },
        fields: ['kind', 'metadata', 'spec'],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const refOf = (e: Entity) => stringifyEntityRef(e);
    const deadLetterQueues = new Map<string, string>();
    for (const e of items) {
      const of = e.metadata.annotations?.[DEAD_LETTER_OF_ANNOTATION];
      if (e.spec?.type === 'dead-letter-queue' && of)
        deadLetterQueues.set(normalise(of, 'resource'), refOf(e));
    }
    const byQueue = new Map<string, DlqEntities>();
    for (const e of items) {
      const address = e.spec?.address as { queue?: string } | undefined;
      if (e.spec?.type !== 'queue' || !address?.queue) continue;
      const subscribers = (e.spec?.subscribers as string[] | undefined) ?? [];
      byQueue.set(address.queue, {
        queue: refOf(e),
        deadLetterQueue: deadLetterQueues.get(refOf(e)),
        consumer: subscribers[0]
          ? normalise(subscribers[0], 'component')
          : undefined,
        owner:
          typeof e.spec?.owner === 'string'
            ? normalise(e.spec.owner, 'group')
            : undefined,
      });
    }
    return byQueue;
  }
}

function normalise(ref: string, defaultKind: string) {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  );
}
