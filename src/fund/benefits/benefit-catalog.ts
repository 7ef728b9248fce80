/**
 * @module fund/benefits/benefit-catalog
 * The benefits a claim can be decided on, by the law's public variable names, with the ILO C102
 * branch each belongs to and how the fund pays it:
 * - `monthly`: a pension; its approval opens an entitlement paid every month, recomputed by the
 *   law each month from the inputs at award and the month's price index, until an end event;
 * - `once`: a sum due once (a sickness spell, a maternity leave, a lump sum), paid by the next run;
 * - `none`: a decision without a payment: eligibility for medical care (care is given by the
 *   providers), a daily rate (the claim for the spell pays the total), or a branch the law has not
 *   legislated (its value is 0 until a reform switches it on).
 * The branch decides the ledger's expense account. Funeral benefits sit with the branch whose
 * scheme pays them (C102 places the funeral benefit of an employment injury in Part VI).
 */

export const BRANCHES = [
  'medical_care',
  'sickness',
  'unemployment',
  'old_age',
  'employment_injury',
  'family',
  'maternity',
  'invalidity',
  'survivors',
] as const;
export type Branch = (typeof BRANCHES)[number];

export type Payable = 'monthly' | 'once' | 'none';

export interface BenefitKind {
  branch: Branch;
  payable: Payable;
  /** False for a branch with no contributory scheme in Cambodian law today. */
  legislated: boolean;
}

const kind = (branch: Branch, payable: Payable, legislated = true): BenefitKind => ({
  branch,
  payable,
  legislated,
});

export const BENEFIT_CATALOG = {
  medical_care_entitlement: kind('medical_care', 'none'),
  sickness_daily_allowance: kind('sickness', 'none'),
  sickness_benefit: kind('sickness', 'once'),
  maternity_daily_allowance: kind('maternity', 'none'),
  maternity_benefit: kind('maternity', 'once'),
  childbirth_allowance: kind('maternity', 'once'),
  employment_injury_daily_allowance: kind('employment_injury', 'none'),
  employment_injury_temporary_benefit: kind('employment_injury', 'once'),
  employment_injury_permanent_pension: kind('employment_injury', 'monthly'),
  employment_injury_constant_attendance_allowance: kind('employment_injury', 'monthly'),
  employment_injury_lump_sum: kind('employment_injury', 'once'),
  employment_injury_funeral_benefit: kind('employment_injury', 'once'),
  old_age_pension: kind('old_age', 'monthly'),
  old_age_lump_sum: kind('old_age', 'once'),
  invalidity_pension: kind('invalidity', 'monthly'),
  survivors_pension: kind('survivors', 'monthly'),
  survivors_lump_sum: kind('survivors', 'once'),
  funeral_allowance: kind('survivors', 'once'),
  // The legacy schemes of the merged funds (public servants, veterans).
  public_servant_pension: kind('old_age', 'monthly'),
  public_servant_service_grant: kind('old_age', 'once'),
  veterans_pension: kind('old_age', 'monthly'),
  unemployment_benefit: kind('unemployment', 'none', false),
  family_benefit: kind('family', 'none', false),
} as const satisfies Record<string, BenefitKind>;

export type BenefitVariable = keyof typeof BENEFIT_CATALOG;

/** The benefit variables a claim can be decided on (the law's public names, issue 5). */
export const BENEFIT_VARIABLES = Object.keys(BENEFIT_CATALOG) as readonly BenefitVariable[];

export function isBenefitVariable(name: string): name is BenefitVariable {
  return Object.hasOwn(BENEFIT_CATALOG, name);
}

export function benefitKind(variable: BenefitVariable): BenefitKind {
  return BENEFIT_CATALOG[variable];
}
