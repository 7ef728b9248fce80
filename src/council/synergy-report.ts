/**
 * @module council/synergy-report
 * The Council's synergy report (`samaki council synergy-report YYYY-MM`): for every living person
 * of the registry, what the two pillars give them, read from the live database, and the law's
 * rules of coordination (src/law/variables/coordination.ts) evaluated over all of them at once
 * (columnar backend):
 * - gaps: a worker in transition without health coverage (fund coverage lapsed, no Health Equity
 *   Fund);
 * - overlaps: the disability allowance beside an invalidity or employment-injury pension; an
 *   older-person transfer beside a contributory pension.
 * Counts by C102 branch, province, sex and age group, with the first persons of each list.
 *
 * What the database gives the law: a person's age, disability and household IDPoor level (the
 * registry); months with a health contribution in the 12 months before, and the run of them up to
 * the month (the fund's insurance record, through the member linked to the person); pensions in
 * payment in the month (the fund's entitlements), given to the law as present (1 riel), since
 * the rules ask only whether one is paid.
 */
import { sql } from 'kysely';
import type { Database } from '../db/open-database.js';
import { parsePeriod, shiftMonth } from '../kernel/period.js';
import { cambodiaLaw } from '../law/law.js';
import { compileColumnar, runColumnar } from '../rules/backends/columnar.js';

export interface SynergyFinding {
  kind: 'gap' | 'overlap';
  variable: string;
  branch: string;
  persons: number;
  byProvince: Record<string, number>;
  bySex: Record<string, number>;
  byAgeGroup: Record<string, number>;
  /** The first persons found (registry identifiers). */
  examples: number[];
}

export interface SynergyReport {
  month: string;
  lawVersion: string;
  persons: number;
  healthCovered: number;
  findings: SynergyFinding[];
}

const RULES = [
  { kind: 'gap', variable: 'health_coverage_gap', branch: 'medical_care' },
  { kind: 'overlap', variable: 'disability_income_overlap', branch: 'invalidity' },
  { kind: 'overlap', variable: 'old_age_income_overlap', branch: 'old_age' },
] as const;

const OLD_AGE_PENSIONS = ['old_age_pension', 'public_servant_pension', 'veterans_pension'];
const DISABILITY_PENSIONS = [
  'invalidity_pension',
  'employment_injury_permanent_pension',
  'employment_injury_constant_attendance_allowance',
];

function ageGroup(age: number): string {
  return age < 15 ? '0-14' : age < 25 ? '15-24' : age < 60 ? '25-59' : '60+';
}

export async function synergyReport(database: Database, month: string): Promise<SynergyReport> {
  const period = parsePeriod(month);
  const first = shiftMonth(month, -12);
  const last = shiftMonth(month, -1);
  const { rows } = await sql<{
    person_id: number;
    sex: string;
    province: number;
    age: number;
    disability: boolean;
    household_id: number | null;
    idpoor: number | null;
    months: string[] | null;
    old_age: boolean;
    disability_pension: boolean;
  }>`
    with rec as (
      select m.person_id, array_agg(distinct r.month) as months
        from insurance_record r join member m on m.member_id = r.member_id
       where r.health and r.month between ${first} and ${last} and m.person_id is not null
       group by m.person_id),
    pen as (
      select m.person_id,
             bool_or(e.variable in (${sql.join(OLD_AGE_PENSIONS)})) as old_age,
             bool_or(e.variable in (${sql.join(DISABILITY_PENSIONS)})) as disability_pension
        from entitlement e join member m on m.member_id = e.member_id
       where e.start_month <= ${month} and (e.end_month is null or e.end_month >= ${month})
         and m.person_id is not null
       group by m.person_id)
    select p.person_id, p.sex, p.province,
           extract(year from age(to_date(${`${month}-01`}, 'YYYY-MM-DD'), p.birth_date))::int as age,
           p.disability > 0 as disability, p.household_id, h.idpoor, rec.months,
           coalesce(pen.old_age, false) as old_age, coalesce(pen.disability_pension, false) as disability_pension
      from person p
      left join household h on h.household_id = p.household_id
      left join rec on rec.person_id = p.person_id
      left join pen on pen.person_id = p.person_id
     where p.death_date is null and p.birth_date <= to_date(${`${month}-01`}, 'YYYY-MM-DD')
     order by p.person_id`.execute(database.db);

  const n = rows.length;
  const households = new Map<number, number>();
  const householdOf = new Int32Array(n).fill(-1);
  const idpoor: number[] = [];
  const person = {
    age: new Float64Array(n),
    has_disability: new Uint8Array(n),
    health_contribution_months_last_12: new Float64Array(n),
    health_contribution_consecutive_months: new Float64Array(n),
    old_age_pension: new Float64Array(n),
    invalidity_pension: new Float64Array(n),
  };
  rows.forEach((r, i) => {
    person.age[i] = Number(r.age);
    person.has_disability[i] = r.disability ? 1 : 0;
    const months = new Set(r.months ?? []);
    person.health_contribution_months_last_12[i] = months.size;
    let run = 0;
    for (let m = last; months.has(m); m = shiftMonth(m, -1)) run++;
    person.health_contribution_consecutive_months[i] = run;
    person.old_age_pension[i] = r.old_age ? 1 : 0;
    person.invalidity_pension[i] = r.disability_pension ? 1 : 0;
    if (r.household_id !== null) {
      const id = Number(r.household_id);
      let k = households.get(id);
      if (k === undefined) {
        k = idpoor.length;
        households.set(id, k);
        idpoor.push(Number(r.idpoor ?? 0));
      }
      householdOf[i] = k;
    }
  });
  const law = cambodiaLaw();
  const targets = ['health_coverage', ...RULES.map((r) => r.variable)];
  const plan = compileColumnar(law, period, targets, [...Object.keys(person), 'idpoor_level']);
  const workspace = runColumnar(plan, {
    persons: { count: n, columns: person },
    households: { count: idpoor.length, columns: { idpoor_level: Float64Array.from(idpoor) } },
    household: householdOf,
  });
  const flag = (name: string) => workspace.columns[name] as Uint8Array;
  const covered = flag('health_coverage');
  let healthCovered = 0;
  for (let i = 0; i < n; i++) if (covered[i]) healthCovered++;

  const findings: SynergyFinding[] = RULES.map((rule) => {
    const values = flag(rule.variable);
    const f: SynergyFinding = {
      ...rule,
      persons: 0,
      byProvince: {},
      bySex: {},
      byAgeGroup: {},
      examples: [],
    };
    const add = (o: Record<string, number>, k: string) => {
      o[k] = (o[k] ?? 0) + 1;
    };
    for (let i = 0; i < n; i++) {
      if (!values[i]) continue;
      const r = rows[i]!;
      f.persons++;
      add(f.byProvince, String(r.province));
      add(f.bySex, r.sex);
      add(f.byAgeGroup, ageGroup(Number(r.age)));
      if (f.examples.length < 20) f.examples.push(Number(r.person_id));
    }
    return f;
  });
  return { month, lawVersion: law.version, persons: n, healthCovered, findings };
}
