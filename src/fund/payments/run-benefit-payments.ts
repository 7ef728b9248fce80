/**
 * @module fund/payments/run-benefit-payments
 * The monthly benefit payment run (`samaki fund pay YYYY-MM`):
 * 1. every pension in payment becomes due for each month up to the run's month not yet due
 *    (arrears included, up to its end month). The amount is computed by the law, not by the fund:
 *    the pension's variable evaluated (columnar backend) for that month from the inputs at award
 *    and the month's price index, so indexation and any change of the law in force apply;
 * 2. every approved one-off claim of a month up to the run's becomes due;
 * 3. every due without a live instruction (new, or whose last instruction failed or was
 *    reversed) gets an instruction to the bank with an idempotency key, if the member has a
 *    bank account on file; the others are held, and counted;
 * 4. the benefit ledger is debited per branch and credited to benefits payable.
 * All in one transaction: a run either happens whole or not at all. The run's own idempotency key
 * (default `benefits:YYYY-MM`) makes a repeated request return the first run.
 */
import { sql, type Transaction } from 'kysely';
import { bulkInsert } from '../../db/bulk-insert.js';
import type { Database } from '../../db/open-database.js';
import type { Schema } from '../../db/schema.js';
import { writeAudit } from '../../db/write-audit.js';
import { SamakiError } from '../../kernel/errors.js';
import { isMonth, parsePeriod, shiftMonth } from '../../kernel/period.js';
import { cambodiaLaw } from '../../law/law.js';
import { compileColumnar, runColumnar } from '../../rules/backends/columnar.js';
import { BENEFIT_CATALOG, type BenefitVariable, benefitKind } from '../benefits/benefit-catalog.js';
import { priceIndexIn } from '../benefits/benefit-inputs-from-record.js';
import { checkBalanced } from '../ledger/post-entry.js';

export interface PaymentRunSummary {
  [key: string]: string | number | boolean | Record<string, number>;
  runId: number;
  month: string;
  /** False when the idempotency key named an earlier run, which is returned unchanged. */
  created: boolean;
  /** Dues created by this run: pension months and one-off claims. */
  dues: number;
  /** Instructions sent to the banks (new dues and earlier failures). */
  instructions: number;
  /** Riel instructed. */
  amount: number;
  /** Dues left unpaid for want of a bank account. */
  held: number;
  /** Pension months for which the law gave no amount (0 riel): nothing due, counted here. */
  withoutAmount: number;
  /** Riel due by this run, per branch. */
  dueByBranch: Record<string, number>;
}

export async function runBenefitPayments(
  database: Database,
  month: string,
  options: { actor: string; today: string; idempotencyKey?: string },
): Promise<PaymentRunSummary> {
  if (!isMonth(month))
    throw new SamakiError('payment_run_invalid', { reason: `month "${month}" is not YYYY-MM` });
  // Pensions are paid for the current month, or at the end of a month for the next one; a month
  // further ahead is a typing error that would pay pensions for months not yet lived.
  const latest = shiftMonth(options.today.slice(0, 7), 1);
  if (month > latest)
    throw new SamakiError('payment_run_invalid', {
      reason: `${month} is after ${latest}; a run pays the current month or the next one at the most`,
    });
  const key = options.idempotencyKey ?? `benefits:${month}`;
  const law = cambodiaLaw();
  return database.db.transaction().execute(async (trx) => {
    // One run at a time: two runs at once could both see the same due without an instruction
    // (the unique index would then refuse the second, but with an error, not a clean answer).
    await sql`lock table payment_run in exclusive mode`.execute(trx);
    const earlier = await trx
      .selectFrom('payment_run')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (earlier) {
      if (earlier.month !== month)
        throw new SamakiError('idempotency_conflict', { key, operation: 'payment run' });
      return { ...(await summaryOf(trx, Number(earlier.run_id))), created: false };
    }
    const { run_id: runId } = await trx
      .insertInto('payment_run')
      .values({
        month,
        idempotency_key: key,
        actor: options.actor,
        dues: 0,
        instructions: 0,
        amount: 0,
        held: 0,
        without_amount: 0,
        law_version: law.version,
        // The fingerprint of every parameter value of the law version the run computed with.
        parameter_hash: law.fingerprint,
      })
      .returning('run_id')
      .executeTakeFirstOrThrow();

    const withoutAmount = await pensionDues(trx, database.kind, runId, month);
    await oneOffDues(trx, runId, month);
    const { instructions, amount } = await instruct(trx, runId);
    const dues = await countDues(trx, runId);
    const held = await heldDues(trx, runId);
    const dueByBranch = await postDue(trx, runId, month, options.actor);
    await trx
      .updateTable('payment_run')
      .set({ dues, instructions, amount, without_amount: withoutAmount })
      .where('run_id', '=', runId)
      .execute();
    // One audit row for the run: its dues and instructions are themselves the detailed record.
    await writeAudit(trx, {
      actor: options.actor,
      action: 'run',
      entity: 'payment_run',
      entityId: String(runId),
      after: { month, idempotency_key: key, dues, instructions, amount, held },
    });
    return { runId, month, created: true, dues, instructions, amount, held, withoutAmount, dueByBranch };
  });
}

/**
 * Pension months not yet due, up to `month` and each pension's end, computed by the law; returns
 * how many months the law gave 0 for. The pensions are locked until the run commits, so a death
 * recorded meanwhile waits and then sees what was paid.
 */
async function pensionDues(
  trx: Transaction<Schema>,
  kind: Database['kind'],
  runId: number,
  month: string,
): Promise<number> {
  const open = await trx
    .selectFrom('entitlement')
    .select(['member_id', 'entitlement_id', 'variable', 'inputs', 'start_month', 'due_through', 'end_month'])
    .where('start_month', '<=', month)
    .where((eb) => eb.or([eb('due_through', 'is', null), eb('due_through', '<', month)]))
    .where((eb) =>
      eb.or([
        eb('end_month', 'is', null),
        eb('due_through', 'is', null),
        eb('due_through', '<', eb.ref('end_month')),
      ]),
    )
    .execute();
  // Group the months to compute by (variable, month): one compiled plan each.
  const groups = new Map<string, { variable: string; month: string; rows: typeof open }>();
  for (const e of open) {
    const last = e.end_month !== null && e.end_month < month ? e.end_month : month;
    for (
      let m = e.due_through === null ? e.start_month : shiftMonth(e.due_through, 1);
      m <= last;
      m = shiftMonth(m, 1)
    ) {
      const id = `${e.variable}|${m}`;
      const group = groups.get(id) ?? { variable: e.variable, month: m, rows: [] };
      groups.set(id, group);
      group.rows.push(e);
    }
  }
  const cpiByMonth = new Map<string, number>();
  const dues: (string | number)[][] = [];
  let withoutAmount = 0;
  for (const group of groups.values()) {
    if (!cpiByMonth.has(group.month)) cpiByMonth.set(group.month, await priceIndexIn(trx, group.month));
    const amounts = computePensions(group.variable, group.month, group.rows, cpiByMonth.get(group.month)!);
    const branch = benefitKind(group.variable as BenefitVariable).branch;
    group.rows.forEach((e, i) => {
      const amount = amounts[i]!;
      if (amount > 0)
        dues.push([e.member_id, e.entitlement_id, group.month, group.variable, branch, amount, runId]);
      else withoutAmount++;
    });
  }
  await bulkInsert(
    trx,
    kind,
    'benefit_due',
    ['member_id', 'entitlement_id', 'month', 'variable', 'branch', 'amount', 'run_id'],
    dues,
  );
  // Exactly the pensions read above, each due through the last month computed for it (the run's
  // month, or its end if earlier); one computed no month at all when it ended before it began.
  const members: number[] = [];
  const ids: number[] = [];
  const through: string[] = [];
  for (const e of open) {
    members.push(Number(e.member_id));
    ids.push(Number(e.entitlement_id));
    through.push(e.end_month !== null && e.end_month < month ? e.end_month : month);
  }
  for (let k = 0; k < ids.length; k += 50_000)
    await sql`
      update entitlement e set due_through = u.through
        from (select unnest(${members.slice(k, k + 50_000)}::bigint[]) as member_id,
                     unnest(${ids.slice(k, k + 50_000)}::bigint[]) as entitlement_id,
                     unnest(${through.slice(k, k + 50_000)}::text[]) as through) u
       where e.member_id = u.member_id and e.entitlement_id = u.entitlement_id`.execute(trx);
  return withoutAmount;
}

/**
 * The law's monthly amount of each pension at `month`: its variable evaluated over all of them
 * at once, from the inputs at award, with the month's price index as the current index.
 */
export function computePensions(
  variable: string,
  month: string,
  rows: readonly { inputs: unknown }[],
  cpiCurrent: number,
): Float64Array {
  const law = cambodiaLaw();
  const n = rows.length;
  const names = new Set<string>();
  for (const r of rows) for (const name of Object.keys(r.inputs as object)) names.add(name);
  names.add('pension_cpi_current');
  const columns: Record<string, Float64Array | Uint8Array> = {};
  for (const name of names) {
    const boolean = law.variable(name).type === 'boolean';
    const column = boolean ? new Uint8Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const value = (rows[i]!.inputs as Record<string, number | boolean | undefined>)[name];
      column[i] = value === true ? 1 : typeof value === 'number' ? value : 0;
    }
    columns[name] = column;
  }
  // The index of the month replaces the one at award; without a recorded index, the award's.
  if (cpiCurrent > 0) (columns.pension_cpi_current as Float64Array).fill(cpiCurrent);
  const plan = compileColumnar(law, parsePeriod(month), [variable], names);
  const workspace = runColumnar(plan, { persons: { count: n, columns } });
  const values = workspace.columns[variable] as Float64Array;
  for (let i = 0; i < n; i++)
    if (!Number.isInteger(values[i]!))
      throw new Error(`law variable ${variable} gave ${values[i]} riel in ${month}: not whole riel`);
  return values;
}

/** Approved one-off claims of a month up to the run's, not yet due. */
async function oneOffDues(trx: Transaction<Schema>, runId: number, month: string): Promise<void> {
  const once = Object.entries(BENEFIT_CATALOG)
    .filter(([, k]) => k.payable === 'once')
    .map(([variable, k]) => sql`(${variable}, ${k.branch})`);
  await sql`
    insert into benefit_due (member_id, claim_id, month, variable, branch, amount, run_id)
    select c.member_id, c.claim_id, c.month, c.variable, b.branch, (c.amount #>> '{}')::bigint, ${runId}
      from claim c
      join (values ${sql.join(once)}) as b (variable, branch) on b.variable = c.variable
     where c.status = 'approved' and c.month <= ${month}
       and jsonb_typeof(c.amount) = 'number' and (c.amount #>> '{}')::numeric > 0
       and not exists (select 1 from benefit_due d where d.member_id = c.member_id and d.claim_id = c.claim_id)`.execute(
    trx,
  );
}

/**
 * Instructions for this run's dues, for earlier dues whose last instruction failed or was
 * reversed, and for earlier dues held for want of a bank account (looked for only in the runs
 * that still hold some).
 */
async function instruct(
  trx: Transaction<Schema>,
  runId: number,
): Promise<{ instructions: number; amount: number }> {
  // The dues just created and counted: the planner must know their number, or it may loop.
  await sql`analyze benefit_due`.execute(trx);
  // This run's dues: a first attempt each.
  await sql`
    insert into benefit_payment
      (member_id, due_id, run_id, attempt, idempotency_key, amount, bank, account_no, account_name, status)
    select d.member_id, d.due_id, ${runId}, 1, 'SMK-' || d.member_id || '-' || d.due_id || '-1',
           d.amount, y.bank, y.account_no, y.account_name, 'instructed'
      from benefit_due d join member_payee y using (member_id)
     where d.run_id = ${runId}`.execute(trx);
  // Earlier dues: failed or reversed, or held for want of an account (few): the next attempt.
  await sql`
    insert into benefit_payment
      (member_id, due_id, run_id, attempt, idempotency_key, amount, bank, account_no, account_name, status)
    select d.member_id, d.due_id, ${runId}, a.attempt, 'SMK-' || d.member_id || '-' || d.due_id || '-' || a.attempt,
           d.amount, y.bank, y.account_no, y.account_name, 'instructed'
      from (select member_id, due_id from benefit_payment where status in ('failed', 'reversed')
            union
            select d.member_id, d.due_id from benefit_due d join payment_run r on r.run_id = d.run_id
             where r.held > 0 and r.run_id <> ${runId}) c
      join benefit_due d using (member_id, due_id)
      join member_payee y using (member_id)
      cross join lateral (
        select coalesce(max(p.attempt), 0) + 1 as attempt,
               bool_or(p.status in ('instructed', 'paid')) as live
          from benefit_payment p where p.member_id = d.member_id and p.due_id = d.due_id) a
     where a.live is not true`.execute(trx);
  const { rows } = await sql<{ n: number; amount: number }>`
    select count(*)::int as n, coalesce(sum(amount), 0)::float8 as amount
      from benefit_payment where run_id = ${runId}`.execute(trx);
  return { instructions: Number(rows[0]!.n), amount: Number(rows[0]!.amount) };
}

/** Dues of each run still without any instruction (no bank account yet); this run's count. */
async function heldDues(trx: Transaction<Schema>, runId: number): Promise<number> {
  await sql`
    update payment_run r
       set held = (select count(*)::int from benefit_due d
                    where d.run_id = r.run_id
                      and not exists (select 1 from benefit_payment p
                                       where p.member_id = d.member_id and p.due_id = d.due_id))
     where r.held > 0 or r.run_id = ${runId}`.execute(trx);
  const run = await trx
    .selectFrom('payment_run')
    .select('held')
    .where('run_id', '=', runId)
    .executeTakeFirstOrThrow();
  return run.held;
}

async function countDues(trx: Transaction<Schema>, runId: number): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from benefit_due where run_id = ${runId}`.execute(trx);
  return Number(rows[0]!.n);
}

/** The run's dues in the ledger: benefit expense by branch, credited to benefits payable. */
async function postDue(
  trx: Transaction<Schema>,
  runId: number,
  month: string,
  actor: string,
): Promise<Record<string, number>> {
  const byBranch = await dueByBranchOf(trx, runId);
  const rows = Object.entries(byBranch).map(([branch, amount]) => ({ branch, amount }));
  const total = rows.reduce((s, r) => s + r.amount, 0);
  if (total > 0)
    await postBenefitEntry(trx, {
      kind: 'benefit_due',
      runId,
      month,
      actor,
      memo: `benefits due by payment run ${runId} (${month})`,
      lines: [
        ...rows.map((r) => ({ account: `benefit_expense:${r.branch}`, debit: Number(r.amount) })),
        { account: 'benefits_payable', credit: total },
      ],
    });
  return byBranch;
}

/** Riel due by a run, per branch. */
async function dueByBranchOf(
  trx: Transaction<Schema> | Database['db'],
  runId: number,
): Promise<Record<string, number>> {
  const { rows } = await sql<{ branch: string; amount: number }>`
    select branch, sum(amount)::float8 as amount from benefit_due where run_id = ${runId}
     group by branch order by branch`.execute(trx);
  return Object.fromEntries(rows.map((r) => [r.branch, Number(r.amount)]));
}

/** Writes one balanced entry of the benefit ledger. */
export async function postBenefitEntry(
  trx: Transaction<Schema>,
  entry: {
    kind: 'benefit_due' | 'benefit_paid' | 'benefit_reversed';
    runId: number;
    month: string;
    actor: string;
    memo: string;
    lines: { account: string; debit?: number; credit?: number }[];
  },
): Promise<void> {
  checkBalanced(entry.lines as Parameters<typeof checkBalanced>[0]);
  const { entry_id } = await trx
    .insertInto('benefit_journal_entry')
    .values({
      kind: entry.kind,
      run_id: entry.runId,
      month: entry.month,
      actor: entry.actor,
      memo: entry.memo,
    })
    .returning('entry_id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('benefit_journal_line')
    .values(
      entry.lines.map((l, k) => ({
        entry_id,
        line_no: k + 1,
        account: l.account,
        debit: l.debit ?? 0,
        credit: l.credit ?? 0,
      })),
    )
    .execute();
}

export async function summaryOf(
  trx: Transaction<Schema> | Database['db'],
  runId: number,
): Promise<PaymentRunSummary> {
  const run = await trx.selectFrom('payment_run').selectAll().where('run_id', '=', runId).executeTakeFirst();
  if (!run) throw new SamakiError('payment_run_not_found', { id: runId });
  return {
    runId: Number(run.run_id),
    month: run.month,
    created: true,
    dues: run.dues,
    instructions: run.instructions,
    amount: Number(run.amount),
    held: run.held,
    withoutAmount: run.without_amount,
    dueByBranch: await dueByBranchOf(trx, runId),
  };
}
