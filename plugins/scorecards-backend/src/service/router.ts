import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { scorecardsReadPermission } from '@internal/plugin-scorecards-common';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { createAuthorizer } from './authorizer';
import { ScorecardQueries } from './ScorecardQueries';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  queries: ScorecardQueries;
}

/**
 * The routes described in src/schema/openapi.yaml, on the router generated from it:
 * requests are checked against the description before a handler runs.
 */
export async function createRouter(options: RouterOptions) {
  const { catalog, queries } = options;
  const authorize = createAuthorizer(options.httpAuth, options.permissions);
  const router = await createOpenApiRouter();

  /** The entity as the caller sees it in the catalog: one they may not read is a 404. */
  async function visibleEntity(
    credentials: Awaited<ReturnType<typeof authorize>>,
    params: { kind: string; namespace: string; name: string },
  ) {
    const ref =
      `${params.kind}:${params.namespace}/${params.name}`.toLocaleLowerCase(
        'en-US',
      );
    const entity = await catalog.getEntityByRef(ref, { credentials });
    if (!entity) throw new NotFoundError(`No entity ${ref}`);
    return entity;
  }

  router.get('/kpis', async (req, res) => {
    await authorize(req, scorecardsReadPermission);
    res.json({ items: queries.listKpis() });
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    const entity = await visibleEntity(credentials, req.params);
    res.json(await queries.entityScorecard(credentials, entity, req.query.day));
  });

  router.get('/aggregations', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    const { entityRef, ...query } = req.query;
    res.json(
      await queries.aggregations(credentials, {
        ...query,
        entityRefs: entityRef,
      }),
    );
  });

  router.get('/entities/:kind/:namespace/:name/members', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    const entity = await visibleEntity(credentials, req.params);
    res.json(await queries.members(credentials, entity, req.query));
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const credentials = await authorize(req, scorecardsReadPermission);
    const entity = await visibleEntity(credentials, req.params);
    const { kpiId, granularity, from, to } = req.query;
    res.json({
      entityRef: stringifyEntityRef(entity),
      kpiId,
      granularity: granularity ?? 'day',
      items: await queries.kpiHistory(credentials, entity, {
        kpiId,
        granularity,
        from,
        to,
      }),
    });
  });

  return router;
}
