/**
 * @module fund/fund.contract
 * The fund's contribution operations, run on PGlite (`fund.pglite.test.ts`) and on a real
 * PostgreSQL 15 (`fund.postgres.test.ts`): registration with deadlines, declarations with their
 * validation, the law's contributions, amendments, idempotency, payments allocated to the oldest
 * debt, penalties, the monthly run, self-employed lapses, and the ledger's invariants, which a
 * deliberately broken ledger must fail.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import type { Database } from '../db/open-database.js';
import { isSamakiError, type SamakiError } from '../kernel/errors.js';
import { parsePeriod } from '../kernel/period.js';
import { cambodiaLaw } from '../law/law.js';
import { registerEmployer } from '../registry/register-employer.js';
import { registerWorker } from '../registry/register-worker.js';
import { explain } from '../rules/backends/explain.js';
import { singleCaseSituation } from '../rules/situation/situation.js';
import { showDeclaration } from './declarations/list-declarations.js';
import { receiveDeclaration } from './declarations/receive-declaration.js';
import { lawNumber } from './law-value.js';
import { assessPenalties, delayMonths } from './ledger/assess-penalties.js';
import { checkLedger } from './ledger/check-ledger.js';
import { employerStatement } from './ledger/employer-statement.js';
import { memberRecord } from './member-record.js';
import { recordPayment } from './payments/record-payment.js';
import { runMonth } from './run-month.js';

const TODAY = '2025-12-20';
const ctx = { actor: 'officer-test', today: TODAY };

/** What the law's other backend (the explaining evaluator) gives for one wage and month. */
function expectedTotal(month: string, wage: number): number {
  const law = cambodiaLaw();
  const situation = singleCaseSituation(law, [['wage', String(wage)]]);
  return explain(law, situation, 'nssf_total_contribution', parsePeriod(month)).results[0]!.value as number;
}

async function rejection(promise: Promise<unknown>): Promise<SamakiError> {
  try {
    await promise;
  } catch (error) {
    if (isSamakiError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

let workerCount = 0;
function newPerson(overrides: Partial<{ nationalId: string | null }> = {}) {
  workerCount++;
  return {
    familyNameKm: 'សុខ',
    givenNameKm: `ដារា${workerCount}`,
    nameLatin: `SOK DARA ${workerCount}`,
    sex: 'M' as const,
    birthDate: '1990-01-15',
    nationalId: overrides.nationalId === undefined ? String(100000000 + workerCount) : overrides.nationalId,
    province: 12,
  };
}

export function runFundContract(name: string, open: () => Promise<Database>): void {
  describe(`fund contract: ${name}`, () => {
    let database: Database;
    const count = async (table: string) =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db))
          .rows[0]!.n,
      );

    /** An enterprise with `n` workers hired in 2025-01. */
    async function enterpriseWith(n: number, startedOn = '2025-01-01') {
      const e = await registerEmployer(
        database,
        {
          kind: 'enterprise',
          name: `Factory ${workerCount}`,
          sector: 'garment',
          province: 12,
          startedOn,
          registeredOn: startedOn,
        },
        ctx,
      );
      const members: number[] = [];
      for (let i = 0; i < n; i++)
        members.push(
          (
            await registerWorker(
              database,
              {
                employerId: e.employerId,
                person: newPerson(),
                startDate: '2025-01-01',
                registeredOn: '2025-01-02',
              },
              ctx,
            )
          ).memberId,
        );
      return { ...e, members };
    }

    beforeAll(async () => {
      database = await open();
      await migrateToLatest(database.db);
    }, 120_000);
    afterAll(async () => {
      await database?.close();
    });

    describe('registration', () => {
      it('flags an employer registered after the 30-day deadline, and numbers it with a check digit', async () => {
        const onTime = await registerEmployer(
          database,
          {
            kind: 'enterprise',
            name: 'On Time Co',
            sector: 'other',
            startedOn: '2025-03-01',
            registeredOn: '2025-03-31',
          },
          ctx,
        );
        const late = await registerEmployer(
          database,
          {
            kind: 'enterprise',
            name: 'Late Co',
            sector: 'other',
            startedOn: '2025-03-01',
            registeredOn: '2025-04-01',
          },
          ctx,
        );
        expect(onTime.registrationDeadline).toBe('2025-03-31');
        expect(onTime.lateRegistration).toBe(false);
        expect(late.lateRegistration).toBe(true);
        expect(onTime.employerNo).toMatch(/^E[0-9]{7}$/);
        expect(onTime.employerNo).not.toBe(late.employerNo);
      });

      it('flags a worker registered after the 3-day deadline, and finds an insured person by ID card', async () => {
        const e = await registerEmployer(
          database,
          {
            kind: 'enterprise',
            name: 'Hire Co',
            sector: 'other',
            startedOn: '2025-01-01',
            registeredOn: '2025-01-01',
          },
          ctx,
        );
        const person = newPerson();
        const first = await registerWorker(
          database,
          { employerId: e.employerId, person, startDate: '2025-02-01', registeredOn: '2025-02-04' },
          ctx,
        );
        expect(first.lateRegistration).toBe(false);
        expect(first.newMember).toBe(true);
        const other = await registerEmployer(
          database,
          {
            kind: 'enterprise',
            name: 'Second Job Co',
            sector: 'other',
            startedOn: '2025-01-01',
            registeredOn: '2025-01-01',
          },
          ctx,
        );
        const again = await registerWorker(
          database,
          { employerId: other.employerId, person, startDate: '2025-02-01', registeredOn: '2025-02-05' },
          ctx,
        );
        expect(again.lateRegistration).toBe(true);
        expect(again.newMember).toBe(false);
        expect(again.memberId).toBe(first.memberId);
      });

      it('attaches an existing member only with a matching date of birth when one is given', async () => {
        const first = await enterpriseWith(1);
        const other = await registerEmployer(
          database,
          {
            kind: 'enterprise',
            name: 'Checks Co',
            sector: 'other',
            startedOn: '2025-01-01',
            registeredOn: '2025-01-01',
          },
          ctx,
        );
        const wrong = await rejection(
          registerWorker(
            database,
            {
              employerId: other.employerId,
              memberId: first.members[0]!,
              memberBirthDate: '1991-01-15',
              startDate: '2025-03-01',
            },
            ctx,
          ),
        );
        expect(wrong.message).toContain('does not match');
        const right = await registerWorker(
          database,
          {
            employerId: other.employerId,
            memberId: first.members[0]!,
            memberBirthDate: '1990-01-15',
            startDate: '2025-03-01',
          },
          ctx,
        );
        expect(right.memberId).toBe(first.members[0]);
      });

      it('keeps domestic workers with households and subcontracted workers with their lead', async () => {
        const factory = await registerEmployer(
          database,
          {
            kind: 'enterprise',
            name: 'Not A Household',
            sector: 'other',
            startedOn: '2025-01-01',
            registeredOn: '2025-01-01',
          },
          ctx,
        );
        const e1 = await rejection(
          registerWorker(
            database,
            {
              employerId: factory.employerId,
              person: newPerson(),
              kind: 'domestic',
              startDate: '2025-02-01',
            },
            ctx,
          ),
        );
        expect(e1.code).toBe('worker_invalid');
        const lead = await registerEmployer(
          database,
          {
            kind: 'value_chain_lead',
            name: 'Lead Contractor',
            sector: 'construction',
            startedOn: '2025-01-01',
            registeredOn: '2025-01-01',
          },
          ctx,
        );
        const sub = await registerEmployer(
          database,
          {
            kind: 'enterprise',
            name: 'Subcontractor',
            sector: 'construction',
            leadEmployerId: lead.employerId,
            startedOn: '2025-01-01',
            registeredOn: '2025-01-01',
          },
          ctx,
        );
        const w = await registerWorker(
          database,
          {
            employerId: lead.employerId,
            person: newPerson(),
            kind: 'subcontracted',
            viaEmployerId: sub.employerId,
            startDate: '2025-02-01',
          },
          ctx,
        );
        expect(w.employmentId).toBeGreaterThan(0);
        const e2 = await rejection(
          registerWorker(
            database,
            {
              employerId: lead.employerId,
              person: newPerson(),
              kind: 'subcontracted',
              viaEmployerId: factory.employerId,
              startDate: '2025-02-01',
            },
            ctx,
          ),
        );
        expect(e2.message).toContain('not a subcontractor');
        const before = await count('employment');
        expect(before).toBeGreaterThan(0);
      });
    });

    describe('declarations', () => {
      it('computes each line by the law, as its explaining backend does, and stores law version and hash', async () => {
        const e = await enterpriseWith(3);
        const wages = [150_000, 1_000_000, 5_000_000];
        const r = await receiveDeclaration(
          database,
          {
            employerId: e.employerId,
            month: '2025-03',
            source: 'api',
            lines: e.members.map((m, i) => ({ memberId: m, wageKhr: wages[i]! })),
          },
          { ...ctx, post: true },
        );
        expect(r.status).toBe('posted');
        expect(r.total).toBe(wages.reduce((a, w) => a + expectedTotal('2025-03', w), 0));
        expect(r.total).toBeGreaterThan(0);
        expect(r.lawVersion).toBe(cambodiaLaw().version);
        expect(r.parameterHash).toMatch(/^[0-9a-f]{64}$/);
        const shown = await showDeclaration(database, e.employerId, r.declarationId);
        expect(shown.lines.map((l) => l.wageKhr)).toEqual(wages);
        const record = await memberRecord(database, e.members[1]!);
        expect(record.months).toEqual([
          expect.objectContaining({
            month: '2025-03',
            wageKhr: 1_000_000,
            schemes: ['employment_injury', 'health', 'pension'],
          }),
        ]);
      });

      it('refuses a declaration with any bad line, names every problem, and writes nothing', async () => {
        const e = await enterpriseWith(2);
        const stranger = (await enterpriseWith(1)).members[0]!;
        const before = [
          await count('declaration'),
          await count('declaration_line'),
          await count('journal_entry'),
        ];
        const error = await rejection(
          receiveDeclaration(
            database,
            {
              employerId: e.employerId,
              month: '2025-04',
              source: 'xlsx',
              lines: [
                { memberId: e.members[0]!, wageKhr: 500_000, row: 2 },
                { memberId: e.members[0]!, wageKhr: 500_000, row: 3 },
                { memberId: stranger, wageKhr: 500_000, row: 4 },
                { memberId: e.members[1]!, wageKhr: -5, row: 5 },
              ],
            },
            { ...ctx, post: true },
          ),
        );
        expect(error.code).toBe('declaration_invalid');
        expect(error.problems.map((p) => [p.row, p.column, p.cell, p.code])).toEqual([
          [3, 'member_no', 'A3', 'member_twice'],
          [4, 'member_no', 'A4', 'member_not_employed'],
          [5, 'wage_khr', 'C5', 'wage_invalid'],
        ]);
        expect([
          await count('declaration'),
          await count('declaration_line'),
          await count('journal_entry'),
        ]).toEqual(before);
      });

      it('refuses a month not yet begun, an unknown employer, dollars without a rate, and a second declaration of a month', async () => {
        const e = await enterpriseWith(1);
        expect(
          (
            await rejection(
              receiveDeclaration(
                database,
                { employerId: e.employerId, month: '2026-01', source: 'api', lines: [] },
                ctx,
              ),
            )
          ).problems[0]!.code,
        ).toBe('month_in_future');
        expect(
          (
            await rejection(
              receiveDeclaration(
                database,
                { employerId: 99_999_999, month: '2025-05', source: 'api', lines: [] },
                ctx,
              ),
            )
          ).code,
        ).toBe('employer_not_found');
        expect(
          (
            await rejection(
              receiveDeclaration(
                database,
                {
                  employerId: e.employerId,
                  month: '2025-05',
                  source: 'api',
                  lines: [{ memberId: e.members[0]!, wageKhr: 0, wageUsdCents: 25_000 }],
                },
                ctx,
              ),
            )
          ).code,
        ).toBe('exchange_rate_missing');
        await receiveDeclaration(
          database,
          {
            employerId: e.employerId,
            month: '2025-05',
            source: 'api',
            lines: [{ memberId: e.members[0]!, wageKhr: 800_000 }],
          },
          { ...ctx, post: true },
        );
        const twice = await rejection(
          receiveDeclaration(
            database,
            {
              employerId: e.employerId,
              month: '2025-05',
              source: 'api',
              lines: [{ memberId: e.members[0]!, wageKhr: 900_000 }],
            },
            ctx,
          ),
        );
        expect(twice.code).toBe('declaration_exists');
      });

      it('converts dollar wages at the month’s recorded rate', async () => {
        const e = await enterpriseWith(1);
        await database.db
          .insertInto('exchange_rate')
          .values({ month: '2025-06', riel_per_usd: 4_000, reference: 'test' })
          .execute();
        const r = await receiveDeclaration(
          database,
          {
            employerId: e.employerId,
            month: '2025-06',
            source: 'api',
            lines: [{ memberId: e.members[0]!, wageKhr: 0, wageUsdCents: 25_000 }],
          },
          ctx,
        );
        expect(r.wageTotal).toBe(1_000_000);
        expect(r.total).toBe(expectedTotal('2025-06', 1_000_000));
      });

      it('keeps the original on amendment, reverses its entry, and replaces the insurance record', async () => {
        const e = await enterpriseWith(2);
        const [a, b] = e.members as [number, number];
        const original = await receiveDeclaration(
          database,
          {
            employerId: e.employerId,
            month: '2025-07',
            source: 'api',
            lines: [
              { memberId: a, wageKhr: 600_000 },
              { memberId: b, wageKhr: 600_000 },
            ],
          },
          { ...ctx, post: true },
        );
        const amended = await receiveDeclaration(
          database,
          {
            employerId: e.employerId,
            month: '2025-07',
            source: 'api',
            amends: original.declarationId,
            lines: [{ memberId: a, wageKhr: 900_000 }],
          },
          { ...ctx, post: true },
        );
        expect(amended.version).toBe(2);
        const kept = await showDeclaration(database, e.employerId, original.declarationId);
        expect(kept.declaration.status).toBe('superseded');
        expect(kept.lines).toHaveLength(2);
        const statement = await employerStatement(database, e.employerId);
        expect(statement.balance).toBe(amended.total);
        expect(statement.entries.map((x) => x.kind)).toEqual([
          'contribution_due',
          'reversal',
          'contribution_due',
        ]);
        expect((await memberRecord(database, b)).months).toEqual([]);
        expect((await memberRecord(database, a)).months[0]!.wageKhr).toBe(900_000);
        const stale = await rejection(
          receiveDeclaration(
            database,
            {
              employerId: e.employerId,
              month: '2025-07',
              source: 'api',
              amends: original.declarationId,
              lines: [],
            },
            ctx,
          ),
        );
        expect(stale.code).toBe('declaration_superseded');
      });

      it('takes the same request twice once, and refuses a key reused for another request', async () => {
        const e = await enterpriseWith(1);
        const request = {
          employerId: e.employerId,
          month: '2025-08',
          source: 'api' as const,
          idempotencyKey: 'decl-2025-08',
          lines: [{ memberId: e.members[0]!, wageKhr: 700_000 }],
        };
        const first = await receiveDeclaration(database, request, { ...ctx, post: true });
        const second = await receiveDeclaration(database, request, { ...ctx, post: true });
        expect(second).toEqual(first);
        const declared = await database.db
          .selectFrom('declaration')
          .select('declaration_id')
          .where('employer_id', '=', e.employerId)
          .execute();
        expect(declared).toHaveLength(1);
        const conflict = await rejection(
          receiveDeclaration(database, { ...request, lines: [{ memberId: e.members[0]!, wageKhr: 1 }] }, ctx),
        );
        expect(conflict.code).toBe('idempotency_conflict');
      });
    });

    describe('payments and the ledger', () => {
      it('pays the oldest debt first, keeps a credit for the next declaration, and takes a repeated payment once', async () => {
        const e = await enterpriseWith(1);
        const m = e.members[0]!;
        const d1 = await receiveDeclaration(
          database,
          {
            employerId: e.employerId,
            month: '2025-01',
            source: 'api',
            lines: [{ memberId: m, wageKhr: 1_000_000 }],
          },
          { ...ctx, post: true },
        );
        const d2 = await receiveDeclaration(
          database,
          {
            employerId: e.employerId,
            month: '2025-02',
            source: 'api',
            lines: [{ memberId: m, wageKhr: 1_000_000 }],
          },
          { ...ctx, post: true },
        );
        const pay = {
          employerId: e.employerId,
          amount: d1.total + 1_000,
          receivedOn: '2025-03-10',
          reference: 'BANK-1',
          idempotencyKey: 'pay-1',
        };
        const p = await recordPayment(database, pay, ctx);
        expect(p.allocations).toEqual([
          { month: '2025-01', kind: 'contribution', amount: d1.total },
          { month: '2025-02', kind: 'contribution', amount: 1_000 },
        ]);
        expect(await recordPayment(database, pay, ctx)).toEqual(p);
        expect(
          (
            await database.db
              .selectFrom('payment')
              .select('payment_id')
              .where('employer_id', '=', e.employerId)
              .execute()
          ).length,
        ).toBe(1);
        expect(p.balance).toBe(d2.total - 1_000);
        const over = await recordPayment(
          database,
          { ...pay, amount: d2.total, reference: 'BANK-2', idempotencyKey: 'pay-2' },
          ctx,
        );
        expect(over.balance).toBe(-1_000);
        const d3 = await receiveDeclaration(
          database,
          {
            employerId: e.employerId,
            month: '2025-03',
            source: 'api',
            lines: [{ memberId: m, wageKhr: 1_000_000 }],
          },
          { ...ctx, post: true },
        );
        const statement = await employerStatement(database, e.employerId);
        expect(statement.debts.find((d) => d.month === '2025-03')).toMatchObject({
          paid: 1_000,
          outstanding: d3.total - 1_000,
        });
        expect((await checkLedger(database)).ok).toBe(true);
      });

      it('charges the late-payment surcharge once per month of delay', async () => {
        expect(delayMonths('2025-02-15', '2025-02-15')).toEqual([]);
        expect(delayMonths('2025-02-15', '2025-04-16')).toEqual(['2025-02', '2025-03', '2025-04']);
        const e = await enterpriseWith(1);
        const d = await receiveDeclaration(
          database,
          {
            employerId: e.employerId,
            month: '2025-01',
            source: 'api',
            lines: [{ memberId: e.members[0]!, wageKhr: 1_000_000 }],
          },
          { ...ctx, post: true },
        );
        await assessPenalties(database, { asOf: '2025-03-20', actor: 'test' });
        const first = await employerStatement(database, e.employerId);
        const penalty = first.debts.find((x) => x.kind === 'penalty')!;
        // The surcharge rate (an unverified placeholder) for each of the two months of delay begun,
        // on the unpaid contributions, rounded to the law's step.
        const rate = lawNumber('nssf.collection.late_payment_surcharge_rate', '2025-02-15').value;
        const step = lawNumber('nssf.rounding_step', '2025-02-15').value;
        expect(rate).toBeGreaterThan(0);
        expect(penalty.owed).toBe(2 * Math.round((d.total * rate) / step) * step);
        await assessPenalties(database, { asOf: '2025-03-20', actor: 'test' });
        expect((await employerStatement(database, e.employerId)).balance).toBe(first.balance);
        expect((await checkLedger(database)).ok).toBe(true);
      });

      it('records who did what in the audit log: registrations, declarations, amendments, payments', async () => {
        const e = await enterpriseWith(1);
        const d = await receiveDeclaration(
          database,
          {
            employerId: e.employerId,
            month: '2025-09',
            source: 'api',
            lines: [{ memberId: e.members[0]!, wageKhr: 500_000 }],
          },
          { ...ctx, post: true },
        );
        await receiveDeclaration(
          database,
          {
            employerId: e.employerId,
            month: '2025-09',
            source: 'api',
            amends: d.declarationId,
            lines: [{ memberId: e.members[0]!, wageKhr: 600_000 }],
          },
          { ...ctx, post: true },
        );
        await recordPayment(
          database,
          { employerId: e.employerId, amount: 1_000, receivedOn: '2025-10-01', reference: 'AUDIT-1' },
          ctx,
        );
        const rows = await database.db
          .selectFrom('audit_log')
          .select(['actor', 'action', 'entity', 'entity_id', 'before', 'after'])
          .where((eb) =>
            eb.or([eb('entity_id', 'like', `${e.employerId}/%`), eb('entity_id', '=', String(e.employerId))]),
          )
          .orderBy('id')
          .execute();
        expect(rows.map((r) => [r.entity, r.action])).toEqual([
          ['employer', 'register'],
          ['employment', 'register'],
          ['declaration', 'declare'],
          ['declaration', 'amend'],
          ['payment', 'pay'],
        ]);
        expect(rows.every((r) => r.actor === ctx.actor)).toBe(true);
        expect(rows[3]!.before).toMatchObject({ declaration_id: d.declarationId, version: 1 });
        expect(rows[3]!.after).toMatchObject({ version: 2 });
      });

      it('refuses to change or delete ledger rows', async () => {
        await expect(sql`update journal_line set debit = debit + 1`.execute(database.db)).rejects.toThrow(
          /append-only/,
        );
        await expect(sql`delete from payment`.execute(database.db)).rejects.toThrow(/append-only/);
      });

      it('fails the check on a ledger broken behind the services’ back', async () => {
        expect((await checkLedger(database)).ok).toBe(true);
        await database.db
          .transaction()
          .execute(async (trx) => {
            const e = await trx
              .selectFrom('journal_entry')
              .select(['employer_id', 'entry_id'])
              .limit(1)
              .executeTakeFirstOrThrow();
            await trx
              .insertInto('journal_line')
              .values({
                employer_id: e.employer_id,
                entry_id: e.entry_id,
                line_no: 99,
                account: 'bank',
                debit: 1,
              })
              .execute();
            const report = await checkLedger({ ...database, db: trx } as Database);
            expect(report.ok).toBe(false);
            expect(report.checks.find((c) => !c.ok)!.name).toContain('balances');
            throw new RollBack();
          })
          .catch((error) => {
            if (!(error instanceof RollBack)) throw error;
          });
        expect((await checkLedger(database)).ok).toBe(true);
      });
    });

    describe('the monthly run', () => {
      it('posts what was received, once, and ends self-employed affiliations after 6 missed months', async () => {
        const e = await enterpriseWith(2);
        const self = await registerEmployer(
          database,
          {
            kind: 'self_employed',
            name: 'Tuk-tuk driver',
            sector: 'transport',
            startedOn: '2025-01-01',
            registeredOn: '2025-01-01',
          },
          ctx,
        );
        const sw = await registerWorker(
          database,
          {
            employerId: self.employerId,
            person: newPerson(),
            kind: 'self_employed',
            startDate: '2025-01-01',
            registeredOn: '2025-01-01',
          },
          ctx,
        );
        const selfDecl = await receiveDeclaration(
          database,
          {
            employerId: self.employerId,
            month: '2025-01',
            source: 'api',
            lines: [{ memberId: sw.memberId, wageKhr: 0 }],
          },
          ctx,
        );
        expect(selfDecl.workerTotal).toBe(15_600);
        await receiveDeclaration(
          database,
          {
            employerId: e.employerId,
            month: '2025-01',
            source: 'api',
            lines: e.members.map((m) => ({ memberId: m, wageKhr: 400_000 })),
          },
          ctx,
        );
        const run = await runMonth(database, '2025-01', { actor: 'test' });
        expect(run.declarations).toBeGreaterThanOrEqual(2);
        const again = await runMonth(database, '2025-01', { actor: 'test' });
        expect(again.declarations).toBe(0);
        // Paid January only: by July, six months missed (Feb-Jul) is still allowed; August ends it.
        expect((await runMonth(database, '2025-07', { actor: 'test' })).affiliationsEnded).toBe(0);
        expect((await runMonth(database, '2025-08', { actor: 'test' })).affiliationsEnded).toBe(1);
        const aff = await database.db
          .selectFrom('self_employed_affiliation')
          .selectAll()
          .where('member_id', '=', sw.memberId)
          .executeTakeFirstOrThrow();
        expect(aff.end_reason).toBe('missed_contributions');
        expect((await checkLedger(database)).ok).toBe(true);
      });
    });
  });
}

class RollBack extends Error {}
