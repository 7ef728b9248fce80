/**
 * @module rules/law
 * A `Law` gathers a parameter tree and a set of variables, and builds, for a period, the
 * resolved graph every backend evaluates: which dated formula applies to each variable, the
 * parameter values in force (with their references), and the order of evaluation. Building the
 * plan is where the rules are checked: entity and period of every reference, types, cycles.
 */
import { createHash } from 'node:crypto';
import { SamakiError } from '../kernel/errors.js';
import { type Period, periodStart } from '../kernel/period.js';
import { type AnyExpr, children, type Entity, type ParamNode, type ScaleRef } from './expr/expr.js';
import type { Confidence, Parameter, ParameterTree, ScalarValue, Scale } from './parameters/parameter.js';
import { valueAt } from './parameters/parameter.js';
import type { AnyVariable } from './variables/define-variable.js';

/** One parameter value a computation used, with its provenance. */
export type ParameterUse = {
  readonly name: string;
  readonly start: string;
  readonly value: ScalarValue | Scale;
  readonly reference: string;
  readonly confidence: Confidence;
  readonly unit?: string;
};

export type PlannedVariable = {
  readonly variable: AnyVariable;
  /** input: given by the caller; formula: computed; default: no formula applies at this period. */
  readonly source: 'input' | 'formula' | 'default';
  readonly formulaStart?: string;
  /** For a default before the first formula: when the first formula starts. */
  readonly firstFormulaStart?: string;
  readonly expr?: AnyExpr;
  readonly parameters: readonly ParameterUse[];
  readonly deps: readonly AnyVariable[];
};

export type Plan = {
  readonly period: Period;
  /** The instant parameters are read at: the first day of the period. */
  readonly date: string;
  /** Dependencies before dependants. */
  readonly order: readonly PlannedVariable[];
  readonly byName: ReadonlyMap<string, PlannedVariable>;
  readonly parameters: readonly ParameterUse[];
  /** Stable hash of the parameter values used (sha256 of their canonical form). */
  readonly parameterHash: string;
};

export type Law<P = unknown> = {
  readonly version: string;
  readonly parameters: ParameterTree;
  readonly variables: ReadonlyMap<string, AnyVariable>;
  /** The parameter tree in force at a date, for formulas; `uses` collects what was read. */
  parametersAt(date: string, uses?: Map<string, ParameterUse>): P;
  /**
   * The plan for computing `targets` at `period`. Variables named in `inputs` are taken as given
   * even if they have formulas (a caller may override a computed value, as in OpenFisca).
   */
  plan(period: Period, targets: readonly string[], inputs?: ReadonlySet<string>): Plan;
  variable(name: string): AnyVariable;
  /** Hash of every parameter value of the law: identifies the law's data, stored with a law version. */
  readonly fingerprint: string;
};

export function createLaw<P>(options: {
  version: string;
  parameters: ParameterTree;
  variables: readonly AnyVariable[];
}): Law<P> {
  const variables = new Map<string, AnyVariable>();
  for (const v of options.variables) {
    if (variables.has(v.name)) throw new SamakiError('variable_duplicate', { name: v.name });
    for (const f of v.formulas) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(f.start))
        throw new SamakiError('variable_bad_formula_date', { name: v.name, key: f.start });
    }
    variables.set(v.name, v);
  }
  const tree = options.parameters;
  const paramNames = [...tree.parameters.keys()];

  function variable(name: string): AnyVariable {
    const v = variables.get(name);
    if (!v) throw new SamakiError('variable_unknown', { name, hint: suggest(name, [...variables.keys()]) });
    return v;
  }

  function parametersAt(date: string, uses: Map<string, ParameterUse> = new Map()): P {
    const make = (prefix: string): unknown =>
      new Proxy(
        {},
        {
          get(_t, prop) {
            if (typeof prop !== 'string') return undefined;
            const name = prefix ? `${prefix}.${prop}` : prop;
            const param = tree.parameters.get(name);
            if (param) return resolveParameter(param, date, uses);
            if (paramNames.some((n) => n.startsWith(`${name}.`))) return make(name);
            throw new SamakiError('parameter_unknown', { name, hint: suggest(name, paramNames) });
          },
        },
      );
    return make('') as P;
  }

  const planCache = new Map<string, Plan>();

  function plan(period: Period, targets: readonly string[], inputs: ReadonlySet<string> = new Set()): Plan {
    const key = `${period.unit}:${periodStart(period)}|${[...targets].sort().join(',')}|${[...inputs].sort().join(',')}`;
    const cached = planCache.get(key);
    if (cached) return cached;
    const date = periodStart(period);
    const byName = new Map<string, PlannedVariable>();
    const order: PlannedVariable[] = [];
    const visiting: string[] = [];
    const allUses = new Map<string, ParameterUse>();

    const visit = (v: AnyVariable): void => {
      if (byName.has(v.name)) return;
      if (visiting.includes(v.name)) {
        throw new SamakiError('variable_cycle', {
          cycle: [...visiting.slice(visiting.indexOf(v.name)), v.name].join(' -> '),
        });
      }
      if (v.period !== period.unit) {
        throw new SamakiError('period_wrong_unit', {
          name: v.name,
          expected: v.period,
          example: v.period === 'month' ? '2024-05' : '2024',
        });
      }
      visiting.push(v.name);
      let planned: PlannedVariable;
      const formula = inputs.has(v.name) ? undefined : formulaAt(v, date);
      if (inputs.has(v.name) || v.isInput) {
        planned = { variable: v, source: 'input', parameters: [], deps: [] };
      } else if (!formula) {
        planned = {
          variable: v,
          source: 'default',
          firstFormulaStart: v.formulas[0]!.start,
          parameters: [],
          deps: [],
        };
      } else {
        const uses = new Map<string, ParameterUse>();
        const expr = formula.formula({ p: parametersAt(date, uses) });
        checkExpr(v, expr);
        const deps = collectVars(expr);
        for (const d of deps) visit(d);
        for (const [k, u] of uses) allUses.set(k, u);
        planned = {
          variable: v,
          source: 'formula',
          formulaStart: formula.start,
          expr,
          parameters: [...uses.values()],
          deps,
        };
      }
      visiting.pop();
      byName.set(v.name, planned);
      order.push(planned);
    };
    for (const t of targets) visit(variable(t));
    const parameters = [...allUses.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
    const result: Plan = {
      period,
      date,
      order,
      byName,
      parameters,
      parameterHash: hashParameters(parameters),
    };
    planCache.set(key, result);
    return result;
  }

  return {
    version: options.version,
    parameters: tree,
    variables,
    parametersAt,
    plan,
    variable,
    fingerprint: hashParameters(
      [...tree.parameters.values()].flatMap((p) =>
        p.values.map((v) => ({
          name: p.name,
          start: v.start,
          value: v.value,
          reference: v.reference,
          confidence: v.confidence,
        })),
      ),
    ),
  };
}

function resolveParameter(
  param: Parameter,
  date: string,
  uses: Map<string, ParameterUse>,
): ParamNode | ScaleRef {
  const dated = valueAt<ScalarValue | Scale>(param.values, date);
  if (!dated) {
    throw new SamakiError('parameter_before_first_value', {
      name: param.name,
      date,
      first: param.values[0]!.start,
      file: param.file,
    });
  }
  const use: ParameterUse = {
    name: param.name,
    start: dated.start,
    value: dated.value,
    reference: dated.reference,
    confidence: dated.confidence,
    ...(param.unit ? { unit: param.unit } : {}),
  };
  uses.set(param.name, use);
  const base = {
    name: param.name,
    start: dated.start,
    reference: dated.reference,
    confidence: dated.confidence,
    ...(param.unit ? { unit: param.unit } : {}),
  };
  if (param.kind !== 'value') return { kind: 'scale_ref', scale: dated.value as Scale, ...base };
  const value = dated.value as ScalarValue;
  if (typeof value === 'string') {
    // Text parameters describe (e.g. a method's name); formulas compare numbers and booleans.
    throw new SamakiError('variable_type_mismatch', {
      name: param.name,
      reason: 'a text parameter cannot be used in a formula',
    });
  }
  return typeof value === 'number'
    ? { kind: 'param', type: 'number', value, ...base }
    : { kind: 'param', type: 'boolean', value, ...base };
}

/** The dated formula in force at `date`: the last one starting on or before it. */
function formulaAt(v: AnyVariable, date: string): AnyVariable['formulas'][number] | undefined {
  let found: AnyVariable['formulas'][number] | undefined;
  for (const f of v.formulas) {
    if (f.start <= date) found = f;
    else break;
  }
  return found;
}

/** Checks entity crossings and types of a formula's expression. */
function checkExpr(owner: AnyVariable, expr: AnyExpr): void {
  if (expr.type !== owner.type) {
    throw new SamakiError('variable_type_mismatch', {
      name: owner.name,
      reason: `the formula gives a ${expr.type} but the variable is a ${owner.type}`,
    });
  }
  const walk = (e: AnyExpr, entity: Entity, insideEnumTest: boolean): void => {
    switch (e.kind) {
      case 'var': {
        const v = e as AnyVariable;
        if (v.entity !== entity) {
          throw new SamakiError('variable_entity_mismatch', {
            name: owner.name,
            entity,
            other: v.name,
            otherEntity: v.entity,
          });
        }
        if (v.period !== owner.period) {
          throw new SamakiError('variable_period_mismatch', {
            name: owner.name,
            period: owner.period,
            other: v.name,
            otherPeriod: v.period,
          });
        }
        if (v.type === 'enum' && !insideEnumTest) {
          throw new SamakiError('variable_type_mismatch', {
            name: owner.name,
            reason: `enum ${v.name} can only be tested with isOneOf`,
          });
        }
        return;
      }
      case 'aggregate':
        if (entity === 'person') {
          throw new SamakiError('variable_type_mismatch', {
            name: owner.name,
            reason: 'aggregates over members belong in household or employer formulas',
          });
        }
        walk(e.a, 'person', false);
        return;
      case 'group_value':
        if (entity !== 'person') {
          throw new SamakiError('variable_type_mismatch', {
            name: owner.name,
            reason: 'only a person reads its group\u2019s value',
          });
        }
        walk(e.a, e.group, false);
        return;
      case 'enum_in':
        walk(e.a, entity, true);
        return;
      default:
        for (const c of children(e)) walk(c, entity, false);
    }
  };
  walk(expr, owner.entity, false);
}

/** Variables referenced by an expression, in first-seen order, without repeats. */
export function collectVars(expr: AnyExpr): AnyVariable[] {
  const seen = new Map<string, AnyVariable>();
  const walk = (e: AnyExpr): void => {
    if (e.kind === 'var') seen.set(e.name, e as AnyVariable);
    for (const c of children(e)) walk(c);
  };
  walk(expr);
  return [...seen.values()];
}

/** sha256 of the canonical JSON of parameter uses, sorted by name and date. */
export function hashParameters(uses: readonly { name: string; start: string; value: unknown }[]): string {
  const canonical = [...uses]
    .map((u) => [u.name, u.start, u.value] as const)
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** "Did you mean" hint from the closest names by edit distance. */
export function suggest(name: string, candidates: readonly string[]): string {
  const scored = candidates
    .map((c) => ({ c, d: editDistance(name, c) }))
    .sort((a, b) => a.d - b.d)
    .filter((s) => s.d <= Math.max(3, Math.floor(name.length / 3)))
    .slice(0, 3);
  return scored.length
    ? `Did you mean ${scored.map((s) => s.c).join(', ')}?`
    : 'List them with `samaki law variables`.';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
