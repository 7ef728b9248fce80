/**
 * @module law/variables/pension-benefits
 * Benefits of the NSSF pension scheme (Sub-decree 32 of 4 March 2021; contributions and benefits
 * from 1 October 2022; REFERENCE.md §2.4, B1.2), from secondary sources, the accrual unverified:
 * - the accrued pension: accrual (1.75 % a year for the first 15 years, 1.25 % after) × years of
 *   contributions × the reference wage, times the CPI indexation factor (an input index);
 * - old age: from 60 with at least 12 months; below 12 months a lump-sum allowance (formula not
 *   found: 0, unverified);
 * - invalidity: onset before 60 after 60 months of contributions (formula not found: the accrued
 *   pension × a factor of 1, unverified);
 * - survivors: 60 months of the deceased; at least 45 % of the deceased's pension, spouse 50 % /
 *   children 50 %, 100 % to a sole group; otherwise a lump sum of one monthly pension;
 * - funeral allowance on the death of a person entitled to an old-age or invalidity pension
 *   (amount not found: 0, unverified).
 * Survivors' benefits are computed on the deceased's own record (one row per deceased person);
 * lump sums and the funeral allowance are the amounts due, which the fund pays once.
 */
import { and, div, floorTo, ge, gt, lt, mul, not, or, roundTo, scale, where } from '../../rules/expr/expr.js';
import { defineVariable } from '../define.js';
import {
  contribution_months,
  has_surviving_spouse,
  invalidity_onset_age,
  invalidity_recognised,
  is_deceased,
  pension_contribution_months_before_invalidity,
  pension_cpi_at_award,
  pension_cpi_current,
  pension_reference_wage,
  surviving_children,
} from './benefit-inputs.js';
import { age } from './wage.js';

const SD32 = 'Sub-decree 32 ANK.BK of 4 March 2021 on the pension scheme';
/** Calendar months in a year: a unit conversion, not a legal number. */
const MONTHS_PER_YEAR = 12;

export const pension_contribution_years = defineVariable({
  name: 'pension_contribution_years',
  entity: 'person',
  period: 'month',
  unit: 'year',
  label: { en: 'Years of pension contributions counted for accrual', km: 'ចំនួនឆ្នាំបង់ភាគទានសោធនសម្រាប់គណនា' },
  reference: `${SD32}; per-month or per-year accrual not found (REFERENCE.md §B1.2, B7)`,
  formulas: {
    '2022-10-01': ({ p }) =>
      where(
        p.nssf.benefits.pension.accrual_whole_years,
        floorTo(div(contribution_months, MONTHS_PER_YEAR), 1),
        div(contribution_months, MONTHS_PER_YEAR),
      ),
  },
});

export const pension_indexation_factor = defineVariable({
  name: 'pension_indexation_factor',
  entity: 'person',
  period: 'month',
  unit: '/1',
  label: { en: 'CPI indexation factor of the pension', km: 'មេគុណកែតម្រូវសោធនតាមសន្ទស្សន៍ថ្លៃទំនិញ' },
  reference: `${SD32}: benefits adjusted annually by the CPI change (Ministry of Planning) (REFERENCE.md §2.4, B1.2)`,
  documentation:
    'pension_cpi_current ÷ pension_cpi_at_award when indexation is in force and both indices are given; 1 otherwise.',
  formulas: {
    '2022-10-01': ({ p }) =>
      where(
        and(
          p.nssf.benefits.pension.cpi_indexation,
          and(gt(pension_cpi_at_award, 0), gt(pension_cpi_current, 0)),
        ),
        div(pension_cpi_current, pension_cpi_at_award),
        1,
      ),
  },
});

export const pension_accrued_amount = defineVariable({
  name: 'pension_accrued_amount',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Monthly pension accrued on the record', km: 'សោធនប្រចាំខែដែលបានប្រមូលតាមកំណត់ត្រា' },
  reference: `${SD32}: accrual 1.75 % a year for 15 years, 1.25 % after, × average wage (REFERENCE.md §2.4, B1.2)`,
  formulas: {
    '2022-10-01': ({ p }) =>
      roundTo(
        mul(
          mul(
            scale(p.nssf.benefits.pension.accrual_rates, pension_contribution_years),
            pension_reference_wage,
          ),
          pension_indexation_factor,
        ),
        p.nssf.rounding_step,
      ),
  },
});

export const old_age_pension_entitlement = defineVariable({
  name: 'old_age_pension_entitlement',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Entitled to the old-age pension', km: 'មានសិទ្ធិទទួលសោធនជរាភាព' },
  reference: `${SD32}: age 60 and at least 12 months of contributions (REFERENCE.md §2.4)`,
  formulas: {
    '2022-10-01': ({ p }) =>
      and(
        not(is_deceased),
        and(
          ge(age, p.nssf.benefits.pension.old_age.age),
          ge(contribution_months, p.nssf.benefits.pension.old_age.min_contribution_months),
        ),
      ),
  },
});

export const old_age_pension = defineVariable({
  name: 'old_age_pension',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Old-age pension (monthly)', km: 'សោធនជរាភាព (ប្រចាំខែ)' },
  reference: `${SD32} (REFERENCE.md §2.4, B1.2)`,
  formulas: {
    '2022-10-01': () => where(old_age_pension_entitlement, pension_accrued_amount, 0),
  },
});

export const old_age_lump_sum_entitlement = defineVariable({
  name: 'old_age_lump_sum_entitlement',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Entitled to the lump-sum old-age allowance', km: 'មានសិទ្ធិទទួលប្រាក់បំណាច់ជរាភាព' },
  reference: `${SD32}: below the 12-month condition, a lump-sum old-age allowance (REFERENCE.md §2.4, B1.2)`,
  formulas: {
    '2022-10-01': ({ p }) =>
      and(
        not(is_deceased),
        and(
          ge(age, p.nssf.benefits.pension.old_age.age),
          and(
            gt(contribution_months, 0),
            lt(contribution_months, p.nssf.benefits.pension.old_age.min_contribution_months),
          ),
        ),
      ),
  },
});

export const old_age_lump_sum = defineVariable({
  name: 'old_age_lump_sum',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Lump-sum old-age allowance', km: 'ប្រាក់បំណាច់ជរាភាព' },
  reference: `${SD32}: formula not found (REFERENCE.md §2.4, B1.2, B7)`,
  formulas: {
    '2022-10-01': ({ p }) =>
      where(
        old_age_lump_sum_entitlement,
        roundTo(
          mul(
            mul(p.nssf.benefits.pension.old_age.lump_sum_rate, pension_reference_wage),
            contribution_months,
          ),
          p.nssf.rounding_step,
        ),
        0,
      ),
  },
});

export const invalidity_pension_entitlement = defineVariable({
  name: 'invalidity_pension_entitlement',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Entitled to the invalidity pension', km: 'មានសិទ្ធិទទួលសោធនពិការភាព' },
  reference: `${SD32}: before 60, with 60 months of contributions before the onset (REFERENCE.md §2.4, B1.2)`,
  formulas: {
    '2022-10-01': ({ p }) =>
      and(
        not(is_deceased),
        and(
          invalidity_recognised,
          and(
            lt(invalidity_onset_age, p.nssf.benefits.pension.invalidity.max_onset_age),
            ge(
              pension_contribution_months_before_invalidity,
              p.nssf.benefits.pension.invalidity.min_contribution_months,
            ),
          ),
        ),
      ),
  },
});

export const invalidity_pension = defineVariable({
  name: 'invalidity_pension',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Invalidity pension (monthly)', km: 'សោធនពិការភាព (ប្រចាំខែ)' },
  reference: `${SD32}: formula not found (REFERENCE.md §2.4, B1.2, B7)`,
  formulas: {
    '2022-10-01': ({ p }) =>
      where(
        invalidity_pension_entitlement,
        roundTo(
          mul(pension_accrued_amount, p.nssf.benefits.pension.invalidity.pension_factor),
          p.nssf.rounding_step,
        ),
        0,
      ),
  },
});

export const survivors_pension_entitlement = defineVariable({
  name: 'survivors_pension_entitlement',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: {
    en: "The deceased leaves survivors entitled to a survivors' pension",
    km: 'អ្នកស្លាប់មានអ្នកនៅរស់ដែលមានសិទ្ធិទទួលសោធនអ្នកនៅរស់',
  },
  reference: `${SD32}: at least 60 months of contributions of the deceased (REFERENCE.md §2.4, B1.2)`,
  formulas: {
    '2022-10-01': ({ p }) =>
      and(
        is_deceased,
        and(
          ge(contribution_months, p.nssf.benefits.pension.survivors.min_contribution_months),
          or(has_surviving_spouse, gt(surviving_children, 0)),
        ),
      ),
  },
});

export const survivors_pension = defineVariable({
  name: 'survivors_pension',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: "Survivors' pension, all survivors (monthly)", km: 'សោធនអ្នកនៅរស់ សរុប (ប្រចាំខែ)' },
  reference: `${SD32}: at least 45 % of the deceased's pension (REFERENCE.md §2.4, B1.2)`,
  documentation: "On the deceased person's row: the total monthly pension of the survivors.",
  formulas: {
    '2022-10-01': ({ p }) =>
      where(
        survivors_pension_entitlement,
        roundTo(
          mul(pension_accrued_amount, p.nssf.benefits.pension.survivors.pension_rate),
          p.nssf.rounding_step,
        ),
        0,
      ),
  },
});

export const survivors_pension_spouse = defineVariable({
  name: 'survivors_pension_spouse',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: "Survivors' pension, spouse's share (monthly)", km: 'សោធនអ្នកនៅរស់ ចំណែកប្ដី ឬប្រពន្ធ (ប្រចាំខែ)' },
  reference: `${SD32}: spouse 50 %, or 100 % without children (REFERENCE.md §2.4, B1.2)`,
  formulas: {
    '2022-10-01': ({ p }) =>
      where(
        has_surviving_spouse,
        roundTo(
          mul(
            survivors_pension,
            where(
              gt(surviving_children, 0),
              p.nssf.benefits.pension.survivors.shared_share,
              p.nssf.benefits.pension.survivors.sole_group_share,
            ),
          ),
          p.nssf.rounding_step,
        ),
        0,
      ),
  },
});

export const survivors_pension_children = defineVariable({
  name: 'survivors_pension_children',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: "Survivors' pension, children's share (monthly)", km: 'សោធនអ្នកនៅរស់ ចំណែកកូន (ប្រចាំខែ)' },
  reference: `${SD32}: children 50 %, or 100 % without a spouse (REFERENCE.md §2.4, B1.2)`,
  formulas: {
    '2022-10-01': ({ p }) =>
      where(
        gt(surviving_children, 0),
        roundTo(
          mul(
            survivors_pension,
            where(
              has_surviving_spouse,
              p.nssf.benefits.pension.survivors.shared_share,
              p.nssf.benefits.pension.survivors.sole_group_share,
            ),
          ),
          p.nssf.rounding_step,
        ),
        0,
      ),
  },
});

export const survivors_lump_sum = defineVariable({
  name: 'survivors_lump_sum',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: "Lump-sum survivors' allowance", km: 'ប្រាក់បំណាច់អ្នកនៅរស់' },
  reference: `${SD32}: not less than one monthly old-age pension (REFERENCE.md §2.4, B1.2)`,
  formulas: {
    '2022-10-01': ({ p }) =>
      where(
        and(
          is_deceased,
          and(
            and(
              gt(contribution_months, 0),
              lt(contribution_months, p.nssf.benefits.pension.survivors.min_contribution_months),
            ),
            or(has_surviving_spouse, gt(surviving_children, 0)),
          ),
        ),
        roundTo(
          mul(pension_accrued_amount, p.nssf.benefits.pension.survivors.lump_sum_months),
          p.nssf.rounding_step,
        ),
        0,
      ),
  },
});

export const funeral_allowance = defineVariable({
  name: 'funeral_allowance',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Funeral allowance (pension scheme)', km: 'ប្រាក់ឧបត្ថម្ភបុណ្យសព (របបសោធន)' },
  reference: `${SD32}: on the death of a person entitled to an old-age or invalidity pension; amount not found (REFERENCE.md §2.4, §8, B1.2)`,
  formulas: {
    '2022-10-01': ({ p }) =>
      where(
        and(
          is_deceased,
          or(
            and(
              ge(age, p.nssf.benefits.pension.old_age.age),
              ge(contribution_months, p.nssf.benefits.pension.old_age.min_contribution_months),
            ),
            and(
              invalidity_recognised,
              and(
                lt(invalidity_onset_age, p.nssf.benefits.pension.invalidity.max_onset_age),
                ge(
                  pension_contribution_months_before_invalidity,
                  p.nssf.benefits.pension.invalidity.min_contribution_months,
                ),
              ),
            ),
          ),
        ),
        p.nssf.benefits.pension.funeral_allowance,
        0,
      ),
  },
});
