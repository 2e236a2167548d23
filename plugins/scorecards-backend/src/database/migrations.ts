import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-scorecards-backend',
  'migrations',
);

/** The plugin's knex client with its migrations applied (unless the operator skips them). */
export async function connect(database: DatabaseService): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await knex.migrate.latest({
      directory: migrationsDir,
      tableName: 'scorecards_knex_migrations',
    });
  }
  return knex;
}
