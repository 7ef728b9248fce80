/**
 * @module api/queries/fund-summary
 * One month of the fund in numbers, for the Council's analysts: how many employers declared, how
 * many declarations, lines and members, the wages and the contributions by scheme. Computed with
 * SQL aggregates only, so no row about a person or an employer ever leaves the database. Amended
 * declarations count once, in their current version.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/open-database.js';

export interface FundSummary {
  month: string;
  employers: number;
  declarations: number;
  posted: number;
  lines: number;
  members: number;
  wageTotal: number;
  contributions: {
    employmentInjury: number;
    health: number;
    pension: number;
    selfEmployedHealth: number;
    total: number;
  };
  employerShare: number;
  workerShare: number;
}

export async function fundSummary(database: Database, month: string): Promise<FundSummary> {
  // Casts keep the types equal on both drivers (STACK.md, gotcha 4).
  const { rows: declarations } = await sql<{ employers: number; declarations: number; posted: number }>`
    select count(distinct employer_id)::int as employers,
           count(*)::int as declarations,
           count(*) filter (where status = 'posted')::int as posted
      from declaration
     where month = ${month} and status <> 'superseded'`.execute(database.db);
  const { rows: lines } = await sql<{
    lines: number;
    members: number;
    wage_total: number;
    employment_injury: number;
    health_employer: number;
    health_worker: number;
    pension_employer: number;
    pension_worker: number;
    self_employed_health: number;
  }>`
    select count(*)::int as lines,
           count(distinct l.member_id)::int as members,
           coalesce(sum(l.wage_khr), 0)::float8 as wage_total,
           coalesce(sum(l.employment_injury), 0)::float8 as employment_injury,
           coalesce(sum(l.health_employer), 0)::float8 as health_employer,
           coalesce(sum(l.health_worker), 0)::float8 as health_worker,
           coalesce(sum(l.pension_employer), 0)::float8 as pension_employer,
           coalesce(sum(l.pension_worker), 0)::float8 as pension_worker,
           coalesce(sum(l.self_employed_health), 0)::float8 as self_employed_health
      from declaration d
      join declaration_line l on l.employer_id = d.employer_id and l.declaration_id = d.declaration_id
     where d.month = ${month} and d.status <> 'superseded'`.execute(database.db);
  const d = declarations[0]!;
  const l = lines[0]!;
  const health = l.health_employer + l.health_worker;
  const pension = l.pension_employer + l.pension_worker;
  const total = l.employment_injury + health + pension + l.self_employed_health;
  return {
    month,
    employers: d.employers,
    declarations: d.declarations,
    posted: d.posted,
    lines: l.lines,
    members: l.members,
    wageTotal: l.wage_total,
    contributions: {
      employmentInjury: l.employment_injury,
      health,
      pension,
      selfEmployedHealth: l.self_employed_health,
      total,
    },
    // Employment injury is the employer's alone; the self-employed pay their own health scheme.
    employerShare: l.employment_injury + l.health_employer + l.pension_employer,
    workerShare: l.health_worker + l.pension_worker + l.self_employed_health,
  };
}
