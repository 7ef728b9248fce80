/**
 * From contributions to money in a bank account, end to end on the embedded database: three
 * workers are declared for two years; they claim an old-age pension, maternity, childbirth,
 * sickness and employment-injury benefits; the law decides each claim from the insurance record,
 * officers approve (a supervisor above the threshold), payment runs instruct the banks, the banks'
 * return files are reconciled (paid, failed, reversed), failures come back in the next run, the
 * pension follows the price index and ends on death, and the ledger balances throughout. The
 * old-age amount is worked by hand from the cited parameters; the other amounts must arrive in
 * the bank file exactly as the law decided them. Run on PGlite and on a real PostgreSQL server,
 * where two runs started at once must still pay each due once.
 */
import { sql } from 'kysely';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate.js';
import type { Database } from '../../db/open-database.js';
import { shiftMonth } from '../../kernel/period.js';
import { registerEmployer } from '../../registry/register-employer.js';
import { registerWorker } from '../../registry/register-worker.js';
import type { BenefitVariable } from '../benefits/benefit-catalog.js';
import { type Actor, approveClaim, rejectClaim, reviewClaim, submitClaim } from '../benefits/claims.js';
import { recordLifeEvent } from '../benefits/record-life-event.js';
import { receiveDeclaration } from '../declarations/receive-declaration.js';
import { checkLedger } from '../ledger/check-ledger.js';
import { bankPaymentFile, reconcileBankReturn } from './bank-files.js';
import { runBenefitPayments } from './run-benefit-payments.js';
import { setMemberPayee, setPriceIndex } from './set-member-payee.js';

const ctx = { actor: 'officer', today: '2026-06-30' };
const officer: Actor = { username: 'officer-a', role: 'fund_officer' };
const supervisor: Actor = { username: 'supervisor-b', role: 'supervisor' };
const member: Actor = { username: 'member', role: 'member' };
const evidence = [{ kind: 'certificate', reference: 'DOC-1' }];

type PaymentRow = {
  instruction_key: string;
  member_id: string;
  amount_khr: string;
  benefit: string;
  month: string;
};
const parseFile = (csv: string) => Papa.parse<PaymentRow>(csv, { header: true, skipEmptyLines: true }).data;
const returnFile = (rows: { key: string; amount: number | string; status: string; reason?: string }[]) =>
  [
    'instruction_key,amount_khr,status,settled_on,bank_reference,reason',
    ...rows.map((r) => `${r.key},${r.amount},${r.status},2026-06-01,BR-${r.key},${r.reason ?? ''}`),
  ].join('\n');

export function runBenefitPaymentsContract(name: string, open: () => Promise<Database>): void {
  describe(`benefits from claim to bank and back (${name})`, () => {
    let database: Database;
    const ids = { pensioner: 0, mother: 0, injured: 0 };

    beforeAll(async () => {
      database = await open();
      await migrateToLatest(database.db);
      const e = await registerEmployer(
        database,
        {
          kind: 'enterprise',
          name: 'Mekong Garments',
          sector: 'garment',
          startedOn: '2023-01-01',
          registeredOn: '2023-01-05',
        },
        ctx,
      );
      const person = (n: number, sex: 'F' | 'M', birthDate: string) => ({
        familyNameKm: 'សុខ',
        givenNameKm: `ស្រី${n}`,
        sex,
        birthDate,
        nationalId: `11000000${n}`,
        province: 12,
      });
      const hire = async (n: number, sex: 'F' | 'M', birthDate: string) =>
        (
          await registerWorker(
            database,
            {
              employerId: e.employerId,
              person: person(n, sex, birthDate),
              startDate: '2023-07-01',
              registeredOn: '2023-07-01',
            },
            ctx,
          )
        ).memberId;
      ids.pensioner = await hire(1, 'M', '1964-05-10');
      ids.mother = await hire(2, 'F', '1996-02-01');
      ids.injured = await hire(3, 'M', '1990-09-09');
      // 24 months, July 2023 to June 2025, at 1,000,000 riel: inside the contributory-wage band.
      for (let month = '2023-07'; month <= '2025-06'; month = shiftMonth(month, 1))
        await receiveDeclaration(
          database,
          {
            employerId: e.employerId,
            month,
            source: 'api',
            lines: Object.values(ids).map((memberId) => ({ memberId, wageKhr: 1_000_000 })),
          },
          { ...ctx, post: true },
        );
      await setPriceIndex(database, { month: '2025-01', cpi: 100, reference: 'test index' }, ctx);
    }, 300_000);
    afterAll(async () => {
      await database?.close();
    });

    const claims = new Map<string, { memberId: number; claimId: number; amount: number }>();
    const decide = async (
      name: string,
      memberId: number,
      variable: BenefitVariable,
      facts: Record<string, number | boolean>,
      approver: Actor = officer,
    ) => {
      const c = await submitClaim(
        database,
        { memberId, variable, month: '2025-07', eventDate: '2025-07-03', facts, evidence },
        member,
      );
      const reviewed = await reviewClaim(database, memberId, c.claimId, officer);
      await approveClaim(database, memberId, c.claimId, approver);
      claims.set(name, { memberId, claimId: c.claimId, amount: reviewed.amount as number });
      return reviewed.amount as number;
    };

    it('decides a claim in every legislated cash branch, and refuses to approve a branch the law lacks', async () => {
      // A wage of 1,000,000 riel falls in the band whose contributory wage is 975,000 (REFERENCE.md §2.3).
      // Old age: 24 months = 2 whole years × 1.75 % (REFERENCE.md §2.4) × 975,000 riel.
      await expect(decide('pension', ids.pensioner, 'old_age_pension', {})).rejects.toThrow(
        /every pension needs a checker/,
      );
      await expect(
        submitClaim(
          database,
          {
            memberId: ids.pensioner,
            variable: 'old_age_pension',
            month: '2025-07',
            eventDate: '2025-07-03',
            facts: {},
            evidence,
          },
          member,
        ),
      ).rejects.toThrow(/already has claim \d+ for old_age_pension \(in_review\)/);
      const pending = await database.db
        .selectFrom('claim')
        .select(['claim_id', 'amount'])
        .where('member_id', '=', ids.pensioner)
        .executeTakeFirstOrThrow();
      expect(pending.amount).toBe(34_125);
      await approveClaim(database, ids.pensioner, Number(pending.claim_id), supervisor);
      claims.set('pension', { memberId: ids.pensioner, claimId: Number(pending.claim_id), amount: 34_125 });
      // Maternity: 70 % × 975,000 / 30 × 90 days = 2,047,500, above the 2,000,000 threshold.
      expect(
        await decide('maternity', ids.mother, 'maternity_benefit', { maternity_leave_days: 90 }, supervisor),
      ).toBe(2_047_500);
      expect(
        await decide('childbirth', ids.mother, 'childbirth_allowance', {
          number_of_babies: 1,
          childbirth_reported_to_nssf: true,
        }),
      ).toBeGreaterThan(0);
      expect(
        await decide('sickness', ids.injured, 'sickness_benefit', { sickness_days: 10 }),
      ).toBeGreaterThan(0);
      expect(
        await decide(
          'injury-pension',
          ids.injured,
          'employment_injury_permanent_pension',
          { incapacity_degree: 0.4 },
          supervisor,
        ),
      ).toBeGreaterThan(0);

      const c = await submitClaim(
        database,
        {
          memberId: ids.injured,
          variable: 'unemployment_benefit',
          month: '2025-07',
          eventDate: '2025-07-01',
          facts: {},
          evidence,
        },
        member,
      );
      await reviewClaim(database, ids.injured, c.claimId, officer);
      await expect(approveClaim(database, ids.injured, c.claimId, officer)).rejects.toThrow(/not legislated/);
      await rejectClaim(
        database,
        ids.injured,
        c.claimId,
        'no unemployment insurance in Cambodian law',
        officer,
      );
    });

    it('runs a payment month: dues, instructions with keys, held without a bank account, ledger balanced', async () => {
      await setMemberPayee(
        database,
        ids.pensioner,
        { bank: 'ACLEDA', accountNo: '0001-11', accountName: 'Sok 1' },
        ctx,
      );
      await setMemberPayee(
        database,
        ids.mother,
        { bank: 'ABA', accountNo: '0002-22', accountName: 'Sok 2' },
        ctx,
      );
      const run = await runBenefitPayments(database, '2025-07', { actor: 'officer', today: ctx.today });
      expect(run).toMatchObject({ created: true, dues: 5, instructions: 3, held: 2 });
      const paidTo = ['pension', 'maternity', 'childbirth'].map((k) => claims.get(k)!.amount);
      expect(run.amount).toBe(paidTo.reduce((a, b) => a + b, 0));
      expect(run.dueByBranch).toMatchObject({
        old_age: 34_125,
        maternity: claims.get('maternity')!.amount + claims.get('childbirth')!.amount,
        sickness: claims.get('sickness')!.amount,
        employment_injury: claims.get('injury-pension')!.amount,
      });

      const again = await runBenefitPayments(database, '2025-07', { actor: 'officer', today: ctx.today });
      expect(again).toMatchObject({ created: false, runId: run.runId, instructions: 3 });

      const file = parseFile(await bankPaymentFile(database, run.runId));
      expect(file.map((r) => [r.benefit, Number(r.amount_khr)]).sort()).toEqual(
        [
          ['old_age_pension', 34_125],
          ['maternity_benefit', claims.get('maternity')!.amount],
          ['childbirth_allowance', claims.get('childbirth')!.amount],
        ].sort(),
      );
      expect(new Set(file.map((r) => r.instruction_key)).size).toBe(3);
      expect((await checkLedger(database)).ok).toBe(true);
    });

    it('cannot pay a month of an entitlement twice, nor a claim twice: the database refuses', async () => {
      const due = await database.db
        .selectFrom('benefit_due')
        .selectAll()
        .where('member_id', '=', ids.pensioner)
        .executeTakeFirstOrThrow();
      await expect(
        database.db
          .insertInto('benefit_payment')
          .values({
            member_id: due.member_id,
            due_id: due.due_id,
            run_id: due.run_id,
            attempt: 9,
            idempotency_key: 'another-key',
            amount: due.amount,
            bank: 'ACLEDA',
            account_no: '0001-11',
            account_name: 'Sok 1',
            status: 'instructed',
          })
          .execute(),
      ).rejects.toThrow(/benefit_payment_once/);
      await expect(
        database.db
          .insertInto('benefit_due')
          .values({
            member_id: due.member_id,
            entitlement_id: due.entitlement_id,
            month: due.month,
            variable: due.variable,
            branch: due.branch,
            amount: due.amount,
            run_id: due.run_id,
          })
          .execute(),
      ).rejects.toThrow(/benefit_due_entitlement_month/);
      const claimDue = await database.db
        .selectFrom('benefit_due')
        .selectAll()
        .where('member_id', '=', ids.mother)
        .executeTakeFirstOrThrow();
      await expect(
        database.db
          .insertInto('benefit_due')
          .values({ ...claimDue, due_id: undefined, amount: Number(claimDue.amount) })
          .execute(),
      ).rejects.toThrow(/benefit_due_claim/);
    });

    it('refuses a bad return file whole, then reconciles paid and failed; a repeated file changes nothing', async () => {
      const file = parseFile(await bankPaymentFile(database, 1));
      const key = (benefit: string) => file.find((r) => r.benefit === benefit)!.instruction_key;
      const before = await checkLedger(database);
      await expect(
        reconcileBankReturn(
          database,
          returnFile([
            { key: key('old_age_pension'), amount: 34_125, status: 'paid' },
            { key: 'SMK-999-1-1', amount: 100, status: 'paid' },
            { key: key('childbirth_allowance'), amount: 1, status: 'paid' },
            { key: key('maternity_benefit'), amount: claims.get('maternity')!.amount, status: 'failed' },
          ]),
          { ...ctx, file: 'bad.csv' },
        ),
      ).rejects.toMatchObject({
        code: 'bank_return_invalid',
        problems: [
          expect.objectContaining({ row: 3, column: 'instruction_key' }),
          expect.objectContaining({ row: 4, column: 'amount_khr' }),
          expect.objectContaining({ row: 5, column: 'reason' }),
        ],
      });
      expect((await checkLedger(database)).totals).toEqual(before.totals);

      const good = returnFile([
        { key: key('old_age_pension'), amount: 34_125, status: 'paid' },
        { key: key('childbirth_allowance'), amount: claims.get('childbirth')!.amount, status: 'paid' },
        {
          key: key('maternity_benefit'),
          amount: claims.get('maternity')!.amount,
          status: 'failed',
          reason: 'account closed',
        },
      ]);
      const summary = await reconcileBankReturn(database, good, { ...ctx, file: 'return-1.csv' });
      expect(summary).toMatchObject({ paid: 2, failed: 1, reversed: 0, unchanged: 0 });
      expect(summary.paidAmount).toBe(34_125 + claims.get('childbirth')!.amount);
      const repeated = await reconcileBankReturn(database, good, { ...ctx, file: 'return-1.csv' });
      expect(repeated).toMatchObject({ paid: 0, failed: 0, unchanged: 3, paidAmount: 0 });

      const status = async (name: string) =>
        (
          await database.db
            .selectFrom('claim')
            .select('status')
            .where('member_id', '=', claims.get(name)!.memberId)
            .where('claim_id', '=', claims.get(name)!.claimId)
            .executeTakeFirstOrThrow()
        ).status;
      expect(await status('pension')).toBe('paid');
      expect(await status('childbirth')).toBe('paid');
      expect(await status('maternity')).toBe('approved');
      const ledger = await checkLedger(database);
      expect(ledger.ok).toBe(true);
      expect(ledger.totals.benefitsPaid).toBe(summary.paidAmount);
      expect(ledger.totals.benefitsPayable).toBe(ledger.totals.benefitsDue - summary.paidAmount);

      // The bank reverses the childbirth allowance: the claim is approved again, the money owed again.
      const reversed = await reconcileBankReturn(
        database,
        returnFile([
          { key: key('childbirth_allowance'), amount: claims.get('childbirth')!.amount, status: 'reversed' },
        ]),
        { ...ctx, file: 'return-2.csv' },
      );
      expect(reversed).toMatchObject({ reversed: 1, reversedAmount: claims.get('childbirth')!.amount });
      expect(await status('childbirth')).toBe('approved');
      expect((await checkLedger(database)).ok).toBe(true);
      // The first file again, after the reversal: nothing changes, nothing is refused.
      expect(await reconcileBankReturn(database, good, { ...ctx, file: 'return-1.csv' })).toMatchObject({
        paid: 0,
        reversed: 0,
        unchanged: 3,
      });
    });

    it('brings failed, reversed and held payments into the next run, with the next attempt', async () => {
      await setMemberPayee(
        database,
        ids.injured,
        { bank: 'Wing', accountNo: '0003-33', accountName: 'Sok 3' },
        ctx,
      );
      const run = await runBenefitPayments(database, '2025-08', { actor: 'officer', today: ctx.today });
      const file = parseFile(await bankPaymentFile(database, run.runId));
      const byBenefit = Object.fromEntries(file.map((r) => [`${r.benefit} ${r.month}`, r]));
      expect(Object.keys(byBenefit).sort()).toEqual(
        [
          'childbirth_allowance 2025-07',
          'employment_injury_permanent_pension 2025-07',
          'employment_injury_permanent_pension 2025-08',
          'maternity_benefit 2025-07',
          'old_age_pension 2025-08',
          'sickness_benefit 2025-07',
        ].sort(),
      );
      expect(byBenefit['maternity_benefit 2025-07']!.instruction_key).toMatch(/-2$/);
      expect(byBenefit['childbirth_allowance 2025-07']!.instruction_key).toMatch(/-2$/);
      expect(byBenefit['sickness_benefit 2025-07']!.instruction_key).toMatch(/-1$/);
      expect(run).toMatchObject({ dues: 2, instructions: 6, held: 0 });
      expect((await checkLedger(database)).ok).toBe(true);
    });

    it('indexes the pension to the price index and pays arrears, then ends it on death and files survivors’ claims', async () => {
      await setPriceIndex(database, { month: '2026-01', cpi: 110, reference: 'test index' }, ctx);
      const run = await runBenefitPayments(database, '2026-01', { actor: 'officer', today: ctx.today });
      const pension = await database.db
        .selectFrom('benefit_due')
        .select(['month', 'amount'])
        .where('member_id', '=', ids.pensioner)
        .where('run_id', '=', run.runId)
        .orderBy('month')
        .execute();
      expect(pension.map((d) => [d.month, Number(d.amount)])).toEqual([
        ['2025-09', 34_125],
        ['2025-10', 34_125],
        ['2025-11', 34_125],
        ['2025-12', 34_125],
        // The index rose from 100 (at award) to 110: 34,125 × 1.1 = 37,537.5, rounded to the riel.
        ['2026-01', 37_538],
      ]);

      await expect(
        recordLifeEvent(
          database,
          {
            memberId: ids.pensioner,
            kind: 'death',
            date: '2026-02-10',
            evidence: evidence[0]!,
            survivors: { spouse: true, children: 0 },
          },
          member,
        ),
      ).rejects.toThrow(/fund officer/);
      const death = await recordLifeEvent(
        database,
        {
          memberId: ids.pensioner,
          kind: 'death',
          date: '2026-02-10',
          evidence: { kind: 'death_certificate', reference: 'DC-2026-77' },
          survivors: { spouse: true, children: 0 },
        },
        officer,
      );
      expect(death.ended).toEqual([
        expect.objectContaining({ variable: 'old_age_pension', endMonth: '2026-02' }),
      ]);
      await expect(
        recordLifeEvent(
          database,
          {
            memberId: ids.pensioner,
            kind: 'death',
            date: '2026-02-10',
            evidence: { kind: 'death_certificate', reference: 'DC-2026-77' },
            survivors: { spouse: true, children: 0 },
          },
          officer,
        ),
      ).rejects.toThrow(/already recorded \(2026-02-10\)/);
      expect(death.claimsFiled.map((c) => c.variable)).toEqual([
        'survivors_pension',
        'survivors_lump_sum',
        'funeral_allowance',
      ]);
      await runBenefitPayments(database, '2026-03', { actor: 'officer', today: ctx.today });
      const months = await database.db
        .selectFrom('benefit_due')
        .select('month')
        .where('member_id', '=', ids.pensioner)
        .where('variable', '=', 'old_age_pension')
        .orderBy('month', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      expect(months.month).toBe('2026-02');
      // 24 months are fewer than the 60 the survivors' pension needs: the law gives the lump sum.
      const survivors = death.claimsFiled[0]!;
      expect((await reviewClaim(database, ids.pensioner, survivors.claimId, officer)).amount).toBe(0);
      const lumpSum = death.claimsFiled[1]!;
      expect((await reviewClaim(database, ids.pensioner, lumpSum.claimId, officer)).amount).toBeGreaterThan(
        0,
      );
      expect((await checkLedger(database)).ok).toBe(true);
    });

    it('pays each due once when two runs of the same month start at once with different keys', async () => {
      const [a, b] = await Promise.all([
        runBenefitPayments(database, '2026-05', {
          actor: 'officer-a',
          today: ctx.today,
          idempotencyKey: 'concurrent-a',
        }),
        runBenefitPayments(database, '2026-05', {
          actor: 'officer-b',
          today: ctx.today,
          idempotencyKey: 'concurrent-b',
        }),
      ]);
      // One run made the month's dues; the other, serialised behind it, found nothing left to make.
      expect([a.dues, b.dues].sort()).toEqual([0, Math.max(a.dues, b.dues)]);
      expect(Math.max(a.dues, b.dues)).toBeGreaterThan(0);
      const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from (
        select member_id, due_id from benefit_payment where status in ('instructed', 'paid')
         group by member_id, due_id having count(*) > 1) twice`.execute(database.db);
      expect(rows[0]!.n).toBe(0);
      expect((await checkLedger(database)).ok).toBe(true);
    });
  });
}
