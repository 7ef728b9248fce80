/**
 * @module law/law
 * Cambodia's social protection law as one `Law`: the dated parameters under ./parameters and
 * the variables under ./variables. `LAW_VERSION` follows the OpenFisca convention
 * (CONTRIBUTING.md): patch = a calculation fixed, minor = something added, major = a public
 * variable renamed or removed. Every stored decision carries it with its parameter hash.
 */
import { fileURLToPath } from 'node:url';
import { createLaw, type Law } from '../rules/law.js';
import { loadParameters } from '../rules/parameters/load-parameters.js';
import type { AnyVariable } from '../rules/variables/define-variable.js';
import type { LawParameters } from './parameters.types.js';
import * as benefitInputs from './variables/benefit-inputs.js';
import * as contributoryWage from './variables/contributory-wage.js';
import * as coordination from './variables/coordination.js';
import * as dailyWage from './variables/daily-wage.js';
import * as employmentInjuryBenefits from './variables/employment-injury-benefits.js';
import * as groups from './variables/groups.js';
import * as healthBenefits from './variables/health-benefits.js';
import * as idpoorScoring from './variables/idpoor-scoring.js';
import * as contributions from './variables/nssf-contributions.js';
import * as pensionBenefits from './variables/pension-benefits.js';
import * as publicServantBenefits from './variables/public-servant-benefits.js';
import * as socialAssistance from './variables/social-assistance.js';
import * as unlegislatedBenefits from './variables/unlegislated-benefits.js';
import * as wage from './variables/wage.js';

export const LAW_VERSION = 'kh-0.3.0';

/** The parameters folder; the same path from `src/law` (tests) and `dist/law` (compiled). */
export const PARAMETERS_DIR = fileURLToPath(new URL('../../src/law/parameters', import.meta.url));
/** The YAML law tests. */
export const LAW_TESTS_DIR = fileURLToPath(new URL('../../src/law/tests', import.meta.url));
/** Example situations shipped with the law. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../src/law/examples', import.meta.url));

/** Every variable of the law, in a stable order. */
export const VARIABLES: readonly AnyVariable[] = [
  ...Object.values(wage),
  ...Object.values(contributoryWage),
  ...Object.values(contributions),
  ...Object.values(groups),
  ...Object.values(benefitInputs),
  ...Object.values(dailyWage),
  ...Object.values(healthBenefits),
  ...Object.values(employmentInjuryBenefits),
  ...Object.values(pensionBenefits),
  ...Object.values(publicServantBenefits),
  ...Object.values(socialAssistance),
  ...Object.values(idpoorScoring),
  ...Object.values(coordination),
  ...Object.values(unlegislatedBenefits),
] as AnyVariable[];

/** The variables the contribution benchmark and the fund compute each month for every person. */
export const CONTRIBUTION_VARIABLES = [
  'contributory_wage',
  'pension_contributory_wage',
  'nssf_employment_injury_contribution',
  'nssf_health_contribution_employer',
  'nssf_health_contribution_worker',
  'nssf_health_contribution',
  'nssf_pension_contribution_employer',
  'nssf_pension_contribution_worker',
  'nssf_pension_contribution',
  'nssf_self_employed_health_contribution',
  'nssf_total_contribution_employer',
  'nssf_total_contribution_worker',
  'nssf_total_contribution',
] as const;

let cached: Law<LawParameters> | undefined;

/** Loads (once) Cambodia's law. */
export function cambodiaLaw(): Law<LawParameters> {
  cached ??= createLaw<LawParameters>({
    version: LAW_VERSION,
    parameters: loadParameters(PARAMETERS_DIR),
    variables: VARIABLES,
  });
  return cached;
}
