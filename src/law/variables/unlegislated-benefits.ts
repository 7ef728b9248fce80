/**
 * @module law/variables/unlegislated-benefits
 * Branches that Cambodia has not legislated: unemployment (a component of the NSPPF 2016-2025,
 * REFERENCE.md §1) and a contributory family benefit (the Family Package is social assistance,
 * §3.5). Their parameters hold `legislated: false` and zero placeholders, so these variables give
 * 0 until a reform scenario switches a branch on and fills its slots.
 */
import { and, lt, mul, roundTo, where } from '../../rules/expr/expr.js';
import { defineVariable } from '../define.js';
import {
  average_contributory_wage_6m,
  dependent_children,
  is_unemployed,
  unemployment_months_paid,
} from './benefit-inputs.js';

export const unemployment_benefit = defineVariable({
  name: 'unemployment_benefit',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Unemployment benefit (not legislated)', km: 'អត្ថប្រយោជន៍អត់ការងារធ្វើ (មិនទាន់មានច្បាប់)' },
  reference: 'Not legislated; NSPPF 2016-2025 component (REFERENCE.md §1, §8)',
  formulas: {
    '2017-03-24': ({ p }) =>
      where(
        and(
          p.nssf.benefits.unemployment.legislated,
          and(is_unemployed, lt(unemployment_months_paid, p.nssf.benefits.unemployment.max_months)),
        ),
        roundTo(
          mul(average_contributory_wage_6m, p.nssf.benefits.unemployment.replacement_rate),
          p.nssf.rounding_step,
        ),
        0,
      ),
  },
});

export const family_benefit = defineVariable({
  name: 'family_benefit',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Family benefit (not legislated)', km: 'អត្ថប្រយោជន៍គ្រួសារ (មិនទាន់មានច្បាប់)' },
  reference: 'Not legislated for NSSF members (REFERENCE.md §3.5, §8)',
  formulas: {
    '2017-03-24': ({ p }) =>
      where(
        p.nssf.benefits.family.legislated,
        roundTo(mul(p.nssf.benefits.family.amount_per_child, dependent_children), p.nssf.rounding_step),
        0,
      ),
  },
});
