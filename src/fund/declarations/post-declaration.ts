/**
 * @module fund/declarations/post-declaration
 * Posts a received declaration: its contributions become due in the ledger (the employer's
 * receivable debited, each scheme's contribution income credited), the members' insurance record
 * takes the month, and payments already received are allocated to the new debt. An amendment
 * first reverses the due entry of the version it supersedes, so the ledger always equals the sum
 * of the current declarations minus payments.
 *
 * Posting is idempotent: a declaration already posted is left alone (and the ledger's unique
 * index on declaration and entry kind makes a double posting impossible even for a buggy caller).
 */
import { sql, type Transaction } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { allocatePayments } from '../ledger/allocate-payments.js';
import { type LedgerLine, postEntry } from '../ledger/post-entry.js';

export interface PostDeclarationInput {
  employerId: number;
  declarationId: number;
  actor: string;
}

/** Returns false when the declaration was not waiting to be posted. */
export async function postDeclaration(
  trx: Transaction<Schema>,
  input: PostDeclarationInput,
): Promise<boolean> {
  const { employerId, declarationId, actor } = input;
  const declaration = await trx
    .selectFrom('declaration')
    .select(['month', 'version', 'amends_id', 'status'])
    .where('employer_id', '=', employerId)
    .where('declaration_id', '=', declarationId)
    .forUpdate()
    .executeTakeFirst();
  if (declaration?.status !== 'received') return false;
  const { month } = declaration;

  if (declaration.amends_id !== null)
    await reverseSuperseded(trx, employerId, declaration.amends_id, month, actor);

  const { rows } = await sql<{
    injury: number;
    health: number;
    pension: number;
    self_employed: number;
  }>`
    select coalesce(sum(employment_injury), 0)::float8 as injury,
           coalesce(sum(health_employer + health_worker), 0)::float8 as health,
           coalesce(sum(pension_employer + pension_worker), 0)::float8 as pension,
           coalesce(sum(self_employed_health), 0)::float8 as self_employed
      from declaration_line
     where employer_id = ${employerId} and declaration_id = ${declarationId}`.execute(trx);
  const s = rows[0]!;
  const income: LedgerLine[] = [
    { account: 'contribution_income:employment_injury', credit: Number(s.injury) },
    { account: 'contribution_income:health', credit: Number(s.health) },
    { account: 'contribution_income:pension', credit: Number(s.pension) },
    { account: 'contribution_income:self_employed_health', credit: Number(s.self_employed) },
  ];
  const total = income.reduce((a, l) => a + (l.credit ?? 0), 0);
  await postEntry(trx, {
    employerId,
    kind: 'contribution_due',
    month,
    declarationId,
    actor,
    memo: `contributions due for ${month} (declaration ${declarationId}, version ${declaration.version})`,
    lines: [{ account: 'employer_receivable', debit: total }, ...income],
  });

  // The insurance record holds the current version's months.
  if (declaration.version > 1)
    await trx
      .deleteFrom('insurance_record')
      .where('employer_id', '=', employerId)
      .where('month', '=', month)
      .execute();
  await sql`
    insert into insurance_record (member_id, month, employer_id, declaration_id, wage_khr, contributory_wage,
                                  employment_injury, health, pension, self_employed_health)
    select member_id, ${month}, employer_id, declaration_id, wage_khr, contributory_wage,
           employment_injury > 0, health_employer + health_worker > 0, pension_employer + pension_worker > 0,
           self_employed_health > 0
      from declaration_line
     where employer_id = ${employerId} and declaration_id = ${declarationId}`.execute(trx);

  await trx
    .updateTable('declaration')
    .set({ status: 'posted', posted_at: new Date() })
    .where('employer_id', '=', employerId)
    .where('declaration_id', '=', declarationId)
    .execute();
  await allocatePayments(trx, employerId);
  return true;
}

/** Reverses the due entry of a superseded version, if it was posted. */
async function reverseSuperseded(
  trx: Transaction<Schema>,
  employerId: number,
  supersededId: number,
  month: string,
  actor: string,
): Promise<void> {
  const due = await trx
    .selectFrom('journal_entry')
    .select('entry_id')
    .where('employer_id', '=', employerId)
    .where('declaration_id', '=', supersededId)
    .where('kind', '=', 'contribution_due')
    .executeTakeFirst();
  if (!due) {
    // The superseded version may itself have amended a posted one and never been posted.
    const previous = await trx
      .selectFrom('declaration')
      .select('amends_id')
      .where('employer_id', '=', employerId)
      .where('declaration_id', '=', supersededId)
      .executeTakeFirst();
    if (previous?.amends_id != null)
      await reverseSuperseded(trx, employerId, previous.amends_id, month, actor);
    return;
  }
  const reversed = await trx
    .selectFrom('journal_entry')
    .select('entry_id')
    .where('employer_id', '=', employerId)
    .where('declaration_id', '=', supersededId)
    .where('kind', '=', 'reversal')
    .executeTakeFirst();
  if (reversed) return;
  const lines = await trx
    .selectFrom('journal_line')
    .select(['account', 'debit', 'credit'])
    .where('employer_id', '=', employerId)
    .where('entry_id', '=', due.entry_id)
    .orderBy('line_no')
    .execute();
  await postEntry(trx, {
    employerId,
    kind: 'reversal',
    month,
    declarationId: supersededId,
    actor,
    memo: `reversal of declaration ${supersededId} for ${month}, superseded by an amendment`,
    lines: lines.map((l) => ({ account: l.account, debit: Number(l.credit), credit: Number(l.debit) })),
  });
}
