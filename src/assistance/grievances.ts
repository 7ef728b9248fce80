/**
 * @module assistance/grievances
 * A beneficiary's grievance: lodged by the beneficiary or on their behalf (a channel, a
 * category), assigned to an officer, escalated one level each time it stays unresolved past its
 * deadline (`social_assistance.grievances.escalation_days`, a law parameter), resolved with an
 * answer the beneficiary reads. Every step is a `grievance_event` row and an audit row, in the
 * same transaction as the change; a step the grievance's state does not allow is refused.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/open-database.js';
import { GRIEVANCE_CATEGORIES, GRIEVANCE_CHANNELS, type GrievanceStatus, type Schema } from '../db/schema.js';
import { writeAudit } from '../db/write-audit.js';
import { addDays, lawNumber } from '../fund/law-value.js';
import { SamakiError } from '../kernel/errors.js';
import { isIsoDate } from '../kernel/period.js';

/** The highest level a grievance can reach (the national level). */
const TOP_LEVEL = 5;

export interface GrievanceView {
  grievanceId: number;
  householdId: number;
  status: GrievanceStatus;
  level: number;
  category: string;
  channel: string;
  assignedTo: string | null;
  dueOn: string;
  answer: string | null;
}

const bad = (reason: string) => new SamakiError('grievance_invalid', { reason });

function deadline(from: string): string {
  return addDays(from, lawNumber('social_assistance.grievances.escalation_days', from).value);
}

export async function lodgeGrievance(
  database: Database,
  input: {
    householdId: number;
    personId?: number | null;
    channel: string;
    category: string;
    description: string;
    onBehalf: boolean;
    lodgedOn: string;
  },
  actor: string,
): Promise<GrievanceView> {
  if (!(GRIEVANCE_CHANNELS as readonly string[]).includes(input.channel))
    throw bad(`channel "${input.channel}" is not one of ${GRIEVANCE_CHANNELS.join(', ')}`);
  if (!(GRIEVANCE_CATEGORIES as readonly string[]).includes(input.category))
    throw bad(`category "${input.category}" is not one of ${GRIEVANCE_CATEGORIES.join(', ')}`);
  if (!input.description.trim()) throw bad('say what the grievance is about');
  if (!isIsoDate(input.lodgedOn)) throw bad(`date "${input.lodgedOn}" is not a date (YYYY-MM-DD)`);
  return database.db.transaction().execute(async (trx) => {
    const household = await trx
      .selectFrom('household')
      .select('household_id')
      .where('household_id', '=', input.householdId)
      .executeTakeFirst();
    if (!household) throw bad(`there is no household ${input.householdId} in the registry`);
    const { grievance_id } = await trx
      .insertInto('grievance')
      .values({
        household_id: input.householdId,
        person_id: input.personId ?? null,
        lodged_by: actor,
        on_behalf: input.onBehalf,
        channel: input.channel as (typeof GRIEVANCE_CHANNELS)[number],
        category: input.category as (typeof GRIEVANCE_CATEGORIES)[number],
        description: input.description.trim(),
        status: 'lodged',
        lodged_on: input.lodgedOn,
        due_on: deadline(input.lodgedOn),
      })
      .returning('grievance_id')
      .executeTakeFirstOrThrow();
    await record(trx, Number(grievance_id), actor, null, 'lodged', `${input.channel}, ${input.category}`);
    return view(trx, Number(grievance_id));
  });
}

export async function assignGrievance(
  database: Database,
  grievanceId: number,
  officer: string,
  actor: string,
): Promise<GrievanceView> {
  if (!officer.trim()) throw bad('name the officer who handles it');
  return change(
    database,
    grievanceId,
    actor,
    ['lodged', 'escalated'],
    'assigned',
    { assigned_to: officer.trim() },
    officer,
  );
}

export async function resolveGrievance(
  database: Database,
  grievanceId: number,
  answer: string,
  resolvedOn: string,
  actor: string,
): Promise<GrievanceView> {
  if (!answer.trim()) throw bad('give the answer the beneficiary will read');
  if (!isIsoDate(resolvedOn)) throw bad(`date "${resolvedOn}" is not a date (YYYY-MM-DD)`);
  return change(
    database,
    grievanceId,
    actor,
    ['lodged', 'assigned', 'escalated'],
    'resolved',
    { answer: answer.trim(), resolved_on: resolvedOn },
    answer.trim(),
  );
}

/** Escalates every grievance unresolved past its deadline on `today`: one level up, a new deadline. */
export async function escalateOverdue(
  database: Database,
  today: string,
  actor: string,
): Promise<{ escalated: number[] }> {
  if (!isIsoDate(today)) throw bad(`date "${today}" is not a date (YYYY-MM-DD)`);
  return database.db.transaction().execute(async (trx) => {
    const overdue = await trx
      .selectFrom('grievance')
      .select(['grievance_id', 'status', 'level'])
      .where('status', '<>', 'resolved')
      .where(sql<boolean>`due_on < cast(${today} as date)`)
      .where('level', '<', TOP_LEVEL)
      .orderBy('grievance_id')
      .forUpdate()
      .execute();
    for (const g of overdue) {
      await trx
        .updateTable('grievance')
        .set({ status: 'escalated', level: g.level + 1, assigned_to: null, due_on: deadline(today) })
        .where('grievance_id', '=', g.grievance_id)
        .execute();
      await record(trx, Number(g.grievance_id), actor, g.status, 'escalated', `to level ${g.level + 1}`);
    }
    return { escalated: overdue.map((g) => Number(g.grievance_id)) };
  });
}

async function change(
  database: Database,
  grievanceId: number,
  actor: string,
  from: readonly GrievanceStatus[],
  to: GrievanceStatus,
  set: { assigned_to?: string; answer?: string; resolved_on?: string },
  note: string,
): Promise<GrievanceView> {
  return database.db.transaction().execute(async (trx) => {
    const g = await trx
      .selectFrom('grievance')
      .select('status')
      .where('grievance_id', '=', grievanceId)
      .forUpdate()
      .executeTakeFirst();
    if (!g) throw new SamakiError('grievance_not_found', { id: grievanceId });
    if (!from.includes(g.status))
      throw bad(
        `grievance ${grievanceId} is ${g.status}; it can become ${to} only from ${from.join(' or ')}`,
      );
    await trx
      .updateTable('grievance')
      .set({ ...set, status: to })
      .where('grievance_id', '=', grievanceId)
      .execute();
    await record(trx, grievanceId, actor, g.status, to, note);
    return view(trx, grievanceId);
  });
}

async function record(
  trx: Transaction<Schema>,
  grievanceId: number,
  actor: string,
  from: GrievanceStatus | null,
  to: GrievanceStatus,
  note: string | null,
): Promise<void> {
  await trx
    .insertInto('grievance_event')
    .values({ grievance_id: grievanceId, actor, from_status: from, to_status: to, note })
    .execute();
  await writeAudit(trx, {
    actor,
    action: to,
    entity: 'grievance',
    entityId: String(grievanceId),
    before: { status: from },
    after: { status: to, note },
  });
}

async function view(trx: Transaction<Schema>, grievanceId: number): Promise<GrievanceView> {
  const g = await trx
    .selectFrom('grievance')
    .selectAll()
    .where('grievance_id', '=', grievanceId)
    .executeTakeFirstOrThrow();
  return {
    grievanceId: Number(g.grievance_id),
    householdId: Number(g.household_id),
    status: g.status,
    level: g.level,
    category: g.category,
    channel: g.channel,
    assignedTo: g.assigned_to,
    dueOn: new Date(g.due_on).toISOString().slice(0, 10),
    answer: g.answer,
  };
}
