/**
 * @module law/variables/health-benefits
 * Benefits of the NSSF health-care scheme (Prakas 109 of 17 March 2016, amended by Prakas 184 of
 * 25 April 2018; REFERENCE.md §2.6, §9, B2.2):
 * - medical care: after 2 consecutive months of contributions, or 6 in the last 12; for a
 *   self-employed member (from April 2023), after 2 months of contributions (§2.8);
 * - sickness: 70 % of the daily wage, at most 180 days in 12 months, after the waiting days
 *   (not found: 0, unverified); it needs the medical-care conditions of a wage earner;
 * - maternity: 70 % of the daily wage for 90 days, after 9 months of contributions (9 of the
 *   last 12, or 9 consecutive: an open question kept as a parameter);
 * - the Royal Government childbirth allowance paid through NSSF from 1 January 2018.
 * Day counts and months of contributions are inputs filled from the record and the claim.
 */
import { add, and, ge, gt, max, min, mul, or, roundTo, scale, sub, where } from '../../rules/expr/expr.js';
import { defineVariable } from '../define.js';
import {
  childbirth_reported_to_nssf,
  health_contribution_consecutive_months,
  health_contribution_months_last_12,
  maternity_days_paid_before,
  maternity_leave_days,
  number_of_babies,
  self_employed_contribution_months,
  sickness_days,
  sickness_days_paid_last_12m,
  sickness_spell_starts_in_month,
} from './benefit-inputs.js';
import { average_daily_wage } from './daily-wage.js';
import { is_nssf_self_employed_member } from './nssf-contributions.js';

const HEALTH_REF = 'Prakas 109 of 17 March 2016, amended by Prakas 184/2018';

export const health_contribution_condition = defineVariable({
  name: 'health_contribution_condition',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: {
    en: 'Health-care contribution condition of a wage earner met',
    km: 'បំពេញលក្ខខណ្ឌបង់ភាគទានថែទាំសុខភាពរបស់អ្នកទទួលប្រាក់ឈ្នួល',
  },
  reference: `${HEALTH_REF}: 2 consecutive months, or 6 in the last 12 (REFERENCE.md §B2.2)`,
  formulas: {
    '2016-03-17': ({ p }) =>
      or(
        ge(
          health_contribution_consecutive_months,
          p.nssf.benefits.health.medical_care.min_consecutive_months,
        ),
        ge(health_contribution_months_last_12, p.nssf.benefits.health.medical_care.min_months_in_last_12),
      ),
  },
});

export const medical_care_entitlement = defineVariable({
  name: 'medical_care_entitlement',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Entitled to NSSF medical care this month', km: 'មានសិទ្ធិទទួលការថែទាំវេជ្ជសាស្ត្រពី ប.ស.ស. ក្នុងខែនេះ' },
  reference: `${HEALTH_REF}; self-employed scheme from 1 April 2023 (REFERENCE.md §B2.2, §2.6, §2.8)`,
  formulas: {
    '2016-03-17': () => health_contribution_condition,
    '2023-04-01': ({ p }) =>
      or(
        health_contribution_condition,
        and(
          is_nssf_self_employed_member,
          ge(self_employed_contribution_months, p.nssf.benefits.health.medical_care.self_employed_min_months),
        ),
      ),
  },
});

export const sickness_daily_allowance = defineVariable({
  name: 'sickness_daily_allowance',
  entity: 'person',
  period: 'month',
  unit: 'KHR/day',
  label: { en: 'Sickness daily allowance', km: 'ប្រាក់ឧបត្ថម្ភប្រចាំថ្ងៃពេលមានជំងឺ' },
  reference: `${HEALTH_REF}: 70 % of the daily wage (REFERENCE.md §2.6, B2.1, B2.2)`,
  documentation:
    'Amount per day of sickness, 0 in a month without sickness or without the contribution condition.',
  formulas: {
    '2016-03-17': ({ p }) =>
      where(
        and(health_contribution_condition, gt(sickness_days, 0)),
        roundTo(mul(average_daily_wage, p.nssf.benefits.health.sickness.rate), p.nssf.rounding_step),
        0,
      ),
  },
});

export const sickness_paid_days = defineVariable({
  name: 'sickness_paid_days',
  entity: 'person',
  period: 'month',
  unit: 'day',
  label: { en: 'Days of sickness allowance paid this month', km: 'ចំនួនថ្ងៃប្រាក់ឧបត្ថម្ភជំងឺដែលបើកក្នុងខែនេះ' },
  reference: `${HEALTH_REF}: at most 180 days in 12 months; waiting days not found (REFERENCE.md §2.6, B2.2)`,
  formulas: {
    '2016-03-17': ({ p }) =>
      where(
        health_contribution_condition,
        min(
          max(
            sub(
              sickness_days,
              where(sickness_spell_starts_in_month, p.nssf.benefits.health.sickness.waiting_days, 0),
            ),
            0,
          ),
          max(sub(p.nssf.benefits.health.sickness.max_days, sickness_days_paid_last_12m), 0),
        ),
        0,
      ),
  },
});

export const sickness_benefit = defineVariable({
  name: 'sickness_benefit',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Sickness cash benefit for the month', km: 'ប្រាក់ឧបត្ថម្ភជំងឺសម្រាប់ខែ' },
  reference: `${HEALTH_REF} (REFERENCE.md §2.6, B2.2)`,
  formulas: {
    '2016-03-17': () => mul(sickness_daily_allowance, sickness_paid_days),
  },
});

export const maternity_contribution_condition = defineVariable({
  name: 'maternity_contribution_condition',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: {
    en: 'Contribution condition of the maternity allowance met',
    km: 'បំពេញលក្ខខណ្ឌបង់ភាគទានសម្រាប់ប្រាក់ឧបត្ថម្ភមាតុភាព',
  },
  reference: `${HEALTH_REF}: 9 of the 12 months before childbirth, or 9 consecutive months (REFERENCE.md §9, B2.2)`,
  formulas: {
    '2016-03-17': ({ p }) =>
      and(
        health_contribution_condition,
        where(
          p.nssf.benefits.health.maternity.consecutive_months_required,
          ge(
            health_contribution_consecutive_months,
            p.nssf.benefits.health.maternity.min_contribution_months,
          ),
          ge(health_contribution_months_last_12, p.nssf.benefits.health.maternity.min_contribution_months),
        ),
      ),
  },
});

export const maternity_daily_allowance = defineVariable({
  name: 'maternity_daily_allowance',
  entity: 'person',
  period: 'month',
  unit: 'KHR/day',
  label: { en: 'Maternity daily allowance', km: 'ប្រាក់ឧបត្ថម្ភមាតុភាពប្រចាំថ្ងៃ' },
  reference: `${HEALTH_REF}: 70 % of the wage for 90 days, besides the employer's 50 % (REFERENCE.md §2.6, §9, B2.2)`,
  documentation:
    'Amount per day of maternity leave, 0 in a month without leave or without the contribution condition.',
  formulas: {
    '2016-03-17': ({ p }) =>
      where(
        and(maternity_contribution_condition, gt(maternity_leave_days, 0)),
        roundTo(mul(average_daily_wage, p.nssf.benefits.health.maternity.rate), p.nssf.rounding_step),
        0,
      ),
  },
});

export const maternity_paid_days = defineVariable({
  name: 'maternity_paid_days',
  entity: 'person',
  period: 'month',
  unit: 'day',
  label: { en: 'Days of maternity allowance paid this month', km: 'ចំនួនថ្ងៃប្រាក់ឧបត្ថម្ភមាតុភាពដែលបើកក្នុងខែនេះ' },
  reference: `${HEALTH_REF}: 90 days (REFERENCE.md §2.6, §9, B2.2)`,
  formulas: {
    '2016-03-17': ({ p }) =>
      where(
        maternity_contribution_condition,
        min(
          maternity_leave_days,
          max(sub(p.nssf.benefits.health.maternity.days, maternity_days_paid_before), 0),
        ),
        0,
      ),
  },
});

export const maternity_benefit = defineVariable({
  name: 'maternity_benefit',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Maternity cash benefit for the month', km: 'ប្រាក់ឧបត្ថម្ភមាតុភាពសម្រាប់ខែ' },
  reference: `${HEALTH_REF} (REFERENCE.md §2.6, §9, B2.2)`,
  formulas: {
    '2016-03-17': () => mul(maternity_daily_allowance, maternity_paid_days),
  },
});

export const childbirth_allowance = defineVariable({
  name: 'childbirth_allowance',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Childbirth allowance', km: 'ប្រាក់ឧបត្ថម្ភពេលសម្រាលកូន' },
  reference:
    'Royal Government childbirth allowance through NSSF from 1 January 2018: 400,000 / 800,000 / 1,200,000 riel, plus 5,000,000 for triplets (REFERENCE.md §2.6, §9, B2.2)',
  formulas: {
    '2018-01-01': ({ p }) =>
      where(
        childbirth_reported_to_nssf,
        add(
          scale(p.nssf.benefits.health.childbirth_allowance.amounts, number_of_babies),
          scale(p.nssf.benefits.health.childbirth_allowance.special_allowance, number_of_babies),
        ),
        0,
      ),
  },
});
