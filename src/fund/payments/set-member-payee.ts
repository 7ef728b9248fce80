/**
 * @module fund/payments/set-member-payee
 * Where the fund pays a member's benefits: a bank and an account in the member's name (for a
 * deceased member, the account of the survivors the informant named). A benefit due to a member
 * without an account is held by the payment runs until one is recorded. Also the price index the
 * pensions follow, recorded as the Ministry of Planning sets it.
 */
import type { Database } from '../../db/open-database.js';
import { writeAudit } from '../../db/write-audit.js';
import { SamakiError } from '../../kernel/errors.js';
import { isMonth } from '../../kernel/period.js';

export interface Payee {
  bank: string;
  accountNo: string;
  accountName: string;
}

export async function setMemberPayee(
  database: Database,
  memberId: number,
  payee: Payee,
  options: { actor: string },
): Promise<Payee & { memberId: number }> {
  const bad = (reason: string) => new SamakiError('payee_invalid', { reason });
  const bank = payee.bank?.trim() ?? '';
  const accountNo = payee.accountNo?.trim() ?? '';
  const accountName = payee.accountName?.trim() ?? '';
  if (bank.length < 1 || bank.length > 40) throw bad('name the bank (1 to 40 characters)');
  if (!/^[0-9A-Za-z-]{4,34}$/.test(accountNo))
    throw bad(`account number "${accountNo}" must have 4 to 34 letters, digits or hyphens`);
  if (accountName.length < 1 || accountName.length > 200) throw bad('give the account holder’s name');
  return database.db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom('member')
      .select('member_id')
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    if (!member) throw new SamakiError('member_not_found', { id: memberId });
    const before = await trx
      .selectFrom('member_payee')
      .select(['bank', 'account_no', 'account_name'])
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    await trx
      .insertInto('member_payee')
      .values({
        member_id: memberId,
        bank,
        account_no: accountNo,
        account_name: accountName,
        updated_by: options.actor,
      })
      .onConflict((oc) =>
        oc.column('member_id').doUpdateSet({
          bank,
          account_no: accountNo,
          account_name: accountName,
          updated_by: options.actor,
          updated_at: new Date().toISOString(),
        }),
      )
      .execute();
    await writeAudit(trx, {
      actor: options.actor,
      action: before ? 'change' : 'add',
      entity: 'member_payee',
      entityId: String(memberId),
      before: before ?? null,
      after: { bank, account_no: accountNo, account_name: accountName },
    });
    return { memberId, bank, accountNo, accountName };
  });
}

/** Records the consumer price index in force from `month` (pensions follow it from then). */
export async function setPriceIndex(
  database: Database,
  input: { month: string; cpi: number; reference: string },
  options: { actor: string },
): Promise<void> {
  const bad = (reason: string) => new SamakiError('payment_run_invalid', { reason });
  if (!isMonth(input.month)) throw bad(`month "${input.month}" is not YYYY-MM`);
  if (!Number.isFinite(input.cpi) || input.cpi <= 0)
    throw bad(`the index must be above 0 (got ${input.cpi})`);
  if (!input.reference.trim()) throw bad('cite the index’s source (the Ministry of Planning’s release)');
  await database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('price_index')
      .values({ month: input.month, cpi: input.cpi, reference: input.reference.trim() })
      .onConflict((oc) =>
        oc.column('month').doUpdateSet({ cpi: input.cpi, reference: input.reference.trim() }),
      )
      .execute();
    await writeAudit(trx, {
      actor: options.actor,
      action: 'set',
      entity: 'price_index',
      entityId: input.month,
      after: { cpi: input.cpi, reference: input.reference.trim() },
    });
  });
}
