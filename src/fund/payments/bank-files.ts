/**
 * @module fund/payments/bank-files
 * The files exchanged with the paying banks (format: docs/bank-payment-files.md):
 * - the payment file of a run: one CSV row per instruction, keyed by its idempotency key, which
 *   the bank uses to pay an instruction once however often the file is sent;
 * - the bank's return file: one row per instruction settled, `paid`, `failed` or `reversed`.
 * Reconciling a return file checks every row before changing anything (an unknown key, an
 * amount that differs, a change the instruction's state does not allow: the whole file is
 * refused with the rows at fault). Then it settles the instructions, posts the money to the
 * ledger (payable → bank for the paid, back for the reversed) and marks the claims paid. A row
 * repeating a settlement already recorded is accepted and changes nothing, so a file sent twice
 * is harmless. A failed or reversed instruction frees its due for the next run.
 */
import { sql, type Transaction } from 'kysely';
import Papa from 'papaparse';
import type { Database } from '../../db/open-database.js';
import type { BenefitPaymentStatus, Schema } from '../../db/schema.js';
import { writeAudit } from '../../db/write-audit.js';
import { type InputProblem, SamakiError } from '../../kernel/errors.js';
import { isIsoDate } from '../../kernel/period.js';
import { postBenefitEntry } from './run-benefit-payments.js';

export const PAYMENT_FILE_COLUMNS = [
  'instruction_key',
  'member_id',
  'bank',
  'account_no',
  'account_name',
  'amount_khr',
  'currency',
  'benefit',
  'month',
  'reference',
] as const;

export const RETURN_FILE_COLUMNS = [
  'instruction_key',
  'amount_khr',
  'status',
  'settled_on',
  'bank_reference',
  'reason',
] as const;

/** The payment file of a run, as CSV text (RFC 4180, UTF-8, header row). */
export async function bankPaymentFile(database: Database, runId: number): Promise<string> {
  const run = await database.db
    .selectFrom('payment_run')
    .select('month')
    .where('run_id', '=', runId)
    .executeTakeFirst();
  if (!run) throw new SamakiError('payment_run_not_found', { id: runId });
  const rows = await database.db
    .selectFrom('benefit_payment as p')
    .innerJoin('benefit_due as d', (j) =>
      j.onRef('d.member_id', '=', 'p.member_id').onRef('d.due_id', '=', 'p.due_id'),
    )
    .select([
      'p.idempotency_key',
      'p.member_id',
      'p.bank',
      'p.account_no',
      'p.account_name',
      'p.amount',
      'd.variable',
      'd.month',
    ])
    .where('p.run_id', '=', runId)
    .orderBy('p.bank')
    .orderBy('p.member_id')
    .orderBy('p.instruction_id')
    .execute();
  return Papa.unparse(
    {
      fields: [...PAYMENT_FILE_COLUMNS],
      data: rows.map((r) => [
        r.idempotency_key,
        Number(r.member_id),
        r.bank,
        r.account_no,
        r.account_name,
        Number(r.amount),
        'KHR',
        r.variable,
        r.month,
        `NSSF ${r.variable} ${r.month}`,
      ]),
    },
    { newline: '\n' },
  ).concat('\n');
}

export interface ReconciliationSummary {
  [key: string]: string | number;
  file: string;
  rows: number;
  paid: number;
  failed: number;
  reversed: number;
  /** Rows repeating a settlement already recorded. */
  unchanged: number;
  paidAmount: number;
  reversedAmount: number;
}

/** What a return row may change: from the instruction's state to the reported one. */
const ALLOWED: Readonly<Record<BenefitPaymentStatus, readonly BenefitPaymentStatus[]>> = {
  instructed: ['paid', 'failed'],
  paid: ['reversed'],
  failed: [],
  reversed: [],
};

const CHUNK = 50_000;

/** What a bank may report. */
const RETURN_STATUSES: readonly BenefitPaymentStatus[] = ['paid', 'failed', 'reversed'];

export async function reconcileBankReturn(
  database: Database,
  text: string,
  options: { actor: string; file: string; today: string },
): Promise<ReconciliationSummary> {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const problems: InputProblem[] = [];
  const at = (row: number, column: string, message: string) =>
    problems.push({ row, column, code: 'bank_return_row', message });
  const missing = RETURN_FILE_COLUMNS.filter(
    (c) => c !== 'reason' && c !== 'bank_reference' && !parsed.meta.fields?.includes(c),
  );
  if (missing.length > 0)
    throw new SamakiError(
      'bank_return_invalid',
      { file: options.file, count: missing.length },
      {
        problems: missing.map((c) => ({
          row: 1,
          column: c,
          code: 'bank_return_header',
          message: `column "${c}" is missing (expected ${RETURN_FILE_COLUMNS.join(',')})`,
        })),
      },
    );

  type Row = {
    key: string;
    amount: number;
    status: BenefitPaymentStatus;
    settledOn: string;
    bankReference: string;
    reason: string;
    line: number;
  };
  const rows: Row[] = [];
  const seen = new Set<string>();
  parsed.data.forEach((raw, i) => {
    const line = i + 2;
    const key = (raw.instruction_key ?? '').trim();
    const status = (raw.status ?? '').trim().toLowerCase() as BenefitPaymentStatus;
    const amount = Number((raw.amount_khr ?? '').trim());
    const settledOn = (raw.settled_on ?? '').trim();
    if (!key) at(line, 'instruction_key', 'is empty');
    else if (seen.has(`${key}|${status}`))
      at(line, 'instruction_key', `${key} appears twice with status ${status}`);
    seen.add(`${key}|${status}`);
    if (!RETURN_STATUSES.includes(status))
      at(line, 'status', `"${raw.status ?? ''}" is not paid, failed or reversed`);
    if (!Number.isSafeInteger(amount) || amount <= 0)
      at(line, 'amount_khr', `"${raw.amount_khr ?? ''}" is not whole riel above 0`);
    if (!isIsoDate(settledOn)) at(line, 'settled_on', `"${settledOn}" is not a date (YYYY-MM-DD)`);
    else if (settledOn > options.today) at(line, 'settled_on', `${settledOn} is in the future`);
    if (status === 'failed' && !(raw.reason ?? '').trim())
      at(line, 'reason', 'a failed payment needs the reason the bank gives');
    rows.push({
      key,
      amount,
      status,
      settledOn,
      bankReference: (raw.bank_reference ?? '').trim(),
      reason: (raw.reason ?? '').trim(),
      line,
    });
  });
  for (const e of parsed.errors.slice(0, 20)) at((e.row ?? 0) + 2, 'csv', e.message);

  return database.db.transaction().execute(async (trx) => {
    // The instructions named by the file, as they stand.
    const current = new Map<
      string,
      {
        member_id: number;
        instruction_id: number;
        amount: number;
        status: BenefitPaymentStatus;
        run_id: number;
      }
    >();
    const keys = [...new Set(rows.map((r) => r.key).filter(Boolean))];
    for (let k = 0; k < keys.length; k += CHUNK) {
      const found = await trx
        .selectFrom('benefit_payment')
        .select(['idempotency_key', 'member_id', 'instruction_id', 'amount', 'status', 'run_id'])
        .where('idempotency_key', 'in', keys.slice(k, k + CHUNK))
        .forUpdate()
        .execute();
      for (const f of found)
        current.set(f.idempotency_key, {
          member_id: Number(f.member_id),
          instruction_id: Number(f.instruction_id),
          amount: Number(f.amount),
          status: f.status,
          run_id: Number(f.run_id),
        });
    }
    const changes: Row[] = [];
    let unchanged = 0;
    // A file may report a payment and its reversal; apply them in that order.
    const order = { paid: 0, failed: 0, reversed: 1 } as const;
    const state = new Map([...current].map(([k, v]) => [k, v.status]));
    for (const r of [...rows].sort(
      (a, b) => order[a.status as keyof typeof order] - order[b.status as keyof typeof order],
    )) {
      const c = current.get(r.key);
      // Rows already refused above (no key, an unknown status) are not checked further.
      if (!r.key || !RETURN_STATUSES.includes(r.status)) continue;
      if (!c) {
        at(r.line, 'instruction_key', `${r.key} is not an instruction of the fund`);
        continue;
      }
      if (Number.isSafeInteger(r.amount) && r.amount !== c.amount)
        at(r.line, 'amount_khr', `${r.amount} differs from the ${c.amount} riel instructed`);
      const now = state.get(r.key)!;
      // A settlement already recorded, or one the instruction has since passed (paid, then
      // reversed): a file sent again changes nothing.
      if (now === r.status || (now === 'reversed' && r.status === 'paid')) {
        unchanged++;
        continue;
      }
      if (now === 'failed' && r.status === 'paid') {
        at(
          r.line,
          'status',
          `the bank reported ${r.key} failed and now paid: the due may since have been paid again; settle it with the bank by hand (the fund does not record a payment after a failure)`,
        );
        continue;
      }
      if (!(ALLOWED[now] ?? []).includes(r.status)) {
        at(r.line, 'status', `instruction ${r.key} is ${now}; it cannot become ${r.status}`);
        continue;
      }
      state.set(r.key, r.status);
      changes.push(r);
    }
    if (problems.length > 0)
      throw new SamakiError(
        'bank_return_invalid',
        { file: options.file, count: problems.length },
        { problems: problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) },
      );

    const summary: ReconciliationSummary = {
      file: options.file,
      rows: rows.length,
      paid: 0,
      failed: 0,
      reversed: 0,
      unchanged,
      paidAmount: 0,
      reversedAmount: 0,
    };
    const ledger = new Map<string, { runId: number; paid: number; reversed: number }>();
    for (const status of ['paid', 'failed', 'reversed'] as const) {
      const batch = changes.filter((r) => r.status === status);
      for (let k = 0; k < batch.length; k += CHUNK) {
        const part = batch.slice(k, k + CHUNK);
        // The settlement and its audit rows in one statement.
        await sql`
          with settled as (
            update benefit_payment p
               set status = ${status}, settled_on = r.settled_on::date,
                   bank_reference = nullif(r.bank_reference, ''), reason = nullif(r.reason, '')
              from (select unnest(${part.map((r) => r.key)}::text[]) as key,
                           unnest(${part.map((r) => r.settledOn)}::text[]) as settled_on,
                           unnest(${part.map((r) => r.bankReference)}::text[]) as bank_reference,
                           unnest(${part.map((r) => r.reason)}::text[]) as reason) r
             where p.idempotency_key = r.key
            returning p.member_id, p.instruction_id, p.settled_on, p.bank_reference, p.reason)
          insert into audit_log (actor, action, entity, entity_id, before, after)
          select ${options.actor}, ${status}, 'benefit_payment', member_id || '/' || instruction_id,
                 jsonb_build_object('status', ${status === 'reversed' ? 'paid' : 'instructed'}::text),
                 jsonb_build_object('status', ${status}::text, 'settled_on', settled_on, 'bank_reference', bank_reference,
                                    'reason', reason, 'file', ${options.file}::text)
            from settled`.execute(trx);
      }
      for (const r of batch) {
        const c = current.get(r.key)!;
        summary[status]++;
        if (status === 'failed') continue;
        const entry = ledger.get(String(c.run_id)) ?? { runId: c.run_id, paid: 0, reversed: 0 };
        entry[status] += c.amount;
        ledger.set(String(c.run_id), entry);
        if (status === 'paid') summary.paidAmount += c.amount;
        else summary.reversedAmount += c.amount;
      }
    }
    for (const e of ledger.values()) {
      const month = options.today.slice(0, 7);
      if (e.paid > 0)
        await postBenefitEntry(trx, {
          kind: 'benefit_paid',
          runId: e.runId,
          month,
          actor: options.actor,
          memo: `benefits paid, run ${e.runId}, bank return ${options.file}`,
          lines: [
            { account: 'benefits_payable', debit: e.paid },
            { account: 'bank', credit: e.paid },
          ],
        });
      if (e.reversed > 0)
        await postBenefitEntry(trx, {
          kind: 'benefit_reversed',
          runId: e.runId,
          month,
          actor: options.actor,
          memo: `benefit payments reversed, run ${e.runId}, bank return ${options.file}`,
          lines: [
            { account: 'bank', debit: e.reversed },
            { account: 'benefits_payable', credit: e.reversed },
          ],
        });
    }
    await settleClaims(trx, changes, options.actor);
    await writeAudit(trx, {
      actor: options.actor,
      action: 'reconcile',
      entity: 'bank_return',
      entityId: options.file,
      after: summary,
    });
    return summary;
  });
}

/**
 * Claims follow their payments: a one-off claim or a pension's claim becomes `paid` when a payment
 * of it is paid; a one-off claim whose payment is reversed returns to `approved`.
 */
async function settleClaims(
  trx: Transaction<Schema>,
  changes: readonly { key: string; status: BenefitPaymentStatus }[],
  actor: string,
): Promise<void> {
  for (const [status, from, to] of [
    ['paid', 'approved', 'paid'],
    ['reversed', 'paid', 'approved'],
  ] as const) {
    const keys = changes.filter((c) => c.status === status).map((c) => c.key);
    for (let k = 0; k < keys.length; k += CHUNK) {
      const part = keys.slice(k, k + CHUNK);
      await sql`
        with settled as (
          select distinct d.member_id, coalesce(d.claim_id, e.claim_id) as claim_id
            from benefit_payment p
            join benefit_due d on d.member_id = p.member_id and d.due_id = p.due_id
            left join entitlement e on e.member_id = d.member_id and e.entitlement_id = d.entitlement_id
           where p.idempotency_key = any(${part}::text[])
             and (${status} = 'paid' or d.claim_id is not null)),
        changed as (
          update claim c set status = ${to}
            from settled s
           where c.member_id = s.member_id and c.claim_id = s.claim_id and c.status = ${from}
          returning c.member_id, c.claim_id),
        events as (
          insert into claim_event (member_id, claim_id, actor, from_status, to_status, note)
          select member_id, claim_id, ${actor}, ${from}, ${to}, ${`payment ${status} by the bank`}
            from changed
          returning member_id, claim_id)
        insert into audit_log (actor, action, entity, entity_id, before, after)
        select ${actor}, ${to}, 'claim', member_id || '/' || claim_id,
               jsonb_build_object('status', ${from}::text), jsonb_build_object('status', ${to}::text)
          from events`.execute(trx);
    }
  }
}
