import { HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import { ProcessingErrorsReader } from './ProcessingErrorsReader';

/** Refs one request may ask about: a component's provided and consumed APIs fit easily. */
export const MAX_ENTITY_REFS = 50;

function entityRefsOf(query: unknown): string[] {
  const raw = (query as { entityRef?: unknown }).entityRef;
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (values.length === 0) {
    throw new InputError('entityRef is required: one or more entity refs');
  }
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
 * page of a component can say why an API it provides is missing. Only name, message and
 * catalog file of each error, and only for entities the caller may read.
 */
export function createProcessingErrorsRouter(options: {
  reader: ProcessingErrorsReader;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): express.Router {
  const { reader, httpAuth, permissions } = options;
  const router = Router();
  router.get('/processing-errors', async (req, res) => {
    const refs = entityRefsOf(req.query);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const found = await reader.forEntities(refs);
    const decisions = await permissions.authorize(
      found.map(entry => ({
        permission: catalogEntityReadPermission,
        resourceRef: entry.entityRef,
      })),
      { credentials },
    );
    res.json({
      items: found.filter(
        (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
      ),
    });
  });
  return router;
}
