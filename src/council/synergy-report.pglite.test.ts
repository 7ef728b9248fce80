/**
 * The synergy report on a case built to contain one gap and one overlap, in the live database:
 * a worker whose fund health coverage lapsed, outside IDPoor (a gap); a poor person with a
 * disability receiving the 2011 allowance and an invalidity pension in payment (an overlap); and
 * two people who are covered, one by the fund and one by the Health Equity Fund (neither).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import { type Database, openDatabase } from '../db/open-database.js';
import { shiftMonth } from '../kernel/period.js';
import { synergyReport } from './synergy-report.js';

describe('samaki council synergy-report', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({
      dataDir: join(mkdtempSync(join(tmpdir(), 'samaki-synergy-')), 'pglite'),
    });
    await migrateToLatest(database.db);
    const db = database.db;
    await sql`insert into household (household_id, province, urban, size, idpoor) values
              (1, 12, true, 2, 0), (2, 3, false, 2, 1)`.execute(db);
    await sql`insert into person (person_id, household_id, family_name_km, given_name_km, sex, birth_date, province, urban, disability) values
              (1, 1, 'សុខ', 'ស្រីមុំ', 'F', '1990-01-01', 12, true, 0),
              (2, 2, 'ចាន់', 'ដារា', 'M', '1970-03-03', 3, false, 2),
              (3, 2, 'ចាន់', 'ស្រីពៅ', 'F', '1975-05-05', 3, false, 0),
              (4, 1, 'សុខ', 'វុទ្ធី', 'M', '1988-08-08', 12, true, 0)`.execute(db);
    await sql`insert into member (member_id, merge_run_id, person_id) values (11, null, 1), (12, null, 2), (14, null, 4)`.execute(
      db,
    );
    const record = async (memberId: number, months: string[]) => {
      for (const month of months)
        await sql`insert into insurance_record (member_id, month, employer_id, declaration_id, wage_khr, contributory_wage,
                                                employment_injury, health, pension, self_employed_health)
                  values (${memberId}, ${month}, 1, 1, 1000000, 975000, true, true, true, false)`.execute(db);
    };
    // Sreymom worked in July and August 2022 only: 2 months in the 12 before June 2023, none in a row.
    await record(11, ['2022-07', '2022-08']);
    // Vuthy works every month.
    await record(
      14,
      Array.from({ length: 12 }, (_, k) => shiftMonth('2022-06', k)),
    );
    // Dara's invalidity pension is in payment from January 2023.
    await sql`insert into entitlement (member_id, claim_id, variable, branch, inputs, start_month)
              values (12, 1, 'invalidity_pension', 'invalidity', '{}'::jsonb, '2023-01')`.execute(db);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('finds the one gap and the one overlap, by branch, province, sex and age group', async () => {
    const r = await synergyReport(database, '2023-06');
    expect(r.persons).toBe(4);
    expect(r.healthCovered).toBe(3);
    const by = Object.fromEntries(r.findings.map((f) => [f.variable, f]));
    expect(by.health_coverage_gap).toMatchObject({
      kind: 'gap',
      branch: 'medical_care',
      persons: 1,
      examples: [1],
      byProvince: { '12': 1 },
      bySex: { F: 1 },
      byAgeGroup: { '25-59': 1 },
    });
    expect(by.disability_income_overlap).toMatchObject({
      kind: 'overlap',
      branch: 'invalidity',
      persons: 1,
      examples: [2],
      byProvince: { '3': 1 },
      bySex: { M: 1 },
    });
    expect(by.old_age_income_overlap).toMatchObject({ persons: 0, examples: [] });
  });

  it('closes the gap when the worker’s household is identified as poor (Health Equity Fund)', async () => {
    await sql`update household set idpoor = 2 where household_id = 1`.execute(database.db);
    const r = await synergyReport(database, '2023-06');
    expect(r.findings.find((f) => f.variable === 'health_coverage_gap')!.persons).toBe(0);
    expect(r.healthCovered).toBe(4);
  });
});
