/**
 * @module fund/declarations/receive-declaration
 * Receives an employer's monthly declaration of wages (from the API as JSON, or from an uploaded
 * XLSX or CSV file already read into lines) and stores it with the contributions the law
 * computes for each line. Every line is validated first; a declaration with any problem is
 * refused whole, naming each problem's line (JSON pointer) or spreadsheet row and column, and
 * nothing is written. A month is declared once; a correction is an amendment: a new version that
 * supersedes the previous one and keeps it.
 *
 * With `post` the declaration is posted in the same transaction (`postDeclaration`): the API does
 * this. Without it, it waits as `received` for `samaki fund run-month`.
 *
 * Idempotency: with a key, the same request again returns the first answer and changes nothing;
 * the same key with a different request is refused.
 */
import { createHash } from 'node:crypto';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import { bulkInsert } from '../../db/bulk-insert.js';
import type { Database } from '../../db/open-database.js';
import {
  type DeclarationSource,
  EMPLOYMENT_KINDS,
  type EmploymentKind,
  type Schema,
} from '../../db/schema.js';
import { writeAudit } from '../../db/write-audit.js';
import { type InputProblem, SamakiError } from '../../kernel/errors.js';
import { monthEnd, parsePeriod } from '../../kernel/period.js';
import { computeContributions } from '../compute-contributions.js';
import { columnLetter } from '../declaration-file/cell-address.js';
import { DECLARATION_COLUMNS, type DeclarationColumnKey } from '../declaration-file/declaration-template.js';
import { withIdempotency } from '../idempotency.js';
import { postDeclaration } from './post-declaration.js';

export interface DeclarationLineInput {
  memberId: number;
  wageKhr: number;
  /** Part of the wage paid in US dollars, in cents. */
  wageUsdCents?: number;
  daysWorked?: number | null;
  /** Default: the kind of the member's employment with this employer. */
  employmentKind?: EmploymentKind;
  /** The spreadsheet row the line came from, so problems can name it. */
  row?: number;
}

export interface ReceiveDeclarationInput {
  employerId: number;
  month: string;
  lines: readonly DeclarationLineInput[];
  /** For lines read from a spreadsheet: the column letter of each template column, by key. */
  fileColumns?: Partial<Record<string, string>>;
  source: DeclarationSource;
  /** Amend this declaration (the current version of the month) instead of declaring anew. */
  amends?: number;
  idempotencyKey?: string;
}

export interface DeclarationReceipt {
  [key: string]: string | number | null;
  declarationId: number;
  employerId: number;
  employerNo: string;
  month: string;
  version: number;
  amends: number | null;
  status: 'received' | 'posted';
  lines: number;
  wageTotal: number;
  employerTotal: number;
  workerTotal: number;
  total: number;
  lawVersion: string;
  parameterHash: string;
}

/** Each line field's template column, and its letter in the template's order. */
const FIELD_COLUMN: Readonly<Record<string, DeclarationColumnKey>> = {
  memberId: 'member_no',
  wageKhr: 'wage_khr',
  wageUsdCents: 'wage_usd',
  daysWorked: 'days_worked',
  employmentKind: 'employment_kind',
};
const FILE_COLUMNS: Readonly<Record<string, { key: string; letter: string }>> = Object.fromEntries(
  Object.entries(FIELD_COLUMN).map(([field, key]) => [
    field,
    { key, letter: columnLetter(DECLARATION_COLUMNS.findIndex((c) => c.key === key)) },
  ]),
);

const MAX_PROBLEMS = 1000;

export async function receiveDeclaration(
  database: Database,
  input: ReceiveDeclarationInput,
  options: { actor: string; today: string; post?: boolean },
): Promise<DeclarationReceipt> {
  const operation = input.amends === undefined ? 'declare' : 'amend';
  return database.db
    .transaction()
    .execute((trx) =>
      withIdempotency(
        trx,
        { employerId: input.employerId, key: input.idempotencyKey, operation, request: requestOf(input) },
        () => receiveInTransaction(trx, database.kind, input, options),
      ),
    );
}

function requestOf(input: ReceiveDeclarationInput): string {
  const canonical = JSON.stringify([
    input.employerId,
    input.month,
    input.amends ?? null,
    input.lines.map((l) => [
      l.memberId,
      l.wageKhr,
      l.wageUsdCents ?? 0,
      l.daysWorked ?? null,
      l.employmentKind ?? null,
    ]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

async function receiveInTransaction(
  trx: Transaction<Schema>,
  kind: Database['kind'],
  input: ReceiveDeclarationInput,
  options: { actor: string; today: string; post?: boolean },
): Promise<DeclarationReceipt> {
  const { employerId, month } = input;
  const period = parsePeriod(month);
  if (period.unit !== 'month') throw new SamakiError('period_bad', { value: month });
  const monthStart = `${month}-01`;
  const lastDay = monthEnd(month);

  const employer = await trx
    .selectFrom('employer')
    .select(['employer_no', 'kind', 'started_on', 'closed_on'])
    .where('employer_id', '=', employerId)
    .executeTakeFirst();
  if (!employer) throw new SamakiError('employer_not_found', { id: employerId });
  const refuse = (problems: InputProblem[]): SamakiError =>
    new SamakiError(
      'declaration_invalid',
      { employerNo: employer.employer_no, month, count: problems.length, first: problems[0]!.message },
      { problems: problems.slice(0, MAX_PROBLEMS) },
    );
  if (month > options.today.slice(0, 7))
    throw refuse([
      {
        pointer: '/month',
        code: 'month_in_future',
        message: `${month} has not begun; declare a month once it has started`,
      },
    ]);

  // The version this declaration will be.
  const current = await trx
    .selectFrom('declaration')
    .select(['declaration_id', 'version', 'status'])
    .where('employer_id', '=', employerId)
    .where('month', '=', month)
    .where('status', '<>', 'superseded')
    .forUpdate()
    .executeTakeFirst();
  if (input.amends === undefined && current)
    throw new SamakiError('declaration_exists', {
      employerNo: employer.employer_no,
      month,
      id: current.declaration_id,
      version: current.version,
    });
  if (input.amends !== undefined) {
    if (!current || current.declaration_id !== input.amends) {
      const amended = await trx
        .selectFrom('declaration')
        .select(['declaration_id', 'month'])
        .where('employer_id', '=', employerId)
        .where('declaration_id', '=', input.amends)
        .executeTakeFirst();
      if (!amended || amended.month !== month)
        throw new SamakiError('declaration_not_found', {
          id: input.amends,
          employerNo: employer.employer_no,
        });
      throw new SamakiError('declaration_superseded', {
        id: input.amends,
        current: current?.declaration_id ?? '?',
        version: current?.version ?? '?',
      });
    }
  }

  // Who may be declared this month: the employer's workers employed at some point in it.
  const employed = new Map<number, EmploymentKind>();
  const rows = await trx
    .selectFrom('employment')
    .select(['member_id', 'kind'])
    .where('employer_id', '=', employerId)
    .where('start_date', '<=', dateValue(lastDay))
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', dateValue(monthStart))]))
    .execute();
  for (const r of rows) employed.set(Number(r.member_id), r.kind);
  // Members merged into another by a review decision are declared under their current number.
  const unknown = [...new Set(input.lines.map((l) => l.memberId).filter((m) => !employed.has(m)))].filter(
    (m) => Number.isSafeInteger(m) && m > 0,
  );
  const mergedInto = new Map<number, number>();
  if (unknown.length > 0) {
    const merged = await trx
      .selectFrom('member')
      .select(['member_id', 'merged_into'])
      .where('member_id', 'in', unknown)
      .where('merged_into', 'is not', null)
      .execute();
    for (const m of merged) mergedInto.set(Number(m.member_id), Number(m.merged_into));
  }

  const problems: InputProblem[] = [];
  const problem = (i: number, field: string, code: string, message: string): void => {
    const line = input.lines[i]!;
    const column = FILE_COLUMNS[field];
    problems.push({
      pointer: `/lines/${i}/${field}`,
      ...(line.row !== undefined && column
        ? {
            row: line.row,
            column: column.key,
            cell: `${input.fileColumns?.[column.key] ?? column.letter}${line.row}`,
          }
        : {}),
      code,
      message: `${line.row !== undefined ? `row ${line.row}` : `line ${i + 1}`}: ${message}`,
    });
  };
  const seen = new Map<number, number>();
  const resolved: {
    memberId: number;
    kind: EmploymentKind;
    wageKhr: number;
    wageUsdCents: number;
    daysWorked: number | null;
  }[] = [];
  let needsRate = false;
  input.lines.forEach((line, i) => {
    if (problems.length >= MAX_PROBLEMS) return;
    let memberId = line.memberId;
    if (!Number.isSafeInteger(memberId) || memberId <= 0) {
      problem(i, 'memberId', 'member_no_invalid', `"${memberId}" is not a member number`);
      return;
    }
    memberId = mergedInto.get(memberId) ?? memberId;
    const employment = employed.get(memberId);
    if (employment === undefined) {
      problem(
        i,
        'memberId',
        'member_not_employed',
        `member ${line.memberId} is not registered as employed by ${employer.employer_no} in ${month}; register the worker first, or correct the number`,
      );
      return;
    }
    const first = seen.get(memberId);
    if (first !== undefined) {
      const at =
        input.lines[first]!.row !== undefined ? `row ${input.lines[first]!.row}` : `line ${first + 1}`;
      problem(
        i,
        'memberId',
        'member_twice',
        `member ${line.memberId} is declared twice (also on ${at}); declare each worker once with the month's total wage`,
      );
      return;
    }
    seen.set(memberId, i);
    const kind = line.employmentKind ?? employment;
    if (!EMPLOYMENT_KINDS.includes(kind)) {
      problem(
        i,
        'employmentKind',
        'employment_kind_invalid',
        `"${kind}" is not one of ${EMPLOYMENT_KINDS.join(', ')}`,
      );
      return;
    }
    if (!Number.isSafeInteger(line.wageKhr) || line.wageKhr < 0) {
      problem(
        i,
        'wageKhr',
        'wage_invalid',
        `the wage in riel must be a whole number of riel, 0 or more (got ${line.wageKhr})`,
      );
      return;
    }
    const usd = line.wageUsdCents ?? 0;
    if (!Number.isSafeInteger(usd) || usd < 0) {
      problem(
        i,
        'wageUsdCents',
        'wage_usd_invalid',
        `the wage in US dollars must be 0 or more, in cents (got ${usd})`,
      );
      return;
    }
    if (
      line.daysWorked != null &&
      !(Number.isInteger(line.daysWorked) && line.daysWorked >= 0 && line.daysWorked <= 31)
    ) {
      problem(
        i,
        'daysWorked',
        'days_worked_invalid',
        `days worked must be a whole number from 0 to 31 (got ${line.daysWorked})`,
      );
      return;
    }
    if (kind === 'self_employed' && (line.wageKhr > 0 || usd > 0)) {
      problem(
        i,
        'wageKhr',
        'self_employed_wage',
        'a self-employed member pays a flat contribution: declare a wage of 0',
      );
      return;
    }
    if (usd > 0) needsRate = true;
    resolved.push({
      memberId,
      kind,
      wageKhr: line.wageKhr,
      wageUsdCents: usd,
      daysWorked: line.daysWorked ?? null,
    });
  });
  if (problems.length > 0) throw refuse(problems);

  let rielPerUsd: number | null = null;
  if (needsRate) {
    const rate = await trx
      .selectFrom('exchange_rate')
      .select('riel_per_usd')
      .where('month', '=', month)
      .executeTakeFirst();
    if (!rate) throw new SamakiError('exchange_rate_missing', { month });
    rielPerUsd = rate.riel_per_usd;
  }

  // A self-employed member contributes only while affiliated to their health scheme.
  const affiliated = new Set<number>();
  if (employer.kind === 'self_employed') {
    const open = await trx
      .selectFrom('self_employed_affiliation')
      .select('member_id')
      .where('employer_id', '=', employerId)
      .where('started_on', '<=', dateValue(lastDay))
      .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', dateValue(monthStart))]))
      .execute();
    for (const a of open) affiliated.add(Number(a.member_id));
  }

  const c = computeContributions(
    month,
    resolved.map((l) => ({
      wageKhr: l.wageKhr,
      wageUsdCents: l.wageUsdCents,
      selfEmployed: l.kind === 'self_employed' && affiliated.has(l.memberId),
    })),
    rielPerUsd,
  );
  let wageTotal = 0;
  let employerTotal = 0;
  let workerTotal = 0;
  for (let i = 0; i < c.count; i++) {
    wageTotal += c.wageInRiel[i]!;
    employerTotal += c.employmentInjury[i]! + c.healthEmployer[i]! + c.pensionEmployer[i]!;
    workerTotal += c.healthWorker[i]! + c.pensionWorker[i]! + c.selfEmployedHealth[i]!;
  }

  const version = input.amends === undefined ? 1 : current!.version + 1;
  if (current) {
    await trx
      .updateTable('declaration')
      .set({ status: 'superseded' })
      .where('employer_id', '=', employerId)
      .where('declaration_id', '=', current.declaration_id)
      .execute();
  }
  const { declaration_id: declarationId } = await trx
    .insertInto('declaration')
    .values({
      employer_id: employerId,
      month,
      version,
      amends_id: input.amends ?? null,
      status: 'received',
      source: input.source,
      idempotency_key: input.idempotencyKey ?? null,
      actor: options.actor,
      lines: c.count,
      wage_total: wageTotal,
      employer_total: employerTotal,
      worker_total: workerTotal,
      law_version: c.lawVersion,
      parameter_hash: c.parameterHash,
    })
    .returning('declaration_id')
    .executeTakeFirstOrThrow();

  await bulkInsert(
    trx,
    kind,
    'declaration_line',
    LINE_COLUMNS,
    lineRows(employerId, declarationId, resolved, c),
  );
  await writeAudit(trx, {
    actor: options.actor,
    action: input.amends === undefined ? 'declare' : 'amend',
    entity: 'declaration',
    entityId: `${employerId}/${declarationId}`,
    ...(current
      ? {
          before: {
            declaration_id: current.declaration_id,
            version: current.version,
            status: current.status,
          },
        }
      : {}),
    after: {
      month,
      version,
      lines: c.count,
      wage_total: wageTotal,
      employer_total: employerTotal,
      worker_total: workerTotal,
    },
  });

  let status: 'received' | 'posted' = 'received';
  if (options.post) {
    await postDeclaration(trx, { employerId, declarationId, actor: options.actor });
    status = 'posted';
  }
  return {
    declarationId,
    employerId,
    employerNo: employer.employer_no,
    month,
    version,
    amends: input.amends ?? null,
    status,
    lines: c.count,
    wageTotal,
    employerTotal,
    workerTotal,
    total: employerTotal + workerTotal,
    lawVersion: c.lawVersion,
    parameterHash: c.parameterHash,
  };
}

const LINE_COLUMNS = [
  'employer_id',
  'declaration_id',
  'line_no',
  'member_id',
  'employment_kind',
  'wage_khr',
  'wage_usd_cents',
  'days_worked',
  'contributory_wage',
  'pension_contributory_wage',
  'employment_injury',
  'health_employer',
  'health_worker',
  'pension_employer',
  'pension_worker',
  'self_employed_health',
] as const;

function* lineRows(
  employerId: number,
  declarationId: number,
  lines: readonly {
    memberId: number;
    kind: EmploymentKind;
    wageKhr: number;
    wageUsdCents: number;
    daysWorked: number | null;
  }[],
  c: ReturnType<typeof computeContributions>,
): Generator<(string | number | null)[]> {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    yield [
      employerId,
      declarationId,
      i + 1,
      l.memberId,
      l.kind,
      l.wageKhr,
      l.wageUsdCents,
      l.daysWorked,
      c.contributoryWage[i]!,
      c.pensionContributoryWage[i]!,
      c.employmentInjury[i]!,
      c.healthEmployer[i]!,
      c.healthWorker[i]!,
      c.pensionEmployer[i]!,
      c.pensionWorker[i]!,
      c.selfEmployedHealth[i]!,
    ];
  }
}

/** An ISO date as a SQL date value (date columns read as Date, so compare them with a cast). */
function dateValue(iso: string): RawBuilder<Date> {
  return sql<Date>`${iso}::date`;
}
