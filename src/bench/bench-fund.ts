/**
 * @module bench/bench-fund
 * `samaki bench fund --workers 2600000`: one month of declarations for the whole private sector,
 * posted through the fund's use cases (`receiveDeclaration` per employer, then `runMonth`), on
 * PostgreSQL and on PGlite; and, as the limit in the same run, a plain `COPY` of the same rows
 * into PostgreSQL. Prints rows per second for each and the ratio of the use-case path to COPY,
 * checks the ledger afterwards, and prints peak memory.
 *
 * The employers and workers are set up in bulk first (not timed): 10,000 employers with a
 * long-tailed size distribution (a few garment factories of thousands, many small firms), their
 * workers as members with open employments; wages are log-normal around the garment minimum wage.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { bulkInsert } from '../db/bulk-insert.js';
import { migrateToLatest } from '../db/migrate.js';
import { type Database, openDatabase } from '../db/open-database.js';
import { type DeclarationLineInput, receiveDeclaration } from '../fund/declarations/receive-declaration.js';
import { checkLedger } from '../fund/ledger/check-ledger.js';
import { forEachConcurrently, runMonth } from '../fund/run-month.js';
import { employerNumber } from '../registry/employer-number.js';
import { prng } from './bench-rules.js';
import { round3, withScratchPglite, withScratchPostgres } from './scratch-database.js';

export interface BenchFundOptions {
  workers: number;
  employers?: number;
  /** Admin URL of a PostgreSQL server; a database is created for the run and dropped after. */
  postgresUrl?: string;
  pglite?: boolean;
  seed?: number;
  onProgress?: (message: string) => void;
}

export interface BackendResult {
  backend: 'postgres' | 'pglite';
  lines: number;
  employers: number;
  setup_seconds: number;
  receive_seconds: number;
  post_seconds: number;
  seconds: number;
  rows_per_second: number;
  ledger_ok: boolean;
}

export interface BenchFundResult {
  workers: number;
  employers: number;
  month: string;
  results: BackendResult[];
  copy?: { seconds: number; rows_per_second: number };
  /** Use-case rows/s on PostgreSQL ÷ COPY rows/s. */
  ratio_usecase_vs_copy?: number;
  peak_rss_mib: number;
}

const MONTH = '2025-11';
const TODAY = '2025-12-20';

/** Employer sizes summing to `workers`: Pareto (α 1.1) tails, at least one worker each. */
export function employerSizes(workers: number, employers: number, seed: number): number[] {
  const random = prng(seed);
  const raw = Array.from({ length: employers }, () => Math.min(20_000, 1 / (1 - random()) ** (1 / 1.1)));
  const scale = (workers - employers) / raw.reduce((a, b) => a + b, 0);
  const sizes = raw.map((r) => 1 + Math.floor(r * scale));
  let rest = workers - sizes.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % employers, rest--) sizes[i]!++;
  return sizes;
}

/** Every employer's lines: members numbered consecutively, wages log-normal (median 850,000 riel). */
function declarations(sizes: readonly number[], seed: number): DeclarationLineInput[][] {
  const random = prng(seed + 1);
  let member = 0;
  return sizes.map((size) =>
    Array.from({ length: size }, () => {
      const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      return { memberId: ++member, wageKhr: Math.round((850_000 * Math.exp(0.35 * z)) / 100) * 100 };
    }),
  );
}

/** Employers of the given sizes and their workers (members with open employments), in bulk. */
export async function setUpContributors(database: Database, sizes: readonly number[]): Promise<void> {
  await migrateToLatest(database.db);
  await database.db.transaction().execute(async (trx) => {
    await bulkInsert(
      trx,
      database.kind,
      'employer',
      [
        'employer_id',
        'employer_no',
        'kind',
        'name',
        'sector',
        'started_on',
        'registered_on',
        'registration_deadline',
        'late_registration',
      ],
      sizes.map((_, i) => [
        i + 1,
        employerNumber(i + 1),
        'enterprise',
        `Benchmark employer ${i + 1}`,
        'garment',
        '2020-01-01',
        '2020-01-10',
        '2020-01-31',
        false,
      ]),
    );
    const workers = sizes.reduce((a, b) => a + b, 0);
    await sql`insert into member (member_id, merge_run_id, person_id) select g, null, null from generate_series(1, ${workers}::bigint) g`.execute(
      trx,
    );
    // Employer of member g: the employer whose cumulative size range holds g.
    const bounds = [0];
    for (const s of sizes) bounds.push(bounds[bounds.length - 1]! + s);
    await sql`
      insert into employment (employer_id, member_id, kind, sector, start_date, registered_on, registration_deadline, late_registration)
      select e.employer_id, g, 'wage', 'garment', date '2020-02-01', date '2020-02-02', date '2020-02-04', false
        from unnest(${bounds.slice(0, -1)}::bigint[], ${bounds.slice(1)}::bigint[]) with ordinality as e(lo, hi, employer_id)
        join lateral generate_series(e.lo + 1, e.hi) g on true`.execute(trx);
  });
}

async function runBackend(
  backend: 'postgres' | 'pglite',
  open: () => Promise<Database>,
  sizes: readonly number[],
  lines: readonly DeclarationLineInput[][],
  progress: (m: string) => void,
): Promise<BackendResult> {
  const database = await open();
  try {
    let t = performance.now();
    progress(
      `${backend}: setting up ${sizes.length.toLocaleString('en')} employers and ${lines.reduce((a, l) => a + l.length, 0).toLocaleString('en')} workers (not timed)`,
    );
    await setUpContributors(database, sizes);
    const setupSeconds = (performance.now() - t) / 1000;

    progress(`${backend}: receiving the declarations of ${MONTH} through receiveDeclaration`);
    t = performance.now();
    let count = 0;
    let received = 0;
    // Employers send their declarations independently: several at once, as the API would see them.
    await forEachConcurrently(
      lines.map((_, e) => e),
      backend === 'postgres' ? 4 : 1,
      async (e) => {
        await receiveDeclaration(
          database,
          { employerId: e + 1, month: MONTH, source: 'batch', lines: lines[e]! },
          { actor: 'bench', today: TODAY },
        );
        count += lines[e]!.length;
        if (++received % 2000 === 0)
          progress(`${backend}: received ${received} of ${lines.length} employers`);
      },
    );
    const receiveSeconds = (performance.now() - t) / 1000;
    progress(`${backend}: posting ${MONTH} (samaki fund run-month)`);
    t = performance.now();
    await runMonth(database, MONTH, {
      actor: 'bench',
      onProgress: (done, total) => {
        if (done % 2000 === 0) progress(`${backend}: posted ${done} of ${total} employers`);
      },
    });
    const postSeconds = (performance.now() - t) / 1000;
    progress(`${backend}: checking the ledger`);
    const check = await checkLedger(database);
    const seconds = receiveSeconds + postSeconds;
    return {
      backend,
      lines: count,
      employers: lines.length,
      setup_seconds: round3(setupSeconds),
      receive_seconds: round3(receiveSeconds),
      post_seconds: round3(postSeconds),
      seconds: round3(seconds),
      rows_per_second: Math.round(count / seconds),
      ledger_ok: check.ok,
    };
  } finally {
    await database.close();
  }
}

/** The limit: the same rows, with their contributions, by plain COPY into a like table. */
async function copyLimit(
  url: string,
  lines: readonly DeclarationLineInput[][],
): Promise<{ seconds: number; rows_per_second: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create table bench_copy_line (like declaration_line including all)');
    const rows = function* (): Generator<string> {
      let batch: string[] = [];
      for (let e = 0; e < lines.length; e++) {
        const list = lines[e]!;
        for (let i = 0; i < list.length; i++) {
          const w = list[i]!.wageKhr;
          // The same columns a declaration line stores; contributions as a fixed share stand in
          // for the law (COPY does not compute them), the size of each row is what matters.
          const c = Math.round(w * 0.013);
          batch.push(
            `${e + 1}\t1\t${i + 1}\t${list[i]!.memberId}\twage\t${w}\t0\t\\N\t${w}\t${w}\t${c}\t${c}\t0\t${c}\t${c}\t0\n`,
          );
          if (batch.length === 10_000) {
            yield batch.join('');
            batch = [];
          }
        }
      }
      if (batch.length > 0) yield batch.join('');
    };
    const t = performance.now();
    await client.query('begin');
    await pipeline(Readable.from(rows()), client.query(copyFrom('copy bench_copy_line from stdin')));
    await client.query('commit');
    const seconds = (performance.now() - t) / 1000;
    const count = lines.reduce((a, l) => a + l.length, 0);
    return { seconds: round3(seconds), rows_per_second: Math.round(count / seconds) };
  } finally {
    await client.end();
  }
}

export async function benchFund(options: BenchFundOptions): Promise<BenchFundResult> {
  const progress = options.onProgress ?? (() => {});
  const employers = options.employers ?? Math.max(1, Math.round(options.workers / 260));
  const seed = options.seed ?? 1;
  const sizes = employerSizes(options.workers, employers, seed);
  const lines = declarations(sizes, seed);
  const results: BackendResult[] = [];
  let copy: BenchFundResult['copy'];

  if (options.postgresUrl)
    await withScratchPostgres(options.postgresUrl, async (url) => {
      results.push(await runBackend('postgres', () => openDatabase({ url }), sizes, lines, progress));
      progress('postgres: plain COPY of the same rows (the limit)');
      copy = await copyLimit(url, lines);
    });
  else
    progress(
      'PostgreSQL skipped: set DATABASE_URL to a server where databases can be created (scripts/ensure-postgres.sh prints one)',
    );

  if (options.pglite !== false)
    await withScratchPglite(async (dataDir) => {
      results.push(await runBackend('pglite', () => openDatabase({ dataDir }), sizes, lines, progress));
    });
  const postgres = results.find((r) => r.backend === 'postgres');
  return {
    workers: options.workers,
    employers,
    month: MONTH,
    results,
    ...(copy ? { copy } : {}),
    ...(copy && postgres
      ? { ratio_usecase_vs_copy: round3(postgres.rows_per_second / copy.rows_per_second) }
      : {}),
    peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

export function formatFundBench(r: BenchFundResult): string {
  const out = [
    `Fund benchmark: one month (${r.month}) of declarations, ${r.workers.toLocaleString('en')} workers at ${r.employers.toLocaleString('en')} employers, through the use cases`,
    `  ${'path'.padEnd(40)} ${'receive'.padStart(9)} ${'post'.padStart(9)} ${'total'.padStart(9)} ${'rows/s'.padStart(10)}  ledger`,
  ];
  for (const b of r.results)
    out.push(
      `  ${`use cases on ${b.backend === 'postgres' ? 'PostgreSQL' : 'PGlite'}`.padEnd(40)} ${`${b.receive_seconds.toFixed(1)} s`.padStart(9)} ${`${b.post_seconds.toFixed(1)} s`.padStart(9)} ${`${b.seconds.toFixed(1)} s`.padStart(9)} ${b.rows_per_second.toLocaleString('en').padStart(10)}  ${b.ledger_ok ? 'balanced' : 'CHECK FAILED'}`,
    );
  if (r.copy)
    out.push(
      `  ${'plain COPY into PostgreSQL (the limit)'.padEnd(40)} ${''.padStart(9)} ${''.padStart(9)} ${`${r.copy.seconds.toFixed(1)} s`.padStart(9)} ${r.copy.rows_per_second.toLocaleString('en').padStart(10)}`,
    );
  if (r.ratio_usecase_vs_copy !== undefined)
    out.push(`  use cases on PostgreSQL / plain COPY: ${r.ratio_usecase_vs_copy.toFixed(2)}x the rate`);
  out.push(`  peak RSS: ${r.peak_rss_mib.toLocaleString('en')} MiB`);
  return out.join('\n');
}
