import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  journeysMetricsReadPermission,
  journeysTracesReadPermission,
} from '@internal/plugin-journeys-common';
import { createAuthorizer } from '../authorizer';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { PROMETHEUS_CONTENT_TYPE } from './prometheusExposition';
import { SloQueries } from './SloQueries';

export interface SloRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  slos: SloQueries;
  /** The Prometheus text exposition of every journey's counters. */
  metrics: () => Promise<string>;
  /** Every Journey objective as OpenSLO v1 YAML. */
  openSlo: () => string;
}

/**
 * The routes described in src/schema/openapi.yaml, on the router generated from it: requests
 * are checked against the description before a handler runs (400 with what is wrong).
 */
export async function createSloRouter(options: SloRouterOptions) {
  const { slos } = options;
  const authorize = createAuthorizer(options.httpAuth, options.permissions);
  const router = await createOpenApiRouter();

  router.get('/slos', async (req, res) => {
    await authorize(req, ['user', 'service'], journeysTracesReadPermission);
    res.json({ items: await slos.list({ owner: req.query.owner }) });
  });

  router.get('/slos/:namespace/:name', async (req, res) => {
    await authorize(req, ['user', 'service'], journeysTracesReadPermission);
    const { namespace, name } = req.params;
    res.json(
      await slos.journey(
        `journey:${namespace}/${name}`.toLocaleLowerCase('en-US'),
      ),
    );
  });

  router.get('/openslo', async (req, res) => {
    await authorize(req, ['user', 'service'], journeysTracesReadPermission);
    res
      .type('application/yaml')
      .setHeader(
        'content-disposition',
        'inline; filename="journeys-openslo.yaml"',
      )
      .send(options.openSlo());
  });

  // Prometheus scrapes with the metrics token (journeys.metrics.read only).
  router.get('/metrics', async (req, res) => {
    await authorize(req, ['user', 'service'], journeysMetricsReadPermission);
    const text = await options.metrics();
    // Set as is: express's type() would move charset before version.
    res.setHeader('content-type', PROMETHEUS_CONTENT_TYPE);
    res.end(text);
  });

  return router;
}
