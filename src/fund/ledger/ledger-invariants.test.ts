/**
 * Property test of the ledger: whatever sequence of declarations, amendments, payments and
 * penalty runs an employer goes through, the ledger's invariants hold (`checkLedger`), the
 * balance equals what was declared plus penalties minus what was paid, computed here
 * independently, and payments go to the oldest debts first: no debt is paid while an older one
 * is still open.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate.js';
import { type Database, openDatabase } from '../../db/open-database.js';
import { registerEmployer } from '../../registry/register-employer.js';
import { registerWorker } from '../../registry/register-worker.js';
import { receiveDeclaration } from '../declarations/receive-declaration.js';
import { recordPayment } from '../payments/record-payment.js';
import { assessPenalties } from './assess-penalties.js';
import { checkLedger } from './check-ledger.js';
import { employerStatement } from './employer-statement.js';

const ctx = { actor: 'property', today: '2025-12-31' };
const MONTHS = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];

type Op =
  | { op: 'declare'; month: number; wages: number[] }
  | { op: 'pay'; amount: number; day: number }
  | { op: 'penalties'; day: number };

const wage = fc.integer({ min: 0, max: 4_000_000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('declare' as const),
    month: fc.integer({ min: 0, max: 5 }),
    wages: fc.array(wage, { minLength: 0, maxLength: 3 }),
  }),
  fc.record({
    op: fc.constant('pay' as const),
    amount: fc.integer({ min: 1, max: 400_000 }),
    day: fc.integer({ min: 0, max: 330 }),
  }),
  fc.record({ op: fc.constant('penalties' as const), day: fc.integer({ min: 0, max: 330 }) }),
);

const dateOf = (day: number) => new Date(Date.UTC(2025, 1, 1) + day * 86_400_000).toISOString().slice(0, 10);

describe('ledger invariants under any sequence of operations', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: join(mkdtempSync(join(tmpdir(), 'samaki-ledger-')), 'pglite') });
    await migrateToLatest(database.db);
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it('balances, agrees with an independent sum, and pays the oldest debt first', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
        run++;
        const e = await registerEmployer(
          database,
          {
            kind: 'enterprise',
            name: `Property ${run}`,
            sector: 'other',
            startedOn: '2025-01-01',
            registeredOn: '2025-01-01',
          },
          ctx,
        );
        const members: number[] = [];
        for (let i = 0; i < 3; i++)
          members.push(
            (
              await registerWorker(
                database,
                {
                  employerId: e.employerId,
                  person: {
                    familyNameKm: 'ចាន់',
                    givenNameKm: `ថា${run}-${i}`,
                    sex: 'F',
                    birthDate: '1995-05-05',
                    nationalId: null,
                    province: 1,
                  },
                  startDate: '2025-01-01',
                  registeredOn: '2025-01-01',
                },
                ctx,
              )
            ).memberId,
          );
        const current = new Map<number, { id: number; total: number }>();
        let paid = 0;
        let key = 0;
        for (const op of ops) {
          if (op.op === 'declare') {
            const lines = op.wages.map((w, i) => ({ memberId: members[i]!, wageKhr: w }));
            const before = current.get(op.month);
            const r = await receiveDeclaration(
              database,
              {
                employerId: e.employerId,
                month: MONTHS[op.month]!,
                source: 'api',
                lines,
                ...(before ? { amends: before.id } : {}),
              },
              { ...ctx, post: true },
            );
            current.set(op.month, { id: r.declarationId, total: r.total });
          } else if (op.op === 'pay') {
            await recordPayment(
              database,
              {
                employerId: e.employerId,
                amount: op.amount,
                receivedOn: dateOf(op.day),
                reference: `P${run}-${key}`,
                idempotencyKey: `p-${run}-${key++}`,
              },
              ctx,
            );
            paid += op.amount;
          } else {
            await assessPenalties(database, {
              asOf: dateOf(op.day),
              actor: 'property',
              employerId: e.employerId,
            });
          }
        }
        const statement = await employerStatement(database, e.employerId);
        const penalties = statement.debts.filter((d) => d.kind === 'penalty').reduce((a, d) => a + d.owed, 0);
        const declared = [...current.values()].reduce((a, d) => a + d.total, 0);
        expect(statement.balance).toBe(declared + penalties - paid);
        // Oldest first: once a debt is still open, no later debt has received anything.
        let open = false;
        for (const d of statement.debts) {
          if (open) expect(d.paid, `${d.month} ${d.kind} paid while an older debt is open`).toBe(0);
          if (d.outstanding > 0) open = true;
          expect(d.paid).toBeGreaterThanOrEqual(0);
          expect(d.paid).toBeLessThanOrEqual(Math.max(d.owed, 0));
        }
        const report = await checkLedger(database);
        expect(report.checks.filter((c) => !c.ok)).toEqual([]);
      }),
      { numRuns: 60, seed: 20251125 },
    );
  }, 240_000);
});
