/**
 * @module law/variables/groups
 * Variables of households and employers that gather their members' values: what an employer
 * remits to NSSF each month for its workers (both shares), its number of workers, a household's
 * size and the area it lives in. Later programmes (Family Package, targeting) read these.
 */
import {
  anyMember,
  countMembers,
  gt,
  isOneOf,
  ofHousehold,
  sum,
  sumOfMembers,
} from '../../rules/expr/expr.js';
import { defineVariable } from '../define.js';
import {
  nssf_health_contribution_worker,
  nssf_pension_contribution_worker,
  nssf_total_contribution_employer,
} from './nssf-contributions.js';
import { wage_in_riel } from './wage.js';

export const employer_worker_count = defineVariable({
  name: 'employer_worker_count',
  entity: 'employer',
  period: 'month',
  unit: 'person',
  label: { en: 'Workers paid a wage this month', km: 'ចំនួនកម្មករដែលទទួលប្រាក់ឈ្នួលក្នុងខែនេះ' },
  formulas: { '2008-05-16': () => countMembers(gt(wage_in_riel, 0)) },
});

export const employer_nssf_contribution_due = defineVariable({
  name: 'employer_nssf_contribution_due',
  entity: 'employer',
  period: 'month',
  unit: 'KHR',
  label: {
    en: 'NSSF contributions the employer remits for the month (both shares)',
    km: 'ភាគទាន ប.ស.ស. ដែលនិយោជកត្រូវបង់សម្រាប់ខែ (ចំណែកទាំងពីរ)',
  },
  reference: 'Employer declares and pays both shares by the 15th of the next month (REFERENCE.md §2.3)',
  formulas: {
    // The employer withholds and remits the worker shares of wage employment; a self-employed
    // member's own flat contribution is paid by the member, not through an employer.
    '2008-05-16': () =>
      sumOfMembers(
        sum(
          nssf_total_contribution_employer,
          nssf_health_contribution_worker,
          nssf_pension_contribution_worker,
        ),
      ),
  },
});

export const area = defineVariable({
  name: 'area',
  entity: 'household',
  period: 'month',
  type: 'enum',
  values: ['rural', 'urban'],
  label: { en: 'Area where the household lives', km: 'តំបន់ដែលគ្រួសាររស់នៅ' },
});

export const household_size = defineVariable({
  name: 'household_size',
  entity: 'household',
  period: 'month',
  unit: 'person',
  label: { en: 'Number of household members', km: 'ចំនួនសមាជិកគ្រួសារ' },
  formulas: { '2008-05-16': () => countMembers() },
});

export const household_has_wage_earner = defineVariable({
  name: 'household_has_wage_earner',
  entity: 'household',
  period: 'month',
  type: 'boolean',
  label: { en: 'Someone in the household is paid a wage', km: 'មានសមាជិកគ្រួសារម្នាក់ទទួលប្រាក់ឈ្នួល' },
  formulas: { '2008-05-16': () => anyMember(gt(wage_in_riel, 0)) },
});

export const lives_in_urban_area = defineVariable({
  name: 'lives_in_urban_area',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Lives in an urban household', km: 'រស់នៅក្នុងគ្រួសារនៅតំបន់ទីក្រុង' },
  formulas: { '2008-05-16': () => ofHousehold(isOneOf(area, ['urban'])) },
});

export const household_size_of_person = defineVariable({
  name: 'household_size_of_person',
  entity: 'person',
  period: 'month',
  unit: 'person',
  label: { en: 'Size of the person\u2019s household', km: 'ទំហំគ្រួសាររបស់បុគ្គល' },
  formulas: { '2008-05-16': () => ofHousehold(household_size) },
});
