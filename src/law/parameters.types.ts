/**
 * @module law/parameters.types
 * GENERATED from src/law/parameters by `samaki law types`; do not edit by hand.
 * The type of the parameter tree that formulas read (`p`).
 */
import type { BoolExpr, NumExpr, ScaleRef } from '../rules/expr/expr.js';

export type LawParameters = {
  readonly nssf: {
    readonly assumed_wage: {
      readonly bands: ScaleRef;
    };
    readonly benefits: {
      readonly claims: {
        readonly approval_threshold: NumExpr;
      };
      readonly daily_wage_divisor: NumExpr;
      readonly employment_injury: {
        readonly funeral_benefit_usd: NumExpr;
        readonly permanent: {
          readonly constant_attendance_rate: NumExpr;
          readonly lump_sum_actuarial_factor: NumExpr;
          readonly pension_factor: NumExpr;
          readonly pension_threshold: NumExpr;
          readonly total_incapacity_threshold: NumExpr;
        };
        readonly temporary: {
          readonly employer_paid_days: NumExpr;
          readonly max_days: NumExpr;
          readonly rate: NumExpr;
        };
      };
      readonly family: {
        readonly amount_per_child: NumExpr;
        readonly legislated: BoolExpr;
      };
      readonly health: {
        readonly childbirth_allowance: {
          readonly amounts: ScaleRef;
          readonly special_allowance: ScaleRef;
        };
        readonly maternity: {
          readonly consecutive_months_required: BoolExpr;
          readonly days: NumExpr;
          readonly min_contribution_months: NumExpr;
          readonly rate: NumExpr;
        };
        readonly medical_care: {
          readonly min_consecutive_months: NumExpr;
          readonly min_months_in_last_12: NumExpr;
          readonly self_employed_min_months: NumExpr;
        };
        readonly sickness: {
          readonly max_days: NumExpr;
          readonly rate: NumExpr;
          readonly waiting_days: NumExpr;
        };
      };
      readonly pension: {
        readonly accrual_rates: ScaleRef;
        readonly accrual_whole_years: BoolExpr;
        readonly cpi_indexation: BoolExpr;
        readonly funeral_allowance: NumExpr;
        readonly invalidity: {
          readonly max_onset_age: NumExpr;
          readonly min_contribution_months: NumExpr;
          readonly pension_factor: NumExpr;
        };
        readonly old_age: {
          readonly age: NumExpr;
          readonly lump_sum_rate: NumExpr;
          readonly min_contribution_months: NumExpr;
        };
        readonly survivors: {
          readonly lump_sum_months: NumExpr;
          readonly min_contribution_months: NumExpr;
          readonly pension_rate: NumExpr;
          readonly shared_share: NumExpr;
          readonly sole_group_share: NumExpr;
        };
      };
      readonly unemployment: {
        readonly legislated: BoolExpr;
        readonly max_months: NumExpr;
        readonly replacement_rate: NumExpr;
      };
    };
    readonly collection: {
      readonly due_day: NumExpr;
      readonly late_payment_surcharge_rate: NumExpr;
    };
    readonly employment_injury: {
      readonly contribution_rate: {
        readonly employer: NumExpr;
        readonly worker: NumExpr;
      };
    };
    readonly health: {
      readonly contribution_rate: {
        readonly employer: NumExpr;
        readonly worker: NumExpr;
      };
    };
    readonly pension: {
      readonly contribution_rate: {
        readonly employer: NumExpr;
        readonly worker: NumExpr;
      };
      readonly contributory_wage: {
        readonly banded: BoolExpr;
        readonly ceiling: NumExpr;
        readonly floor: NumExpr;
      };
    };
    readonly registration: {
      readonly employer_deadline_days: NumExpr;
      readonly worker_deadline_days: NumExpr;
    };
    readonly rounding_step: NumExpr;
    readonly self_employed: {
      readonly health_contribution: NumExpr;
      readonly max_missed_months: NumExpr;
    };
  };
  readonly public_servants: {
    readonly pension: {
      readonly accrual_rate: NumExpr;
      readonly age: NumExpr;
      readonly early_min_service_years: NumExpr;
      readonly grant_salary_multiple: NumExpr;
      readonly min_service_years: NumExpr;
      readonly minimum: NumExpr;
    };
  };
  readonly social_assistance: {
    readonly covid19_cash_transfer: {
      readonly child_age_limit: NumExpr;
      readonly household_base_rural: NumExpr;
      readonly household_base_urban: NumExpr;
      readonly in_force: BoolExpr;
      readonly older_person_age: NumExpr;
      readonly per_member_rural_poor_1: NumExpr;
      readonly per_member_rural_poor_2: NumExpr;
      readonly per_member_urban_poor_1: NumExpr;
      readonly per_member_urban_poor_2: NumExpr;
      readonly per_vulnerable_member_rural_poor_1: NumExpr;
      readonly per_vulnerable_member_rural_poor_2: NumExpr;
      readonly per_vulnerable_member_urban_poor_1: NumExpr;
      readonly per_vulnerable_member_urban_poor_2: NumExpr;
    };
    readonly disability_allowance: {
      readonly amount: NumExpr;
    };
    readonly family_package: {
      readonly household_base: NumExpr;
      readonly older_person_age: NumExpr;
      readonly per_disabled_member: NumExpr;
      readonly per_hiv_member: NumExpr;
      readonly per_older_member: NumExpr;
    };
    readonly grievances: {
      readonly escalation_days: NumExpr;
    };
    readonly health_equity_fund: {
      readonly covers_idpoor: BoolExpr;
      readonly covers_informal_workers: BoolExpr;
    };
    readonly idpoor: {
      readonly card_validity_years: NumExpr;
      readonly cut_off_poor_1: NumExpr;
      readonly cut_off_poor_2: NumExpr;
      readonly dependency_ratio: NumExpr;
      readonly little_land_ha: NumExpr;
      readonly points: {
        readonly high_dependency: NumExpr;
        readonly little_rice_land: NumExpr;
        readonly low_income: NumExpr;
        readonly no_livestock: NumExpr;
        readonly no_rice_land: NumExpr;
        readonly no_valuable_assets: NumExpr;
        readonly roof_thatch: NumExpr;
        readonly walls_thatch: NumExpr;
      };
      readonly poverty_line_per_day: NumExpr;
      readonly special_circumstances_max: NumExpr;
    };
    readonly pregnancy_cash_transfer: {
      readonly antenatal_max_visits: NumExpr;
      readonly antenatal_visit_amount: NumExpr;
      readonly delivery_amount: NumExpr;
      readonly delivery_per_child: BoolExpr;
      readonly open_to_nssf_members: BoolExpr;
      readonly postnatal_check_amount: NumExpr;
      readonly postnatal_max_checks: NumExpr;
    };
  };
  readonly veterans: {
    readonly pension: {
      readonly amount: NumExpr;
    };
  };
};
