/**
 * @module fund/member-record
 * A member's insurance record: every month of contribution, per employer and scheme, with the
 * wage — what benefit claims read (months of contribution, average wage) — and the member's
 * registry identity.
 */
import type { Database } from '../db/open-database.js';
import { SamakiError } from '../kernel/errors.js';

export interface MemberMonth {
  month: string;
  employerId: number;
  employerNo: string;
  wageKhr: number;
  contributoryWage: number;
  schemes: string[];
}

export interface MemberRecord {
  memberId: number;
  person: {
    personId: number;
    nameKm: string;
    nameLatin: string | null;
    sex: string;
    birthDate: string;
    nationalId: string | null;
  } | null;
  months: MemberMonth[];
  totals: { months: number; byScheme: Record<string, number> };
}

const SCHEMES = ['employment_injury', 'health', 'pension', 'self_employed_health'] as const;

export async function memberRecord(database: Database, memberId: number): Promise<MemberRecord> {
  const member = await database.db
    .selectFrom('member')
    .select(['member_id', 'person_id', 'merged_into'])
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  if (!member) throw new SamakiError('member_not_found', { id: memberId });
  const id = Number(member.merged_into ?? member.member_id);
  const person =
    member.person_id === null
      ? undefined
      : await database.db
          .selectFrom('person')
          .selectAll()
          .where('person_id', '=', member.person_id)
          .executeTakeFirst();
  const rows = await database.db
    .selectFrom('insurance_record')
    .innerJoin('employer', 'employer.employer_id', 'insurance_record.employer_id')
    .select([
      'insurance_record.month',
      'insurance_record.employer_id',
      'employer.employer_no',
      'insurance_record.wage_khr',
      'insurance_record.contributory_wage',
      'insurance_record.employment_injury',
      'insurance_record.health',
      'insurance_record.pension',
      'insurance_record.self_employed_health',
    ])
    .where('insurance_record.member_id', '=', id)
    .orderBy('insurance_record.month')
    .orderBy('insurance_record.employer_id')
    .execute();
  const byScheme: Record<string, Set<string>> = Object.fromEntries(
    SCHEMES.map((s) => [s, new Set<string>()]),
  );
  const months = rows.map((r) => {
    const schemes = SCHEMES.filter((s) => r[s]);
    for (const s of schemes) byScheme[s]!.add(r.month);
    return {
      month: r.month,
      employerId: Number(r.employer_id),
      employerNo: r.employer_no,
      wageKhr: Number(r.wage_khr),
      contributoryWage: Number(r.contributory_wage),
      schemes,
    };
  });
  return {
    memberId: id,
    person: person
      ? {
          personId: Number(person.person_id),
          nameKm: `${person.family_name_km} ${person.given_name_km}`,
          nameLatin: person.name_latin,
          sex: person.sex,
          birthDate: new Date(person.birth_date).toISOString().slice(0, 10),
          nationalId: person.national_id,
        }
      : null,
    months,
    totals: {
      months: new Set(rows.map((r) => r.month)).size,
      byScheme: Object.fromEntries(Object.entries(byScheme).map(([k, v]) => [k, v.size])),
    },
  };
}
