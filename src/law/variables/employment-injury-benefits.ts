/**
 * @module law/variables/employment-injury-benefits
 * Cash benefits of the employment-injury (occupational risk) scheme (Prakas 109/2008 as revised
 * on 18 October 2018; REFERENCE.md §2.5, B2.1, B2.3), all from secondary sources:
 * - temporary incapacity: 70 % of the daily average wage of the last 6 months, from day 2 (day 1
 *   is the employer's), at most 180 days in 12 months;
 * - permanent incapacity: below 20 % a lump sum (daily average wage × degree × an actuarial
 *   factor that was not found: 0, unverified); from 20 % a monthly pension (average wage × degree
 *   × a factor that was not found: 1, unverified); total incapacity adds a constant-attendance
 *   allowance of half the pension;
 * - funeral benefit on a death from an employment injury: US$1,000 from April 2013 (a blog,
 *   unverified), paid in riel at the month's exchange rate.
 * Lump sums and the funeral benefit are the amounts due; the fund pays them once.
 * Survivors' pensions of this scheme are not encoded: only "56 %" was read (B2.3).
 */
import { and, ge, gt, lt, max, min, mul, roundTo, sub, where } from '../../rules/expr/expr.js';
import { defineVariable } from '../define.js';
import {
  average_contributory_wage_6m,
  died_of_employment_injury,
  employment_injury_days_paid_last_12m,
  employment_injury_incapacity_days,
  employment_injury_incapacity_starts_in_month,
  incapacity_degree,
} from './benefit-inputs.js';
import { average_daily_wage } from './daily-wage.js';
import { exchange_rate } from './wage.js';

const EI_REF = 'Prakas 109/2008 on employment-injury benefits, revised 18 Oct 2018';

export const employment_injury_daily_allowance = defineVariable({
  name: 'employment_injury_daily_allowance',
  entity: 'person',
  period: 'month',
  unit: 'KHR/day',
  label: {
    en: 'Employment injury, temporary-incapacity daily allowance',
    km: 'ប្រាក់ឧបត្ថម្ភប្រចាំថ្ងៃ ពេលអសមត្ថភាពបណ្ដោះអាសន្នដោយគ្រោះថ្នាក់ការងារ',
  },
  reference: `${EI_REF}: 70 % of the daily average wage of the last 6 months (REFERENCE.md §2.5, B2.1, B2.3)`,
  documentation: 'Amount per day of temporary incapacity, 0 in a month without incapacity.',
  formulas: {
    '2008-05-16': ({ p }) =>
      where(
        gt(employment_injury_incapacity_days, 0),
        roundTo(
          mul(average_daily_wage, p.nssf.benefits.employment_injury.temporary.rate),
          p.nssf.rounding_step,
        ),
        0,
      ),
  },
});

export const employment_injury_paid_days = defineVariable({
  name: 'employment_injury_paid_days',
  entity: 'person',
  period: 'month',
  unit: 'day',
  label: {
    en: 'Days of temporary-incapacity allowance paid by NSSF this month',
    km: 'ចំនួនថ្ងៃប្រាក់ឧបត្ថម្ភអសមត្ថភាពបណ្ដោះអាសន្នដែល ប.ស.ស. បើកក្នុងខែនេះ',
  },
  reference: `${EI_REF}: from day 2, at most 180 days in 12 months (REFERENCE.md §2.5, B2.3)`,
  formulas: {
    '2008-05-16': ({ p }) =>
      min(
        max(
          sub(
            employment_injury_incapacity_days,
            where(
              employment_injury_incapacity_starts_in_month,
              p.nssf.benefits.employment_injury.temporary.employer_paid_days,
              0,
            ),
          ),
          0,
        ),
        max(
          sub(p.nssf.benefits.employment_injury.temporary.max_days, employment_injury_days_paid_last_12m),
          0,
        ),
      ),
  },
});

export const employment_injury_temporary_benefit = defineVariable({
  name: 'employment_injury_temporary_benefit',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: {
    en: 'Employment injury, temporary-incapacity benefit for the month',
    km: 'ប្រាក់ឧបត្ថម្ភអសមត្ថភាពបណ្ដោះអាសន្នសម្រាប់ខែ',
  },
  reference: `${EI_REF} (REFERENCE.md §2.5, B2.3)`,
  formulas: {
    '2008-05-16': () => mul(employment_injury_daily_allowance, employment_injury_paid_days),
  },
});

export const employment_injury_permanent_pension = defineVariable({
  name: 'employment_injury_permanent_pension',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: {
    en: 'Employment injury, permanent-incapacity pension (monthly)',
    km: 'សោធនអសមត្ថភាពអចិន្ត្រៃយ៍ដោយគ្រោះថ្នាក់ការងារ (ប្រចាំខែ)',
  },
  reference: `${EI_REF}: a pension from 20 % of incapacity; factor not found (REFERENCE.md §2.5, B2.3, B7)`,
  formulas: {
    '2008-05-16': ({ p }) =>
      where(
        ge(incapacity_degree, p.nssf.benefits.employment_injury.permanent.pension_threshold),
        roundTo(
          mul(
            mul(average_contributory_wage_6m, incapacity_degree),
            p.nssf.benefits.employment_injury.permanent.pension_factor,
          ),
          p.nssf.rounding_step,
        ),
        0,
      ),
  },
});

export const employment_injury_lump_sum = defineVariable({
  name: 'employment_injury_lump_sum',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: {
    en: 'Employment injury, permanent-incapacity lump sum',
    km: 'ប្រាក់បំណាច់ម្ដង អសមត្ថភាពអចិន្ត្រៃយ៍ដោយគ្រោះថ្នាក់ការងារ',
  },
  reference: `${EI_REF}: below 20 %, daily average wage × degree × actuarial factor (not found) (REFERENCE.md §2.5, B2.3, B7)`,
  formulas: {
    '2008-05-16': ({ p }) =>
      where(
        and(
          gt(incapacity_degree, 0),
          lt(incapacity_degree, p.nssf.benefits.employment_injury.permanent.pension_threshold),
        ),
        roundTo(
          mul(
            mul(average_daily_wage, incapacity_degree),
            p.nssf.benefits.employment_injury.permanent.lump_sum_actuarial_factor,
          ),
          p.nssf.rounding_step,
        ),
        0,
      ),
  },
});

export const employment_injury_constant_attendance_allowance = defineVariable({
  name: 'employment_injury_constant_attendance_allowance',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: {
    en: 'Employment injury, constant-attendance allowance (total incapacity)',
    km: 'ប្រាក់ឧបត្ថម្ភអ្នកថែទាំ (អសមត្ថភាពទាំងស្រុង)',
  },
  reference: `${EI_REF}: total incapacity adds 1/2 of the pension (REFERENCE.md §2.5, B2.3)`,
  formulas: {
    '2008-05-16': ({ p }) =>
      where(
        ge(incapacity_degree, p.nssf.benefits.employment_injury.permanent.total_incapacity_threshold),
        roundTo(
          mul(
            employment_injury_permanent_pension,
            p.nssf.benefits.employment_injury.permanent.constant_attendance_rate,
          ),
          p.nssf.rounding_step,
        ),
        0,
      ),
  },
});

export const employment_injury_funeral_benefit = defineVariable({
  name: 'employment_injury_funeral_benefit',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Employment injury, funeral benefit', km: 'ប្រាក់ឧបត្ថម្ភបុណ្យសព ហានិភ័យការងារ' },
  reference:
    'Funeral benefit of the employment-injury scheme; US$1,000 from 04/2013 (weak source) (REFERENCE.md §2.5, B2.3)',
  formulas: {
    '2013-04-01': ({ p }) =>
      where(
        died_of_employment_injury,
        roundTo(
          mul(p.nssf.benefits.employment_injury.funeral_benefit_usd, exchange_rate),
          p.nssf.rounding_step,
        ),
        0,
      ),
  },
});
