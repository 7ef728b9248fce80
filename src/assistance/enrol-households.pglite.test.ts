/**
 * Enrolment follows targeting: the IDPoor households are enrolled with their reason, a household
 * that loses its Equity Card at re-certification exits with the reason, a household identified
 * later is enrolled then; running the same month again changes nothing; every change is audited.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import { type Database, openDatabase } from '../db/open-database.js';
import { enrolHouseholds } from './enrol-households.js';

describe('enrolment in the Family Package', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: join(mkdtempSync(join(tmpdir(), 'samaki-enrol-')), 'pglite') });
    await migrateToLatest(database.db);
    await sql`insert into household (household_id, province, urban, size, idpoor) values
              (1, 2, false, 4, 1), (2, 2, false, 3, 2), (3, 12, true, 2, 0)`.execute(database.db);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  const open = async () =>
    (
      await database.db
        .selectFrom('assistance_enrolment')
        .select(['household_id', 'reason'])
        .where('exited_month', 'is', null)
        .orderBy('household_id')
        .execute()
    ).map((r) => [Number(r.household_id), r.reason]);

  it('enrols the IDPoor households with their reason, once', async () => {
    expect(await enrolHouseholds(database, '2024-04', { actor: 'nsaf' })).toMatchObject({
      enrolled: 2,
      exited: 0,
      open: 2,
    });
    expect(await open()).toEqual([
      [1, 'IDPoor level 1 (Equity Card)'],
      [2, 'IDPoor level 2 (Equity Card)'],
    ]);
    expect(await enrolHouseholds(database, '2024-04', { actor: 'nsaf' })).toMatchObject({
      enrolled: 0,
      exited: 0,
    });
  });

  it('exits a household that loses its card and enrols one newly identified, each audited', async () => {
    await sql`update household set idpoor = 0 where household_id = 2`.execute(database.db);
    await sql`update household set idpoor = 2 where household_id = 3`.execute(database.db);
    expect(await enrolHouseholds(database, '2025-01', { actor: 'nsaf' })).toMatchObject({
      enrolled: 1,
      exited: 1,
      open: 2,
    });
    expect((await open()).map(([h]) => h)).toEqual([1, 3]);
    const exited = await database.db
      .selectFrom('assistance_enrolment')
      .select(['exited_month', 'exit_reason'])
      .where('household_id', '=', 2)
      .executeTakeFirstOrThrow();
    expect(exited).toEqual({ exited_month: '2025-01', exit_reason: 'no longer IDPoor (re-certification)' });
    const audit = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'assistance_enrolment')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['enrol', 'enrol', 'enrol', 'exit']);
  });
});
