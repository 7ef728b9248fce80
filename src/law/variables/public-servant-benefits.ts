/**
 * @module law/variables/public-servant-benefits
 * The legacy schemes the merger brings into the fund, as far as REFERENCE.md gives them
 * (REFERENCE.md §2.7, B4):
 * - public servants (ex-NSSF-C): a pension at 60 with at least 20 years of seniority, or before 60
 *   with 30; below 20 years a one-time grant of 10 × the last basic salary. The pension is the last
 *   basic salary × years × an accrual per year that was not found (0, unverified), and from 1
 *   January 2022 at least the level-1 minimum of the pension supplement (690,000 riel, secondary);
 * - veterans (ex-NFV, Royal Decree of 15 July 2010): a monthly pension whose amount was not found
 *   (0, unverified), with the same 2022 minimum.
 * The seniority, the basic salary and the recognition of a veteran's pension come from the legacy
 * registers and the claim; they are inputs here.
 */
import { and, ge, gt, lt, max, mul, or, roundTo, where } from '../../rules/expr/expr.js';
import { defineVariable } from '../define.js';
import { age } from './wage.js';

const NSAF_CIVIL = 'NSAF, social security regime for civil servants (REFERENCE.md §B4)';
const SUPPLEMENT_2022 =
  'Sub-decree on the pension supplement for former civil servants, veterans and persons with disabilities, from 1 January 2022 (REFERENCE.md §B4)';

export const public_service_years = defineVariable({
  name: 'public_service_years',
  entity: 'person',
  period: 'month',
  unit: 'year',
  min: 0,
  label: { en: 'Years of seniority in the public service', km: 'ចំនួនឆ្នាំអតីតភាពក្នុងមុខងារសាធារណៈ' },
  reference: NSAF_CIVIL,
});

export const public_basic_salary = defineVariable({
  name: 'public_basic_salary',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  min: 0,
  label: { en: 'Last monthly basic salary in the public service', km: 'ប្រាក់បៀវត្សគោលប្រចាំខែចុងក្រោយ' },
  reference: NSAF_CIVIL,
});

export const veteran_pension_recognised = defineVariable({
  name: 'veteran_pension_recognised',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: "Veteran's retirement pension recognised", km: 'សោធននិវត្តន៍អតីតយុទ្ធជនត្រូវបានទទួលស្គាល់' },
  reference:
    'Royal Decree NS/RKT/0710/595 of 15 July 2010 on the Social Security Scheme for Veterans (REFERENCE.md §B4)',
});

export const public_servant_pension_entitlement = defineVariable({
  name: 'public_servant_pension_entitlement',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: "Entitled to a public servant's pension", km: 'មានសិទ្ធិទទួលសោធនមន្ត្រីរាជការ' },
  reference: `${NSAF_CIVIL}: age 60 with 20 years of seniority, or 30 years at any age`,
  formulas: {
    '2017-02-01': ({ p }) =>
      or(
        and(
          ge(age, p.public_servants.pension.age),
          ge(public_service_years, p.public_servants.pension.min_service_years),
        ),
        ge(public_service_years, p.public_servants.pension.early_min_service_years),
      ),
  },
});

export const public_servant_accrued_pension = defineVariable({
  name: 'public_servant_accrued_pension',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: "Public servant's pension by seniority", km: 'សោធនមន្ត្រីរាជការតាមអតីតភាព' },
  reference: `${NSAF_CIVIL}: last basic salary × years × accrual per year (not found)`,
  formulas: {
    '2017-02-01': ({ p }) =>
      roundTo(
        mul(mul(public_basic_salary, public_service_years), p.public_servants.pension.accrual_rate),
        p.nssf.rounding_step,
      ),
  },
});

export const public_servant_pension = defineVariable({
  name: 'public_servant_pension',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: "Public servant's pension (monthly)", km: 'សោធនមន្ត្រីរាជការ (ប្រចាំខែ)' },
  reference: `${NSAF_CIVIL}; accrual per year not found; from 2022 the minimum of the ${SUPPLEMENT_2022}`,
  formulas: {
    '2017-02-01': () => where(public_servant_pension_entitlement, public_servant_accrued_pension, 0),
    '2022-01-01': ({ p }) =>
      where(
        public_servant_pension_entitlement,
        max(public_servant_accrued_pension, p.public_servants.pension.minimum),
        0,
      ),
  },
});

export const public_servant_service_grant = defineVariable({
  name: 'public_servant_service_grant',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: "Public servant's one-time grant (less than 20 years)", km: 'ប្រាក់ឧបត្ថម្ភមួយដងសម្រាប់មន្ត្រីរាជការ' },
  reference: `${NSAF_CIVIL}: less than 20 years of service, 10 × the last basic salary once`,
  formulas: {
    '2017-02-01': ({ p }) =>
      where(
        and(
          ge(age, p.public_servants.pension.age),
          and(
            gt(public_service_years, 0),
            lt(public_service_years, p.public_servants.pension.min_service_years),
          ),
        ),
        mul(public_basic_salary, p.public_servants.pension.grant_salary_multiple),
        0,
      ),
  },
});

export const veterans_pension = defineVariable({
  name: 'veterans_pension',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: "Veteran's retirement pension (monthly)", km: 'សោធននិវត្តន៍អតីតយុទ្ធជន (ប្រចាំខែ)' },
  reference: `Royal Decree NS/RKT/0710/595 of 15 July 2010; amount not found; from 2022 the minimum of the ${SUPPLEMENT_2022}`,
  formulas: {
    '2010-07-15': ({ p }) => where(veteran_pension_recognised, p.veterans.pension.amount, 0),
    '2022-01-01': ({ p }) =>
      where(veteran_pension_recognised, max(p.veterans.pension.amount, p.public_servants.pension.minimum), 0),
  },
});
