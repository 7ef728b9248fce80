/**
 * @module fund/ledger/allocate-payments
 * Allocates an employer's payments to its debts, the oldest first: a month's contributions, then
 * that month's late-payment penalties, then the next month. Runs after every payment and every
 * posting, so a prepayment pays the next declaration when it arrives. When an amendment lowers a
 * month already paid, the excess is released (a negative allocation) and goes to the next debt.
 *
 * Everything is derived from the ledger, which stays the single truth: a debt is what the
 * receivable account says each month owes; allocations only record which payment paid it, and
 * are recomputed oldest-first whenever a debt or a payment changes, so a later amendment of an
 * older month draws money back from younger debts.
 */
import { sql, type Transaction } from 'kysely';
import type { DebtKind, Schema } from '../../db/schema.js';

export interface Debt {
  month: string;
  kind: DebtKind;
  owed: number;
  allocated: number;
}

/** What each month owes, by kind, and what payments have been allocated to it. */
export async function employerDebts(trx: Transaction<Schema>, employerId: number): Promise<Debt[]> {
  const { rows } = await sql<{ month: string; kind: DebtKind; owed: number; allocated: number }>`
    with owed as (
      select e.month,
             case when e.kind = 'penalty' then 'penalty' else 'contribution' end as kind,
             sum(l.debit - l.credit)::bigint as owed
        from journal_entry e
        join journal_line l on l.employer_id = e.employer_id and l.entry_id = e.entry_id
       where e.employer_id = ${employerId}
         and e.kind in ('contribution_due', 'reversal', 'penalty')
         and l.account = 'employer_receivable'
       group by 1, 2),
    allocated as (
      select debt_month as month, debt_kind as kind, sum(amount)::bigint as allocated
        from payment_allocation
       where employer_id = ${employerId}
       group by 1, 2)
    select coalesce(o.month, a.month) as month, coalesce(o.kind, a.kind) as kind,
           coalesce(o.owed, 0)::float8 as owed, coalesce(a.allocated, 0)::float8 as allocated
      from owed o full join allocated a on a.month = o.month and a.kind = o.kind
     order by 1, 2`.execute(trx);
  return rows.map((r) => ({
    month: r.month,
    kind: r.kind,
    owed: Number(r.owed),
    allocated: Number(r.allocated),
  }));
}

/**
 * Brings the allocations in line with the debts and payments: the target is strict oldest-first
 * (payments in the order received, debts by month, a month's contributions before its penalties),
 * recomputed from scratch, and the difference from what is recorded is written as new rows
 * (negative rows release money an amendment or an earlier debt now claims). Returns the rows
 * written.
 */
export async function allocatePayments(trx: Transaction<Schema>, employerId: number): Promise<number> {
  const payments = await trx
    .selectFrom('payment')
    .select(['payment_id', 'amount'])
    .where('employer_id', '=', employerId)
    .orderBy('received_on')
    .orderBy('payment_id')
    .execute();
  // Nothing paid yet: nothing to allocate (the common case when a month is posted).
  if (payments.length === 0) return 0;
  const debts = await employerDebts(trx, employerId);
  const recorded = await trx
    .selectFrom('payment_allocation')
    .select(['payment_id', 'debt_month', 'debt_kind', (eb) => eb.fn.sum<number>('amount').as('amount')])
    .where('employer_id', '=', employerId)
    .groupBy(['payment_id', 'debt_month', 'debt_kind'])
    .execute();
  const key = (payment: number, month: string, kind: DebtKind) => `${payment}|${month}|${kind}`;
  const difference = new Map<string, number>();
  for (const r of recorded) {
    const k = key(Number(r.payment_id), r.debt_month, r.debt_kind);
    difference.set(k, (difference.get(k) ?? 0) - Number(r.amount));
  }
  let p = 0;
  let free = payments.length > 0 ? Number(payments[0]!.amount) : 0;
  for (const debt of debts) {
    let open = Math.max(0, debt.owed);
    while (open > 0 && p < payments.length) {
      if (free === 0) {
        p++;
        free = p < payments.length ? Number(payments[p]!.amount) : 0;
        continue;
      }
      const amount = Math.min(open, free);
      const k = key(Number(payments[p]!.payment_id), debt.month, debt.kind);
      difference.set(k, (difference.get(k) ?? 0) + amount);
      open -= amount;
      free -= amount;
    }
  }
  const rows = [...difference]
    .filter(([, amount]) => amount !== 0)
    .map(([k, amount]) => {
      const [payment, month, kind] = k.split('|') as [string, string, DebtKind];
      return {
        employer_id: employerId,
        payment_id: Number(payment),
        debt_month: month,
        debt_kind: kind,
        amount,
      };
    });
  if (rows.length > 0) await trx.insertInto('payment_allocation').values(rows).execute();
  return rows.length;
}
