/**
 * @module fund/benefits/decide-benefit
 * A benefit decision on one member: the law evaluates the benefit variable for the claim's month
 * from the member's insurance record (`benefitInputsFromRecord`) and the claim's own facts (days
 * of sickness, the incapacity rate, the births …), and the decision is stored as an evaluated
 * case with its value, its full trace, the inputs, the law version and the parameter hash, so it
 * can be explained in plain words and re-derived later. Facts that come from the record cannot be
 * given with the claim: the fund does not take a claimant's word for its own ledger.
 */

import type { Database } from '../../db/open-database.js';
import { recordEvaluatedCases } from '../../db/record-evaluated-cases.js';
import type { JsonObject, JsonValue } from '../../db/schema.js';
import { SamakiError } from '../../kernel/errors.js';
import { parsePeriod } from '../../kernel/period.js';
import { cambodiaLaw } from '../../law/law.js';
import type { Trace } from '../../rules/backends/explain.js';
import { explain } from '../../rules/backends/explain.js';
import { parseSituation } from '../../rules/situation/situation.js';
import { benefitInputsFromRecord } from './benefit-inputs-from-record.js';

/** The benefit variables a claim can be decided on (the law's public names, issue 5). */
export const BENEFIT_VARIABLES = [
  'medical_care_entitlement',
  'sickness_benefit',
  'sickness_daily_allowance',
  'maternity_benefit',
  'maternity_daily_allowance',
  'childbirth_allowance',
  'employment_injury_daily_allowance',
  'employment_injury_temporary_benefit',
  'employment_injury_permanent_pension',
  'employment_injury_lump_sum',
  'old_age_pension',
  'old_age_lump_sum',
  'invalidity_pension',
  'survivors_pension',
  'funeral_allowance',
  'unemployment_benefit',
  'family_benefit',
] as const;
export type BenefitVariable = (typeof BENEFIT_VARIABLES)[number];

export interface BenefitDecision {
  caseKey: string;
  memberId: number;
  variable: BenefitVariable;
  month: string;
  value: number | boolean | string;
  inputs: Record<string, number | boolean>;
  trace: Trace;
  lawVersion: string;
  parameterHash: string;
}

export async function decideBenefit(
  database: Database,
  claim: {
    memberId: number;
    variable: BenefitVariable;
    month: string;
    /** The claim's facts, as law inputs (e.g. sickness_days, incapacity_rate, babies_born). */
    facts: Record<string, number | boolean>;
    /** A stable key of the claim, so deciding it again with the same law stores nothing new. */
    caseKey: string;
  },
  options: { actor: string },
): Promise<BenefitDecision> {
  if (!BENEFIT_VARIABLES.includes(claim.variable))
    throw new SamakiError('variable_unknown', {
      name: claim.variable,
      hint: `A benefit is one of ${BENEFIT_VARIABLES.join(', ')}.`,
    });
  const period = parsePeriod(claim.month);
  if (period.unit !== 'month') throw new SamakiError('period_bad', { value: claim.month });
  const fromRecord = await benefitInputsFromRecord(database, claim.memberId, claim.month);
  for (const name of Object.keys(claim.facts))
    if (name in fromRecord)
      throw new SamakiError('benefit_fact_from_record', { name, member: claim.memberId });
  const inputs: Record<string, number | boolean> = { ...fromRecord, ...claim.facts };
  const law = cambodiaLaw();
  const situation = parseSituation(law, {
    persons: { member: inputs },
    households: { household: { members: ['member'] } },
    employers: { employer: { members: ['member'] } },
  });
  const result = explain(law, situation, claim.variable, period);
  const { value, trace } = result.results[0]!;
  await recordEvaluatedCases(database.db, options.actor, [
    {
      caseKey: claim.caseKey,
      variable: claim.variable,
      period: result.period,
      entity: result.entity,
      entityKey: `member:${claim.memberId}`,
      value,
      inputs: inputs as JsonObject,
      trace: trace as unknown as JsonValue,
      lawVersion: result.lawVersion,
      parameterHash: result.parameterHash,
    },
  ]);
  return {
    caseKey: claim.caseKey,
    memberId: claim.memberId,
    variable: claim.variable,
    month: result.period,
    value,
    inputs,
    trace,
    lawVersion: result.lawVersion,
    parameterHash: result.parameterHash,
  };
}
