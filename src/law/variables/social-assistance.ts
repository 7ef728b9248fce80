/**
 * @module law/variables/social-assistance
 * The non-contributory programmes of the NSPPF's first pillar (REFERENCE.md §3, B3), as law:
 * - the cash transfer for pregnant women and children under 2 (from June 2019): event-driven,
 *   paid per antenatal visit, after a birth in a health facility and per post-natal check-up, up
 *   to the maximum counts; doubled and opened to NSSF members from August 2023 (unverified year);
 * - the COVID-19 cash transfer to IDPoor households (June 2020 - March 2024): a base by area, an
 *   amount per member by IDPoor level (2020 only), and one per vulnerable member;
 * - the disability allowance of 2011, then the Family Package (April 2024): base support, persons
 *   with disabilities, older persons, people living with HIV (the amounts not found are 0);
 * - Health Equity Fund coverage of the poor, and from 2018 of informal and casual workers.
 * A household's IDPoor level (0 not poor, 1 very poor, 2 poor) comes from targeting
 * (`src/assistance`); the events (visits, births) from the health facility's report.
 */
import {
  and,
  countMembers,
  eq,
  ge,
  gt,
  isOneOf,
  lt,
  max,
  min,
  mul,
  not,
  ofHousehold,
  or,
  sub,
  sum,
  sumOfMembers,
  where,
} from '../../rules/expr/expr.js';
import { defineVariable } from '../define.js';
import { number_of_babies } from './benefit-inputs.js';
import { area, household_size } from './groups.js';
import { age } from './wage.js';

const S88 = 'Sub-decree 88 of 12 June 2020, amended 11 January 2024 (REFERENCE.md §3.4, B3.3)';
const FAMILY = 'Family Package, from April 2024 (REFERENCE.md §3.5, B3)';

// Inputs: the household's targeting result and the members' circumstances.

export const idpoor_level = defineVariable({
  name: 'idpoor_level',
  entity: 'household',
  period: 'month',
  unit: 'level',
  min: 0,
  label: {
    en: 'IDPoor level (1 very poor, 2 poor, 0 not poor)',
    km: 'កម្រិត IDPoor (១ ក្រីក្រខ្លាំង ២ ក្រីក្រ ០ មិនក្រីក្រ)',
  },
  reference: 'IDPoor: Poor Level 1 and Poor Level 2 (Equity Card) (REFERENCE.md §3.1, B5)',
});

export const has_disability = defineVariable({
  name: 'has_disability',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Has a (serious) disability', km: 'មានពិការភាព (ធ្ងន់ធ្ងរ)' },
  reference: 'Disability allowance 2011; COVID-19 and Family Package transfers (REFERENCE.md §3.4-3.6)',
});

export const has_hiv = defineVariable({
  name: 'has_hiv',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Lives with HIV', km: 'រស់នៅជាមួយមេរោគអេដស៍' },
  reference: 'COVID-19 and Family Package transfers (REFERENCE.md §3.4, §3.5)',
});

export const has_full_time_job = defineVariable({
  name: 'has_full_time_job',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Has a full-time job', km: 'មានការងារពេញម៉ោង' },
  reference: 'Disability allowance 2011: for poor persons without full-time jobs (REFERENCE.md §3.6)',
});

export const is_nssf_member = defineVariable({
  name: 'is_nssf_member',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Is an NSSF member', km: 'ជាសមាជិក ប.ស.ស.' },
  reference: 'Cash transfer for pregnant women opened to NSSF members (REFERENCE.md §3.3, B3.1)',
});

export const is_informal_worker = defineVariable({
  name: 'is_informal_worker',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Informal or casual worker (8 hours a week or less)', km: 'កម្មករក្រៅប្រព័ន្ធ ឬកម្មករបណ្ដោះអាសន្ន' },
  reference: 'Prakas 404, from 1 January 2018 (REFERENCE.md §2.6)',
});

export const antenatal_visits = defineVariable({
  name: 'antenatal_visits',
  entity: 'person',
  period: 'month',
  unit: 'visit',
  min: 0,
  label: { en: 'Antenatal visits this month', km: 'ចំនួនដងពិនិត្យផ្ទៃពោះក្នុងខែនេះ' },
  reference: 'Reported by the health facility (REFERENCE.md §3.3)',
});

export const antenatal_visits_paid_before = defineVariable({
  name: 'antenatal_visits_paid_before',
  entity: 'person',
  period: 'month',
  unit: 'visit',
  min: 0,
  label: { en: 'Antenatal visits of this pregnancy already paid', km: 'ចំនួនដងពិនិត្យផ្ទៃពោះដែលបានបង់រួច' },
  reference: 'Up to 4 visits per pregnancy (REFERENCE.md §3.3)',
});

export const facility_birth = defineVariable({
  name: 'facility_birth',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Gave birth in a health facility this month', km: 'សម្រាលកូននៅមូលដ្ឋានសុខាភិបាលក្នុងខែនេះ' },
  reference: 'One-time payment after delivery in a health facility (REFERENCE.md §3.3)',
});

export const postnatal_checks = defineVariable({
  name: 'postnatal_checks',
  entity: 'person',
  period: 'month',
  unit: 'visit',
  min: 0,
  label: { en: 'Post-natal check-ups (or child vaccinations) this month', km: 'ចំនួនដងពិនិត្យក្រោយសម្រាលក្នុងខែនេះ' },
  reference: 'Reported by the health facility (REFERENCE.md §3.3, B3.1)',
});

export const postnatal_checks_paid_before = defineVariable({
  name: 'postnatal_checks_paid_before',
  entity: 'person',
  period: 'month',
  unit: 'visit',
  min: 0,
  label: { en: 'Post-natal check-ups already paid for the child', km: 'ចំនួនដងពិនិត្យក្រោយសម្រាលដែលបានបង់រួច' },
  reference: 'Up to 10 times until the child is 2 (REFERENCE.md §3.3)',
});

// Targeting, as the programmes read it.

export const is_idpoor = defineVariable({
  name: 'is_idpoor',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Lives in an IDPoor household (Equity Card)', km: 'រស់នៅក្នុងគ្រួសារ IDPoor (ប័ណ្ណសមធម៌)' },
  reference: 'IDPoor (REFERENCE.md §3.1)',
  formulas: { '2007-01-01': () => ofHousehold(gt(idpoor_level, 0)) },
});

// Cash transfer for pregnant women and children under 2.

export const pregnancy_cash_transfer_eligible = defineVariable({
  name: 'pregnancy_cash_transfer_eligible',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: {
    en: 'Eligible for the cash transfer for pregnant women and children under 2',
    km: 'មានសិទ្ធិទទួលការឧបត្ថម្ភសាច់ប្រាក់ដល់ស្ត្រីមានផ្ទៃពោះ',
  },
  reference: 'IDPoor households; from the doubling also NSSF members (REFERENCE.md §3.3, B3.1)',
  formulas: {
    '2019-06-01': ({ p }) =>
      or(is_idpoor, and(p.social_assistance.pregnancy_cash_transfer.open_to_nssf_members, is_nssf_member)),
  },
});

export const pregnancy_cash_transfer = defineVariable({
  name: 'pregnancy_cash_transfer',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: {
    en: 'Cash transfer for pregnant women and children under 2 (the month’s visits and birth)',
    km: 'ការឧបត្ថម្ភសាច់ប្រាក់ដល់ស្ត្រីមានផ្ទៃពោះ និងកុមារ (ខែនេះ)',
  },
  reference: 'Ministry of Health from 1 June 2019; Family Package from April 2024 (REFERENCE.md §3.3, B3.1)',
  documentation:
    'Event-driven: the antenatal visits of the month (up to the maximum per pregnancy), the birth in a health facility (per child born from the doubling) and the post-natal check-ups (up to the maximum per child), each at its amount.',
  formulas: {
    '2019-06-01': ({ p }) => {
      const t = p.social_assistance.pregnancy_cash_transfer;
      const antenatal = mul(
        min(antenatal_visits, max(sub(t.antenatal_max_visits, antenatal_visits_paid_before), 0)),
        t.antenatal_visit_amount,
      );
      const birth = where(
        facility_birth,
        mul(t.delivery_amount, where(t.delivery_per_child, max(number_of_babies, 1), 1)),
        0,
      );
      const postnatal = mul(
        min(postnatal_checks, max(sub(t.postnatal_max_checks, postnatal_checks_paid_before), 0)),
        t.postnatal_check_amount,
      );
      return where(pregnancy_cash_transfer_eligible, sum(antenatal, birth, postnatal), 0);
    },
  },
});

// COVID-19 cash transfer.

export const covid19_vulnerable_member = defineVariable({
  name: 'covid19_vulnerable_member',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: {
    en: 'Child under 5, person with a disability, person aged 60+ or living with HIV',
    km: 'កុមារក្រោម ៥ ឆ្នាំ ជនពិការ មនុស្សចាស់ ៦០+ ឬអ្នករស់នៅជាមួយមេរោគអេដស៍',
  },
  reference: S88,
  documentation: 'A member counts once, whatever number of these conditions holds.',
  formulas: {
    '2020-06-01': ({ p }) =>
      or(
        or(lt(age, p.social_assistance.covid19_cash_transfer.child_age_limit), has_disability),
        or(ge(age, p.social_assistance.covid19_cash_transfer.older_person_age), has_hiv),
      ),
  },
});

export const covid19_cash_transfer = defineVariable({
  name: 'covid19_cash_transfer',
  entity: 'household',
  period: 'month',
  unit: 'KHR',
  label: {
    en: 'COVID-19 cash transfer (monthly, household)',
    km: 'ការឧបត្ថម្ភសាច់ប្រាក់ COVID-19 (ប្រចាំខែ គ្រួសារ)',
  },
  reference: S88,
  documentation:
    'For an IDPoor household: the base of its area, plus every member × the amount per member (2020 rates), plus each vulnerable member × the amount per vulnerable member, both by area and IDPoor level.',
  formulas: {
    '2020-06-01': ({ p }) => {
      const c = p.social_assistance.covid19_cash_transfer;
      const urban = isOneOf(area, ['urban']);
      const byLevel = (one: typeof c.household_base_urban, two: typeof c.household_base_urban) =>
        where(eq(idpoor_level, 1), one, two);
      const base = where(urban, c.household_base_urban, c.household_base_rural);
      const perMember = where(
        urban,
        byLevel(c.per_member_urban_poor_1, c.per_member_urban_poor_2),
        byLevel(c.per_member_rural_poor_1, c.per_member_rural_poor_2),
      );
      const perVulnerable = where(
        urban,
        byLevel(c.per_vulnerable_member_urban_poor_1, c.per_vulnerable_member_urban_poor_2),
        byLevel(c.per_vulnerable_member_rural_poor_1, c.per_vulnerable_member_rural_poor_2),
      );
      return where(
        and(c.in_force, gt(idpoor_level, 0)),
        sum(
          base,
          mul(household_size, perMember),
          mul(countMembers(covid19_vulnerable_member), perVulnerable),
        ),
        0,
      );
    },
  },
});

// Disability allowance (2011), then the Family Package (April 2024).

export const disability_allowance = defineVariable({
  name: 'disability_allowance',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Disability allowance (monthly)', km: 'ប្រាក់ឧបត្ថម្ភជនពិការ (ប្រចាំខែ)' },
  reference: `Sub-decree of 27 June 2011 (REFERENCE.md §3.6); from April 2024 the ${FAMILY}`,
  formulas: {
    '2011-06-27': ({ p }) =>
      where(
        and(has_disability, and(is_idpoor, not(has_full_time_job))),
        p.social_assistance.disability_allowance.amount,
        0,
      ),
    '2024-04-01': ({ p }) =>
      where(and(has_disability, is_idpoor), p.social_assistance.family_package.per_disabled_member, 0),
  },
});

export const hiv_allowance = defineVariable({
  name: 'hiv_allowance',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Allowance for people living with HIV (monthly)', km: 'ប្រាក់ឧបត្ថម្ភអ្នករស់នៅជាមួយមេរោគអេដស៍' },
  reference: FAMILY,
  formulas: {
    '2024-04-01': ({ p }) =>
      where(and(has_hiv, is_idpoor), p.social_assistance.family_package.per_hiv_member, 0),
  },
});

export const older_person_allowance = defineVariable({
  name: 'older_person_allowance',
  entity: 'person',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Family Package transfer for older persons (monthly)', km: 'ការឧបត្ថម្ភមនុស្សចាស់ (ប្រចាំខែ)' },
  reference: FAMILY,
  formulas: {
    '2024-04-01': ({ p }) =>
      where(
        and(ge(age, p.social_assistance.family_package.older_person_age), is_idpoor),
        p.social_assistance.family_package.per_older_member,
        0,
      ),
  },
});

export const family_package = defineVariable({
  name: 'family_package',
  entity: 'household',
  period: 'month',
  unit: 'KHR',
  label: { en: 'Family Package (monthly, household)', km: 'កញ្ចប់គ្រួសារ (ប្រចាំខែ គ្រួសារ)' },
  reference: FAMILY,
  documentation:
    'The base support of an IDPoor household plus its members’ disability, older-person and HIV transfers; the pregnancy transfer is paid per event and the scholarships per pupil, outside this monthly sum.',
  formulas: {
    '2024-04-01': ({ p }) =>
      sum(
        where(gt(idpoor_level, 0), p.social_assistance.family_package.household_base, 0),
        sumOfMembers(sum(disability_allowance, older_person_allowance, hiv_allowance)),
      ),
  },
});

// Health Equity Fund.

export const health_equity_fund_coverage = defineVariable({
  name: 'health_equity_fund_coverage',
  entity: 'person',
  period: 'month',
  type: 'boolean',
  label: { en: 'Covered by the Health Equity Fund', km: 'ទទួលបានការគាំពារពីមូលនិធិសមធម៌សុខាភិបាល' },
  reference: 'HEF (REFERENCE.md §3.2); Prakas 404 from 2018 (REFERENCE.md §2.6)',
  formulas: {
    '2016-01-01': ({ p }) => and(p.social_assistance.health_equity_fund.covers_idpoor, is_idpoor),
    '2018-01-01': ({ p }) =>
      or(
        and(p.social_assistance.health_equity_fund.covers_idpoor, is_idpoor),
        and(p.social_assistance.health_equity_fund.covers_informal_workers, is_informal_worker),
      ),
  },
});
