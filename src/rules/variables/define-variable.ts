/**
 * @module rules/variables/define-variable
 * A variable is a named quantity of an entity for a period (a person's monthly pension
 * contribution, a household's size). It declares itself — entity, period, type, unit, labels in
 * English and Khmer, legal reference — and holds formulas keyed by the date they start to apply.
 * Before its first formula a variable has its default value (0, false). A variable without
 * formulas is an input. The variable object is itself an expression node (`kind: 'var'`), so a
 * formula refers to another variable by importing it: the type checker sees every reference.
 *
 * @example
 * export const nssf_health_contribution = defineVariable({
 *   name: 'nssf_health_contribution', entity: 'person', period: 'month', unit: 'KHR',
 *   label: { en: 'Health care contribution', km: 'ភាគទានថែទាំសុខភាព' },
 *   reference: 'Prakas 109/2016 (REFERENCE.md §2.2)',
 *   formulas: { '2016-01-01': () => add(nssf_health_contribution_employer, nssf_health_contribution_worker) },
 * });
 */
import type { PeriodUnit } from '../../kernel/period.js';
import type { AnyExpr, Entity, ValueKind, VarRef } from '../expr/expr.js';
import type { Label } from '../parameters/parameter.js';

/** What a formula receives: the parameters in force at the period, as a typed tree. */
export type FormulaContext<P> = { readonly p: P };
export type Formula<P> = (ctx: FormulaContext<P>) => AnyExpr;

export type VariableSpec<P, K extends ValueKind> = {
  /** Stable public snake_case name: the API of the law. */
  readonly name: string;
  readonly entity: Entity;
  readonly period: PeriodUnit;
  /** 'number' (default), 'boolean', or 'enum' with `values`. */
  readonly type?: K;
  /** The possible values of an enum variable; the first is its default. */
  readonly values?: readonly string[];
  readonly unit?: string;
  readonly label: Label;
  readonly reference?: string;
  readonly documentation?: string;
  /** Inputs below this are refused (e.g. a negative wage). */
  readonly min?: number;
  /** Dated formulas, keyed by start date YYYY-MM-DD. */
  readonly formulas?: Readonly<Record<string, Formula<P>>>;
};

export type Variable<P = unknown, K extends ValueKind = ValueKind> = VarRef<K> & {
  readonly period: PeriodUnit;
  readonly values?: readonly string[];
  readonly unit?: string;
  readonly label: Label;
  readonly reference?: string;
  readonly documentation?: string;
  readonly min?: number;
  /** Formulas sorted by start date. */
  readonly formulas: readonly { readonly start: string; readonly formula: Formula<P> }[];
  readonly isInput: boolean;
  /** Default value: 0, false, or the first enum value. */
  readonly defaultValue: number | boolean | string;
};

const NAME = /^[a-z][a-z0-9_]*$/;

/** Declares a variable; see the module comment. Formula keys are checked when the law is built. */
export function defineVariable<P, K extends ValueKind = 'number'>(spec: VariableSpec<P, K>): Variable<P, K> {
  if (!NAME.test(spec.name)) throw new TypeError(`variable name "${spec.name}" must be snake_case`);
  const type = (spec.type ?? 'number') as K;
  if (type === 'enum' && (!spec.values || spec.values.length === 0)) {
    throw new TypeError(`enum variable ${spec.name} needs its values`);
  }
  const formulas = Object.entries(spec.formulas ?? {})
    .map(([start, formula]) => ({ start, formula }))
    .sort((a, b) => (a.start < b.start ? -1 : 1));
  const defaultValue = type === 'boolean' ? false : type === 'enum' ? spec.values![0]! : 0;
  return Object.freeze({
    kind: 'var' as const,
    type,
    name: spec.name,
    entity: spec.entity,
    period: spec.period,
    label: spec.label,
    formulas,
    isInput: formulas.length === 0,
    defaultValue,
    ...(spec.values ? { values: [...spec.values] } : {}),
    ...(spec.unit ? { unit: spec.unit } : {}),
    ...(spec.reference ? { reference: spec.reference } : {}),
    ...(spec.documentation ? { documentation: spec.documentation } : {}),
    ...(spec.min !== undefined ? { min: spec.min } : {}),
  });
}

/**
 * Any variable, whatever its law's parameter type: the engine handles variables generically and
 * never calls a formula with a `p` of the wrong law, so the parameter type is erased here.
 */
// biome-ignore lint/suspicious/noExplicitAny: the parameter type is erased on purpose (see above).
export type AnyVariable = Variable<any, ValueKind>;
export type { AnyExpr };
