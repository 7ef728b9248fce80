/**
 * @module fund/benefits/list-claims
 * Reading a member's benefit claims: the list, and one claim with every change of its state
 * (`claim_event`) and, once the law has decided it, the stored decision (value, inputs, law
 * version, parameter hash and trace) with its explanation in plain words, in Khmer or English.
 * Reads only; the claim's changes are `claims.ts`.
 */
import { sql } from 'kysely';
import type { Database } from '../../db/open-database.js';
import type { ClaimStatus, JsonValue } from '../../db/schema.js';
import { type Locale, SamakiError } from '../../kernel/errors.js';
import type { Trace } from '../../rules/backends/explain.js';
import { formatValue, renderTrace } from '../../rules/render-trace.js';

/** A decision's value: riel, an eligibility, or a category. */
export type DecisionValue = number | boolean | string;

/** A claim's stored amount as the decision's value (the services store nothing else there). */
export function decisionValue(amount: JsonValue | null): DecisionValue | null {
  return typeof amount === 'number' || typeof amount === 'boolean' || typeof amount === 'string'
    ? amount
    : null;
}

export interface ClaimSummary {
  memberId: number;
  claimId: number;
  variable: string;
  month: string;
  eventDate: string;
  status: ClaimStatus;
  amount: DecisionValue | null;
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  approvedBy: string | null;
  rejectionReason: string | null;
}

export interface ClaimEventView {
  eventId: number;
  at: string;
  actor: string;
  fromStatus: ClaimStatus | null;
  toStatus: ClaimStatus;
  note: string | null;
}

/** The law's decision on the claim, as stored when it was reviewed, and explained. */
export interface ClaimDecision {
  caseKey: string;
  variable: string;
  period: string;
  value: DecisionValue;
  /** The benefit's name in the locale. */
  label: string;
  /** The value in words: `2,047,500 riel`. */
  valueText: string;
  /** Every input the law read: from the insurance record and the claim's facts. */
  inputs: Record<string, DecisionValue>;
  lawVersion: string;
  parameterHash: string;
  evaluatedAt: string;
  locale: Locale;
  /** The trace rendered as an indented tree, labels in the locale. */
  explanation: string;
  /** The trace itself (`rules/backends/explain.ts`, `Trace`). */
  trace: Record<string, unknown>;
}

export interface ClaimDetail extends ClaimSummary {
  facts: Record<string, DecisionValue>;
  evidence: { kind: string; reference: string }[];
  decisionCaseKey: string | null;
  events: ClaimEventView[];
  decision: ClaimDecision | null;
}

/** A member's claims, newest first. */
export async function listClaims(
  database: Database,
  memberId: number,
): Promise<{ memberId: number; items: ClaimSummary[] }> {
  await requireMember(database, memberId);
  const rows = await claimQuery(database)
    .where('member_id', '=', memberId)
    .orderBy('claim_id', 'desc')
    .execute();
  return { memberId, items: rows.map(summaryOf) };
}

/** One claim with its events and, once decided, the decision explained in the locale. */
export async function showClaim(
  database: Database,
  memberId: number,
  claimId: number,
  locale: Locale,
): Promise<ClaimDetail> {
  const row = await claimQuery(database)
    .select(['facts', 'evidence', 'decision_case_key'])
    .where('member_id', '=', memberId)
    .where('claim_id', '=', claimId)
    .executeTakeFirst();
  if (!row) throw new SamakiError('claim_not_found', { id: claimId, member: memberId });
  const events = await database.db
    .selectFrom('claim_event')
    .select(['event_id', 'actor', 'from_status', 'to_status', 'note', 'at'])
    .where('member_id', '=', memberId)
    .where('claim_id', '=', claimId)
    .orderBy('event_id')
    .execute();
  // The latest evaluation under the claim's key: an appeal decided again under a new law adds one.
  const decision =
    row.decision_case_key === null
      ? undefined
      : await database.db
          .selectFrom('evaluated_case')
          .select([
            'case_key',
            'variable',
            'period',
            'value',
            'inputs',
            'trace',
            'law_version',
            'parameter_hash',
            'evaluated_at',
          ])
          .where('case_key', '=', row.decision_case_key)
          .where('variable', '=', row.variable)
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst();
  return {
    ...summaryOf(row),
    facts: row.facts as Record<string, DecisionValue>,
    evidence: row.evidence as { kind: string; reference: string }[],
    decisionCaseKey: row.decision_case_key,
    events: events.map((e) => ({
      eventId: Number(e.event_id),
      at: new Date(e.at).toISOString(),
      actor: e.actor,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
    })),
    decision: decision
      ? (() => {
          const trace = decision.trace as unknown as Trace;
          return {
            caseKey: decision.case_key,
            variable: decision.variable,
            period: decision.period,
            value: decision.value,
            label: (locale === 'km' && trace.label?.km) || trace.label?.en || decision.variable,
            valueText: formatValue(decision.value, trace.unit),
            inputs: decision.inputs as Record<string, DecisionValue>,
            lawVersion: decision.law_version,
            parameterHash: decision.parameter_hash,
            evaluatedAt: new Date(decision.evaluated_at).toISOString(),
            locale,
            explanation: renderTrace(trace, locale),
            trace: decision.trace as Record<string, unknown>,
          };
        })()
      : null,
  };
}

function claimQuery(database: Database) {
  return database.db.selectFrom('claim').select([
    'member_id',
    'claim_id',
    'variable',
    'month',
    // Dates as text: the drivers read `date` differently (ARCHITECTURE.md, "Storage").
    sql<string>`event_date::text`.as('event_date'),
    'status',
    'amount',
    'submitted_by',
    'submitted_at',
    'decided_by',
    'approved_by',
    'rejection_reason',
  ]);
}

function summaryOf(c: {
  member_id: number;
  claim_id: number;
  variable: string;
  month: string;
  event_date: string;
  status: ClaimStatus;
  amount: JsonValue | null;
  submitted_by: string;
  submitted_at: Date;
  decided_by: string | null;
  approved_by: string | null;
  rejection_reason: string | null;
}): ClaimSummary {
  return {
    memberId: Number(c.member_id),
    claimId: Number(c.claim_id),
    variable: c.variable,
    month: c.month,
    eventDate: c.event_date,
    status: c.status,
    amount: decisionValue(c.amount),
    submittedBy: c.submitted_by,
    submittedAt: new Date(c.submitted_at).toISOString(),
    decidedBy: c.decided_by,
    approvedBy: c.approved_by,
    rejectionReason: c.rejection_reason,
  };
}

async function requireMember(database: Database, memberId: number): Promise<void> {
  const member = await database.db
    .selectFrom('member')
    .select('member_id')
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  if (!member) throw new SamakiError('member_not_found', { id: memberId });
}
