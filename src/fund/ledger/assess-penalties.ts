/**
 * @module fund/ledger/assess-penalties
 * Charges the late-payment surcharge on contributions not paid by their due date (the 15th of
 * the following month, `nssf.collection.due_day`): for every month (or part of a month) of delay,
 * the rate `nssf.collection.late_payment_surcharge_rate` (confidence: unverified) times what is
 * still unpaid, rounded to the law's rounding step. Each month of delay of each debt is charged
 * once (a unique index guarantees it), so running it again charges only the new months.
 *
 * Simplification, recorded in ARCHITECTURE.md: a month of delay charged late is charged on what
 * is unpaid when it is charged, not on what was unpaid during that month.
 */

import { sql } from 'kysely';
import type { Database } from '../../db/open-database.js';
import { SamakiError } from '../../kernel/errors.js';
import { isIsoDate, shiftMonth } from '../../kernel/period.js';
import { lawNumber } from '../law-value.js';
import { allocatePayments, employerDebts } from './allocate-payments.js';
import { dueDate } from './employer-statement.js';
import { postEntry } from './post-entry.js';

export interface PenaltyReport {
  asOf: string;
  employers: number;
  charges: number;
  amount: number;
}

export async function assessPenalties(
  database: Database,
  options: {
    asOf: string;
    actor: string;
    /** Only this employer (an officer assessing one account); default every employer. */
    employerId?: number;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<PenaltyReport> {
  if (!isIsoDate(options.asOf)) throw new SamakiError('period_bad', { value: options.asOf });
  const { rows } = await sql<{ employer_id: number }>`
    select employer_id::float8 as employer_id from journal_line where account = 'employer_receivable'
       and (${options.employerId ?? null}::bigint is null or employer_id = ${options.employerId ?? null}::bigint)
     group by employer_id having sum(debit - credit) > 0 order by employer_id`.execute(database.db);
  const report: PenaltyReport = { asOf: options.asOf, employers: 0, charges: 0, amount: 0 };
  let done = 0;
  for (const { employer_id } of rows) {
    const employerId = Number(employer_id);
    await database.db.transaction().execute(async (trx) => {
      const debts = (await employerDebts(trx, employerId)).filter(
        (d) => d.kind === 'contribution' && d.owed > d.allocated,
      );
      const charged = new Set(
        (
          await trx
            .selectFrom('journal_entry')
            .select(['month', 'assessed_for'])
            .where('employer_id', '=', employerId)
            .where('kind', '=', 'penalty')
            .execute()
        ).map((e) => `${e.month}/${e.assessed_for}`),
      );
      let any = false;
      for (const debt of debts) {
        const due = dueDate(debt.month);
        const rate = lawNumber('nssf.collection.late_payment_surcharge_rate', due).value;
        const step = lawNumber('nssf.rounding_step', due).value;
        const unpaid = debt.owed - debt.allocated;
        for (const delay of delayMonths(due, options.asOf)) {
          if (charged.has(`${debt.month}/${delay}`)) continue;
          const amount = Math.round((unpaid * rate) / step) * step;
          if (amount <= 0) continue;
          await postEntry(trx, {
            employerId,
            kind: 'penalty',
            month: debt.month,
            assessedFor: delay,
            actor: options.actor,
            memo: `late-payment surcharge on ${debt.month} contributions (${unpaid} riel unpaid), delay month ${delay}`,
            lines: [
              { account: 'employer_receivable', debit: amount },
              { account: 'penalty_income', credit: amount },
            ],
          });
          report.charges++;
          report.amount += amount;
          any = true;
        }
      }
      if (any) {
        report.employers++;
        await allocatePayments(trx, employerId);
      }
    });
    options.onProgress?.(++done, rows.length);
  }
  return report;
}

/**
 * The months of delay begun by `asOf` after the due date, named by the month each begins in:
 * due 2025-02-15 → the first month of delay begins 2025-02-16 ("2025-02"), the second 2025-03-16.
 */
export function delayMonths(due: string, asOf: string): string[] {
  const out: string[] = [];
  // Each month of delay begins the day after the due day, in successive months.
  const dayAfter = String(Number(due.slice(8, 10)) + 1).padStart(2, '0');
  for (let m = due.slice(0, 7); `${m}-${dayAfter}` <= asOf; m = shiftMonth(m, 1)) out.push(m);
  return out;
}
