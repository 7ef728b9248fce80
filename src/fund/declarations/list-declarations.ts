/**
 * @module fund/declarations/list-declarations
 * An employer's declarations, newest first with cursor pagination, and one declaration with its
 * lines and the contributions the law computed for each.
 */
import type { Database } from '../../db/open-database.js';
import { SamakiError } from '../../kernel/errors.js';

export interface DeclarationSummary {
  declarationId: number;
  month: string;
  version: number;
  amends: number | null;
  status: string;
  source: string;
  receivedAt: string;
  postedAt: string | null;
  lines: number;
  wageTotal: number;
  employerTotal: number;
  workerTotal: number;
  lawVersion: string | null;
  parameterHash: string | null;
}

export interface DeclarationLineView {
  lineNo: number;
  memberId: number;
  employmentKind: string;
  wageKhr: number;
  wageUsdCents: number;
  daysWorked: number | null;
  contributoryWage: number;
  employmentInjury: number;
  healthEmployer: number;
  healthWorker: number;
  pensionEmployer: number;
  pensionWorker: number;
  selfEmployedHealth: number;
}

const MAX_LIMIT = 200;

export async function listDeclarations(
  database: Database,
  employerId: number,
  page: { cursor?: number; limit?: number } = {},
): Promise<{ items: DeclarationSummary[]; nextCursor: number | null }> {
  const limit = Math.min(Math.max(1, page.limit ?? 50), MAX_LIMIT);
  let query = database.db
    .selectFrom('declaration')
    .selectAll()
    .where('employer_id', '=', employerId)
    .orderBy('declaration_id', 'desc')
    .limit(limit + 1);
  if (page.cursor !== undefined) query = query.where('declaration_id', '<', page.cursor);
  const rows = await query.execute();
  const items = rows.slice(0, limit).map(summaryOf);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.declarationId : null };
}

export async function showDeclaration(
  database: Database,
  employerId: number,
  declarationId: number,
): Promise<{ declaration: DeclarationSummary; lines: DeclarationLineView[] }> {
  const row = await database.db
    .selectFrom('declaration')
    .selectAll()
    .where('employer_id', '=', employerId)
    .where('declaration_id', '=', declarationId)
    .executeTakeFirst();
  if (!row) {
    const employer = await database.db
      .selectFrom('employer')
      .select('employer_no')
      .where('employer_id', '=', employerId)
      .executeTakeFirst();
    throw new SamakiError('declaration_not_found', {
      id: declarationId,
      employerNo: employer?.employer_no ?? String(employerId),
    });
  }
  const lines = await database.db
    .selectFrom('declaration_line')
    .selectAll()
    .where('employer_id', '=', employerId)
    .where('declaration_id', '=', declarationId)
    .orderBy('line_no')
    .execute();
  return {
    declaration: summaryOf(row),
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      memberId: Number(l.member_id),
      employmentKind: l.employment_kind,
      wageKhr: Number(l.wage_khr),
      wageUsdCents: Number(l.wage_usd_cents),
      daysWorked: l.days_worked,
      contributoryWage: Number(l.contributory_wage ?? 0),
      employmentInjury: Number(l.employment_injury ?? 0),
      healthEmployer: Number(l.health_employer ?? 0),
      healthWorker: Number(l.health_worker ?? 0),
      pensionEmployer: Number(l.pension_employer ?? 0),
      pensionWorker: Number(l.pension_worker ?? 0),
      selfEmployedHealth: Number(l.self_employed_health ?? 0),
    })),
  };
}

function summaryOf(r: {
  declaration_id: number;
  month: string;
  version: number;
  amends_id: number | null;
  status: string;
  source: string;
  received_at: Date;
  posted_at: Date | null;
  lines: number;
  wage_total: number;
  employer_total: number | null;
  worker_total: number | null;
  law_version: string | null;
  parameter_hash: string | null;
}): DeclarationSummary {
  return {
    declarationId: Number(r.declaration_id),
    month: r.month,
    version: r.version,
    amends: r.amends_id === null ? null : Number(r.amends_id),
    status: r.status,
    source: r.source,
    receivedAt: new Date(r.received_at).toISOString(),
    postedAt: r.posted_at ? new Date(r.posted_at).toISOString() : null,
    lines: r.lines,
    wageTotal: Number(r.wage_total),
    employerTotal: Number(r.employer_total ?? 0),
    workerTotal: Number(r.worker_total ?? 0),
    lawVersion: r.law_version,
    parameterHash: r.parameter_hash,
  };
}
