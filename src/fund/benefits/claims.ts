/**
 * @module fund/benefits/claims
 * A benefit claim's life: submitted (with the event's facts and evidence) → in review (the law
 * decides it from the insurance record, `decideBenefit`) → approved or rejected → paid; a
 * rejection may be appealed (back to review), and a claim not yet decided may be withdrawn. Above
 * the approval threshold (`nssf.benefits.claims.approval_threshold`, an internal control) a
 * supervisor other than the deciding officer approves: maker-checker. Every change of state is
 * a `claim_event` row and an audit row, in the same transaction as the change.
 *
 * Approving a pension (a `monthly` benefit of the catalogue) always needs a supervisor other
 * than the decider, and opens its entitlement in the same transaction; a member has one open claim
 * per pension; a one-off benefit waits for the next payment run. A claim becomes `paid` when the
 * bank confirms its (first) payment, and returns to `approved` if the bank reverses it.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/open-database.js';
import type { ClaimStatus, JsonValue, Schema } from '../../db/schema.js';
import { writeAudit } from '../../db/write-audit.js';
import { SamakiError } from '../../kernel/errors.js';
import { isIsoDate, isMonth } from '../../kernel/period.js';
import { lawNumber } from '../law-value.js';
import {
  BENEFIT_VARIABLES,
  type BenefitVariable,
  benefitKind,
  isBenefitVariable,
} from './benefit-catalog.js';
import { decideBenefit } from './decide-benefit.js';

export interface Actor {
  username: string;
  role: 'fund_officer' | 'supervisor' | 'admin' | 'member' | 'employer';
}

export interface ClaimView {
  memberId: number;
  claimId: number;
  variable: string;
  month: string;
  status: ClaimStatus;
  amount: JsonValue | null;
  decisionCaseKey: string | null;
  decidedBy: string | null;
  approvedBy: string | null;
  rejectionReason: string | null;
}

/** Which states each action may start from. */
const FROM: Readonly<
  Record<'review' | 'approve' | 'reject' | 'appeal' | 'withdraw' | 'pay', readonly ClaimStatus[]>
> = {
  review: ['submitted', 'appealed'],
  approve: ['in_review'],
  reject: ['in_review'],
  appeal: ['rejected'],
  withdraw: ['submitted', 'in_review'],
  pay: ['approved'],
};

export async function submitClaim(
  database: Database,
  input: {
    memberId: number;
    variable: BenefitVariable;
    month: string;
    eventDate: string;
    facts: Record<string, number | boolean>;
    evidence: { kind: string; reference: string }[];
  },
  actor: Actor,
): Promise<ClaimView> {
  const bad = (reason: string) => new SamakiError('claim_invalid', { reason });
  if (!isBenefitVariable(input.variable))
    throw bad(`"${input.variable}" is not a benefit (${BENEFIT_VARIABLES.join(', ')})`);
  if (!isMonth(input.month)) throw bad(`month "${input.month}" is not YYYY-MM`);
  if (!isIsoDate(input.eventDate)) throw bad(`eventDate "${input.eventDate}" is not a date (YYYY-MM-DD)`);
  if (input.evidence.length === 0)
    throw bad(
      'attach the evidence of the event (a medical certificate, a birth or death certificate, an accident report)',
    );
  return database.db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom('member')
      .select('member_id')
      .where('member_id', '=', input.memberId)
      .executeTakeFirst();
    if (!member) throw new SamakiError('member_not_found', { id: input.memberId });
    if (benefitKind(input.variable).payable === 'monthly') {
      // Two open claims for one pension would become two pensions (also a unique index).
      const open = await trx
        .selectFrom('claim')
        .select(['claim_id', 'status'])
        .where('member_id', '=', input.memberId)
        .where('variable', '=', input.variable)
        .where('status', 'not in', ['rejected', 'withdrawn'])
        .executeTakeFirst();
      if (open)
        throw bad(
          `member ${input.memberId} already has claim ${open.claim_id} for ${input.variable} (${open.status}); a pension is claimed once`,
        );
    }
    const { claim_id } = await trx
      .insertInto('claim')
      .values({
        member_id: input.memberId,
        variable: input.variable,
        month: input.month,
        event_date: input.eventDate,
        facts: JSON.stringify(input.facts),
        evidence: JSON.stringify(input.evidence),
        status: 'submitted',
        submitted_by: actor.username,
      })
      .returning('claim_id')
      .executeTakeFirstOrThrow();
    await recordEvent(trx, input.memberId, claim_id, actor.username, null, 'submitted', null);
    return view(trx, input.memberId, claim_id);
  });
}

/** The law decides the claim from the member's record and the claim's facts. */
export async function reviewClaim(
  database: Database,
  memberId: number,
  claimId: number,
  actor: Actor,
): Promise<ClaimView> {
  requireRole(actor, ['fund_officer', 'supervisor']);
  const claim = await load(database, memberId, claimId, 'review');
  const decision = await decideBenefit(
    database,
    {
      memberId,
      variable: claim.variable as BenefitVariable,
      month: claim.month,
      facts: claim.facts as Record<string, number | boolean>,
      caseKey: `claim:${memberId}/${claimId}`,
    },
    { actor: actor.username },
  );
  return transition(
    database,
    memberId,
    claimId,
    'review',
    'in_review',
    actor,
    {
      decision_case_key: decision.caseKey,
      amount: JSON.stringify(decision.value),
      decided_by: actor.username,
      approved_by: null,
      rejection_reason: null,
    },
    `decided ${JSON.stringify(decision.value)} (law ${decision.lawVersion}, parameters ${decision.parameterHash.slice(0, 12)})`,
  );
}

export async function approveClaim(
  database: Database,
  memberId: number,
  claimId: number,
  actor: Actor,
): Promise<ClaimView> {
  requireRole(actor, ['fund_officer', 'supervisor']);
  const claim = await load(database, memberId, claimId, 'approve');
  const amount = typeof claim.amount === 'number' ? claim.amount : 0;
  const kind = benefitKind(claim.variable as BenefitVariable);
  if (!kind.legislated)
    throw new SamakiError('claim_invalid', {
      reason: `Cambodian law has no ${kind.branch} benefit yet (branch not legislated); reject the claim and say so`,
    });
  if ((kind.payable !== 'none' && amount <= 0) || claim.amount === false)
    throw new SamakiError('claim_invalid', {
      reason: `the law grants nothing on this claim (${JSON.stringify(claim.amount)}); reject it with the reason the explanation gives`,
    });
  if (kind.payable !== 'none' && !Number.isSafeInteger(amount))
    throw new Error(`claim ${memberId}/${claimId}: the law decided ${amount} riel, not whole riel`);
  const threshold = lawNumber('nssf.benefits.claims.approval_threshold', `${claim.month}-01`).value;
  // A pension is a commitment for life: whatever its monthly amount, a second person approves it.
  if (kind.payable === 'monthly') {
    if (actor.role !== 'supervisor')
      throw new SamakiError('claim_needs_checker', {
        amount,
        threshold,
        reason:
          'a supervisor approves it (a pension is a commitment for life: every pension needs a checker)',
      });
    if (actor.username === claim.decided_by)
      throw new SamakiError('claim_needs_checker', {
        amount,
        threshold,
        reason: `someone other than ${claim.decided_by}, who decided it, approves it`,
      });
  } else if (amount > threshold) {
    if (actor.role !== 'supervisor')
      throw new SamakiError('claim_needs_checker', { amount, threshold, reason: 'a supervisor approves it' });
    if (actor.username === claim.decided_by)
      throw new SamakiError('claim_needs_checker', {
        amount,
        threshold,
        reason: `someone other than ${claim.decided_by}, who decided it, approves it`,
      });
  }
  return transition(
    database,
    memberId,
    claimId,
    'approve',
    'approved',
    actor,
    { approved_by: actor.username },
    null,
    kind.payable === 'monthly'
      ? (trx) => openEntitlement(trx, claim, kind.branch, actor.username)
      : undefined,
  );
}

/** A pension in payment from the claim's month, with the decision's inputs at award. */
async function openEntitlement(
  trx: Transaction<Schema>,
  claim: {
    member_id: number;
    claim_id: number;
    variable: string;
    month: string;
    decision_case_key: string | null;
  },
  branch: string,
  actor: string,
): Promise<void> {
  const decision = await trx
    .selectFrom('evaluated_case')
    .select('inputs')
    .where('case_key', '=', claim.decision_case_key ?? '')
    .where('variable', '=', claim.variable)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  // A member's own pension approved after their recorded death is payable up to that month
  // only; a survivors' pension is the survivors' and does not end with it.
  const member = await trx
    .selectFrom('member')
    .select(sql<string | null>`to_char(died_on, 'YYYY-MM')`.as('died'))
    .where('member_id', '=', claim.member_id)
    .executeTakeFirstOrThrow();
  const ends = member.died !== null && claim.variable !== 'survivors_pension';
  const { entitlement_id } = await trx
    .insertInto('entitlement')
    .values({
      member_id: claim.member_id,
      claim_id: claim.claim_id,
      variable: claim.variable,
      branch,
      inputs: JSON.stringify(decision.inputs),
      start_month: claim.month,
      ...(ends ? { end_month: member.died, end_reason: 'death' as const } : {}),
    })
    .returning('entitlement_id')
    .executeTakeFirstOrThrow();
  await writeAudit(trx, {
    actor,
    action: 'open',
    entity: 'entitlement',
    entityId: `${claim.member_id}/${entitlement_id}`,
    after: { claim_id: claim.claim_id, variable: claim.variable, start_month: claim.month },
  });
}

export async function rejectClaim(
  database: Database,
  memberId: number,
  claimId: number,
  reason: string,
  actor: Actor,
): Promise<ClaimView> {
  requireRole(actor, ['fund_officer', 'supervisor']);
  if (!reason.trim())
    throw new SamakiError('claim_invalid', { reason: 'say why the claim is rejected; the member reads it' });
  await load(database, memberId, claimId, 'reject');
  return transition(
    database,
    memberId,
    claimId,
    'reject',
    'rejected',
    actor,
    { rejection_reason: reason.trim() },
    reason.trim(),
  );
}

export async function appealClaim(
  database: Database,
  memberId: number,
  claimId: number,
  grounds: string,
  actor: Actor,
): Promise<ClaimView> {
  await load(database, memberId, claimId, 'appeal');
  return transition(database, memberId, claimId, 'appeal', 'appealed', actor, {}, grounds.trim() || null);
}

export async function withdrawClaim(
  database: Database,
  memberId: number,
  claimId: number,
  actor: Actor,
): Promise<ClaimView> {
  await load(database, memberId, claimId, 'withdraw');
  return transition(database, memberId, claimId, 'withdraw', 'withdrawn', actor, {}, null);
}

function requireRole(actor: Actor, roles: readonly Actor['role'][]): void {
  if (!roles.includes(actor.role))
    throw new SamakiError('claim_invalid', {
      reason: `a ${actor.role} cannot do this; a ${roles.join(' or ')} does`,
    });
}

async function load(database: Database, memberId: number, claimId: number, action: keyof typeof FROM) {
  const claim = await database.db
    .selectFrom('claim')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('claim_id', '=', claimId)
    .executeTakeFirst();
  if (!claim) throw new SamakiError('claim_not_found', { id: claimId, member: memberId });
  if (!FROM[action].includes(claim.status))
    throw new SamakiError('claim_wrong_state', {
      id: claimId,
      status: claim.status,
      action,
      allowed: FROM[action].join(', '),
    });
  return claim;
}

async function transition(
  database: Database,
  memberId: number,
  claimId: number,
  action: keyof typeof FROM,
  to: ClaimStatus,
  actor: Actor,
  changes: Partial<{
    decision_case_key: string | null;
    amount: string | null;
    decided_by: string | null;
    approved_by: string | null;
    rejection_reason: string | null;
  }>,
  note: string | null,
  alsoDo?: (trx: Transaction<Schema>) => Promise<void>,
): Promise<ClaimView> {
  return database.db.transaction().execute(async (trx) => {
    // The state is checked again under the row lock: two officers acting at once cannot both win.
    const current = await trx
      .selectFrom('claim')
      .select('status')
      .where('member_id', '=', memberId)
      .where('claim_id', '=', claimId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!FROM[action].includes(current.status))
      throw new SamakiError('claim_wrong_state', {
        id: claimId,
        status: current.status,
        action,
        allowed: FROM[action].join(', '),
      });
    await trx
      .updateTable('claim')
      .set({ ...changes, status: to })
      .where('member_id', '=', memberId)
      .where('claim_id', '=', claimId)
      .execute();
    await recordEvent(trx, memberId, claimId, actor.username, current.status, to, note);
    if (alsoDo) await alsoDo(trx);
    return view(trx, memberId, claimId);
  });
}

async function recordEvent(
  trx: Transaction<Schema>,
  memberId: number,
  claimId: number,
  actor: string,
  from: ClaimStatus | null,
  to: ClaimStatus,
  note: string | null,
): Promise<void> {
  await trx
    .insertInto('claim_event')
    .values({ member_id: memberId, claim_id: claimId, actor, from_status: from, to_status: to, note })
    .execute();
  await writeAudit(trx, {
    actor,
    action: to,
    entity: 'claim',
    entityId: `${memberId}/${claimId}`,
    before: { status: from },
    after: { status: to, note },
  });
}

async function view(trx: Transaction<Schema>, memberId: number, claimId: number): Promise<ClaimView> {
  const c = await trx
    .selectFrom('claim')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('claim_id', '=', claimId)
    .executeTakeFirstOrThrow();
  return {
    memberId: Number(c.member_id),
    claimId: Number(c.claim_id),
    variable: c.variable,
    month: c.month,
    status: c.status,
    amount: c.amount,
    decisionCaseKey: c.decision_case_key,
    decidedBy: c.decided_by,
    approvedBy: c.approved_by,
    rejectionReason: c.rejection_reason,
  };
}
