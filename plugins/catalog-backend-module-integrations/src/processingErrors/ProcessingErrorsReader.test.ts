import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { ProcessingErrorsReader } from './ProcessingErrorsReader';

jest.setTimeout(60_000);

// The machine's PostgreSQL (trust auth) unless the environment names another.
process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??= `postgresql://${
  process.env.POSTGRES_USER ?? 'postgres'
}:${process.env.POSTGRES_PASSWORD ?? ''}@${
  process.env.POSTGRES_HOST ?? '127.0.0.1'
}:${process.env.POSTGRES_PORT ?? 5432}`;

/** The catalog's own tables, as its migrations make them. */
async function catalogTables(knex: Knex) {
  await knex.migrate.latest({
    directory: path.resolve(
      require.resolve('@backstage/plugin-catalog-backend/package.json'),
      '../migrations',
    ),
  });
}

let id = 0;
async function insert(
  knex: Knex,
  entityRef: string,
  options: { errors?: string; stored?: boolean; owner?: string },
) {
  const entityId = `id-${++id}`;
  const [kind, rest] = entityRef.split(':');
  const name = rest.split('/')[1];
  await knex('refresh_state').insert({
    entity_id: entityId,
    entity_ref: entityRef,
    unprocessed_entity: JSON.stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: {
        name,
        annotations: {
          'backstage.io/managed-by-location': 'file:/srv/catalog/apis.yaml',
        },
      },
      spec: options.owner ? { owner: options.owner } : {},
    }),
    errors: options.errors ?? '',
    next_update_at: knex.fn.now(),
    last_discovery_at: knex.fn.now(),
  });
  if (options.stored) {
    await knex('final_entities').insert({
      entity_id: entityId,
      entity_ref: entityRef,
      hash: 'h',
      final_entity: '{}',
    });
  }
}

const error = (message: string) =>
  JSON.stringify([
    {
      name: 'InputError',
      message,
      stack: 'InputError: secret stack\n    at /srv/backend/x.js:1:1',
      cause: { name: 'Error', message: 'inner' },
    },
  ]);

describe('ProcessingErrorsReader', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'reads errors by ref and lists failing entities on %p',
    async dbId => {
      const knex = await databases.init(dbId);
      await catalogTables(knex);
      await insert(knex, 'api:default/Broken-API', {
        errors: error(
          'OpenAPI definition of api:default/Broken-API is invalid',
        ),
        owner: 'group:default/orders',
      });
      await insert(knex, 'api:default/kept-api', {
        errors: error('x'.repeat(5000)),
        stored: true,
      });
      await insert(knex, 'api:default/fine-api', {
        errors: '[]',
        stored: true,
      });
      await insert(knex, 'component:default/fine', { errors: '' });
      const reader = new ProcessingErrorsReader(knex);

      // Refs match whatever their case; entities without errors are left out.
      const found = await reader.forEntities([
        'api:default/broken-api',
        'api:default/fine-api',
        'api:default/unknown',
      ]);
      expect(found).toEqual([
        {
          entityRef: 'api:default/Broken-API',
          stored: false,
          owner: 'group:default/orders',
          location: 'file:/srv/catalog/apis.yaml',
          // Name and message only: no stack, no cause.
          errors: [
            {
              name: 'InputError',
              message:
                'OpenAPI definition of api:default/Broken-API is invalid',
            },
          ],
        },
      ]);

      const all = await reader.failing({ offset: 0, limit: 10 });
      expect(all.totalCount).toBe(2);
      expect(all.items.map(e => [e.entityRef, e.stored])).toEqual([
        ['api:default/Broken-API', false],
        ['api:default/kept-api', true],
      ]);
      expect(all.items[1].errors[0].message).toHaveLength(2000);

      const second = await reader.failing({ offset: 1, limit: 1 });
      expect(second).toEqual({
        items: [expect.objectContaining({ entityRef: 'api:default/kept-api' })],
        totalCount: 2,
      });
    },
  );
});
