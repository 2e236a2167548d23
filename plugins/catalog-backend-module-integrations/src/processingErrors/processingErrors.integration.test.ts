import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleUnprocessedEntities from '@backstage/plugin-catalog-backend-module-unprocessed';
import { stringify } from 'yaml';
import { catalogModuleIntegrations } from '../module';

/** Polls until `check` passes: catalog processing is eventually consistent. */
async function eventually<T>(
  probe: () => Promise<T>,
  check: (value: T) => void,
  timeoutMs = 75_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    try {
      check(value);
      return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  }
}

const VALID_OPENAPI = [
  'openapi: 3.1.0',
  'info: { title: Stock, version: 1.0.0 }',
  'paths:',
  '  /stock:',
  '    get:',
  "      responses: { '200': { description: ok } }",
].join('\n');

function api(name: string, type: string, definition: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: { name },
    spec: {
      type,
      lifecycle: 'production',
      owner: 'group:default/orders',
      definition,
    },
  };
}

const entities = (stockDefinition: string): Entity[] => [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'shop' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/orders',
      providesApis: ['broken-openapi', 'broken-asyncapi', 'stock-api'],
    },
  },
  // A new API whose OpenAPI document names a component that does not exist.
  api(
    'broken-openapi',
    'openapi',
    [
      'openapi: 3.0.3',
      'info: { title: Broken, version: 1.0.0 }',
      'paths:',
      '  /a:',
      '    get:',
      "      responses: { '200': { $ref: '#/components/responses/Gone' } }",
    ].join('\n'),
  ),
  // A new AsyncAPI 3.0 document with a YAML syntax error.
  api(
    'broken-asyncapi',
    'asyncapi',
    'asyncapi: 3.0.0\ninfo:\n  title: "Unclosed\n  version: 1.0.0\n',
  ),
  api('stock-api', 'openapi', stockDefinition),
];

describe('processing errors of API definitions, in the real catalog', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'processing-errors-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists new invalid APIs as failed, with their errors, and keeps the last valid version of one that breaks', async () => {
    const file = path.join(dir, 'catalog-info.yaml');
    const write = (stock: string) =>
      fs.writeFileSync(
        file,
        entities(stock)
          .map(e => stringify(e))
          .join('---\n'),
      );
    write(VALID_OPENAPI);

    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleIntegrations,
        catalogModuleUnprocessedEntities,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Component', 'API', 'Location'] }],
              locations: [{ type: 'file', target: file }],
              processingInterval: { seconds: 1 },
            },
          },
        }),
      ],
    });
    const base = `http://localhost:${backend.server.port()}/api/catalog`;
    const getJson = async (url: string) => {
      const response = await fetch(`${base}${url}`);
      return { status: response.status, body: await response.json() };
    };
    try {
      // The valid API is stored; the invalid ones never are.
      await eventually(
        () => getJson('/entities/by-name/api/default/stock-api'),
        r => expect(r.status).toBe(200),
      );
      expect(
        (await getJson('/entities/by-name/api/default/broken-openapi')).status,
      ).toBe(404);

      // The list of failing entities has them with their errors, and no entity data.
      const failing = await eventually(
        () => getJson('/processing-errors'),
        r =>
          expect(
            r.body.items.map((e: { entityRef: string }) => e.entityRef),
          ).toEqual([
            'api:default/broken-asyncapi',
            'api:default/broken-openapi',
          ]),
      );
      expect(failing.body).toMatchObject({
        totalCount: 2,
        offset: 0,
        limit: 100,
      });
      expect(failing.body.items[1]).toEqual({
        entityRef: 'api:default/broken-openapi',
        stored: false,
        owner: 'group:default/orders',
        location: `file:${file}`,
        errors: [
          {
            name: 'InputError',
            message:
              "OpenAPI definition of api:default/broken-openapi is invalid: Can't resolve #/components/responses/Gone",
          },
        ],
      });
      expect(
        (await getJson('/processing-errors?offset=1&limit=1')).body.items.map(
          (e: { entityRef: string }) => e.entityRef,
        ),
      ).toEqual(['api:default/broken-openapi']);

      // Backstage's unprocessed-entities module lists them as pending, not as failed:
      // with catalog-backend 4 an entity that was never stored has no final_entities row,
      // which its 'failed' query needs (and its 'pending' rows lose entity_ref to the
      // join), so the raw entities are there for the catalog's admins, the errors are not.
      const pending = await getJson('/entities/unprocessed/pending');
      expect(
        pending.body.entities.map(
          (e: { unprocessed_entity: Entity }) =>
            e.unprocessed_entity.metadata.name,
        ),
      ).toEqual(expect.arrayContaining(['broken-openapi', 'broken-asyncapi']));
      expect(
        (await getJson('/entities/unprocessed/failed')).body.entities,
      ).toEqual([]);

      // The provider's page asks by the refs of its relations.
      const errors = await getJson(
        '/processing-errors?entityRef=api:default/broken-openapi&entityRef=api:default/broken-asyncapi&entityRef=api:default/stock-api',
      );
      expect(errors.status).toBe(200);
      expect(errors.body.items).toEqual([
        {
          entityRef: 'api:default/broken-asyncapi',
          stored: false,
          owner: 'group:default/orders',
          location: `file:${file}`,
          errors: [
            {
              name: 'InputError',
              message: expect.stringMatching(
                /^AsyncAPI definition of api:default\/broken-asyncapi is invalid: /,
              ),
            },
          ],
        },
        {
          entityRef: 'api:default/broken-openapi',
          stored: false,
          owner: 'group:default/orders',
          location: `file:${file}`,
          errors: [
            {
              name: 'InputError',
              message:
                "OpenAPI definition of api:default/broken-openapi is invalid: Can't resolve #/components/responses/Gone",
            },
          ],
        },
      ]);
      // Once the stock API is invalid too, the list counts it.

      // A valid API that becomes invalid keeps its last valid version, with the error.
      write(VALID_OPENAPI.replace('openapi: 3.1.0', 'openapi: 9.9.9'));
      const stock = await eventually(
        () => getJson('/entities/by-name/api/default/stock-api'),
        r =>
          expect(r.body.status?.items).toEqual([
            expect.objectContaining({
              level: 'error',
              message: expect.stringContaining(
                'OpenAPI definition of api:default/stock-api is invalid: Cannot find supported swagger/openapi version',
              ),
            }),
          ]),
      );
      expect(stock.body.spec.definition).toBe(VALID_OPENAPI);
      const stockErrors = await getJson(
        '/processing-errors?entityRef=api:default/stock-api',
      );
      expect(stockErrors.body.items).toEqual([
        expect.objectContaining({
          entityRef: 'api:default/stock-api',
          stored: true,
        }),
      ]);
    } finally {
      await backend.stop();
    }
  }, 120_000);

  it('answers 400 with a JSON message for malformed or too many refs and bad paging', async () => {
    const backend = await startTestBackend({
      features: [catalogPlugin, catalogModuleIntegrations],
    });
    const base = `http://localhost:${backend.server.port()}/api/catalog/processing-errors`;
    try {
      for (const [query, mentions] of [
        ['?entityRef=', 'entityRef'],
        ['?entityRef=api:', 'entityRef'],
        [
          `?${Array.from(
            { length: 51 },
            (_, i) => `entityRef=api:default/a${i}`,
          ).join('&')}`,
          'entityRef',
        ],
        ['?limit=0', 'limit'],
        ['?limit=201', 'limit'],
        ['?limit=ten', 'limit'],
        ['?offset=-1', 'offset'],
        ['?offset=1&offset=2', 'offset'],
      ]) {
        const response = await fetch(`${base}${query}`);
        expect(response.status).toBe(400);
        const body = await response.json();
        expect(body.error.name).toBe('InputError');
        expect(body.error.message).toContain(mentions);
      }
      const empty = await fetch(base);
      expect(empty.status).toBe(200);
      expect(await empty.json()).toEqual({
        items: [],
        totalCount: 0,
        offset: 0,
        limit: 100,
      });
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
