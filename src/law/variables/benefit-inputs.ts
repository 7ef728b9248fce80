/**
 * @module law/variables/benefit-inputs
 * The facts a benefit reads from the insured person's record and from the claim, given as inputs
 * for the month: the engine computes one period from its inputs, and the fund will fill these from
 * the insurance record (contribution months, average wages) and the claim (days of sickness,
 * degree of incapacity, births, death). Counts of months and days are those known at the month
 * the benefit is computed for (REFERENCE.md §2.4-2.6, §9, B1.2, B2).
 */
import { defineVariable } from '../define.js';

export const average_contributory_wage_6m = defineVariable({
  name: 'average_contributory_wage_6m',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  min: 0,
  label: {
    en: 'Average assumed monthly wage of the past 6 months',
    km: 'ប្រាក់ឈ្នួលគោលប្រចាំខែជាមធ្យមនៃ ៦ ខែចុងក្រោយ',
  },
  reference:
    'Average of the banded assumed wage over the past 6 months, or the months worked if fewer (REFERENCE.md §B1.3, B2.1)',
  documentation:
    'Base of the daily cash benefits of health care and employment injury: the average of contributory_wage over the 6 months before the event (or over the months worked when fewer than 6).',
});

export const health_contribution_consecutive_months = defineVariable({
  name: 'health_contribution_consecutive_months',
  entity: 'person',
  period: 'month',
  unit: 'month',
  min: 0,
  label: {
    en: 'Consecutive months of health-care contributions up to the month',
    km: 'ចំនួនខែបង់ភាគទានថែទាំសុខភាពជាប់គ្នារហូតដល់ខែនេះ',
  },
  reference: 'Qualifying conditions of the health-care scheme (REFERENCE.md §B2.2)',
});

export const health_contribution_months_last_12 = defineVariable({
  name: 'health_contribution_months_last_12',
  entity: 'person',
  period: 'month',
  unit: 'month',
  min: 0,
  label: {
    en: 'Months of health-care contributions in the last 12 months',
    km: 'ចំនួនខែបង់ភាគទានថែទាំសុខភាពក្នុងរយៈពេល ១២ ខែចុងក្រោយ',
  },
  reference: 'Qualifying conditions of the health-care scheme and of maternity (REFERENCE.md §9, B2.2)',
});

export const self_employed_contribution_months = defineVariable({
  name: 'self_employed_contribution_months',
  entity: 'person',
  period: 'month',
  unit: 'month',
  min: 0,
  label: {
    en: 'Months of contributions paid as a self-employed member',
    km: 'ចំនួនខែបង់ភាគទានជាអ្នកប្រកបរបរដោយខ្លួនឯង',
  },
  reference: 'Self-employed health-care scheme, benefits after 2 months of contributions (REFERENCE.md §2.8)',
});

export const sickness_days = defineVariable({
  name: 'sickness_days',
  entity: 'person',
  period: 'month',
  unit: 'day',
  min: 0,
  label: { en: 'Days of absence for sickness in the month', km: 'ចំនួនថ្ងៃអវត្តមានដោយសារជំងឺក្នុងខែ' },
  reference: 'Sickness daily allowance (REFERENCE.md §2.6, B2.2)',
});

export const sickness_spell_starts_in_month = defineVariable({
  name: 'sickness_spell_starts_in_month',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'The sickness absence began this month', km: 'អវត្តមានដោយសារជំងឺចាប់ផ្ដើមក្នុងខែនេះ' },
  reference: 'Waiting days count from the start of the absence (REFERENCE.md §B2.2)',
});

export const sickness_days_paid_last_12m = defineVariable({
  name: 'sickness_days_paid_last_12m',
  entity: 'person',
  period: 'month',
  unit: 'day',
  min: 0,
  label: {
    en: 'Days of sickness allowance already paid in the 12-month period',
    km: 'ចំនួនថ្ងៃប្រាក់ឧបត្ថម្ភជំងឺដែលបានបើករួចក្នុងរយៈពេល ១២ ខែ',
  },
  reference: 'At most 180 days in 12 months (REFERENCE.md §2.6, B2.2)',
});

export const maternity_leave_days = defineVariable({
  name: 'maternity_leave_days',
  entity: 'person',
  period: 'month',
  unit: 'day',
  min: 0,
  label: { en: 'Days of maternity leave in the month', km: 'ចំនួនថ្ងៃឈប់សម្រាកលំហែមាតុភាពក្នុងខែ' },
  reference: 'Maternity daily allowance (REFERENCE.md §2.6, §9, B2.2)',
});

export const maternity_days_paid_before = defineVariable({
  name: 'maternity_days_paid_before',
  entity: 'person',
  period: 'month',
  unit: 'day',
  min: 0,
  label: {
    en: 'Days of maternity allowance already paid for this childbirth',
    km: 'ចំនួនថ្ងៃប្រាក់ឧបត្ថម្ភមាតុភាពដែលបានបើករួចសម្រាប់ការសម្រាលនេះ',
  },
  reference: 'Maternity allowance for 90 days (REFERENCE.md §2.6, §9, B2.2)',
});

export const number_of_babies = defineVariable({
  name: 'number_of_babies',
  entity: 'person',
  period: 'month',
  unit: 'child',
  min: 0,
  label: { en: 'Babies born to the woman this month', km: 'ចំនួនទារកដែលស្ត្រីបានសម្រាលក្នុងខែនេះ' },
  reference: 'Childbirth allowance by number of babies (REFERENCE.md §9, B2.2)',
});

export const childbirth_reported_to_nssf = defineVariable({
  name: 'childbirth_reported_to_nssf',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: {
    en: 'Registered with NSSF and reported the pregnancy to NSSF',
    km: 'បានចុះឈ្មោះនៅ ប.ស.ស. និងបានរាយការណ៍ពីការមានផ្ទៃពោះទៅ ប.ស.ស.',
  },
  reference:
    'Childbirth allowance for female workers registered with NSSF who report their pregnancy (REFERENCE.md §2.6, B2.2)',
});

export const employment_injury_incapacity_days = defineVariable({
  name: 'employment_injury_incapacity_days',
  entity: 'person',
  period: 'month',
  unit: 'day',
  min: 0,
  label: {
    en: 'Days of temporary incapacity from an employment injury in the month',
    km: 'ចំនួនថ្ងៃអសមត្ថភាពបណ្ដោះអាសន្នដោយគ្រោះថ្នាក់ការងារក្នុងខែ',
  },
  reference: 'Temporary incapacity allowance (REFERENCE.md §2.5, B2.3)',
});

export const employment_injury_incapacity_starts_in_month = defineVariable({
  name: 'employment_injury_incapacity_starts_in_month',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: {
    en: 'The temporary incapacity began this month',
    km: 'អសមត្ថភាពបណ្ដោះអាសន្នចាប់ផ្ដើមក្នុងខែនេះ',
  },
  reference: 'Day 1 of incapacity is paid by the employer (REFERENCE.md §2.5, B2.3)',
});

export const employment_injury_days_paid_last_12m = defineVariable({
  name: 'employment_injury_days_paid_last_12m',
  entity: 'person',
  period: 'month',
  unit: 'day',
  min: 0,
  label: {
    en: 'Days of temporary-incapacity allowance already paid in the 12-month period',
    km: 'ចំនួនថ្ងៃប្រាក់ឧបត្ថម្ភអសមត្ថភាពបណ្ដោះអាសន្នដែលបានបើករួចក្នុងរយៈពេល ១២ ខែ',
  },
  reference: 'At most 180 days in 12 months (REFERENCE.md §2.5, B2.3)',
});

export const incapacity_degree = defineVariable({
  name: 'incapacity_degree',
  entity: 'person',
  period: 'month',
  unit: '/1',
  min: 0,
  label: {
    en: 'Assessed degree of permanent incapacity from an employment injury (0.2 = 20 %)',
    km: 'កម្រិតអសមត្ថភាពអចិន្ត្រៃយ៍ដោយគ្រោះថ្នាក់ការងារ (០,២ = ២០%)',
  },
  reference: 'Permanent incapacity benefits by degree (REFERENCE.md §2.5, B2.3)',
});

export const died_of_employment_injury = defineVariable({
  name: 'died_of_employment_injury',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Died this month of an employment injury', km: 'បានស្លាប់ក្នុងខែនេះដោយគ្រោះថ្នាក់ការងារ' },
  reference: 'Employment-injury funeral benefit (REFERENCE.md §2.5, B2.3)',
});

export const pension_reference_wage = defineVariable({
  name: 'pension_reference_wage',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  min: 0,
  label: { en: 'Reference wage of the pension', km: 'ប្រាក់ឈ្នួលយោងសម្រាប់គណនាសោធន' },
  reference:
    '"Pension rate multiplied by average wage"; the average and its revaluation were not found (REFERENCE.md §2.4, B1.2)',
  documentation:
    'The average pension contributory wage the pension is computed on. How it is averaged and revalued was not found (REFERENCE.md §B1.2); the fund fills it from the insurance record.',
});

export const contribution_months = defineVariable({
  name: 'contribution_months',
  entity: 'person',
  period: 'month',
  unit: 'month',
  min: 0,
  label: { en: 'Months of pension contributions', km: 'ចំនួនខែបង់ភាគទានសោធន' },
  reference: 'Old-age pension after 12 months; survivors after 60 months (REFERENCE.md §2.4, B1.2)',
  documentation:
    "Months with a pension contribution, from the fund's insurance record and the months the merger totalised from NSSF, NSSF-C and NFV, each month once.",
});

export const pension_contribution_months_before_invalidity = defineVariable({
  name: 'pension_contribution_months_before_invalidity',
  entity: 'person',
  period: 'month',
  unit: 'month',
  min: 0,
  label: {
    en: 'Months of pension contributions before the onset of invalidity',
    km: 'ចំនួនខែបង់ភាគទានសោធនមុនពេលចាប់ផ្ដើមពិការភាព',
  },
  reference: 'Invalidity pension after 60 months of contributions before the onset (REFERENCE.md §2.4, B1.2)',
});

export const invalidity_recognised = defineVariable({
  name: 'invalidity_recognised',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Invalidity recognised by NSSF', km: 'ពិការភាពត្រូវបានទទួលស្គាល់ដោយ ប.ស.ស.' },
  reference: 'Invalidity pension (REFERENCE.md §2.4, B1.2)',
});

export const invalidity_onset_age = defineVariable({
  name: 'invalidity_onset_age',
  entity: 'person',
  period: 'month',
  unit: 'year',
  min: 0,
  label: { en: 'Age at the onset of invalidity', km: 'អាយុនៅពេលចាប់ផ្ដើមពិការភាព' },
  reference: 'Invalidity before age 60 (REFERENCE.md §2.4, B1.2)',
});

export const pension_cpi_at_award = defineVariable({
  name: 'pension_cpi_at_award',
  entity: 'person',
  period: 'month',
  min: 0,
  label: {
    en: 'Consumer price index when the pension was awarded',
    km: 'សន្ទស្សន៍ថ្លៃទំនិញប្រើប្រាស់នៅពេលផ្ដល់សោធន',
  },
  reference: 'Annual CPI indexation, CPI set by the Ministry of Planning (REFERENCE.md §2.4, B1.2)',
});

export const pension_cpi_current = defineVariable({
  name: 'pension_cpi_current',
  entity: 'person',
  period: 'month',
  min: 0,
  label: {
    en: 'Consumer price index of the last annual adjustment',
    km: 'សន្ទស្សន៍ថ្លៃទំនិញប្រើប្រាស់នៃការកែតម្រូវប្រចាំឆ្នាំចុងក្រោយ',
  },
  reference: 'Annual CPI indexation, CPI set by the Ministry of Planning (REFERENCE.md §2.4, B1.2)',
});

export const is_deceased = defineVariable({
  name: 'is_deceased',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'The insured person has died', km: 'អ្នកធានារ៉ាប់រងបានទទួលមរណភាព' },
  reference: "Survivors' pension and funeral allowance (REFERENCE.md §2.4, B1.2)",
});

export const has_surviving_spouse = defineVariable({
  name: 'has_surviving_spouse',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'The deceased leaves a spouse entitled as survivor', km: 'អ្នកស្លាប់មានប្ដី ឬប្រពន្ធនៅរស់ដែលមានសិទ្ធិ' },
  reference: "Survivors' pension split spouse / children (REFERENCE.md §2.4, B1.2)",
});

export const surviving_children = defineVariable({
  name: 'surviving_children',
  entity: 'person',
  period: 'month',
  unit: 'child',
  min: 0,
  label: { en: 'Children of the deceased entitled as survivors', km: 'ចំនួនកូនរបស់អ្នកស្លាប់ដែលមានសិទ្ធិ' },
  reference: "Survivors' pension split spouse / children (REFERENCE.md §2.4, B1.2)",
});

export const is_unemployed = defineVariable({
  name: 'is_unemployed',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Involuntarily unemployed this month', km: 'អត់ការងារធ្វើដោយអចេតនាក្នុងខែនេះ' },
  reference: 'Unemployment insurance: NSPPF component, not legislated (REFERENCE.md §1)',
});

export const unemployment_months_paid = defineVariable({
  name: 'unemployment_months_paid',
  entity: 'person',
  period: 'month',
  unit: 'month',
  min: 0,
  label: {
    en: 'Months of unemployment benefit already paid in the spell',
    km: 'ចំនួនខែអត្ថប្រយោជន៍អត់ការងារធ្វើដែលបានបើករួច',
  },
  reference: 'Unemployment insurance: NSPPF component, not legislated (REFERENCE.md §1)',
});

export const dependent_children = defineVariable({
  name: 'dependent_children',
  entity: 'person',
  period: 'month',
  unit: 'child',
  min: 0,
  label: { en: 'Dependent children of the insured person', km: 'ចំនួនកូនក្នុងបន្ទុករបស់អ្នកធានារ៉ាប់រង' },
  reference: 'Family benefit: not legislated (REFERENCE.md §3.5, §8)',
});
