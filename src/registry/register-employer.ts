/**
 * @module registry/register-employer
 * Registers a contributor with the fund: an enterprise, a public institution, a household that
 * employs domestic workers, a value-chain lead (lead contractor, tour operator) or a self-employed
 * person paying for themself. The legal deadline (30 days after starting operations, law parameter
 * `nssf.registration.employer_deadline_days`) is read at the start date; a registration after it
 * is recorded as late, not refused: the fund must still collect.
 */

import { nextIdentity } from '../db/next-identity.js';
import type { Database } from '../db/open-database.js';
import { EMPLOYER_KINDS, type EmployerKind } from '../db/schema.js';
import { writeAudit } from '../db/write-audit.js';
import { addDays, lawNumber } from '../fund/law-value.js';
import { SamakiError } from '../kernel/errors.js';
import { isIsoDate } from '../kernel/period.js';
import { employerNumber } from './employer-number.js';

export interface RegisterEmployerInput {
  kind: EmployerKind;
  name: string;
  sector: string;
  province?: number | null;
  /** The lead contractor or tour operator this employer works for. */
  leadEmployerId?: number | null;
  businessNo?: string | null;
  /** When operations (or, for a household or self-employed person, the work) began. */
  startedOn: string;
  /** Default: `today`. */
  registeredOn?: string;
}

export interface RegisteredEmployer {
  employerId: number;
  employerNo: string;
  kind: EmployerKind;
  name: string;
  registrationDeadline: string;
  lateRegistration: boolean;
  deadlineReference: string;
}

export async function registerEmployer(
  database: Database,
  input: RegisterEmployerInput,
  options: { actor: string; today: string },
): Promise<RegisteredEmployer> {
  const bad = (reason: string) => new SamakiError('employer_invalid', { reason });
  if (!EMPLOYER_KINDS.includes(input.kind)) throw bad(`kind must be one of ${EMPLOYER_KINDS.join(', ')}`);
  const name = input.name?.trim() ?? '';
  if (name.length === 0 || name.length > 300) throw bad('the name must have 1 to 300 characters');
  if (!input.sector?.trim()) throw bad('the sector is required');
  if (!isIsoDate(input.startedOn)) throw bad(`startedOn "${input.startedOn}" is not a date (YYYY-MM-DD)`);
  const registeredOn = input.registeredOn ?? options.today;
  if (!isIsoDate(registeredOn)) throw bad(`registeredOn "${registeredOn}" is not a date (YYYY-MM-DD)`);
  if (registeredOn > options.today) throw bad(`registeredOn ${registeredOn} is in the future`);
  if (
    input.province != null &&
    !(Number.isInteger(input.province) && input.province >= 1 && input.province <= 25)
  )
    throw bad('province must be a province code from 1 to 25');
  const deadline = lawNumber('nssf.registration.employer_deadline_days', input.startedOn);
  const registrationDeadline = addDays(input.startedOn, deadline.value);
  const late = registeredOn > registrationDeadline;

  return database.db.transaction().execute(async (trx) => {
    if (input.leadEmployerId != null) {
      const lead = await trx
        .selectFrom('employer')
        .select(['kind'])
        .where('employer_id', '=', input.leadEmployerId)
        .executeTakeFirst();
      if (!lead) throw new SamakiError('employer_not_found', { id: input.leadEmployerId });
      if (lead.kind !== 'value_chain_lead')
        throw bad(`employer ${input.leadEmployerId} is not a value-chain lead (it is a ${lead.kind})`);
    }
    const businessNo = input.businessNo?.trim() || null;
    if (businessNo) {
      const existing = await trx
        .selectFrom('employer')
        .select(['employer_no'])
        .where('business_no', '=', businessNo)
        .executeTakeFirst();
      if (existing)
        throw new SamakiError('employer_duplicate', { businessNo, employerNo: existing.employer_no });
    }
    // The number is derived from the identifier, so take the identifier first.
    const id = await nextIdentity(trx, 'employer', 'employer_id');
    const employerNo = employerNumber(id);
    const row = {
      employer_id: id,
      employer_no: employerNo,
      kind: input.kind,
      name,
      sector: input.sector.trim(),
      province: input.province ?? null,
      lead_employer_id: input.leadEmployerId ?? null,
      business_no: businessNo,
      started_on: input.startedOn,
      registered_on: registeredOn,
      registration_deadline: registrationDeadline,
      late_registration: late,
    };
    await trx.insertInto('employer').values(row).execute();
    await writeAudit(trx, {
      actor: options.actor,
      action: 'register',
      entity: 'employer',
      entityId: id,
      after: row,
    });
    return {
      employerId: id,
      employerNo,
      kind: input.kind,
      name,
      registrationDeadline,
      lateRegistration: late,
      deadlineReference: deadline.reference,
    };
  });
}
