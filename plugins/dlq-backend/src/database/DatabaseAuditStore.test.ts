import { TestDatabases } from '@backstage/backend-test-utils';
import { connect } from './migrations';
import { DatabaseAuditStore } from './DatabaseAuditStore';

jest.setTimeout(60_000);

// The machine's PostgreSQL (trust auth) unless the environment names another.
process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??= `postgresql://${
  process.env.POSTGRES_USER ?? 'postgres'
}:${process.env.POSTGRES_PASSWORD ?? ''}@${
  process.env.POSTGRES_HOST ?? '127.0.0.1'
}:${process.env.POSTGRES_PORT ?? 5432}`;

describe('DatabaseAuditStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())('pages newest first on %p', async id => {
    const knex = await databases.init(id);
    const db = await connect({ getClient: async () => knex });
    const store = new DatabaseAuditStore(db);
    for (let i = 0; i < 5; i++) {
      await store.append({
        actor: 'user:default/ines.silva',
        action: 'replay.submit',
        runtime: 'integration-runtime',
        dlq: i % 2 ? 'a' : 'b',
        outcome: 'succeeded',
        reason: `r${i}`,
      });
    }
    const first = await store.list({ limit: 2 });
    expect(first.items.map(e => e.reason)).toEqual(['r4', 'r3']);
    const second = await store.list({ limit: 2, before: first.nextBefore! });
    expect(second.items.map(e => e.reason)).toEqual(['r2', 'r1']);
    expect((await store.list({ limit: 10, dlq: 'a' })).items).toHaveLength(2);

    expect((await store.list({ limit: 10 })).items.map(e => e.reason)).toEqual([
      'r4',
      'r3',
      'r2',
      'r1',
      'r0',
    ]);
  });

  it.each(databases.eachSupportedId())(
    'refuses updates and deletes on %p',
    async id => {
      const knex = await databases.init(id);
      const db = await connect({ getClient: async () => knex });
      const store = new DatabaseAuditStore(db);
      await store.append({
        actor: 'user:default/ines.silva',
        action: 'replay.submit',
        runtime: 'integration-runtime',
        dlq: 'a',
        outcome: 'succeeded',
        reason: 'original',
      });
      // Matched by message, not with toThrow: better-sqlite3's native addon is loaded once
      // per process and keeps the SqliteError class of the first test file that loaded it,
      // so in a later file of the same jest worker its errors are not `instanceof Error`
      // and toThrow reports "did not throw". The trigger did refuse.
      const refused = { message: expect.stringMatching(/append-only/) };
      await expect(
        db('dlq_audit').update({ reason: 'forged' }),
      ).rejects.toMatchObject(refused);
      await expect(db('dlq_audit').delete()).rejects.toMatchObject(refused);
      expect(
        (await store.list({ limit: 10 })).items.map(e => e.reason),
      ).toEqual(['original']);
    },
  );
});
