/**
 * @module registry/register-worker
 * Registers a worker with an employer: the person (found by member number or national ID, or
 * added to the registry), their member number (one per insured person, kept for life), and the
 * employment link with its kind (wage, casual, domestic, self-employed, subcontracted through a
 * value chain) and dates. The legal deadline (3 days after hiring, law parameter
 * `nssf.registration.worker_deadline_days`) is read at the hiring date; a late registration is
 * recorded as late. A self-employed person's registration also opens their affiliation to the
 * health scheme of the self-employed.
 */
import { sql } from 'kysely';
import { nextIdentity } from '../db/next-identity.js';
import type { Database } from '../db/open-database.js';
import { EMPLOYMENT_KINDS, type EmploymentKind } from '../db/schema.js';
import { writeAudit } from '../db/write-audit.js';
import { addDays, lawNumber } from '../fund/law-value.js';
import { SamakiError } from '../kernel/errors.js';
import { isIsoDate } from '../kernel/period.js';

export interface NewPersonInput {
  familyNameKm: string;
  givenNameKm: string;
  nameLatin?: string | null;
  sex: 'M' | 'F';
  birthDate: string;
  nationalId?: string | null;
  province: number;
}

export interface RegisterWorkerInput {
  employerId: number;
  /** An existing member, or the person to register (found by national ID when already insured). */
  memberId?: number;
  /**
   * With `memberId`: the worker's date of birth, which must match the member's records. An
   * employer registering an existing member gives it, so a mistyped or borrowed member number
   * cannot attach someone else (and show their name in the employer's list).
   */
  memberBirthDate?: string;
  person?: NewPersonInput;
  kind?: EmploymentKind;
  /** Default: the employer's sector. */
  sector?: string;
  /** For a subcontracted worker declared by a value-chain lead: their direct employer. */
  viaEmployerId?: number | null;
  startDate: string;
  /** Default: `today`. */
  registeredOn?: string;
}

export interface RegisteredWorker {
  memberId: number;
  employmentId: number;
  newMember: boolean;
  registrationDeadline: string;
  lateRegistration: boolean;
}

export async function registerWorker(
  database: Database,
  input: RegisterWorkerInput,
  options: { actor: string; today: string },
): Promise<RegisteredWorker> {
  const bad = (reason: string) => new SamakiError('worker_invalid', { reason });
  const kind = input.kind ?? 'wage';
  if (!EMPLOYMENT_KINDS.includes(kind)) throw bad(`kind must be one of ${EMPLOYMENT_KINDS.join(', ')}`);
  if (!isIsoDate(input.startDate)) throw bad(`startDate "${input.startDate}" is not a date (YYYY-MM-DD)`);
  const registeredOn = input.registeredOn ?? options.today;
  if (!isIsoDate(registeredOn)) throw bad(`registeredOn "${registeredOn}" is not a date (YYYY-MM-DD)`);
  if ((input.memberId === undefined) === (input.person === undefined))
    throw bad('give either memberId (an insured person) or person (someone new), not both');
  if (input.person) checkPerson(input.person, bad);
  const deadline = lawNumber('nssf.registration.worker_deadline_days', input.startDate);
  const registrationDeadline = addDays(input.startDate, deadline.value);
  const late = registeredOn > registrationDeadline;

  return database.db.transaction().execute(async (trx) => {
    const employer = await trx
      .selectFrom('employer')
      .select(['kind', 'sector', 'closed_on'])
      .where('employer_id', '=', input.employerId)
      .executeTakeFirst();
    if (!employer) throw new SamakiError('employer_not_found', { id: input.employerId });
    if ((kind === 'self_employed') !== (employer.kind === 'self_employed'))
      throw bad(
        kind === 'self_employed'
          ? 'a self-employed person registers under their own self-employed account'
          : `a self-employed account has no ${kind} workers`,
      );
    if (kind === 'domestic' && employer.kind !== 'household')
      throw bad('domestic workers are registered by the household that employs them');
    if (kind === 'subcontracted') {
      if (employer.kind !== 'value_chain_lead')
        throw bad('subcontracted workers are declared by a value-chain lead');
      if (input.viaEmployerId == null)
        throw bad('name the subcontractor (viaEmployerId) of a subcontracted worker');
      const via = await trx
        .selectFrom('employer')
        .select(['lead_employer_id'])
        .where('employer_id', '=', input.viaEmployerId)
        .executeTakeFirst();
      if (!via) throw new SamakiError('employer_not_found', { id: input.viaEmployerId });
      if (via.lead_employer_id !== input.employerId)
        throw bad(`employer ${input.viaEmployerId} is not a subcontractor of employer ${input.employerId}`);
    }

    let memberId = input.memberId;
    let newMember = false;
    if (memberId !== undefined) {
      const member = await trx
        .selectFrom('member')
        .select(['member_id', 'merged_into'])
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      if (!member) throw new SamakiError('member_unknown', { id: memberId, employer: input.employerId });
      // An old number from before a merge decision still leads to the person.
      memberId = member.merged_into ?? member.member_id;
      if (input.memberBirthDate !== undefined) {
        const { rows } = await sql<{ birth_date: string }>`
          select to_char(p.birth_date, 'YYYY-MM-DD') as birth_date
            from member m join person p on p.person_id = m.person_id where m.member_id = ${memberId}
          union
          select to_char(r.birth_date, 'YYYY-MM-DD') from member_record mr
            join legacy_record r on r.source = mr.source and r.record_id = mr.record_id
           where mr.member_id = ${memberId} and r.birth_date is not null`.execute(trx);
        if (!rows.some((r) => r.birth_date === input.memberBirthDate))
          throw bad(
            `the date of birth ${input.memberBirthDate} does not match the records of member ${input.memberId}; check the member number on the worker's card, or ask the fund`,
          );
      }
    } else {
      const person = input.person!;
      const known = person.nationalId
        ? await trx
            .selectFrom('member')
            .innerJoin('person', 'person.person_id', 'member.person_id')
            .select(['member.member_id'])
            .where('person.national_id', '=', person.nationalId)
            .where('member.merged_into', 'is', null)
            .executeTakeFirst()
        : undefined;
      if (known) memberId = known.member_id;
      else {
        const { rows } = await sql<{
          id: number;
        }>`select nextval('registry_person_id')::bigint as id`.execute(trx);
        const personId = Number(rows[0]!.id);
        await trx
          .insertInto('person')
          .values({
            person_id: personId,
            household_id: null,
            family_name_km: person.familyNameKm.trim(),
            given_name_km: person.givenNameKm.trim(),
            name_latin: person.nameLatin?.trim() || null,
            sex: person.sex,
            birth_date: person.birthDate,
            death_date: null,
            national_id: person.nationalId || null,
            province: person.province,
            urban: null,
          })
          .execute();
        memberId = await nextIdentity(trx, 'member', 'member_id');
        await trx
          .insertInto('member')
          .values({ member_id: memberId, merge_run_id: null, person_id: personId, merged_into: null })
          .execute();
        newMember = true;
      }
    }

    const open = await trx
      .selectFrom('employment')
      .select(['employment_id'])
      .where('employer_id', '=', input.employerId)
      .where('member_id', '=', memberId)
      .where('end_date', 'is', null)
      .executeTakeFirst();
    if (open)
      throw bad(
        `member ${memberId} is already employed by employer ${input.employerId} (employment ${open.employment_id})`,
      );

    const employmentId = await nextIdentity(trx, 'employment', 'employment_id');
    const row = {
      employer_id: input.employerId,
      employment_id: employmentId,
      member_id: memberId,
      kind,
      sector: input.sector?.trim() || employer.sector,
      via_employer_id: input.viaEmployerId ?? null,
      start_date: input.startDate,
      end_date: null,
      registered_on: registeredOn,
      registration_deadline: registrationDeadline,
      late_registration: late,
    };
    await trx.insertInto('employment').values(row).execute();
    if (kind === 'self_employed')
      await trx
        .insertInto('self_employed_affiliation')
        .values({
          member_id: memberId,
          employer_id: input.employerId,
          started_on: input.startDate,
          ended_on: null,
          end_reason: null,
        })
        .execute();
    await writeAudit(trx, {
      actor: options.actor,
      action: 'register',
      entity: 'employment',
      entityId: `${input.employerId}/${employmentId}`,
      after: { ...row, new_member: newMember },
    });
    return { memberId, employmentId, newMember, registrationDeadline, lateRegistration: late };
  });
}

function checkPerson(p: NewPersonInput, bad: (reason: string) => SamakiError): void {
  if (!p.familyNameKm?.trim() || !p.givenNameKm?.trim())
    throw bad('the family and given names in Khmer are required');
  if (p.sex !== 'M' && p.sex !== 'F') throw bad('sex must be M or F');
  if (!isIsoDate(p.birthDate)) throw bad(`birthDate "${p.birthDate}" is not a date (YYYY-MM-DD)`);
  if (p.nationalId && !/^[0-9]{9}$/.test(p.nationalId))
    throw bad('nationalId must be the 9 digits of the ID card');
  if (!(Number.isInteger(p.province) && p.province >= 1 && p.province <= 25))
    throw bad('province must be a province code from 1 to 25');
}

/** Ends an employment (the worker left): declarations after the end month refuse the worker. */
export async function endEmployment(
  database: Database,
  input: { employerId: number; memberId: number; endDate: string },
  options: { actor: string },
): Promise<void> {
  if (!isIsoDate(input.endDate))
    throw new SamakiError('worker_invalid', { reason: `endDate "${input.endDate}" is not a date` });
  await database.db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('employment')
      .selectAll()
      .where('employer_id', '=', input.employerId)
      .where('member_id', '=', input.memberId)
      .where('end_date', 'is', null)
      .executeTakeFirst();
    if (!open)
      throw new SamakiError('worker_invalid', {
        reason: `member ${input.memberId} has no open employment with employer ${input.employerId}`,
      });
    await trx
      .updateTable('employment')
      .set({ end_date: input.endDate })
      .where('employer_id', '=', input.employerId)
      .where('employment_id', '=', open.employment_id)
      .execute();
    await writeAudit(trx, {
      actor: options.actor,
      action: 'end',
      entity: 'employment',
      entityId: `${input.employerId}/${open.employment_id}`,
      before: { end_date: null },
      after: { end_date: input.endDate },
    });
  });
}
