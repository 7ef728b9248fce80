/**
 * @module db/test-support/test-postgres
 * A fresh PostgreSQL database for one test file, created on the server named by
 * `SAMAKI_TEST_DATABASE_URL` (an admin connection) and dropped after it. `npm test` provisions the
 * server (scripts/ensure-postgres.sh) and sets `SAMAKI_REQUIRE_POSTGRES=1`, so a missing server
 * fails the run instead of silently skipping the PostgreSQL half of a contract.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';

export const adminUrl = process.env.SAMAKI_TEST_DATABASE_URL;

if (!adminUrl && process.env.SAMAKI_REQUIRE_POSTGRES === '1') {
  throw new Error(
    'SAMAKI_TEST_DATABASE_URL is not set, but SAMAKI_REQUIRE_POSTGRES=1 requires the PostgreSQL tests. ' +
      'Run `npm test`, which provisions PostgreSQL, or set SAMAKI_TEST_DATABASE_URL to a server you can create databases on ' +
      '(e.g. `export SAMAKI_TEST_DATABASE_URL=$(sh scripts/ensure-postgres.sh)`).',
  );
}

async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A `describe` block (skipped without a server) whose `url()` is a database created for it.
 * Call `url()` inside hooks or tests, not while collecting.
 */
export function describeWithPostgres(name: string, body: (url: () => string) => void): void {
  describe.skipIf(!adminUrl)(name, () => {
    // A database per block, so runs (and files running in parallel) never see each other's rows.
    const databaseName = `samaki_test_${randomBytes(6).toString('hex')}`;
    let testUrl = '';
    beforeAll(async () => {
      await asAdmin(`create database ${databaseName}`);
      const url = new URL(adminUrl ?? '');
      url.pathname = `/${databaseName}`;
      testUrl = url.toString();
    });
    afterAll(async () => {
      // `with (force)` ends sessions a failed test may have left open.
      await asAdmin(`drop database if exists ${databaseName} with (force)`);
    });
    body(() => testUrl);
  });
}
