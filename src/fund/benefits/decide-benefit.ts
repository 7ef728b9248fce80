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
import { BENEFIT_VARIABLES, type BenefitVariable, isBenefitVariable } from './benefit-catalog.js';
import { benefitInputsFromRecord } from './benefit-inputs-from-record.js';

export { BENEFIT_VARIABLES, type BenefitVariable } from './benefit-catalog.js';

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
    /** The claim's facts, as law inputs (e.g. sickness_days, incapacity_degree, number_of_babies). */
    facts: Record<string, number | boolean>;
    /** A stable key of the claim, so deciding it again with the same law stores nothing new. */
    caseKey: string;
  },
  options: { actor: string },
): Promise<BenefitDecision> {
  if (!isBenefitVariable(claim.variable))
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
