/**
 * @module fund/payments/list-payment-runs
 * The benefit payment runs, newest first with cursor pagination: what each made due and
 * instructed, and where its instructions stand now that the banks have answered (instructed,
 * paid, failed, reversed). Reads only; a run is made by `run-benefit-payments.ts`.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/open-database.js';

export interface PaymentRunView {
  runId: number;
  month: string;
  createdAt: string;
  actor: string;
  /** Dues the run created. */
  dues: number;
  /** Instructions the run sent to the banks. */
  instructions: number;
  /** Riel instructed. */
  amount: number;
  /** Dues of the run still held for want of a bank account. */
  held: number;
  lawVersion: string;
  parameterHash: string;
  /** The run's instructions by their current status. */
  payments: { instructed: number; paid: number; failed: number; reversed: number };
}

const MAX_LIMIT = 200;

export async function listPaymentRuns(
  database: Database,
  page: { cursor?: number; limit?: number } = {},
): Promise<{ items: PaymentRunView[]; nextCursor: number | null }> {
  const limit = Math.min(Math.max(1, page.limit ?? 50), MAX_LIMIT);
  const counted = (status: string) =>
    sql<number>`(count(p.instruction_id) filter (where p.status = ${status}))::int`;
  const columns = [
    'r.run_id',
    'r.month',
    'r.created_at',
    'r.actor',
    'r.dues',
    'r.instructions',
    'r.amount',
    'r.held',
    'r.law_version',
    'r.parameter_hash',
  ] as const;
  let query = database.db
    .selectFrom('payment_run as r')
    .leftJoin('benefit_payment as p', 'p.run_id', 'r.run_id')
    .select(columns)
    .select([
      counted('instructed').as('instructed'),
      counted('paid').as('paid'),
      counted('failed').as('failed'),
      counted('reversed').as('reversed'),
    ])
    .groupBy(columns)
    .orderBy('r.run_id', 'desc')
    .limit(limit + 1);
  if (page.cursor !== undefined) query = query.where('r.run_id', '<', page.cursor);
  const rows = await query.execute();
  const items = rows.slice(0, limit).map((r) => ({
    runId: Number(r.run_id),
    month: r.month,
    createdAt: new Date(r.created_at).toISOString(),
    actor: r.actor,
    dues: r.dues,
    instructions: r.instructions,
    amount: Number(r.amount),
    held: r.held,
    lawVersion: r.law_version,
    parameterHash: r.parameter_hash,
    payments: {
      instructed: Number(r.instructed),
      paid: Number(r.paid),
      failed: Number(r.failed),
      reversed: Number(r.reversed),
    },
  }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.runId : null };
}
