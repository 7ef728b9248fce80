/**
 * @module law/variables/nssf-contributions
 * Contributions to the NSSF schemes for persons under the Labour Law, each share separately:
 * - employment injury: 0.8 % of the contributory wage, paid by the employer (since 2008);
 * - health care: 2.6 %, split 1.3 % / 1.3 % from 2016, all paid by the employer from 2018;
 * - pension: 4 % split equally from 1 October 2022, 8 % from year 6, then +2.75 points every 10
 *   years (the later switch dates are derived; see the parameter files);
 * - the self-employed health scheme: a flat 15,600 riel a month from April 2023.
 * Every amount is rounded to the law's rounding step. Rates live in src/law/parameters; a
 * formula starts on the date its scheme started, so earlier months give 0.
 */
import { add, mul, roundTo, sum, where } from '../../rules/expr/expr.js';
import { defineVariable } from '../define.js';
import { contributory_wage, pension_contributory_wage } from './contributory-wage.js';

const KHR = 'KHR';

export const nssf_employment_injury_contribution = defineVariable({
  name: 'nssf_employment_injury_contribution',
  entity: 'person',
  period: 'month',
  unit: KHR,
  label: { en: 'Employment injury contribution (employer)', km: 'ភាគទានហានិភ័យការងារ (និយោជក)' },
  reference: 'Prakas 109/2008; 0.8 % employer only (REFERENCE.md §2.2)',
  formulas: {
    '2008-05-16': ({ p }) =>
      roundTo(
        mul(contributory_wage, p.nssf.employment_injury.contribution_rate.employer),
        p.nssf.rounding_step,
      ),
  },
});

export const nssf_health_contribution_employer = defineVariable({
  name: 'nssf_health_contribution_employer',
  entity: 'person',
  period: 'month',
  unit: KHR,
  label: { en: 'Health care contribution, employer share', km: 'ភាគទានថែទាំសុខភាព ចំណែកនិយោជក' },
  reference: 'Prakas 109/2016 on health care; employer pays 2.6 % from 2018 (REFERENCE.md §2.2)',
  formulas: {
    '2016-03-17': ({ p }) =>
      roundTo(mul(contributory_wage, p.nssf.health.contribution_rate.employer), p.nssf.rounding_step),
  },
});

export const nssf_health_contribution_worker = defineVariable({
  name: 'nssf_health_contribution_worker',
  entity: 'person',
  period: 'month',
  unit: KHR,
  label: { en: 'Health care contribution, worker share', km: 'ភាគទានថែទាំសុខភាព ចំណែកកម្មករ' },
  reference: 'Prakas 109/2016 on health care; 1.3 % until 2018, then 0 (REFERENCE.md §2.2)',
  formulas: {
    '2016-03-17': ({ p }) =>
      roundTo(mul(contributory_wage, p.nssf.health.contribution_rate.worker), p.nssf.rounding_step),
  },
});

export const nssf_health_contribution = defineVariable({
  name: 'nssf_health_contribution',
  entity: 'person',
  period: 'month',
  unit: KHR,
  label: { en: 'Health care contribution (employer + worker)', km: 'ភាគទានថែទាំសុខភាព (និយោជក + កម្មករ)' },
  reference: 'Prakas 109/2016 on health care (REFERENCE.md §2.2)',
  formulas: {
    '2016-03-17': () => add(nssf_health_contribution_employer, nssf_health_contribution_worker),
  },
});

export const nssf_pension_contribution_employer = defineVariable({
  name: 'nssf_pension_contribution_employer',
  entity: 'person',
  period: 'month',
  unit: KHR,
  label: { en: 'Pension contribution, employer share', km: 'ភាគទានសោធននិវត្តន៍ ចំណែកនិយោជក' },
  reference: 'Sub-decree 32 (4 March 2021); contributions from 1 Oct 2022 (REFERENCE.md §2.2)',
  formulas: {
    '2022-10-01': ({ p }) =>
      roundTo(
        mul(pension_contributory_wage, p.nssf.pension.contribution_rate.employer),
        p.nssf.rounding_step,
      ),
  },
});

export const nssf_pension_contribution_worker = defineVariable({
  name: 'nssf_pension_contribution_worker',
  entity: 'person',
  period: 'month',
  unit: KHR,
  label: { en: 'Pension contribution, worker share', km: 'ភាគទានសោធននិវត្តន៍ ចំណែកកម្មករ' },
  reference: 'Sub-decree 32 (4 March 2021); contributions from 1 Oct 2022 (REFERENCE.md §2.2)',
  formulas: {
    '2022-10-01': ({ p }) =>
      roundTo(mul(pension_contributory_wage, p.nssf.pension.contribution_rate.worker), p.nssf.rounding_step),
  },
});

export const nssf_pension_contribution = defineVariable({
  name: 'nssf_pension_contribution',
  entity: 'person',
  period: 'month',
  unit: KHR,
  label: { en: 'Pension contribution (employer + worker)', km: 'ភាគទានសោធននិវត្តន៍ (និយោជក + កម្មករ)' },
  reference: 'Sub-decree 32 (4 March 2021) (REFERENCE.md §2.2)',
  formulas: {
    '2022-10-01': () => add(nssf_pension_contribution_employer, nssf_pension_contribution_worker),
  },
});

export const is_nssf_self_employed_member = defineVariable({
  name: 'is_nssf_self_employed_member',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: {
    en: 'Affiliated to the NSSF health scheme for the self-employed this month',
    km: 'ចុះបញ្ជីក្នុងរបបថែទាំសុខភាពសម្រាប់អ្នកប្រកបរបរដោយខ្លួនឯងក្នុងខែនេះ',
  },
  reference: 'NSSF self-employed health scheme (REFERENCE.md §2.8)',
});

export const nssf_self_employed_health_contribution = defineVariable({
  name: 'nssf_self_employed_health_contribution',
  entity: 'person',
  period: 'month',
  unit: KHR,
  label: {
    en: 'Health care contribution of a self-employed member',
    km: 'ភាគទានថែទាំសុខភាពរបស់អ្នកប្រកបរបរដោយខ្លួនឯង',
  },
  reference: 'NSSF self-employed health scheme, 15,600 riel a month from 1 April 2023 (REFERENCE.md §2.8)',
  formulas: {
    '2023-04-01': ({ p }) => where(is_nssf_self_employed_member, p.nssf.self_employed.health_contribution, 0),
  },
});

export const nssf_total_contribution_employer = defineVariable({
  name: 'nssf_total_contribution_employer',
  entity: 'person',
  period: 'month',
  unit: KHR,
  label: { en: 'NSSF contributions, employer share, all schemes', km: 'ភាគទាន ប.ស.ស. ចំណែកនិយោជក គ្រប់របប' },
  reference: 'Sum of the employer shares (REFERENCE.md §2.2)',
  formulas: {
    '2008-05-16': () =>
      sum(
        nssf_employment_injury_contribution,
        nssf_health_contribution_employer,
        nssf_pension_contribution_employer,
      ),
  },
});

export const nssf_total_contribution_worker = defineVariable({
  name: 'nssf_total_contribution_worker',
  entity: 'person',
  period: 'month',
  unit: KHR,
  label: {
    en: 'NSSF contributions paid by the insured person, all schemes',
    km: 'ភាគទាន ប.ស.ស. ដែលបង់ដោយអ្នកធានារ៉ាប់រង គ្រប់របប',
  },
  reference: 'Sum of the worker shares and the self-employed contribution (REFERENCE.md §2.2, §2.8)',
  documentation:
    'The insured person\u2019s own share: worker shares of wage employment plus the self-employed flat contribution.',
  formulas: {
    '2008-05-16': () =>
      sum(
        nssf_health_contribution_worker,
        nssf_pension_contribution_worker,
        nssf_self_employed_health_contribution,
      ),
  },
});

export const nssf_total_contribution = defineVariable({
  name: 'nssf_total_contribution',
  entity: 'person',
  period: 'month',
  unit: KHR,
  label: { en: 'NSSF contributions, all shares and schemes', km: 'ភាគទាន ប.ស.ស. សរុប' },
  formulas: {
    '2008-05-16': () => add(nssf_total_contribution_employer, nssf_total_contribution_worker),
  },
});
