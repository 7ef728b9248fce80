/**
 * @module fund/benefits/benefit-inputs-from-record
 * The inputs of the benefit law that come from a member's history, read from the fund's
 * insurance record (months declared since the member joined the fund) and the totalised insured
 * periods brought by the merger (months in NSSF, NSSF-C or NFV, each counted once): the 6-month
 * average contributory wage, the months of health and pension contributions, consecutive runs
 * before the claim month, and the age. The law (`src/law/variables/benefit-inputs.ts`) takes them
 * as inputs, so a decision's trace shows each one. The price index in force and the month's exchange rate
 * come from the fund's own tables.
 *
 * Choices, recorded in ARCHITECTURE.md: the windows end with the month before the claim's month;
 * a month's wage is the sum of the contributory wages of all its employers; the 6-month average is
 * over the months that had a wage in that window (REFERENCE.md B2.1 says "the average assumed
 * monthly wage of the past 6 months" without saying how gaps count); legacy months count for the
 * month totals but bring no wage (the legacy registers hold spells with one wage, not monthly
 * wages, so they are left out of averages).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/open-database.js';
import type { Schema } from '../../db/schema.js';
import { SamakiError } from '../../kernel/errors.js';
import { shiftMonth } from '../../kernel/period.js';

export interface RecordInputs {
  average_contributory_wage_6m: number;
  health_contribution_consecutive_months: number;
  health_contribution_months_last_12: number;
  contribution_months: number;
  /** The same months, read as those before the onset of invalidity (the claim's month). */
  pension_contribution_months_before_invalidity: number;
  pension_reference_wage: number;
  age: number;
  /** The price index in force in the month (0 when none is recorded: no indexation). */
  pension_cpi_at_award: number;
  pension_cpi_current: number;
  /** The month's riel per dollar, for amounts the law sets in dollars (absent when not notified). */
  exchange_rate?: number;
}

/** The price index in force in `month`: the last one set on or before it (0 when none). */
export async function priceIndexIn(db: Kysely<Schema> | Transaction<Schema>, month: string): Promise<number> {
  const row = await db
    .selectFrom('price_index')
    .select('cpi')
    .where('month', '<=', month)
    .orderBy('month', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.cpi) : 0;
}

export async function benefitInputsFromRecord(
  database: Database,
  memberId: number,
  month: string,
): Promise<RecordInputs> {
  const member = await database.db
    .selectFrom('member')
    .select(['member_id', 'merged_into', 'person_id'])
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  if (!member) throw new SamakiError('member_not_found', { id: memberId });
  const id = Number(member.merged_into ?? member.member_id);
  const last = shiftMonth(month, -1);

  // Month by month from the fund's own record: wage summed over employers, schemes covered.
  const { rows } = await sql<{ month: string; wage: number; health: boolean; pension: boolean }>`
    select month, sum(contributory_wage)::float8 as wage, bool_or(health) as health, bool_or(pension) as pension
      from insurance_record where member_id = ${id} and month <= ${last}
     group by month order by month`.execute(database.db);
  const fund = new Map(rows.map((r) => [r.month, r]));

  // Months the merger totalised from the legacy registers, by branch (each month once).
  const { rows: periods } = await sql<{ branch: string; from_month: string; to_month: string }>`
    select branch, from_month, to_month from insured_period where member_id = ${id}`.execute(database.db);
  const legacy = { health: new Set<string>(), pension: new Set<string>() };
  for (const p of periods) {
    const set = p.branch === 'health' ? legacy.health : p.branch === 'pension' ? legacy.pension : null;
    if (!set) continue;
    for (let m = p.from_month; m <= p.to_month && m <= last; m = shiftMonth(m, 1)) set.add(m);
  }
  const covered = (branch: 'health' | 'pension', m: string) =>
    Boolean(fund.get(m)?.[branch]) || legacy[branch].has(m);

  let consecutive = 0;
  for (let m = last; covered('health', m); m = shiftMonth(m, -1)) consecutive++;
  let last12 = 0;
  for (let k = 0; k < 12; k++) if (covered('health', shiftMonth(last, -k))) last12++;

  const wages: number[] = [];
  for (let k = 0; k < 6; k++) {
    const w = fund.get(shiftMonth(last, -k))?.wage ?? 0;
    if (w > 0) wages.push(Number(w));
  }
  const pensionMonths = new Set([...legacy.pension, ...rows.filter((r) => r.pension).map((r) => r.month)]);
  const pensionWages = rows.filter((r) => r.pension && Number(r.wage) > 0).map((r) => Number(r.wage));

  let age = 0;
  if (member.person_id !== null) {
    const person = await database.db
      .selectFrom('person')
      .select(sql<string>`to_char(birth_date, 'YYYY-MM-DD')`.as('birth'))
      .where('person_id', '=', member.person_id)
      .executeTakeFirst();
    if (person) age = completedYears(person.birth, `${month}-01`);
  }
  const cpi = await priceIndexIn(database.db, month);
  const rate = await database.db
    .selectFrom('exchange_rate')
    .select('riel_per_usd')
    .where('month', '<=', month)
    .orderBy('month', 'desc')
    .limit(1)
    .executeTakeFirst();
  const mean = (xs: number[]) =>
    xs.length === 0 ? 0 : Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
  return {
    average_contributory_wage_6m: mean(wages),
    health_contribution_consecutive_months: consecutive,
    health_contribution_months_last_12: last12,
    contribution_months: pensionMonths.size,
    pension_contribution_months_before_invalidity: pensionMonths.size,
    pension_reference_wage: mean(pensionWages),
    age,
    pension_cpi_at_award: cpi,
    pension_cpi_current: cpi,
    ...(rate ? { exchange_rate: Number(rate.riel_per_usd) } : {}),
  };
}

function completedYears(birth: string, on: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
