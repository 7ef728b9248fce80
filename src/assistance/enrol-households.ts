/**
 * @module assistance/enrol-households
 * Enrolment in the Family Package as the targeting stands in a month: every IDPoor household
 * (Poor 1 or 2, with its Equity Card) not yet enrolled is enrolled, with the reason; every
 * enrolled household no longer IDPoor exits, with the reason. Set-based SQL in one transaction,
 * with an audit row for each enrolment and exit; running it again for the same month changes
 * nothing.
 */
import { sql } from 'kysely';
import type { Database } from '../db/open-database.js';
import { SamakiError } from '../kernel/errors.js';
import { isMonth } from '../kernel/period.js';

export interface EnrolmentResult {
  [key: string]: string | number;
  month: string;
  enrolled: number;
  exited: number;
  open: number;
}

export async function enrolHouseholds(
  database: Database,
  month: string,
  options: { actor: string },
): Promise<EnrolmentResult> {
  if (!isMonth(month)) throw new SamakiError('period_bad', { value: month });
  return database.db.transaction().execute(async (trx) => {
    await sql`lock table assistance_enrolment in exclusive mode`.execute(trx);
    const enrolled = await sql<{ n: number }>`
      with added as (
        insert into assistance_enrolment (household_id, programme, enrolled_month, reason, actor)
        select h.household_id, 'family_package', ${month}, 'IDPoor level ' || h.idpoor || ' (Equity Card)', ${options.actor}
          from household h
         where h.idpoor > 0
           and not exists (select 1 from assistance_enrolment e
                            where e.household_id = h.household_id and e.programme = 'family_package'
                              and e.exited_month is null)
        returning enrolment_id, household_id, reason),
      audited as (
        insert into audit_log (actor, action, entity, entity_id, after)
        select ${options.actor}, 'enrol', 'assistance_enrolment', enrolment_id::text,
               jsonb_build_object('household_id', household_id, 'programme', 'family_package',
                                  'month', ${month}::text, 'reason', reason)
          from added
        returning 1)
      select count(*)::int as n from audited`.execute(trx);
    const exited = await sql<{ n: number }>`
      with ended as (
        update assistance_enrolment e
           set exited_month = ${month}, exit_reason = 'no longer IDPoor (re-certification)'
          from household h
         where h.household_id = e.household_id and e.exited_month is null and e.programme = 'family_package'
           and h.idpoor = 0 and e.enrolled_month <= ${month}
        returning e.enrolment_id, e.household_id),
      audited as (
        insert into audit_log (actor, action, entity, entity_id, before, after)
        select ${options.actor}, 'exit', 'assistance_enrolment', enrolment_id::text,
               jsonb_build_object('exited_month', null),
               jsonb_build_object('household_id', household_id, 'exited_month', ${month}::text,
                                  'exit_reason', 'no longer IDPoor (re-certification)')
          from ended
        returning 1)
      select count(*)::int as n from audited`.execute(trx);
    const open = await sql<{ n: number }>`
      select count(*)::int as n from assistance_enrolment where exited_month is null`.execute(trx);
    return {
      month,
      enrolled: Number(enrolled.rows[0]!.n),
      exited: Number(exited.rows[0]!.n),
      open: Number(open.rows[0]!.n),
    };
  });
}
