/** @module law/parameters.test: the law's real parameter folder loads, cites its sources and gives the known values. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadParameters } from '../rules/parameters/load-parameters.js';
import { type Parameter, type ScalarValue, type Scale, valueAt } from '../rules/parameters/parameter.js';
import { singleAmount } from '../rules/parameters/scale.js';

const tree = loadParameters(join(dirname(fileURLToPath(import.meta.url)), 'parameters'));

function parameter(name: string): Parameter {
  const p = tree.parameters.get(name);
  if (!p) throw new Error(`missing parameter ${name}`);
  return p;
}

function valueOn(name: string, date: string): unknown {
  return valueAt<ScalarValue | Scale>(parameter(name).values, date)?.value;
}

describe('src/law/parameters', () => {
  it('holds the expected parameters and folder descriptions', () => {
    expect([...tree.parameters.keys()].sort()).toEqual([
      'nssf.assumed_wage.bands',
      'nssf.benefits.claims.approval_threshold',
      'nssf.benefits.daily_wage_divisor',
      'nssf.benefits.employment_injury.funeral_benefit_usd',
      'nssf.benefits.employment_injury.permanent.constant_attendance_rate',
      'nssf.benefits.employment_injury.permanent.lump_sum_actuarial_factor',
      'nssf.benefits.employment_injury.permanent.pension_factor',
      'nssf.benefits.employment_injury.permanent.pension_threshold',
      'nssf.benefits.employment_injury.permanent.total_incapacity_threshold',
      'nssf.benefits.employment_injury.temporary.employer_paid_days',
      'nssf.benefits.employment_injury.temporary.max_days',
      'nssf.benefits.employment_injury.temporary.rate',
      'nssf.benefits.family.amount_per_child',
      'nssf.benefits.family.legislated',
      'nssf.benefits.health.childbirth_allowance.amounts',
      'nssf.benefits.health.childbirth_allowance.special_allowance',
      'nssf.benefits.health.maternity.consecutive_months_required',
      'nssf.benefits.health.maternity.days',
      'nssf.benefits.health.maternity.min_contribution_months',
      'nssf.benefits.health.maternity.rate',
      'nssf.benefits.health.medical_care.min_consecutive_months',
      'nssf.benefits.health.medical_care.min_months_in_last_12',
      'nssf.benefits.health.medical_care.self_employed_min_months',
      'nssf.benefits.health.sickness.max_days',
      'nssf.benefits.health.sickness.rate',
      'nssf.benefits.health.sickness.waiting_days',
      'nssf.benefits.pension.accrual_rates',
      'nssf.benefits.pension.accrual_whole_years',
      'nssf.benefits.pension.cpi_indexation',
      'nssf.benefits.pension.funeral_allowance',
      'nssf.benefits.pension.invalidity.max_onset_age',
      'nssf.benefits.pension.invalidity.min_contribution_months',
      'nssf.benefits.pension.invalidity.pension_factor',
      'nssf.benefits.pension.old_age.age',
      'nssf.benefits.pension.old_age.lump_sum_rate',
      'nssf.benefits.pension.old_age.min_contribution_months',
      'nssf.benefits.pension.survivors.lump_sum_months',
      'nssf.benefits.pension.survivors.min_contribution_months',
      'nssf.benefits.pension.survivors.pension_rate',
      'nssf.benefits.pension.survivors.shared_share',
      'nssf.benefits.pension.survivors.sole_group_share',
      'nssf.benefits.unemployment.legislated',
      'nssf.benefits.unemployment.max_months',
      'nssf.benefits.unemployment.replacement_rate',
      'nssf.collection.due_day',
      'nssf.collection.late_payment_surcharge_rate',
      'nssf.employment_injury.contribution_rate.employer',
      'nssf.employment_injury.contribution_rate.worker',
      'nssf.health.contribution_rate.employer',
      'nssf.health.contribution_rate.worker',
      'nssf.pension.contribution_rate.employer',
      'nssf.pension.contribution_rate.worker',
      'nssf.pension.contributory_wage.banded',
      'nssf.pension.contributory_wage.ceiling',
      'nssf.pension.contributory_wage.floor',
      'nssf.registration.employer_deadline_days',
      'nssf.registration.worker_deadline_days',
      'nssf.rounding_step',
      'nssf.self_employed.health_contribution',
      'nssf.self_employed.max_missed_months',
      'public_servants.pension.accrual_rate',
      'public_servants.pension.age',
      'public_servants.pension.early_min_service_years',
      'public_servants.pension.grant_salary_multiple',
      'public_servants.pension.min_service_years',
      'public_servants.pension.minimum',
      'social_assistance.covid19_cash_transfer.child_age_limit',
      'social_assistance.covid19_cash_transfer.household_base_rural',
      'social_assistance.covid19_cash_transfer.household_base_urban',
      'social_assistance.covid19_cash_transfer.in_force',
      'social_assistance.covid19_cash_transfer.older_person_age',
      'social_assistance.covid19_cash_transfer.per_member_rural_poor_1',
      'social_assistance.covid19_cash_transfer.per_member_rural_poor_2',
      'social_assistance.covid19_cash_transfer.per_member_urban_poor_1',
      'social_assistance.covid19_cash_transfer.per_member_urban_poor_2',
      'social_assistance.covid19_cash_transfer.per_vulnerable_member_rural_poor_1',
      'social_assistance.covid19_cash_transfer.per_vulnerable_member_rural_poor_2',
      'social_assistance.covid19_cash_transfer.per_vulnerable_member_urban_poor_1',
      'social_assistance.covid19_cash_transfer.per_vulnerable_member_urban_poor_2',
      'social_assistance.disability_allowance.amount',
      'social_assistance.family_package.household_base',
      'social_assistance.family_package.older_person_age',
      'social_assistance.family_package.per_disabled_member',
      'social_assistance.family_package.per_hiv_member',
      'social_assistance.family_package.per_older_member',
      'social_assistance.grievances.escalation_days',
      'social_assistance.health_equity_fund.covers_idpoor',
      'social_assistance.health_equity_fund.covers_informal_workers',
      'social_assistance.idpoor.card_validity_years',
      'social_assistance.idpoor.cut_off_poor_1',
      'social_assistance.idpoor.cut_off_poor_2',
      'social_assistance.idpoor.dependency_ratio',
      'social_assistance.idpoor.little_land_ha',
      'social_assistance.idpoor.points.high_dependency',
      'social_assistance.idpoor.points.little_rice_land',
      'social_assistance.idpoor.points.low_income',
      'social_assistance.idpoor.points.no_livestock',
      'social_assistance.idpoor.points.no_rice_land',
      'social_assistance.idpoor.points.no_valuable_assets',
      'social_assistance.idpoor.points.roof_thatch',
      'social_assistance.idpoor.points.walls_thatch',
      'social_assistance.idpoor.poverty_line_per_day',
      'social_assistance.idpoor.special_circumstances_max',
      'social_assistance.pregnancy_cash_transfer.antenatal_max_visits',
      'social_assistance.pregnancy_cash_transfer.antenatal_visit_amount',
      'social_assistance.pregnancy_cash_transfer.delivery_amount',
      'social_assistance.pregnancy_cash_transfer.delivery_per_child',
      'social_assistance.pregnancy_cash_transfer.open_to_nssf_members',
      'social_assistance.pregnancy_cash_transfer.postnatal_check_amount',
      'social_assistance.pregnancy_cash_transfer.postnatal_max_checks',
      'veterans.pension.amount',
    ]);
    expect([...tree.nodes.keys()].sort()).toEqual([
      '',
      'nssf',
      'nssf.assumed_wage',
      'nssf.benefits',
      'nssf.benefits.claims',
      'nssf.benefits.employment_injury',
      'nssf.benefits.employment_injury.permanent',
      'nssf.benefits.employment_injury.temporary',
      'nssf.benefits.family',
      'nssf.benefits.health',
      'nssf.benefits.health.childbirth_allowance',
      'nssf.benefits.health.maternity',
      'nssf.benefits.health.medical_care',
      'nssf.benefits.health.sickness',
      'nssf.benefits.pension',
      'nssf.benefits.pension.invalidity',
      'nssf.benefits.pension.old_age',
      'nssf.benefits.pension.survivors',
      'nssf.benefits.unemployment',
      'nssf.collection',
      'nssf.employment_injury',
      'nssf.health',
      'nssf.pension',
      'nssf.self_employed',
      'public_servants',
      'public_servants.pension',
      'social_assistance',
      'social_assistance.covid19_cash_transfer',
      'social_assistance.disability_allowance',
      'social_assistance.family_package',
      'social_assistance.grievances',
      'social_assistance.health_equity_fund',
      'social_assistance.idpoor',
      'social_assistance.idpoor.points',
      'social_assistance.pregnancy_cash_transfer',
      'veterans',
      'veterans.pension',
    ]);
    for (const node of tree.nodes.values()) {
      expect(node.description, node.name).toBeTruthy();
      expect(node.label?.en, node.name).toBeTruthy();
      expect(node.label?.km, node.name).toMatch(/[\u1780-\u17FF]/);
    }
  });

  it('gives every parameter a description, an English and Khmer label and a unit', () => {
    for (const p of tree.parameters.values()) {
      expect(p.description, p.name).toBeTruthy();
      expect(p.label?.en, p.name).toBeTruthy();
      expect(p.label?.km, p.name).toMatch(/[\u1780-\u17FF]/);
      expect(p.unit, p.name).toBeTruthy();
    }
  });

  it('cites a reference (with its REFERENCE.md section) for every dated value', () => {
    for (const p of tree.parameters.values()) {
      expect(p.values.length, p.name).toBeGreaterThan(0);
      for (const v of p.values) {
        expect(v.reference.trim(), `${p.name} ${v.start}`).not.toBe('');
        expect(v.reference, `${p.name} ${v.start}`).toMatch(/REFERENCE\.md §/);
        // A value that is not confirmed says why.
        if (v.confidence !== 'confirmed') expect(v.note, `${p.name} ${v.start}`).toBeTruthy();
      }
    }
  });

  describe('nssf.assumed_wage.bands', () => {
    const bands = parameter('nssf.assumed_wage.bands');
    const assumed = (wage: number, date: string): number => {
      const scale = valueAt<ScalarValue | Scale>(bands.values, date)?.value as Scale;
      return singleAmount(scale, wage);
    };

    it('is a single-amount scale with exclusive thresholds (upper-inclusive bands)', () => {
      expect(bands.kind).toBe('single_amount_scale');
      expect(bands.kind !== 'value' && bands.thresholds).toBe('exclusive');
      expect(bands.values.map((v) => v.start)).toEqual(['2008-05-16', '2018-10-18']);
      expect((bands.values[0]!.value as Scale).brackets).toHaveLength(18);
      expect((bands.values[1]!.value as Scale).brackets).toHaveLength(22);
    });

    it('counts a low wage as the 200,000 floor and each band at its mid-point', () => {
      for (const date of ['2018-10-17', '2018-10-18']) {
        expect(assumed(0, date)).toBe(0);
        expect(assumed(1, date)).toBe(200_000);
        expect(assumed(150_000, date)).toBe(200_000);
        expect(assumed(200_000, date)).toBe(200_000);
        expect(assumed(200_001, date)).toBe(225_000);
        expect(assumed(250_000, date)).toBe(225_000);
        expect(assumed(250_001, date)).toBe(275_000);
        expect(assumed(1_000_000, date)).toBe(975_000);
      }
    });

    it('caps at 1,000,000 until 17 October 2018 and at 1,200,000 from 18 October 2018', () => {
      expect(assumed(1_000_001, '2018-10-17')).toBe(1_000_000);
      expect(assumed(1_500_000, '2018-10-17')).toBe(1_000_000);
      expect(assumed(1_500_000, '2018-10-18')).toBe(1_200_000);
      expect(assumed(1_000_001, '2018-10-18')).toBe(1_025_000);
      expect(assumed(1_200_000, '2018-10-18')).toBe(1_175_000);
      expect(assumed(1_200_001, '2018-10-18')).toBe(1_200_000);
    });

    it('has no value before Prakas 109/2008', () => {
      expect(valueAt<ScalarValue | Scale>(bands.values, '2008-05-15')).toBeUndefined();
    });
  });

  it('splits the contribution rates as the law does', () => {
    const rate = (scheme: string, who: string, date: string) =>
      valueOn(`nssf.${scheme}.contribution_rate.${who}`, date);
    expect(rate('employment_injury', 'employer', '2024-01-01')).toBe(0.008);
    expect(rate('employment_injury', 'worker', '2024-01-01')).toBe(0);
    expect(rate('health', 'employer', '2017-12-31')).toBe(0.013);
    expect(rate('health', 'worker', '2017-12-31')).toBe(0.013);
    expect(rate('health', 'employer', '2018-01-01')).toBe(0.026);
    expect(rate('health', 'worker', '2018-01-01')).toBe(0);
    expect(rate('pension', 'employer', '2022-09-30')).toBeUndefined();
    for (const who of ['employer', 'worker']) {
      expect(rate('pension', who, '2022-10-01')).toBe(0.02);
      expect(rate('pension', who, '2027-09-30')).toBe(0.02);
      expect(rate('pension', who, '2027-10-01')).toBe(0.04);
      expect(rate('pension', who, '2032-10-01')).toBe(0.05375);
      expect(rate('pension', who, '2062-10-01')).toBe(0.095);
    }
  });

  it('gives the employer and the worker the same pension rate at every date (equal split)', () => {
    const employer = parameter('nssf.pension.contribution_rate.employer').values;
    const worker = parameter('nssf.pension.contribution_rate.worker').values;
    expect(employer.map((v) => [v.start, v.value, v.confidence])).toEqual(
      worker.map((v) => [v.start, v.value, v.confidence]),
    );
  });

  it('marks the pension rates after the first five years as derived', () => {
    for (const who of ['employer', 'worker']) {
      const values = parameter(`nssf.pension.contribution_rate.${who}`).values;
      expect(values.find((v) => v.start === '2022-10-01')?.confidence).toBe('confirmed');
      const later = values.filter((v) => v.start >= '2027-10-01');
      expect(later.map((v) => v.start)).toEqual([
        '2027-10-01',
        '2032-10-01',
        '2042-10-01',
        '2052-10-01',
        '2062-10-01',
      ]);
      for (const v of later) expect(v.confidence, `${who} ${v.start}`).toBe('derived');
    }
  });

  it('reads the pension contributory wage floor and ceiling, and marks the banding choice unverified', () => {
    expect(valueOn('nssf.pension.contributory_wage.floor', '2022-10-01')).toBe(400_000);
    expect(valueOn('nssf.pension.contributory_wage.ceiling', '2022-10-01')).toBe(1_200_000);
    const banded = parameter('nssf.pension.contributory_wage.banded');
    expect(banded.unit).toBe('boolean');
    expect(banded.values).toHaveLength(1);
    expect(banded.values[0]).toMatchObject({ start: '2022-10-01', value: false, confidence: 'unverified' });
  });

  it('marks the values whose rule or date was not found as unverified', () => {
    for (const name of [
      'nssf.rounding_step',
      'nssf.registration.employer_deadline_days',
      'nssf.registration.worker_deadline_days',
    ]) {
      for (const v of parameter(name).values) expect(v.confidence, name).toBe('unverified');
    }
    expect(valueOn('nssf.rounding_step', '2024-01-01')).toBe(1);
    expect(valueOn('nssf.registration.employer_deadline_days', '2024-01-01')).toBe(30);
    expect(valueOn('nssf.registration.worker_deadline_days', '2024-01-01')).toBe(3);
  });

  it('reads the self-employed health-care scheme', () => {
    expect(valueOn('nssf.self_employed.health_contribution', '2023-03-31')).toBeUndefined();
    expect(valueOn('nssf.self_employed.health_contribution', '2023-04-01')).toBe(15_600);
    expect(valueOn('nssf.self_employed.max_missed_months', '2023-04-01')).toBe(6);
  });
});
