/**
 * From contributions to a benefit decision: a worker declared and posted for seven months gets
 * the law's inputs from the insurance record (the 6-month average of the banded contributory wage,
 * the months of health and pension contributions, the age), and a sickness decision computed from
 * them is stored with its trace, law version and parameter hash. The expected amounts are worked
 * by hand from the law's parameters, not by the code under test.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate.js';
import { type Database, openDatabase } from '../../db/open-database.js';
import { registerEmployer } from '../../registry/register-employer.js';
import { registerWorker } from '../../registry/register-worker.js';
import { receiveDeclaration } from '../declarations/receive-declaration.js';
import { lawNumber } from '../law-value.js';
import { benefitInputsFromRecord, shiftMonth } from './benefit-inputs-from-record.js';
import { decideBenefit } from './decide-benefit.js';

const ctx = { actor: 'officer', today: '2025-12-20' };

describe('benefit decisions from the insurance record', () => {
  let database: Database;
  let memberId = 0;
  beforeAll(async () => {
    database = await openDatabase({
      dataDir: join(mkdtempSync(join(tmpdir(), 'samaki-benefit-')), 'pglite'),
    });
    await migrateToLatest(database.db);
    const e = await registerEmployer(
      database,
      {
        kind: 'enterprise',
        name: 'Benefit Co',
        sector: 'garment',
        startedOn: '2024-12-01',
        registeredOn: '2024-12-01',
      },
      ctx,
    );
    const w = await registerWorker(
      database,
      {
        employerId: e.employerId,
        person: {
          familyNameKm: 'សុខ',
          givenNameKm: 'ស្រីនាង',
          sex: 'F',
          birthDate: '1995-08-31',
          nationalId: '210000001',
          province: 12,
        },
        startDate: '2025-01-01',
        registeredOn: '2025-01-02',
      },
      ctx,
    );
    memberId = w.memberId;
    // Seven months; March without wage (unpaid leave), so the consecutive run restarts after it.
    const wages: Record<string, number> = {
      '2025-01': 1_000_000,
      '2025-02': 1_000_000,
      '2025-03': 0,
      '2025-04': 1_000_000,
      '2025-05': 1_000_000,
      '2025-06': 1_000_000,
      '2025-07': 1_300_000,
    };
    for (const [month, wageKhr] of Object.entries(wages))
      await receiveDeclaration(
        database,
        { employerId: e.employerId, month, source: 'api', lines: [{ memberId, wageKhr }] },
        { ...ctx, post: true },
      );
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('shifts months across years', () => {
    expect(shiftMonth('2025-01', -1)).toBe('2024-12');
    expect(shiftMonth('2024-12', 13)).toBe('2026-01');
  });

  it('reads the windows before the claim month from the record', async () => {
    const inputs = await benefitInputsFromRecord(database, memberId, '2025-08');
    // Banded contributory wage: 1,000,000 counts 975,000; 1,300,000 is above the top band, 1,200,000.
    // The 6 months before August: Feb-Jul, with a wage in 5 of them (March none).
    expect(inputs.average_contributory_wage_6m).toBe(Math.round((975_000 * 4 + 1_200_000) / 5));
    expect(inputs.health_contribution_consecutive_months).toBe(4);
    expect(inputs.health_contribution_months_last_12).toBe(6);
    expect(inputs.pension_contribution_months).toBe(6);
    // Born 31 August 1995: 29 on 1 August 2025.
    expect(inputs.age).toBe(29);
  });

  it('decides a sickness claim from the record and the claim, and stores it with its trace', async () => {
    const decision = await decideBenefit(
      database,
      {
        memberId,
        variable: 'sickness_daily_allowance',
        month: '2025-08',
        facts: { sickness_days: 10 },
        caseKey: 'claim:1',
      },
      { actor: 'officer' },
    );
    const rate = lawNumber('nssf.benefits.health.sickness.rate', '2025-08-01').value;
    const divisor = lawNumber('nssf.benefits.daily_wage_divisor', '2025-08-01').value;
    const average = Math.round((975_000 * 4 + 1_200_000) / 5);
    expect(decision.value).toBe(Math.round((average / divisor) * rate));
    expect(decision.value).toBeGreaterThan(0);
    expect(decision.trace.value).toBe(decision.value);
    const stored = await database.db
      .selectFrom('evaluated_case')
      .selectAll()
      .where('case_key', '=', 'claim:1')
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      variable: 'sickness_daily_allowance',
      period: '2025-08',
      law_version: decision.lawVersion,
      parameter_hash: decision.parameterHash,
    });
    expect(stored[0]!.inputs).toMatchObject({ sickness_days: 10, average_contributory_wage_6m: average });
  });

  it("refuses a claim that gives the record's own facts", async () => {
    await expect(
      decideBenefit(
        database,
        {
          memberId,
          variable: 'sickness_daily_allowance',
          month: '2025-08',
          facts: { average_contributory_wage_6m: 9_999_999, sickness_days: 3 },
          caseKey: 'claim:2',
        },
        { actor: 'officer' },
      ),
    ).rejects.toThrow(/comes from the insurance record/);
  });
});
