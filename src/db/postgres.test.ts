/**
 * @module db/postgres.test
 * The storage contract on a real PostgreSQL server, in a database created for this run and
 * dropped after it. The server comes from `SAMAKI_TEST_DATABASE_URL` (an admin connection);
 * `npm test` provisions one (scripts/ensure-postgres.sh). Without it the suite is skipped for a
 * developer running vitest alone, but fails when `SAMAKI_REQUIRE_POSTGRES=1` (as `npm test` sets)
 * so CI can never pass by silently skipping the PostgreSQL half of the contract.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.js';
import { runStorageContract } from './storage.contract.js';

const adminUrl = process.env.SAMAKI_TEST_DATABASE_URL;
const required = process.env.SAMAKI_REQUIRE_POSTGRES === '1';

if (!adminUrl && required) {
  throw new Error(
    'SAMAKI_TEST_DATABASE_URL is not set, but SAMAKI_REQUIRE_POSTGRES=1 requires the PostgreSQL tests. ' +
      'Run `npm test`, which provisions PostgreSQL, or set SAMAKI_TEST_DATABASE_URL to a server you can create databases on ' +
      '(e.g. `export SAMAKI_TEST_DATABASE_URL=$(sh scripts/ensure-postgres.sh)`).',
  );
}

// A database per run, so runs (and files running in parallel) never see each other's rows.
const databaseName = `samaki_test_${randomBytes(6).toString('hex')}`;
let testUrl = '';

async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe.skipIf(!adminUrl)('PostgreSQL server', () => {
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

  runStorageContract('PostgreSQL', () => openDatabase({ url: testUrl }));

  it('reports itself as a server with a printable location, at PostgreSQL 15 or later', async () => {
    const database = await openDatabase({ url: testUrl });
    try {
      expect(database.kind).toBe('postgres');
      expect(database.location).toContain(databaseName);
      // PostgreSQL 15 is the oldest server the SQL is kept compatible with (STACK.md, gotcha 5).
      const { rows } = await sql<{ version: number }>`
        select current_setting('server_version_num')::int as version`.execute(database.db);
      expect(rows[0]?.version).toBeGreaterThanOrEqual(150_000);
    } finally {
      await database.close();
    }
  });
});
