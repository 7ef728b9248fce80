/**
 * @module db/postgres.test
 * The storage contract on a real PostgreSQL server, in a database created for this run and
 * dropped after it. The server comes from `SAMAKI_TEST_DATABASE_URL` (an admin connection);
 * `npm test` provisions one (scripts/ensure-postgres.sh). Without it the suite is skipped for a
 * developer running vitest alone, but fails when `SAMAKI_REQUIRE_POSTGRES=1` (as `npm test` sets)
 * so CI can never pass by silently skipping the PostgreSQL half of the contract.
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { runStorageContract } from './storage.contract.js';
import { describeWithPostgres } from './test-support/test-postgres.js';

describeWithPostgres('PostgreSQL server', (url) => {
  runStorageContract('PostgreSQL', () => openDatabase({ url: url() }));

  it('reports itself as a server with a printable location, at PostgreSQL 15 or later', async () => {
    const database = await openDatabase({ url: url() });
    try {
      expect(database.kind).toBe('postgres');
      expect(database.location).toContain(new URL(url()).pathname.slice(1));
      // PostgreSQL 15 is the oldest server the SQL is kept compatible with (STACK.md, gotcha 5).
      const { rows } = await sql<{ version: number }>`
        select current_setting('server_version_num')::int as version`.execute(database.db);
      expect(rows[0]?.version).toBeGreaterThanOrEqual(150_000);
    } finally {
      await database.close();
    }
  });
});
