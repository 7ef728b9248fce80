/**
 * @module fund/ledger/employer-statement
 * What an employer owes and has paid: the receivable balance, each month's debts (contributions
 * and late-payment penalties) with what was paid and what is outstanding, and the journal
 * entries. The employer portal and the officers' screens show this.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/open-database.js';
import type { DebtKind, JournalEntryKind, Schema } from '../../db/schema.js';
import { SamakiError } from '../../kernel/errors.js';
import { shiftMonth } from '../../kernel/period.js';
import { lawNumber } from '../law-value.js';
import { employerDebts } from './allocate-payments.js';

export interface StatementDebt {
  month: string;
  kind: DebtKind;
  owed: number;
  paid: number;
  outstanding: number;
  dueDate: string;
}

export interface StatementEntry {
  entryId: number;
  kind: JournalEntryKind;
  month: string | null;
  postedAt: string;
  memo: string;
  /** Debit (+) or credit (−) to the employer's receivable. */
  amount: number;
}

export interface EmployerStatement {
  employerId: number;
  employerNo: string;
  name: string;
  balance: number;
  debts: StatementDebt[];
  entries: StatementEntry[];
}

/** The employer's receivable: debits less credits (negative when it has paid ahead). */
export async function receivableBalance(
  db: Kysely<Schema> | Transaction<Schema>,
  employerId: number,
): Promise<number> {
  const { rows } = await sql<{ balance: number }>`
    select coalesce(sum(debit - credit), 0)::float8 as balance from journal_line
     where employer_id = ${employerId} and account = 'employer_receivable'`.execute(db);
  return Number(rows[0]!.balance);
}

/** The day a month's contributions fall due (law parameter `nssf.collection.due_day`). */
export function dueDate(month: string): string {
  const next = shiftMonth(month, 1);
  const day = lawNumber('nssf.collection.due_day', `${month}-01`).value;
  return `${next}-${String(day).padStart(2, '0')}`;
}

export async function employerStatement(database: Database, employerId: number): Promise<EmployerStatement> {
  return database.db.transaction().execute(async (trx) => {
    const employer = await trx
      .selectFrom('employer')
      .select(['employer_no', 'name'])
      .where('employer_id', '=', employerId)
      .executeTakeFirst();
    if (!employer) throw new SamakiError('employer_not_found', { id: employerId });
    const debts = await employerDebts(trx, employerId);
    const { rows: entries } = await sql<{
      entry_id: number;
      kind: JournalEntryKind;
      month: string | null;
      posted_at: Date;
      memo: string;
      amount: number;
    }>`
      select e.entry_id::float8 as entry_id, e.kind, e.month, e.posted_at, e.memo,
             coalesce(sum(l.debit - l.credit) filter (where l.account = 'employer_receivable'), 0)::float8 as amount
        from journal_entry e
        left join journal_line l on l.employer_id = e.employer_id and l.entry_id = e.entry_id
       where e.employer_id = ${employerId}
       group by e.entry_id, e.kind, e.month, e.posted_at, e.memo
       order by e.entry_id`.execute(trx);
    return {
      employerId,
      employerNo: employer.employer_no,
      name: employer.name,
      balance: await receivableBalance(trx, employerId),
      debts: debts
        .filter((d) => d.owed !== 0 || d.allocated !== 0)
        .map((d) => ({
          month: d.month,
          kind: d.kind,
          owed: d.owed,
          paid: d.allocated,
          outstanding: d.owed - d.allocated,
          dueDate: dueDate(d.month),
        })),
      entries: entries.map((e) => ({
        entryId: Number(e.entry_id),
        kind: e.kind,
        month: e.month,
        postedAt: new Date(e.posted_at).toISOString(),
        memo: e.memo,
        amount: Number(e.amount),
      })),
    };
  });
}
