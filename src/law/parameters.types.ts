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
};
