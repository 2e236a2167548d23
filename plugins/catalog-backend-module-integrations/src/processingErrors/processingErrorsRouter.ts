import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import { ProcessingErrorsReader } from './ProcessingErrorsReader';

/** Refs one request may ask about: a component's provided and consumed APIs fit easily. */
export const MAX_ENTITY_REFS = 50;

/** Entities one page of the list of failing entities holds at most. */
export const MAX_PAGE_SIZE = 200;

function integerParameter(
  query: Record<string, unknown>,
  name: string,
  options: { default: number; min: number; max: number },
): number {
  const raw = query[name];
  if (raw === undefined) return options.default;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) {
    throw new InputError(`${name} must be a whole number`);
  }
  const value = Number(raw);
  if (value < options.min || value > options.max) {
    throw new InputError(
      `${name} must be between ${options.min} and ${options.max}, got ${value}`,
    );
  }
  return value;
}

function entityRefsOf(raw: unknown): string[] {
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.length > MAX_ENTITY_REFS) {
    throw new InputError(
      `at most ${MAX_ENTITY_REFS} entityRef values, got ${values.length}`,
    );
  }
  return values.map((value, i) => {
    if (typeof value !== 'string' || value.length > 512) {
      throw new InputError(`entityRef[${i}] must be an entity ref`);
    }
    try {
      const ref = parseEntityRef(value);
      return stringifyEntityRef(ref);
    } catch {
      throw new InputError(
        `entityRef[${i}] is not an entity ref of the form kind:namespace/name`,
      );
    }
  });
}

/**
 * `GET /processing-errors?entityRef=...`: the processing errors of the named entities,
 * also of those the catalog never stored because their first processing failed, so the
 * page of a component can say why an API it provides is missing.
 * `GET /processing-errors?offset=&limit=`: every entity whose processing failed, a page
 * at a time. Only ref, owner, catalog file, and name and message of each error (never the
 * entity's data), and only of entities the caller may read.
 */
export function createProcessingErrorsRouter(options: {
  reader: ProcessingErrorsReader;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): express.Router {
  const { reader, httpAuth, permissions } = options;
  const router = Router();
  router.get('/processing-errors', async (req, res) => {
    const query = req.query as Record<string, unknown>;
    const refs =
      query.entityRef === undefined ? undefined : entityRefsOf(query.entityRef);
    const offset = integerParameter(query, 'offset', {
      default: 0,
      min: 0,
      max: 1_000_000,
    });
    const limit = integerParameter(query, 'limit', {
      default: 100,
      min: 1,
      max: MAX_PAGE_SIZE,
    });
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { items, totalCount } = refs
      ? { items: await reader.forEntities(refs), totalCount: undefined }
      : await reader.failing({ offset, limit });
    const decisions = items.length
      ? await permissions.authorize(
          items.map(entry => ({
            permission: catalogEntityReadPermission,
            resourceRef: entry.entityRef,
          })),
          { credentials },
        )
      : [];
    const readable = items.filter(
      (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
    );
    res.json(
      totalCount === undefined
        ? { items: readable }
        : { items: readable, totalCount, offset, limit },
    );
  });
  return router;
}
