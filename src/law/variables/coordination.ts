/**
 * @module law/variables/coordination
 * Rules of coordination between the two pillars, which the Council's synergy report counts
 * (NSPPF: nobody falls between the contributory and non-contributory schemes, nobody is paid twice
 * for the same need; REFERENCE.md §1):
 * - health coverage: a person is covered by the fund's health scheme (the contribution condition,
 *   or the self-employed scheme) or by the Health Equity Fund; a worker whose fund coverage has
 *   lapsed (months contributed in the last 12, but the condition no longer met) and who is not
 *   covered by the Health Equity Fund is in a gap;
 * - income in old age: a Family Package older-person transfer paid beside a contributory pension
 *   (NSSF, public servants', veterans') pays twice for the same need, and is an overlap;
 * - disability: the disability allowance beside an invalidity or employment-injury pension is an
 *   overlap of the same kind.
 * The law does not say the transfers exclude each other; these flags are what the Council reviews.
 */
import { and, gt, not, or } from '../../rules/expr/expr.js';
import { defineVariable } from '../define.js';
import { health_contribution_months_last_12 } from './benefit-inputs.js';
import { employment_injury_permanent_pension } from './employment-injury-benefits.js';
import { medical_care_entitlement } from './health-benefits.js';
import { invalidity_pension, old_age_pension } from './pension-benefits.js';
import { public_servant_pension, veterans_pension } from './public-servant-benefits.js';
import {
  disability_allowance,
  health_equity_fund_coverage,
  older_person_allowance,
} from './social-assistance.js';

const NSPPF = 'NSPPF 2016-2025: synergy between contributory and non-contributory schemes (REFERENCE.md §1)';

export const health_coverage = defineVariable({
  name: 'health_coverage',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Covered for medical care (fund or Health Equity Fund)', km: 'មានការគាំពារថែទាំសុខភាព' },
  reference: NSPPF,
  formulas: { '2016-03-17': () => or(medical_care_entitlement, health_equity_fund_coverage) },
});

export const health_coverage_gap = defineVariable({
  name: 'health_coverage_gap',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: {
    en: 'Worker in transition without health coverage (fund lapsed, no Health Equity Fund)',
    km: 'កម្មករក្នុងដំណាក់កាលផ្លាស់ប្ដូរ គ្មានការគាំពារសុខភាព',
  },
  reference: NSPPF,
  formulas: {
    '2016-03-17': () => and(gt(health_contribution_months_last_12, 0), not(health_coverage)),
  },
});

export const old_age_income_overlap = defineVariable({
  name: 'old_age_income_overlap',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: {
    en: 'Older-person transfer paid beside a contributory pension',
    km: 'ការឧបត្ថម្ភមនុស្សចាស់ ស្របនឹងសោធន',
  },
  reference: NSPPF,
  formulas: {
    '2024-04-01': () =>
      and(
        gt(older_person_allowance, 0),
        or(gt(old_age_pension, 0), or(gt(public_servant_pension, 0), gt(veterans_pension, 0))),
      ),
  },
});

export const disability_income_overlap = defineVariable({
  name: 'disability_income_overlap',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: {
    en: 'Disability allowance paid beside an invalidity or employment-injury pension',
    km: 'ប្រាក់ឧបត្ថម្ភជនពិការ ស្របនឹងសោធនពិការភាព',
  },
  reference: NSPPF,
  formulas: {
    '2011-06-27': () =>
      and(
        gt(disability_allowance, 0),
        or(gt(invalidity_pension, 0), gt(employment_injury_permanent_pension, 0)),
      ),
  },
});
