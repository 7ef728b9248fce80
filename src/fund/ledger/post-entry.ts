/**
 * @module fund/ledger/post-entry
 * Writes one journal entry and its lines. Double entry is checked here, before anything is
 * written: debits equal credits, every amount a whole non-negative number of riel, no line both
 * debit and credit. An unbalanced entry is a defect in the caller, never a user error, so it
 * throws a plain Error and the caller's transaction rolls back.
 */
import type { Transaction } from 'kysely';
import type { JournalEntryKind, LedgerAccount, Schema } from '../../db/schema.js';

export interface LedgerLine {
  account: LedgerAccount;
  debit?: number;
  credit?: number;
}

export interface NewEntry {
  employerId: number;
  kind: JournalEntryKind;
  month: string | null;
  declarationId?: number | null;
  paymentId?: number | null;
  assessedFor?: string | null;
  actor: string;
  memo: string;
  lines: readonly LedgerLine[];
}

/** Throws unless the lines balance; returns the total debited. */
export function checkBalanced(lines: readonly LedgerLine[]): number {
  let debit = 0;
  let credit = 0;
  for (const line of lines) {
    const d = line.debit ?? 0;
    const c = line.credit ?? 0;
    if (!Number.isSafeInteger(d) || !Number.isSafeInteger(c) || d < 0 || c < 0)
      throw new Error(
        `ledger line ${line.account}: amounts must be whole non-negative riel (got ${d}, ${c})`,
      );
    if (d > 0 && c > 0) throw new Error(`ledger line ${line.account}: both debit and credit`);
    debit += d;
    credit += c;
  }
  if (debit !== credit) throw new Error(`unbalanced journal entry: debits ${debit} ≠ credits ${credit}`);
  return debit;
}

/** Posts the entry (lines with a zero amount are left out); returns its identifier. */
export async function postEntry(trx: Transaction<Schema>, entry: NewEntry): Promise<number> {
  checkBalanced(entry.lines);
  const { entry_id } = await trx
    .insertInto('journal_entry')
    .values({
      employer_id: entry.employerId,
      kind: entry.kind,
      month: entry.month,
      declaration_id: entry.declarationId ?? null,
      payment_id: entry.paymentId ?? null,
      assessed_for: entry.assessedFor ?? null,
      actor: entry.actor,
      memo: entry.memo,
    })
    .returning('entry_id')
    .executeTakeFirstOrThrow();
  const lines = entry.lines.filter((l) => (l.debit ?? 0) > 0 || (l.credit ?? 0) > 0);
  if (lines.length > 0)
    await trx
      .insertInto('journal_line')
      .values(
        lines.map((l, k) => ({
          employer_id: entry.employerId,
          entry_id,
          line_no: k + 1,
          account: l.account,
          debit: l.debit ?? 0,
          credit: l.credit ?? 0,
        })),
      )
      .execute();
  return entry_id;
}
