/**
 * @module bench/bench-benefits
 * `samaki bench benefits`: the fund's benefit side at national scale, on PostgreSQL (and PGlite
 * with --pglite):
 * 1. a full monthly payment run (`runBenefitPayments`) for every pensioner and every open
 *    one-off claim: each pension's amount computed by the law (columnar backend) from its inputs
 *    at award and the month's price index, the dues, the instructions to the banks, the ledger;
 *    then the banks' payment file and the reconciliation of an all-paid return file. The limit in
 *    the same run: a plain COPY of the same number of due and instruction rows;
 * 2. decision throughput: claims reviewed one by one through `reviewClaim` (the record read, the
 *    law explained with its trace, the decision stored, the claim moved on), beside the
 *    hand-written limit: the same sickness benefits computed by a hand-written formula from the
 *    same record read in one query.
 *
 * Scale: about 313,000 public pensioners in 2015 (REFERENCE.md, "Pensioners before private-sector
 * pension"), growing since, plus the first private-sector pensions; the default 400,000
 * pensioners of four kinds (old age, invalidity, survivors, employment injury) is an assumption
 * of the same order. Open short-term claims per month (sickness, maternity, childbirth, injury):
 * 100,000 by default, an assumption. The set-up is bulk SQL and not timed.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { migrateToLatest } from '../db/migrate.js';
import { type Database, openDatabase } from '../db/open-database.js';
import { reviewClaim } from '../fund/benefits/claims.js';
import { lawNumber } from '../fund/law-value.js';
import { checkLedger } from '../fund/ledger/check-ledger.js';
import { bankPaymentFile, reconcileBankReturn } from '../fund/payments/bank-files.js';
import { runBenefitPayments } from '../fund/payments/run-benefit-payments.js';
import { forEachConcurrently } from '../fund/run-month.js';
import { round3, withScratchPglite, withScratchPostgres } from './scratch-database.js';

export interface BenchBenefitsOptions {
  pensioners: number;
  claims: number;
  /** Claims decided one by one for the throughput figure. */
  decisions: number;
  postgresUrl?: string;
  pglite?: boolean;
  onProgress?: (message: string) => void;
}

export interface BenefitsBackendResult {
  backend: 'postgres' | 'pglite';
  run_seconds: number;
  dues: number;
  instructions: number;
  rows_per_second: number;
  bank_file_seconds: number;
  reconcile_seconds: number;
  ledger_ok: boolean;
  decisions: number;
  decision_seconds: number;
  decisions_per_second: number;
  hand_written_seconds: number;
  hand_written_per_second: number;
}

export interface BenchBenefitsResult {
  pensioners: number;
  claims: number;
  month: string;
  results: BenefitsBackendResult[];
  copy?: { rows: number; seconds: number; rows_per_second: number };
  ratio_run_vs_copy?: number;
  peak_rss_mib: number;
}

const MONTH = '2026-01';
const TODAY = '2026-01-28';

/** Pensions in payment, claims approved, and claims awaiting a decision, in bulk. */
async function setUp(database: Database, o: BenchBenefitsOptions): Promise<void> {
  await migrateToLatest(database.db);
  const n = o.pensioners;
  const m = o.claims;
  const k = o.decisions;
  await database.db.transaction().execute(async (trx) => {
    await sql`insert into member (member_id, merge_run_id, person_id)
              select g, null, null from generate_series(1, ${n + m + k}::bigint) g`.execute(trx);
    await sql`insert into member_payee (member_id, bank, account_no, account_name, updated_by)
              select g, (array['ACLEDA', 'ABA', 'Wing', 'Canadia'])[1 + g % 4], lpad(g::text, 12, '0'),
                     'Member ' || g, 'bench'
                from generate_series(1, ${n + m}::bigint) g`.execute(trx);
    await sql`insert into price_index (month, cpi, reference) values
              ('2025-01', 100, 'bench'), ('2026-01', 103, 'bench')`.execute(trx);
    // Four kinds of pension, inputs spread like a real book: months 12..480, wages 400,000..2,000,000.
    await sql`
      insert into entitlement (member_id, claim_id, variable, branch, inputs, start_month, due_through)
      select g, g, v.variable, v.branch,
             jsonb_build_object(
               'age', 60 + g % 25,
               'contribution_months', 12 + (g * 7) % 469,
               'pension_contribution_months_before_invalidity', 60 + (g * 7) % 400,
               'pension_reference_wage', 400000 + (g * 7919) % 1600000,
               'average_contributory_wage_6m', 400000 + (g * 7919) % 1600000,
               'pension_cpi_at_award', 100, 'pension_cpi_current', 100,
               'invalidity_recognised', true, 'invalidity_onset_age', 45 + g % 14,
               'is_deceased', v.variable = 'survivors_pension', 'has_surviving_spouse', true,
               'surviving_children', g % 3, 'incapacity_degree', 0.2 + (g % 8) / 10.0),
             '2025-06', '2025-12'
        from generate_series(1, ${n}::bigint) g
        join (values (0, 'old_age_pension', 'old_age'), (1, 'old_age_pension', 'old_age'),
                     (2, 'old_age_pension', 'old_age'), (3, 'old_age_pension', 'old_age'),
                     (4, 'old_age_pension', 'old_age'), (5, 'old_age_pension', 'old_age'),
                     (6, 'old_age_pension', 'old_age'), (7, 'invalidity_pension', 'invalidity'),
                     (8, 'survivors_pension', 'survivors'),
                     (9, 'employment_injury_permanent_pension', 'employment_injury')) as v (r, variable, branch)
          on v.r = g % 10`.execute(trx);
    await sql`
      insert into claim (member_id, variable, month, event_date, facts, evidence, status, amount, decided_by,
                         approved_by, submitted_by)
      select g, (array['sickness_benefit', 'maternity_benefit', 'childbirth_allowance',
                       'employment_injury_temporary_benefit'])[1 + g % 4],
             ${MONTH}, date '2026-01-05', '{}'::jsonb, '[]'::jsonb, 'approved',
             to_jsonb(50000 + (g * 7919) % 2000000), 'bench', 'bench', 'bench'
        from generate_series(${n + 1}::bigint, ${n + m}::bigint) g`.execute(trx);
    // Claims to decide: twelve months of record each, a sickness spell of 10 days.
    await sql`
      insert into insurance_record (member_id, month, employer_id, declaration_id, wage_khr, contributory_wage,
                                    employment_injury, health, pension, self_employed_health)
      select g, to_char(date '2025-01-01' + (i || ' month')::interval, 'YYYY-MM'), 1, 1,
             400000 + (g * 7919) % 1600000, 400000 + (g * 7919) % 800000, true, true, true, false
        from generate_series(${n + m + 1}::bigint, ${n + m + k}::bigint) g, generate_series(0, 11) i`.execute(
      trx,
    );
    await sql`
      insert into claim (member_id, variable, month, event_date, facts, evidence, status, submitted_by)
      select g, 'sickness_benefit', ${MONTH}, date '2026-01-05', '{"sickness_days": 10}'::jsonb,
             '[{"kind": "medical_certificate", "reference": "bench"}]'::jsonb, 'submitted', 'bench'
        from generate_series(${n + m + 1}::bigint, ${n + m + k}::bigint) g`.execute(trx);
  });
  await sql`analyze`.execute(database.db);
}

async function runBackend(
  backend: 'postgres' | 'pglite',
  open: () => Promise<Database>,
  o: BenchBenefitsOptions,
  progress: (m: string) => void,
): Promise<BenefitsBackendResult> {
  const database = await open();
  try {
    progress(
      `${backend}: setting up ${o.pensioners.toLocaleString('en')} pensions, ${o.claims.toLocaleString('en')} approved claims and ${o.decisions.toLocaleString('en')} claims to decide (not timed)`,
    );
    await setUp(database, o);

    progress(`${backend}: payment run ${MONTH}`);
    let t = performance.now();
    const run = await runBenefitPayments(database, MONTH, { actor: 'bench', today: TODAY });
    const runSeconds = (performance.now() - t) / 1000;
    progress(`${backend}: ${run.dues} dues, ${run.instructions} instructions in ${runSeconds.toFixed(1)} s`);

    t = performance.now();
    const file = await bankPaymentFile(database, run.runId);
    const fileSeconds = (performance.now() - t) / 1000;
    const lines = file.trimEnd().split('\n').slice(1);
    const returned = [
      'instruction_key,amount_khr,status,settled_on,bank_reference,reason',
      ...lines.map((l) => {
        const [key, , , , , amount] = l.split(',');
        return `${key},${amount},paid,${TODAY},B-${key},`;
      }),
    ].join('\n');
    progress(`${backend}: reconciling ${lines.length.toLocaleString('en')} paid rows`);
    t = performance.now();
    await reconcileBankReturn(database, returned, { actor: 'bench', file: 'bench-return.csv', today: TODAY });
    const reconcileSeconds = (performance.now() - t) / 1000;
    // The benefit side: the set-up's insurance records have no declarations behind them.
    const check = await checkLedger(database, { only: 'benefits' });

    progress(`${backend}: deciding ${o.decisions.toLocaleString('en')} claims through reviewClaim`);
    const first = o.pensioners + o.claims + 1;
    const ids = await database.db
      .selectFrom('claim')
      .select(['member_id', 'claim_id'])
      .where('status', '=', 'submitted')
      .where('member_id', '>=', first)
      .execute();
    t = performance.now();
    await forEachConcurrently(ids, backend === 'postgres' ? 4 : 1, async (c) => {
      await reviewClaim(database, Number(c.member_id), Number(c.claim_id), {
        username: 'bench',
        role: 'fund_officer',
      });
    });
    const decisionSeconds = (performance.now() - t) / 1000;

    // The hand-written limit: the same record read in one query, the same formula by hand.
    t = performance.now();
    const hand = await handWrittenSickness(database, first, o.decisions);
    const handSeconds = (performance.now() - t) / 1000;
    const decided = await database.db
      .selectFrom('claim')
      .select(['member_id', 'amount'])
      .where('member_id', '>=', first)
      .execute();
    for (const d of decided)
      if (d.amount !== hand.get(Number(d.member_id)))
        throw new Error(
          `bench benefits: member ${d.member_id}: reviewClaim decided ${JSON.stringify(d.amount)}, the hand-written formula ${hand.get(Number(d.member_id))}`,
        );
    const rows = run.dues + run.instructions;
    return {
      backend,
      run_seconds: round3(runSeconds),
      dues: run.dues,
      instructions: run.instructions,
      rows_per_second: Math.round(rows / runSeconds),
      bank_file_seconds: round3(fileSeconds),
      reconcile_seconds: round3(reconcileSeconds),
      ledger_ok: check.ok,
      decisions: ids.length,
      decision_seconds: round3(decisionSeconds),
      decisions_per_second: Math.round(ids.length / decisionSeconds),
      hand_written_seconds: round3(handSeconds),
      hand_written_per_second: Math.round(ids.length / handSeconds),
    };
  } finally {
    await database.close();
  }
}

/**
 * Sickness benefit by hand: 70 % of the 6-month average contributory wage ÷ 30, rounded to the
 * riel, times the 10 days claimed (the claims do not say the spell began in the month, so no
 * waiting days; twelve months of record meet the health conditions) (REFERENCE.md §2.6, B2.1).
 * The parameters are read from the law, the formula is written here independently of it.
 */
async function handWrittenSickness(
  database: Database,
  first: number,
  count: number,
): Promise<Map<number, number>> {
  const on = `${MONTH}-01`;
  const rate = lawNumber('nssf.benefits.health.sickness.rate', on).value;
  const divisor = lawNumber('nssf.benefits.daily_wage_divisor', on).value;
  const { rows } = await sql<{ member_id: number; average: number }>`
    select member_id, round(avg(w))::float8 as average from (
      select member_id, month, sum(contributory_wage) as w from insurance_record
       where member_id between ${first} and ${first + count - 1} and month between '2025-07' and '2025-12'
       group by member_id, month) m
     group by member_id`.execute(database.db);
  const out = new Map<number, number>();
  for (const r of rows) {
    const daily = Math.round((Number(r.average) / divisor) * rate);
    out.set(Number(r.member_id), daily * 10);
  }
  return out;
}

/** The limit: as many due and instruction rows, by plain COPY into like tables. */
async function copyLimit(url: string, dues: number, instructions: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create table bench_due (like benefit_due)');
    await client.query('create table bench_payment (like benefit_payment)');
    const rows = function* (count: number, line: (i: number) => string): Generator<string> {
      let batch: string[] = [];
      for (let i = 1; i <= count; i++) {
        batch.push(line(i));
        if (batch.length === 10_000) {
          yield batch.join('');
          batch = [];
        }
      }
      if (batch.length > 0) yield batch.join('');
    };
    const t = performance.now();
    await client.query('begin');
    await pipeline(
      Readable.from(
        rows(dues, (i) => `${i}\t${i}\t${i}\t\\N\t${MONTH}\told_age_pension\told_age\t${100_000 + i}\t1\n`),
      ),
      client.query(copyFrom('copy bench_due from stdin')),
    );
    await pipeline(
      Readable.from(
        rows(
          instructions,
          (i) =>
            `${i}\t${i}\t${i}\t1\t1\tSMK-${i}-${i}-1\t${100_000 + i}\tACLEDA\t${String(i).padStart(12, '0')}\tMember ${i}\tinstructed\t\\N\t\\N\t\\N\n`,
        ),
      ),
      client.query(copyFrom('copy bench_payment from stdin')),
    );
    await client.query('commit');
    const seconds = (performance.now() - t) / 1000;
    const total = dues + instructions;
    return { rows: total, seconds: round3(seconds), rows_per_second: Math.round(total / seconds) };
  } finally {
    await client.end();
  }
}

export async function benchBenefits(options: BenchBenefitsOptions): Promise<BenchBenefitsResult> {
  const progress = options.onProgress ?? (() => {});
  const results: BenefitsBackendResult[] = [];
  let copy: BenchBenefitsResult['copy'];
  if (options.postgresUrl)
    await withScratchPostgres(options.postgresUrl, async (url) => {
      const r = await runBackend('postgres', () => openDatabase({ url }), options, progress);
      results.push(r);
      progress('postgres: plain COPY of as many rows (the limit)');
      copy = await copyLimit(url, r.dues, r.instructions);
    });
  else
    progress(
      'PostgreSQL skipped: set DATABASE_URL to a server where databases can be created (scripts/ensure-postgres.sh prints one)',
    );
  if (options.pglite)
    await withScratchPglite(async (dataDir) => {
      results.push(await runBackend('pglite', () => openDatabase({ dataDir }), options, progress));
    });
  const postgres = results.find((r) => r.backend === 'postgres');
  return {
    pensioners: options.pensioners,
    claims: options.claims,
    month: MONTH,
    results,
    ...(copy ? { copy } : {}),
    ...(copy && postgres
      ? { ratio_run_vs_copy: round3(postgres.rows_per_second / copy.rows_per_second) }
      : {}),
    peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

export function formatBenefitsBench(r: BenchBenefitsResult): string {
  const out = [
    `Benefits benchmark: payment run ${r.month} for ${r.pensioners.toLocaleString('en')} pensions and ${r.claims.toLocaleString('en')} approved one-off claims`,
  ];
  for (const b of r.results) {
    const name = b.backend === 'postgres' ? 'PostgreSQL' : 'PGlite';
    out.push(
      `  ${name}: run ${b.run_seconds.toFixed(1)} s (${b.dues.toLocaleString('en')} dues + ${b.instructions.toLocaleString('en')} instructions, ${b.rows_per_second.toLocaleString('en')} rows/s); bank file ${b.bank_file_seconds.toFixed(1)} s; reconciliation ${b.reconcile_seconds.toFixed(1)} s; ledger ${b.ledger_ok ? 'balanced' : 'CHECK FAILED'}`,
      `  ${name}: ${b.decisions.toLocaleString('en')} claims decided through reviewClaim in ${b.decision_seconds.toFixed(1)} s (${b.decisions_per_second.toLocaleString('en')}/s); hand-written formula over the same record ${b.hand_written_seconds.toFixed(2)} s (${b.hand_written_per_second.toLocaleString('en')}/s); ratio ${(b.decisions_per_second / b.hand_written_per_second).toFixed(4)}x`,
    );
  }
  if (r.copy)
    out.push(
      `  plain COPY of ${r.copy.rows.toLocaleString('en')} rows into PostgreSQL (the limit): ${r.copy.seconds.toFixed(1)} s (${r.copy.rows_per_second.toLocaleString('en')} rows/s)`,
    );
  if (r.ratio_run_vs_copy !== undefined)
    out.push(`  payment run on PostgreSQL / plain COPY: ${r.ratio_run_vs_copy.toFixed(2)}x the rate`);
  out.push(`  peak RSS: ${r.peak_rss_mib.toLocaleString('en')} MiB`);
  return out.join('\n');
}
