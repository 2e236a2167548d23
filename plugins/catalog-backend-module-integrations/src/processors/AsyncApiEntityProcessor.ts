import { createHash } from 'node:crypto';
import {
  AsyncAPIDocumentInterface,
  ChannelInterface,
  DiagnosticSeverity,
  Parser,
} from '@asyncapi/parser';
import type { Diagnostic } from '@asyncapi/parser';
import { AuthService } from '@backstage/backend-plugin-api';
import {
  ApiEntity,
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
  getCompoundEntityRef,
  isApiEntity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  CatalogService,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ASYNCAPI_API,
  ANNOTATION_ASYNCAPI_CHANNEL,
  MessagingResourceEntity,
  MessagingResourceSpec,
} from '@internal/plugin-integrations-common';
import { parse } from 'yaml';
import { invalidDefinitionMessage } from './DefinitionProblems';
import {
  emitMessagingRelations,
  MessagingDirection,
} from './MessagingRelationsProcessor';

@@MIDDLE@@

/** A kept-alive connection the catalog closed under us: worth one more try. */
function isTransientNetworkError(e: unknown): boolean {
  const error = e as {
    code?: string;
    message?: string;
    cause?: { code?: string };
  };
  const code = error?.code ?? error?.cause?.code;
  return (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /socket hang up/.test(error?.message ?? '')
  );
}

async function withRetry<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (!isTransientNetworkError(e)) throw e;
    await new Promise(resolve => setTimeout(resolve, 100));
    return call();
  }
}

/**
 * Components that provide or consume an API, read from the catalog. The catalog answers
 * over HTTP; a connection reset is retried once instead of failing the entity's processing.
 */
export class ApiParticipants {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async of(apiRef: string): Promise<{
    providers: CompoundEntityRef[];
    consumers: CompoundEntityRef[];
  }> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const components = async (relation: 'providesApi' | 'consumesApi') => {
      const { items } = await withRetry(() =>
        this.catalog.getEntities(
          {
            filter: { kind: 'component', [`relations.${relation}`]: apiRef },
            fields: ['kind', 'metadata.namespace', 'metadata.name'],
          },
          { credentials },
        ),
      );
      return items.map(getCompoundEntityRef);
    };
    const [providers, consumers] = await Promise.all([
      components('providesApi'),
      components('consumesApi'),
    ]);
    return { providers, consumers };
  }

  /** The API entity as the catalog has it now, or undefined. */
  async api(apiRef: string): Promise<Entity | undefined> {
    const credentials = await this.auth.getOwnServiceCredentials();
    return withRetry(() =>
      this.catalog.getEntityByRef(apiRef, { credentials }),
    );
  }
}

@@PROCESSOR@@
