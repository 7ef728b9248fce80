/**
 * @module fund/load-synthetic-contributors
 * Fills the fund with the contributors of a synthetic Cambodia (`samaki synth`): the private
 * employers registered with the NSSF (enterprises and value-chain leads, with their
 * subcontractors' leads), their workers as members, and the employment links active in the
 * months asked for; then `syntheticDeclarations` gives each employer's declaration for a month,
 * wages as the careers say. `samaki start` and `samaki bench fund` use it so there is something
 * to declare; in production the same tables fill through registration (`src/registry`).
 *
 * It loads in bulk (COPY), not through `registerEmployer`/`registerWorker`: this is set-up data
 * for a demonstration or a benchmark, at up to 2.6 million workers, and the registration rules
 * (deadlines, late flags) are taken from the generator's own dates. One audit row records it.
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { sql } from 'kysely';
import { bulkInsert } from '../db/bulk-insert.js';
import type { Database } from '../db/open-database.js';
import { writeAudit } from '../db/write-audit.js';
import { SamakiError } from '../kernel/errors.js';
import { monthEnd } from '../kernel/period.js';
import { employerNumber } from '../registry/employer-number.js';
import { SECTOR } from '../synth/world.js';
import type { DeclarationLineInput } from './declarations/receive-declaration.js';
import { addDays, lawNumber } from './law-value.js';

/** The generator's sector codes (`SECTOR`), named as the fund names sectors (snake_case). */
const SECTOR_NAMES: readonly string[] = Object.entries(SECTOR)
  .sort(([, a], [, b]) => a - b)
  .map(([name]) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

export interface SyntheticContributors {
  employers: number;
  members: number;
  employments: number;
}

const q = (path: string) => `'${path.replaceAll("'", "''")}'`;

/** YYYYMM integer → YYYY-MM. */
const monthText = (ym: number) => `${Math.floor(ym / 100)}-${String(ym % 100).padStart(2, '0')}`;

function lastDay(ym: number): string {
  const y = Math.floor(ym / 100);
  const m = ym % 100;
  return `${monthText(ym)}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

async function withDuckDb<T>(work: (run: (query: string) => Promise<unknown[][]>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    return await work(async (query) => (await connection.runAndReadAll(query)).getRows() as unknown[][]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/**
 * Loads the employers registered with the NSSF and the private employments active in any month of
 * [fromMonth, toMonth] (YYYY-MM). Refuses a database that already holds employers.
 */
export async function loadSyntheticContributors(
  database: Database,
  dir: string,
  options: { fromMonth: string; toMonth: string; actor: string; onProgress?: (message: string) => void },
): Promise<SyntheticContributors> {
  const progress = options.onProgress ?? (() => {});
  const from = Number(options.fromMonth.replace('-', ''));
  const to = Number(options.toMonth.replace('-', ''));
  const existing = await database.db
    .selectFrom('employer')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0)
    throw new SamakiError('employer_invalid', {
      reason: `the fund already holds ${existing.n} employers; load a synthetic Cambodia into an empty fund only`,
    });

  progress(`reading the synthetic employers and careers in ${dir}`);
  const { employers, employments } = await withDuckDb(async (run) => {
    const employers = await run(`
      SELECT e.employer_id, r.name, e.sector, e.province, e.is_value_chain_lead, e.lead_employer_id,
             e.start_year::INTEGER * 100 + e.start_month AS start_ym,
             e.nssf_registered_year::INTEGER * 100 + e.nssf_registered_month AS registered_ym
        FROM read_parquet(${q(join(dir, 'employers.parquet'))}) e
        JOIN read_parquet(${q(join(dir, 'employers_registry.parquet'))}) r USING (employer_id)
       WHERE e.nssf_registered_year IS NOT NULL AND e.ministry = 0
         AND e.nssf_registered_year::INTEGER * 100 + e.nssf_registered_month <= ${to}
         AND (e.end_year IS NULL OR e.end_year::INTEGER * 100 + e.end_month >= ${from})
       ORDER BY e.employer_id`);
    const employments = await run(`
      SELECT c.employer_id, c.person_id, c.sector, c.start_ym, c.end_ym
        FROM read_parquet(${q(join(dir, 'careers.parquet'))}) c
        JOIN read_parquet(${q(join(dir, 'employers.parquet'))}) e USING (employer_id)
       WHERE c.kind = 1 AND e.nssf_registered_year IS NOT NULL AND e.ministry = 0
         AND c.start_ym <= ${to} AND c.end_ym >= ${from}
       ORDER BY c.employer_id, c.person_id, c.start_ym`);
    return { employers, employments };
  }).catch((error: unknown) => {
    throw new SamakiError('synth_no_data', {
      dir,
      reason: String((error as Error).message ?? error).split('\n')[0],
    });
  });

  const known = new Set(employers.map((e) => Number(e[0])));
  const employerDeadline = lawNumber('nssf.registration.employer_deadline_days', '2025-01-01').value;
  const workerDeadline = lawNumber('nssf.registration.worker_deadline_days', '2025-01-01').value;
  const persons = new Set<number>();
  let loadedEmployments = 0;
  await database.db.transaction().execute(async (trx) => {
    progress(`loading ${employers.length.toLocaleString('en')} employers`);
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
        'province',
        'lead_employer_id',
        'started_on',
        'registered_on',
        'registration_deadline',
        'late_registration',
      ],
      employers.map((e) => {
        const id = Number(e[0]);
        const started = `${monthText(Number(e[6]))}-01`;
        const registered = `${monthText(Math.max(Number(e[7]), Number(e[6])))}-01`;
        const deadline = addDays(started, employerDeadline);
        const lead = e[5] === null ? null : Number(e[5]);
        return [
          id,
          employerNumber(id),
          Number(e[4]) === 1 ? 'value_chain_lead' : 'enterprise',
          String(e[1]),
          SECTOR_NAMES[Number(e[2])] ?? 'other',
          Number(e[3]),
          lead !== null && known.has(lead) ? lead : null,
          started,
          registered,
          deadline,
          registered > deadline,
        ];
      }),
    );
    progress(`loading the workers of ${employers.length.toLocaleString('en')} employers`);
    // One member per person, numbered in the order met; members already linked to the person
    // (an earlier load) keep their number.
    const { rows: before } = await sql<{
      max: number | null;
    }>`select max(member_id)::float8 as max from member`.execute(trx);
    let next = Number(before[0]?.max ?? 0) + 1;
    const memberOf = new Map<number, number>();
    const memberRows: (number | null)[][] = [];
    const employmentRows: (string | number | boolean | null)[][] = [];
    for (const c of employments) {
      const employerId = Number(c[0]);
      if (!known.has(employerId)) continue;
      const personId = Number(c[1]);
      let memberId = memberOf.get(personId);
      if (memberId === undefined) {
        memberId = next++;
        memberOf.set(personId, memberId);
        memberRows.push([memberId, null, personId]);
        persons.add(personId);
      }
      const start = `${monthText(Number(c[3]))}-01`;
      const end = Number(c[4]) >= to ? null : lastDay(Number(c[4]));
      const deadline = addDays(start, workerDeadline);
      employmentRows.push([
        employerId,
        memberId,
        'wage',
        SECTOR_NAMES[Number(c[2])] ?? 'other',
        start,
        end,
        start,
        deadline,
        false,
      ]);
    }
    await bulkInsert(trx, database.kind, 'member', ['member_id', 'merge_run_id', 'person_id'], memberRows);
    loadedEmployments = await bulkInsert(
      trx,
      database.kind,
      'employment',
      [
        'employer_id',
        'member_id',
        'kind',
        'sector',
        'start_date',
        'end_date',
        'registered_on',
        'registration_deadline',
        'late_registration',
      ],
      employmentRows,
    );
    // Registration through the services continues after the loaded identifiers.
    await sql`select setval(pg_get_serial_sequence('employer', 'employer_id'), (select max(employer_id) from employer))`.execute(
      trx,
    );
    await sql`select setval(pg_get_serial_sequence('member', 'member_id'), greatest((select max(member_id) from member), 1))`.execute(
      trx,
    );
    await writeAudit(trx, {
      actor: options.actor,
      action: 'load',
      entity: 'fund',
      entityId: `synthetic ${dir}`,
      after: {
        employers: employers.length,
        members: memberRows.length,
        employments: loadedEmployments,
        from: options.fromMonth,
        to: options.toMonth,
      },
    });
  });
  return { employers: employers.length, members: persons.size, employments: loadedEmployments };
}

export interface SyntheticDeclaration {
  employerId: number;
  month: string;
  lines: DeclarationLineInput[];
}

/**
 * Each employer's declaration for `month`: every member employed in the month with the wage the
 * careers give (interpolated month by month between the spell's first and last wage), in
 * employer order. Reads the careers again, so it works for any loaded month.
 */
export async function syntheticDeclarations(
  database: Database,
  dir: string,
  month: string,
): Promise<SyntheticDeclaration[]> {
  const ym = Number(month.replace('-', ''));
  const rows = await withDuckDb((run) =>
    run(`
      SELECT c.employer_id, c.person_id, c.start_ym, c.end_ym, c.wage_start_khr, c.wage_end_khr
        FROM read_parquet(${q(join(dir, 'careers.parquet'))}) c
       WHERE c.kind = 1 AND c.start_ym <= ${ym} AND c.end_ym >= ${ym}
       ORDER BY c.employer_id, c.person_id`),
  );
  // Members by person, and who is employed where this month, from the fund itself.
  const { rows: links } = await sql<{ employer_id: number; member_id: number; person_id: number }>`
    select e.employer_id::float8 as employer_id, e.member_id::float8 as member_id, m.person_id::float8 as person_id
      from employment e join member m on m.member_id = e.member_id
     where e.start_date <= ${monthEnd(month)}::date and (e.end_date is null or e.end_date >= ${`${month}-01`}::date)`.execute(
    database.db,
  );
  const memberAt = new Map<string, number>();
  for (const l of links) memberAt.set(`${l.employer_id}/${l.person_id}`, Number(l.member_id));
  const out: SyntheticDeclaration[] = [];
  let current: SyntheticDeclaration | undefined;
  const seen = new Set<string>();
  const toIndex = (x: number) => Math.floor(x / 100) * 12 + (x % 100);
  for (const r of rows) {
    const employerId = Number(r[0]);
    const key = `${employerId}/${Number(r[1])}`;
    const memberId = memberAt.get(key);
    if (memberId === undefined || seen.has(key)) continue;
    seen.add(key);
    if (!current || current.employerId !== employerId) {
      current = { employerId, month, lines: [] };
      out.push(current);
    }
    const span = toIndex(Number(r[3])) - toIndex(Number(r[2]));
    const at = toIndex(ym) - toIndex(Number(r[2]));
    const w0 = Number(r[4] ?? 0);
    const w1 = Number(r[5] ?? w0);
    const wage = span > 0 ? w0 + ((w1 - w0) * at) / span : w0;
    current.lines.push({ memberId, wageKhr: Math.max(0, Math.round(wage / 100) * 100) });
  }
  return out;
}
