/**
 * @module fund/compute-contributions
 * The contributions of a month's declaration lines, computed by the law (`src/law`) and never by
 * the fund's own code: the lines become a columnar population (wage in riel, wage in dollars, the
 * month's exchange rate, self-employed affiliation) and the law's compiled plan for the month
 * computes every share. The result carries the law version and the hash of the parameter values
 * used, which the declaration stores so each amount can be re-derived and explained
 * (`samaki explain nssf_total_contribution --period YYYY-MM --input wage=…`).
 */
import { type Period, parsePeriod } from '../kernel/period.js';
import { cambodiaLaw } from '../law/law.js';
import { type CompiledPlan, compileColumnar, runColumnar } from '../rules/backends/columnar.js';

/** One line as the law sees it. */
export interface ContributionInput {
  wageKhr: number;
  wageUsdCents: number;
  selfEmployed: boolean;
}

/** Per-line shares in riel, as columns (a month of the private sector is 2.6 million lines). */
export interface ContributionColumns {
  /** The wage as the law counts it: riel plus dollars at the month's rate. */
  wageInRiel: Float64Array;
  contributoryWage: Float64Array;
  pensionContributoryWage: Float64Array;
  employmentInjury: Float64Array;
  healthEmployer: Float64Array;
  healthWorker: Float64Array;
  pensionEmployer: Float64Array;
  pensionWorker: Float64Array;
  selfEmployedHealth: Float64Array;
}

export interface ContributionResult extends ContributionColumns {
  count: number;
  lawVersion: string;
  parameterHash: string;
}

/** The shares the fund stores, by law variable name. */
const OUTPUTS = {
  wageInRiel: 'wage_in_riel',
  contributoryWage: 'contributory_wage',
  pensionContributoryWage: 'pension_contributory_wage',
  employmentInjury: 'nssf_employment_injury_contribution',
  healthEmployer: 'nssf_health_contribution_employer',
  healthWorker: 'nssf_health_contribution_worker',
  pensionEmployer: 'nssf_pension_contribution_employer',
  pensionWorker: 'nssf_pension_contribution_worker',
  selfEmployedHealth: 'nssf_self_employed_health_contribution',
} as const satisfies Record<keyof ContributionColumns, string>;

const INPUTS = ['wage', 'wage_usd', 'exchange_rate', 'is_nssf_self_employed_member'] as const;

const compiledByMonth = new Map<string, { plan: CompiledPlan; parameterHash: string }>();

function compiledFor(month: string): { plan: CompiledPlan; parameterHash: string } {
  let entry = compiledByMonth.get(month);
  if (!entry) {
    const period: Period = parsePeriod(month);
    const plan = compileColumnar(cambodiaLaw(), period, Object.values(OUTPUTS), INPUTS);
    entry = { plan, parameterHash: plan.plan.parameterHash };
    compiledByMonth.set(month, entry);
  }
  return entry;
}

/**
 * Computes the contributions of `lines` for `month`. `rielPerUsd` is the month's exchange rate;
 * it is needed only when a line has a dollar wage (the caller checks that it is known).
 */
export function computeContributions(
  month: string,
  lines: readonly ContributionInput[],
  rielPerUsd: number | null,
): ContributionResult {
  const n = lines.length;
  const wage = new Float64Array(n);
  const wageUsd = new Float64Array(n);
  const rate = new Float64Array(n).fill(rielPerUsd ?? 0);
  const selfEmployed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    wage[i] = line.wageKhr;
    wageUsd[i] = line.wageUsdCents / 100;
    selfEmployed[i] = line.selfEmployed ? 1 : 0;
  }
  const { plan, parameterHash } = compiledFor(month);
  const workspace = runColumnar(plan, {
    persons: {
      count: n,
      columns: { wage, wage_usd: wageUsd, exchange_rate: rate, is_nssf_self_employed_member: selfEmployed },
    },
  });
  const column = (name: string): Float64Array => {
    const values = workspace.columns[name] as Float64Array;
    // Amounts are whole riel by the law's own rounding; a fraction here would be a defect in the
    // law's formulas, and money must never be stored as a float.
    for (let i = 0; i < n; i++)
      if (!Number.isInteger(values[i]!))
        throw new Error(`law variable ${name} gave ${values[i]} riel for line ${i + 1}: not whole riel`);
    return values;
  };
  return {
    count: n,
    lawVersion: cambodiaLaw().version,
    parameterHash,
    wageInRiel: column(OUTPUTS.wageInRiel),
    contributoryWage: column(OUTPUTS.contributoryWage),
    pensionContributoryWage: column(OUTPUTS.pensionContributoryWage),
    employmentInjury: column(OUTPUTS.employmentInjury),
    healthEmployer: column(OUTPUTS.healthEmployer),
    healthWorker: column(OUTPUTS.healthWorker),
    pensionEmployer: column(OUTPUTS.pensionEmployer),
    pensionWorker: column(OUTPUTS.pensionWorker),
    selfEmployedHealth: column(OUTPUTS.selfEmployedHealth),
  };
}
