/**
 * @module fund/benefits/record-life-event
 * An event in a member's life that ends or changes a benefit in payment reaches the entitlement:
 * - death ends every pension the member receives with the month of death (paid in full), and
 *   files the claims it gives rise to, on the deceased's record, for the fund to decide like any
 *   other: the survivors' pension (or, below its qualifying period, the survivors' lump sum) and
 *   the funeral allowance, with the survivors the informant declares;
 * - recovery ends the pensions that rest on the incapacity (invalidity, employment injury);
 * - a return to work ends the invalidity pension.
 * Which event ends which pension is administration, not a legal amount; the survivors' rights
 * themselves are the law's (`src/law/variables/pension-benefits.ts`). A survivors' pension does
 * not end with its own beneficiary member's death, because its beneficiaries are the survivors.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/open-database.js';
import type { EntitlementEndReason } from '../../db/schema.js';
import { writeAudit } from '../../db/write-audit.js';
import { SamakiError } from '../../kernel/errors.js';
import { isIsoDate } from '../../kernel/period.js';
import type { Actor, ClaimView } from './claims.js';
import { submitClaim } from './claims.js';

/** The pensions each event ends. */
const ENDS: Readonly<Record<EntitlementEndReason, readonly string[]>> = {
  death: [
    'old_age_pension',
    'public_servant_pension',
    'veterans_pension',
    'invalidity_pension',
    'employment_injury_permanent_pension',
    'employment_injury_constant_attendance_allowance',
  ],
  recovery: [
    'invalidity_pension',
    'employment_injury_permanent_pension',
    'employment_injury_constant_attendance_allowance',
  ],
  return_to_work: ['invalidity_pension'],
};

export interface LifeEvent {
  memberId: number;
  kind: EntitlementEndReason;
  date: string;
  /** The document that proves it (a death certificate, a medical board's finding …). */
  evidence: { kind: string; reference: string };
  /** For a death: the survivors the informant declares. */
  survivors?: { spouse: boolean; children: number; diedOfEmploymentInjury?: boolean };
}

export interface LifeEventResult {
  memberId: number;
  kind: EntitlementEndReason;
  ended: { entitlementId: number; variable: string; endMonth: string }[];
  claimsFiled: ClaimView[];
}

export async function recordLifeEvent(
  database: Database,
  event: LifeEvent,
  actor: Actor,
): Promise<LifeEventResult> {
  const bad = (reason: string) => new SamakiError('life_event_invalid', { reason });
  if (!Object.hasOwn(ENDS, event.kind))
    throw bad(`"${event.kind}" is not an event the fund records (${Object.keys(ENDS).join(', ')})`);
  if (!isIsoDate(event.date)) throw bad(`date "${event.date}" is not a date (YYYY-MM-DD)`);
  if (!event.evidence?.reference?.trim()) throw bad('give the document that proves the event');
  if (event.kind === 'death' && !event.survivors)
    throw bad('for a death, say whether a spouse survives and how many children (survivors)');
  if (actor.role !== 'fund_officer' && actor.role !== 'supervisor')
    throw bad(`a ${actor.role} cannot record a life event; a fund officer does`);
  const month = event.date.slice(0, 7);

  const ended = await database.db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom('member')
      .select(sql<string | null>`to_char(died_on, 'YYYY-MM-DD')`.as('died'))
      .where('member_id', '=', event.memberId)
      .forUpdate()
      .executeTakeFirst();
    if (!member) throw new SamakiError('member_not_found', { id: event.memberId });
    if (event.kind === 'death') {
      // Recorded once: a second report would file the survivors' claims again.
      if (member.died !== null)
        throw bad(`the death of member ${event.memberId} is already recorded (${member.died})`);
      await trx
        .updateTable('member')
        .set({ died_on: event.date })
        .where('member_id', '=', event.memberId)
        .execute();
    }
    const open = await trx
      .selectFrom('entitlement')
      .select(['entitlement_id', 'variable', 'start_month', 'due_through'])
      .where('member_id', '=', event.memberId)
      .where('end_month', 'is', null)
      .where('variable', 'in', ENDS[event.kind])
      .forUpdate()
      .execute();
    const done: LifeEventResult['ended'] = [];
    for (const e of open) {
      // A pension that would have started after the event's month is never paid (its end precedes its start).
      const endMonth = month;
      if (e.due_through !== null && e.due_through > endMonth)
        throw bad(
          `entitlement ${e.entitlement_id} (${e.variable}) is already due through ${e.due_through}, after the event's month ${endMonth}: recover the overpayment first (not automated yet)`,
        );
      await trx
        .updateTable('entitlement')
        .set({ end_month: endMonth, end_reason: event.kind })
        .where('member_id', '=', event.memberId)
        .where('entitlement_id', '=', e.entitlement_id)
        .execute();
      await writeAudit(trx, {
        actor: actor.username,
        action: 'end',
        entity: 'entitlement',
        entityId: `${event.memberId}/${e.entitlement_id}`,
        before: { end_month: null },
        after: { end_month: endMonth, end_reason: event.kind, evidence: event.evidence },
      });
      done.push({ entitlementId: Number(e.entitlement_id), variable: e.variable, endMonth });
    }
    return done;
  });

  const claimsFiled: ClaimView[] = [];
  if (event.kind === 'death' && event.survivors) {
    const s = event.survivors;
    const facts = {
      is_deceased: true,
      has_surviving_spouse: s.spouse,
      surviving_children: s.children,
      died_of_employment_injury: s.diedOfEmploymentInjury ?? false,
    };
    const variables = ['survivors_pension', 'survivors_lump_sum', 'funeral_allowance'] as const;
    const more = s.diedOfEmploymentInjury ? (['employment_injury_funeral_benefit'] as const) : [];
    for (const variable of [...variables, ...more])
      claimsFiled.push(
        await submitClaim(
          database,
          {
            memberId: event.memberId,
            variable,
            month,
            eventDate: event.date,
            facts,
            evidence: [event.evidence],
          },
          actor,
        ),
      );
  }
  return { memberId: event.memberId, kind: event.kind, ended, claimsFiled };
}
