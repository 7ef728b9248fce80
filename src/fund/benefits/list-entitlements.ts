/**
 * @module fund/benefits/list-entitlements
 * A member's pensions (entitlements opened by approved `monthly` claims), those in payment and
 * those ended, each with its months due (`benefit_due`) and every instruction sent to the bank
 * for them (`benefit_payment`, all attempts). Reads only.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/open-database.js';
import type { BenefitPaymentStatus, EntitlementEndReason } from '../../db/schema.js';
import { SamakiError } from '../../kernel/errors.js';

export interface BenefitPaymentView {
  instructionId: number;
  runId: number;
  attempt: number;
  instructionKey: string;
  amount: number;
  bank: string;
  accountNo: string;
  status: BenefitPaymentStatus;
  settledOn: string | null;
  bankReference: string | null;
  reason: string | null;
}

export interface BenefitDueView {
  dueId: number;
  month: string;
  amount: number;
  runId: number;
  payments: BenefitPaymentView[];
}

export interface EntitlementView {
  entitlementId: number;
  claimId: number;
  variable: string;
  branch: string;
  startMonth: string;
  /** The last month made due by a payment run. */
  dueThrough: string | null;
  endMonth: string | null;
  endReason: EntitlementEndReason | null;
  /** Not ended: every payment run makes its next months due. */
  inPayment: boolean;
  dues: BenefitDueView[];
}

export async function listEntitlements(
  database: Database,
  memberId: number,
): Promise<{ memberId: number; items: EntitlementView[] }> {
  const member = await database.db
    .selectFrom('member')
    .select('member_id')
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  if (!member) throw new SamakiError('member_not_found', { id: memberId });
  const entitlements = await database.db
    .selectFrom('entitlement')
    .select([
      'entitlement_id',
      'claim_id',
      'variable',
      'branch',
      'start_month',
      'due_through',
      'end_month',
      'end_reason',
    ])
    .where('member_id', '=', memberId)
    .orderBy('entitlement_id')
    .execute();
  const dues = await database.db
    .selectFrom('benefit_due')
    .select(['due_id', 'entitlement_id', 'month', 'amount', 'run_id'])
    .where('member_id', '=', memberId)
    .where('entitlement_id', 'is not', null)
    .orderBy('month')
    .orderBy('due_id')
    .execute();
  const payments = await database.db
    .selectFrom('benefit_payment as p')
    .innerJoin('benefit_due as d', (j) =>
      j.onRef('d.member_id', '=', 'p.member_id').onRef('d.due_id', '=', 'p.due_id'),
    )
    .select([
      'p.instruction_id',
      'p.due_id',
      'p.run_id',
      'p.attempt',
      'p.idempotency_key',
      'p.amount',
      'p.bank',
      'p.account_no',
      'p.status',
      // Dates as text: the drivers read `date` differently (ARCHITECTURE.md, "Storage").
      sql<string | null>`p.settled_on::text`.as('settled_on'),
      'p.bank_reference',
      'p.reason',
    ])
    .where('p.member_id', '=', memberId)
    .where('d.entitlement_id', 'is not', null)
    .orderBy('p.instruction_id')
    .execute();

  const paymentsByDue = new Map<number, BenefitPaymentView[]>();
  for (const p of payments) {
    const list = paymentsByDue.get(Number(p.due_id)) ?? [];
    paymentsByDue.set(Number(p.due_id), list);
    list.push({
      instructionId: Number(p.instruction_id),
      runId: Number(p.run_id),
      attempt: p.attempt,
      instructionKey: p.idempotency_key,
      amount: Number(p.amount),
      bank: p.bank,
      accountNo: p.account_no,
      status: p.status,
      settledOn: p.settled_on,
      bankReference: p.bank_reference,
      reason: p.reason,
    });
  }
  const duesByEntitlement = new Map<number, BenefitDueView[]>();
  for (const d of dues) {
    const list = duesByEntitlement.get(Number(d.entitlement_id)) ?? [];
    duesByEntitlement.set(Number(d.entitlement_id), list);
    list.push({
      dueId: Number(d.due_id),
      month: d.month,
      amount: Number(d.amount),
      runId: Number(d.run_id),
      payments: paymentsByDue.get(Number(d.due_id)) ?? [],
    });
  }
  return {
    memberId,
    items: entitlements.map((e) => ({
      entitlementId: Number(e.entitlement_id),
      claimId: Number(e.claim_id),
      variable: e.variable,
      branch: e.branch,
      startMonth: e.start_month,
      dueThrough: e.due_through,
      endMonth: e.end_month,
      endReason: e.end_reason,
      inPayment: e.end_month === null,
      dues: duesByEntitlement.get(Number(e.entitlement_id)) ?? [],
    })),
  };
}
