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
import { shiftMonth } from '../../kernel/period.js';
import { registerEmployer } from '../../registry/register-employer.js';
import { registerWorker } from '../../registry/register-worker.js';
import { receiveDeclaration } from '../declarations/receive-declaration.js';
import { lawNumber } from '../law-value.js';
import { benefitInputsFromRecord } from './benefit-inputs-from-record.js';
import { appealClaim, approveClaim, rejectClaim, reviewClaim, submitClaim, withdrawClaim } from './claims.js';
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
    expect(inputs.contribution_months).toBe(6);
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

  describe('claims', () => {
    const officer = { username: 'officer-a', role: 'fund_officer' as const };
    const officerB = { username: 'officer-b', role: 'fund_officer' as const };
    const supervisor = { username: 'supervisor-c', role: 'supervisor' as const };
    const member = { username: 'member', role: 'member' as const };
    const evidence = [{ kind: 'birth_certificate', reference: 'BC-2025-0815' }];
    const birth = (babies: number) => ({ number_of_babies: babies, childbirth_reported_to_nssf: true });

    it('goes submitted → in review → approved, the law deciding the amount, each step recorded', async () => {
      const c = await submitClaim(
        database,
        {
          memberId,
          variable: 'childbirth_allowance',
          month: '2025-08',
          eventDate: '2025-08-15',
          facts: birth(2),
          evidence,
        },
        member,
      );
      expect(c.status).toBe('submitted');
      const reviewed = await reviewClaim(database, memberId, c.claimId, officer);
      expect(reviewed).toMatchObject({
        status: 'in_review',
        decidedBy: 'officer-a',
        decisionCaseKey: `claim:${memberId}/${c.claimId}`,
      });
      // Twins: the 800,000-riel step of the childbirth scale (REFERENCE.md §9).
      expect(reviewed.amount).toBe(800_000);
      // Below the approval threshold the deciding officer may approve.
      expect((await approveClaim(database, memberId, c.claimId, officer)).status).toBe('approved');
      const events = await database.db
        .selectFrom('claim_event')
        .select(['from_status', 'to_status', 'actor'])
        .where('claim_id', '=', c.claimId)
        .orderBy('event_id')
        .execute();
      expect(events.map((e) => [e.from_status, e.to_status, e.actor])).toEqual([
        [null, 'submitted', 'member'],
        ['submitted', 'in_review', 'officer-a'],
        ['in_review', 'approved', 'officer-a'],
      ]);
      await expect(withdrawClaim(database, memberId, c.claimId, member)).rejects.toThrow(/is approved/);
    });

    it('needs a supervisor other than the maker above the approval threshold', async () => {
      const c = await submitClaim(
        database,
        {
          memberId,
          variable: 'childbirth_allowance',
          month: '2025-08',
          eventDate: '2025-08-20',
          facts: birth(3),
          evidence,
        },
        member,
      );
      const reviewed = await reviewClaim(database, memberId, c.claimId, officer);
      const threshold = lawNumber('nssf.benefits.claims.approval_threshold', '2025-08-01').value;
      expect(reviewed.amount as number).toBeGreaterThan(threshold);
      await expect(approveClaim(database, memberId, c.claimId, officer)).rejects.toThrow(
        /a supervisor approves it/,
      );
      await expect(approveClaim(database, memberId, c.claimId, officerB)).rejects.toThrow(
        /a supervisor approves it/,
      );
      const decidedBySupervisor = await submitClaim(
        database,
        {
          memberId,
          variable: 'childbirth_allowance',
          month: '2025-08',
          eventDate: '2025-08-21',
          facts: birth(3),
          evidence,
        },
        member,
      );
      await reviewClaim(database, memberId, decidedBySupervisor.claimId, supervisor);
      await expect(approveClaim(database, memberId, decidedBySupervisor.claimId, supervisor)).rejects.toThrow(
        /someone other than supervisor-c/,
      );
      expect((await approveClaim(database, memberId, c.claimId, supervisor)).approvedBy).toBe('supervisor-c');
    });

    it('lets a rejection be appealed and decided again, and refuses a member deciding', async () => {
      const c = await submitClaim(
        database,
        {
          memberId,
          variable: 'sickness_daily_allowance',
          month: '2025-08',
          eventDate: '2025-08-04',
          facts: { sickness_days: 5 },
          evidence: [{ kind: 'medical_certificate', reference: 'MC-1' }],
        },
        member,
      );
      await expect(reviewClaim(database, memberId, c.claimId, member)).rejects.toThrow(
        /a member cannot do this/,
      );
      await reviewClaim(database, memberId, c.claimId, officer);
      await expect(rejectClaim(database, memberId, c.claimId, ' ', officer)).rejects.toThrow(/say why/);
      expect(
        (await rejectClaim(database, memberId, c.claimId, 'certificate unreadable', officer)).rejectionReason,
      ).toBe('certificate unreadable');
      expect((await appealClaim(database, memberId, c.claimId, 'a clear copy attached', member)).status).toBe(
        'appealed',
      );
      expect((await reviewClaim(database, memberId, c.claimId, officerB)).status).toBe('in_review');
    });

    it('refuses a claim without evidence, or for something that is not a benefit', async () => {
      await expect(
        submitClaim(
          database,
          {
            memberId,
            variable: 'childbirth_allowance',
            month: '2025-08',
            eventDate: '2025-08-15',
            facts: birth(1),
            evidence: [],
          },
          member,
        ),
      ).rejects.toThrow(/attach the evidence/);
      await expect(
        submitClaim(
          database,
          {
            memberId,
            variable: 'wage' as never,
            month: '2025-08',
            eventDate: '2025-08-15',
            facts: {},
            evidence,
          },
          member,
        ),
      ).rejects.toThrow(/is not a benefit/);
    });
  });
});
