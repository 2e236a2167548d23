import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * SQLite and the PostgreSQL that `npm test` provides (see .toolchain/services.sh), for
 * store tests that must hold on both. Call at the top of a describe block.
 */
export function bothDatabases(): TestDatabases {
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??= `postgresql://${
    process.env.POSTGRES_USER ?? 'postgres'
  }:${process.env.POSTGRES_PASSWORD ?? ''}@${
    process.env.POSTGRES_HOST ?? '127.0.0.1'
  }:${process.env.POSTGRES_PORT ?? 5432}`;
  return TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
}
