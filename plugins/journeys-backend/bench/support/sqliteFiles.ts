import Database from 'better-sqlite3';
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import { connect } from '../../src/database/migrations';

/** Knex on a better-sqlite3 file with default settings, as the plugin opens it. */
export function openKnex(filename: string): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
  });
}

/** The same, after the plugin's migrations ran on it. */
export const openMigrated = (filename: string): Promise<Knex> =>
  connect({ getClient: async () => openKnex(filename) });

/** Bytes of a SQLite file with its WAL and rollback journal. */
export const fileSize = (file: string) =>
  ['', '-wal', '-journal'].reduce(
    (n, s) => n + (fs.existsSync(file + s) ? fs.statSync(file + s).size : 0),
    0,
  );

/** A prepared multi-row INSERT (rows per statement) with a single-row statement for the rest. */
export class MultiInsert {
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  constructor(
    db: Database.Database,
    head: string,
    columns: number,
    private readonly rows: number,
    tail = '',
  ) {
    const tuple = `(${Array(columns).fill('?').join(',')})`;
    this.many = db.prepare(
      `${head} VALUES ${Array(rows).fill(tuple).join(',')} ${tail}`,
    );
    this.one = db.prepare(`${head} VALUES ${tuple} ${tail}`);
  }
  run(values: unknown[][]) {
    let i = 0;
    for (; i + this.rows <= values.length; i += this.rows) {
      const flat: unknown[] = [];
      for (let j = i; j < i + this.rows; j++)
        for (const v of values[j]) flat.push(v);
      this.many.run(flat);
    }
    for (; i < values.length; i++) this.one.run(values[i]);
  }
}
