import { createHash } from 'node:crypto';
import {
  Entity,
  isApiEntity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { Validator } from '@seriousme/openapi-schema-validator';
import { LineCounter, parseDocument } from 'yaml';
import { definitionText, invalidDefinitionMessage } from './DefinitionProblems';

type AjvLikeError = {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
};

function describeSchemaError(error: AjvLikeError): string {
  const where = error.instancePath || '/';
  const extra =
    typeof error.params?.additionalProperty === 'string'
      ? ` (${error.params.additionalProperty})`
      : '';
  return `${where}: ${error.message ?? 'is invalid'}${extra}`;
}

/**
 * Checks OpenAPI 3.0 / 3.1 (and Swagger 2.0) documents against the specifications'
 * official JSON schemas, with `@seriousme/openapi-schema-validator`. It resolves only
 * references inside the document: a `$ref` to a file or URL is a problem, never a read.
 */
export class OpenApiDocumentChecker {
  async problems(definition: string): Promise<string[]> {
    const lines = new LineCounter();
    const yaml = parseDocument(definition, {
      lineCounter: lines,
      prettyErrors: false,
    });
    if (yaml.errors.length > 0) {
      return yaml.errors.map(e => {
        const at = lines.linePos(e.pos[0]);
        const message = e.message.split('\n')[0];
        return `YAML syntax error at line ${at.line}, column ${at.col}: ${message}`;
      });
    }
    const document: unknown = yaml.toJS({ maxAliasCount: 100 });
    if (!document || typeof document !== 'object' || Array.isArray(document)) {
      return ['the document must be a YAML or JSON object'];
    }
    // One validator per document: it keeps the document it validated as its state.
    const { valid, errors } = await new Validator().validate(
      document as Record<string, unknown>,
    );
    if (valid) {
      return [];
    }
    if (typeof errors === 'string') {
      return [errors];
    }
    return (errors ?? []).map(e => describeSchemaError(e as AjvLikeError));
  }
}

// Bump when the problems' wording changes, so cached results of unchanged documents are redone.
const CACHE_FORMAT = 'v1';

/**
 * API entities of type openapi: an invalid document is a catalog processing error on the
 * entity (path and message of the first problems), so its owner sees it on the entity's
 * page, the page of failing entities and the pages of the components that provide it.
 */
export class OpenApiEntityProcessor implements CatalogProcessor {
  private readonly checker = new OpenApiDocumentChecker();

  getProcessorName(): string {
    return 'OpenApiEntityProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    if (!isApiEntity(entity) || entity.spec.type !== 'openapi') {
      return entity;
    }
    const apiRef = stringifyEntityRef(entity);
    const definition = definitionText(
      'OpenAPI',
      apiRef,
      entity,
      location,
      emit,
    );
    if (definition === undefined) return entity;
    const problems = await this.checkCached(definition, cache);
    if (problems.length > 0) {
      emit(
        processingResult.inputError(
          location,
          invalidDefinitionMessage('OpenAPI', apiRef, problems),
        ),
      );
    }
    return entity;
  }

  /** Validation compiles the official schemas: an unchanged document reuses the last result. */
  private async checkCached(
    definition: string,
    cache: CatalogProcessorCache,
  ): Promise<string[]> {
    const key = `${CACHE_FORMAT}:${createHash('sha256')
      .update(definition)
      .digest('hex')}`;
    const cached = await cache.get<{ problems: string[] }>(key);
    if (cached) {
      return cached.problems;
    }
    const problems = await this.checker.problems(definition);
    await cache.set(key, { problems });
    return problems;
  }
}
