/**
 * @module fund/payments/record-payment
 * Records a payment received from an employer (a bank transfer to the fund's account): the bank
 * is debited and the employer's receivable credited, then the money is allocated to the oldest
 * debts. An idempotency key makes a repeated request take effect once.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../db/open-database.js';
import type { DebtKind } from '../../db/schema.js';
import { writeAudit } from '../../db/write-audit.js';
import { SamakiError } from '../../kernel/errors.js';
import { isIsoDate } from '../../kernel/period.js';
import { withIdempotency } from '../idempotency.js';
import { allocatePayments } from '../ledger/allocate-payments.js';
import { receivableBalance } from '../ledger/employer-statement.js';
import { postEntry } from '../ledger/post-entry.js';

export interface RecordPaymentInput {
  employerId: number;
  /** Riel, whole, above 0. */
  amount: number;
  receivedOn: string;
  /** The bank's reference of the transfer. */
  reference: string;
  idempotencyKey?: string;
}

export interface PaymentReceipt {
  [key: string]: number | string | { month: string; kind: DebtKind; amount: number }[];
  paymentId: number;
  employerId: number;
  amount: number;
  receivedOn: string;
  allocations: { month: string; kind: DebtKind; amount: number }[];
  /** What the employer owes after the payment (negative: a credit). */
  balance: number;
}

export async function recordPayment(
  database: Database,
  input: RecordPaymentInput,
  options: { actor: string; today: string },
): Promise<PaymentReceipt> {
  const bad = (reason: string) => new SamakiError('payment_invalid', { reason });
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    throw bad(`the amount must be whole riel above 0 (got ${input.amount})`);
  if (!isIsoDate(input.receivedOn)) throw bad(`receivedOn "${input.receivedOn}" is not a date (YYYY-MM-DD)`);
  if (input.receivedOn > options.today) throw bad(`receivedOn ${input.receivedOn} is in the future`);
  const reference = input.reference?.trim() ?? '';
  if (reference.length === 0 || reference.length > 200)
    throw bad('the bank reference must have 1 to 200 characters');
  const request = createHash('sha256')
    .update(JSON.stringify([input.employerId, input.amount, input.receivedOn, reference]))
    .digest('hex');

  return database.db.transaction().execute((trx) =>
    withIdempotency(
      trx,
      { employerId: input.employerId, key: input.idempotencyKey, operation: 'pay', request },
      async () => {
        const employer = await trx
          .selectFrom('employer')
          .select('employer_id')
          .where('employer_id', '=', input.employerId)
          .forUpdate()
          .executeTakeFirst();
        if (!employer) throw new SamakiError('employer_not_found', { id: input.employerId });
        const { payment_id: paymentId } = await trx
          .insertInto('payment')
          .values({
            employer_id: input.employerId,
            received_on: input.receivedOn,
            amount: input.amount,
            reference,
            actor: options.actor,
          })
          .returning('payment_id')
          .executeTakeFirstOrThrow();
        await postEntry(trx, {
          employerId: input.employerId,
          kind: 'payment',
          month: input.receivedOn.slice(0, 7),
          paymentId,
          actor: options.actor,
          memo: `payment ${reference} received ${input.receivedOn}`,
          lines: [
            { account: 'bank', debit: input.amount },
            { account: 'employer_receivable', credit: input.amount },
          ],
        });
        await allocatePayments(trx, input.employerId);
        const allocations = await trx
          .selectFrom('payment_allocation')
          .select(['debt_month', 'debt_kind', 'amount'])
          .where('employer_id', '=', input.employerId)
          .where('payment_id', '=', paymentId)
          .orderBy('allocation_id')
          .execute();
        const receipt: PaymentReceipt = {
          paymentId,
          employerId: input.employerId,
          amount: input.amount,
          receivedOn: input.receivedOn,
          allocations: allocations.map((a) => ({
            month: a.debt_month,
            kind: a.debt_kind,
            amount: Number(a.amount),
          })),
          balance: await receivableBalance(trx, input.employerId),
        };
        await writeAudit(trx, {
          actor: options.actor,
          action: 'pay',
          entity: 'payment',
          entityId: `${input.employerId}/${paymentId}`,
          after: { amount: input.amount, received_on: input.receivedOn, reference },
        });
        return receipt;
      },
    ),
  );
}
