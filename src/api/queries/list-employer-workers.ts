/**
 * @module api/queries/list-employer-workers
 * An employer's workers: each employment (current and ended) with the worker's name, oldest
 * first, with cursor pagination. A read for the employer portal and the officers' screens; the
 * fund has no service for it, so it lives beside the routes. Only what an employer knows of its
 * own staff is returned: no birth date, no national ID.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/open-database.js';
import { SamakiError } from '../../kernel/errors.js';

export interface EmployerWorker {
  employmentId: number;
  memberId: number;
  kind: string;
  sector: string;
  startDate: string;
  endDate: string | null;
  nameKm: string | null;
  nameLatin: string | null;
  sex: string | null;
}

const MAX_LIMIT = 200;

export async function listEmployerWorkers(
  database: Database,
  employerId: number,
  page: { cursor?: number; limit?: number } = {},
): Promise<{ employerId: number; employerNo: string; items: EmployerWorker[]; nextCursor: number | null }> {
  const employer = await database.db
    .selectFrom('employer')
    .select('employer_no')
    .where('employer_id', '=', employerId)
    .executeTakeFirst();
  if (!employer) throw new SamakiError('employer_not_found', { id: employerId });
  const limit = Math.min(Math.max(1, page.limit ?? 50), MAX_LIMIT);
  let query = database.db
    .selectFrom('employment')
    .leftJoin('member', 'member.member_id', 'employment.member_id')
    .leftJoin('person', 'person.person_id', 'member.person_id')
    .select([
      'employment.employment_id',
      'employment.member_id',
      'employment.kind',
      'employment.sector',
      // Dates as text: the drivers read `date` differently (ARCHITECTURE.md, "Storage").
      sql<string>`employment.start_date::text`.as('start_date'),
      sql<string | null>`employment.end_date::text`.as('end_date'),
      sql<string | null>`person.family_name_km || ' ' || person.given_name_km`.as('name_km'),
      'person.name_latin',
      'person.sex',
    ])
    .where('employment.employer_id', '=', employerId)
    .orderBy('employment.employment_id')
    .limit(limit + 1);
  if (page.cursor !== undefined) query = query.where('employment.employment_id', '>', page.cursor);
  const rows = await query.execute();
  const items = rows.slice(0, limit).map((r) => ({
    employmentId: Number(r.employment_id),
    memberId: Number(r.member_id),
    kind: r.kind,
    sector: r.sector,
    startDate: r.start_date,
    endDate: r.end_date,
    nameKm: r.name_km,
    nameLatin: r.name_latin ?? null,
    sex: r.sex ?? null,
  }));
  return {
    employerId,
    employerNo: employer.employer_no,
    items,
    nextCursor: rows.length > limit ? items[items.length - 1]!.employmentId : null,
  };
}
