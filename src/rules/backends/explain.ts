/**
 * @module rules/backends/explain
 * The first backend: evaluates a plan for one small situation and explains every step. The
 * trace answers "why did this member get X": the value of every variable on the way, which dated
 * formula applied, every parameter used with its value, start date and legal reference, and the
 * value of every intermediate operation. This is also the reference semantics the columnar and
 * SQL backends are tested against.
 */
import { formatPeriod, type Period } from '../../kernel/period.js';
import { type AnyExpr, children, type Entity, type GroupEntity, type Value } from '../expr/expr.js';
import type { Law, ParameterUse, Plan, PlannedVariable } from '../law.js';
import type { Label } from '../parameters/parameter.js';
import { evaluateScale } from '../parameters/scale.js';
import { instancesOf, type Situation } from '../situation/situation.js';
import type { AnyVariable } from '../variables/define-variable.js';

/** One operation of a formula with its value; leaves name the variable or parameter they read. */
export type Step = {
  readonly op: string;
  readonly value: Value;
  readonly args?: readonly Step[];
  readonly variable?: string;
  readonly parameter?: {
    readonly name: string;
    readonly start: string;
    readonly reference: string;
    readonly confidence: string;
  };
  /** For aggregates: each member's value. */
  readonly members?: readonly { readonly key: string; readonly value: Value }[];
  /** For group values: the group read. */
  readonly group?: { readonly entity: GroupEntity; readonly key: string | null };
};

export type Trace = {
  readonly variable: string;
  readonly entity: Entity;
  readonly key: string;
  readonly period: string;
  readonly value: Value;
  readonly unit?: string;
  readonly label: Label;
  readonly reference?: string;
  readonly source: 'input' | 'formula' | 'default';
  /** The dated formula that applied. */
  readonly formula?: { readonly start: string };
  /** Why a default applied: no input given, or the period is before the first formula. */
  readonly defaultReason?: string;
  readonly parameters: readonly ParameterUse[];
  readonly computation?: Step;
  readonly dependencies: readonly Trace[];
};

export type Explanation = {
  readonly variable: string;
  readonly period: string;
  readonly entity: Entity;
  readonly lawVersion: string;
  readonly parameterHash: string;
  /** One result per instance of the variable's entity, in situation order. */
  readonly results: readonly { readonly key: string; readonly value: Value; readonly trace: Trace }[];
};

/** Evaluates `variable` at `period` for every instance of its entity in the situation. */
export function explain(law: Law, situation: Situation, variable: string, period: Period): Explanation {
  const target = law.variable(variable);
  const plan = law.plan(period, [variable], providedInputs(situation));
  const evaluator = createEvaluator(plan, situation);
  const keys = instancesOf(situation, target.entity).keys;
  return {
    variable,
    period: formatPeriod(period),
    entity: target.entity,
    lawVersion: law.version,
    parameterHash: plan.parameterHash,
    results: keys.map((key, index) => {
      const trace = evaluator.trace(target, index);
      return { key, value: trace.value, trace };
    }),
  };
}

/** The names of all variables the situation gives values for. */
export function providedInputs(situation: Situation): Set<string> {
  return new Set([
    ...situation.persons.inputs.keys(),
    ...situation.households.inputs.keys(),
    ...situation.employers.inputs.keys(),
  ]);
}

export type Evaluator = {
  value(variable: AnyVariable, index: number): Value;
  trace(variable: AnyVariable, index: number): Trace;
};

/** Values are memoised per (variable, instance); traces are built on demand from the same values. */
export function createEvaluator(plan: Plan, situation: Situation): Evaluator {
  const memo = new Map<string, Value>();
  const traces = new Map<string, Trace>();
  const period = formatPeriod(plan.period);

  const planned = (v: AnyVariable): PlannedVariable => {
    const p = plan.byName.get(v.name);
    if (!p) throw new Error(`internal: ${v.name} is not in the plan`);
    return p;
  };

  const value = (v: AnyVariable, index: number): Value => {
    const key = `${v.name}#${index}`;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    const p = planned(v);
    let result: Value;
    if (p.source === 'formula') result = evalExpr(p.expr!, v.entity, index, null);
    else if (p.source === 'input')
      result = instancesOf(situation, v.entity).inputs.get(v.name)?.[index] ?? v.defaultValue;
    else result = v.defaultValue;
    memo.set(key, result);
    return result;
  };

  /** Evaluates an expression for one instance; when `steps` is given, records the step tree. */
  const evalExpr = (e: AnyExpr, entity: Entity, index: number, steps: Step[] | null): Value => {
    const sub = (
      x: AnyExpr,
      ent: Entity = entity,
      idx: number = index,
    ): { v: Value; s: Step | undefined } => {
      const collect: Step[] | null = steps ? [] : null;
      const v = evalExpr(x, ent, idx, collect);
      return { v, s: collect?.[0] };
    };
    const record = (step: Step): void => {
      steps?.push(step);
    };
    switch (e.kind) {
      case 'const':
        record({ op: 'const', value: e.value });
        return e.value;
      case 'param':
        record({
          op: 'parameter',
          value: e.value,
          parameter: { name: e.name, start: e.start, reference: e.reference, confidence: e.confidence },
        });
        return e.value;
      case 'var': {
        const v = value(e as AnyVariable, index);
        record({ op: 'variable', value: v, variable: e.name });
        return v;
      }
      case 'arith': {
        const a = sub(e.a);
        const b = sub(e.b);
        const x = a.v as number;
        const y = b.v as number;
        const r = arith(e.op, x, y);
        record({ op: e.op, value: r, args: compact([a.s, b.s]) });
        return r;
      }
      case 'compare': {
        const a = sub(e.a);
        const b = sub(e.b);
        const r = compare(e.op, a.v as number, b.v as number);
        record({ op: e.op, value: r, args: compact([a.s, b.s]) });
        return r;
      }
      case 'logic': {
        // Both sides are evaluated (no short-circuit) so the trace shows both, as the compiled
        // backends do; expressions have no side effects, so the value is the same.
        const a = sub(e.a);
        const b = sub(e.b);
        const r =
          e.op === 'and' ? (a.v as boolean) && (b.v as boolean) : (a.v as boolean) || (b.v as boolean);
        record({ op: e.op, value: r, args: compact([a.s, b.s]) });
        return r;
      }
      case 'not': {
        const a = sub(e.a);
        const r = !(a.v as boolean);
        record({ op: 'not', value: r, args: compact([a.s]) });
        return r;
      }
      case 'where': {
        const c = sub(e.cond);
        const chosen = sub(c.v ? e.ifTrue : e.ifFalse);
        record({
          op: c.v ? 'where (true)' : 'where (false)',
          value: chosen.v,
          args: compact([c.s, chosen.s]),
        });
        return chosen.v;
      }
      case 'round': {
        const a = sub(e.a);
        const s = sub(e.step);
        const r = roundTo(e.mode, a.v as number, s.v as number);
        record({ op: `round ${e.mode}`, value: r, args: compact([a.s, s.s]) });
        return r;
      }
      case 'scale': {
        const a = sub(e.a);
        const r = evaluateScale(e.scale.scale, a.v as number);
        record({
          op: e.scale.scale.kind === 'single_amount_scale' ? 'scale amount' : 'scale marginal rates',
          value: r,
          args: compact([a.s]),
          parameter: {
            name: e.scale.name,
            start: e.scale.start,
            reference: e.scale.reference,
            confidence: e.scale.confidence,
          },
        });
        return r;
      }
      case 'enum_in': {
        const v = value(e.a as AnyVariable, index) as string;
        const r = e.values.includes(v);
        record({
          op: `is one of ${e.values.join(', ')}`,
          value: r,
          args: [{ op: 'variable', value: v, variable: e.a.name }],
        });
        return r;
      }
      case 'aggregate': {
        const group = entity as GroupEntity;
        const memberIndices = situation.members[group][index] ?? [];
        const memberValues = memberIndices.map((m) => ({
          key: situation.persons.keys[m]!,
          value: evalExpr(e.a, 'person', m, null),
        }));
        let r: Value;
        if (e.op === 'sum') r = memberValues.reduce((acc, m) => acc + (m.value as number), 0);
        else if (e.op === 'count') r = memberValues.filter((m) => m.value === true).length;
        else r = memberValues.some((m) => m.value === true);
        const inner = memberIndices.length > 0 ? sub(e.a, 'person', memberIndices[0]!).s : undefined;
        record({ op: `${e.op} over members`, value: r, members: memberValues, args: compact([inner]) });
        return r;
      }
      case 'group_value': {
        const groupIndex = situation.membership[e.group][index]!;
        if (groupIndex < 0) {
          const r = e.type === 'boolean' ? false : 0;
          record({ op: `of ${e.group}`, value: r, group: { entity: e.group, key: null } });
          return r;
        }
        const a = sub(e.a, e.group, groupIndex);
        record({
          op: `of ${e.group}`,
          value: a.v,
          args: compact([a.s]),
          group: { entity: e.group, key: instancesOf(situation, e.group).keys[groupIndex]! },
        });
        return a.v;
      }
    }
  };

  const trace = (v: AnyVariable, index: number): Trace => {
    const key = `${v.name}#${index}`;
    const cached = traces.get(key);
    if (cached) return cached;
    const p = planned(v);
    const base = {
      variable: v.name,
      entity: v.entity,
      key: instancesOf(situation, v.entity).keys[index]!,
      period,
      label: v.label,
      ...(v.unit ? { unit: v.unit } : {}),
      ...(v.reference ? { reference: v.reference } : {}),
    };
    let result: Trace;
    if (p.source === 'formula') {
      const steps: Step[] = [];
      const val = evalExpr(p.expr!, v.entity, index, steps);
      result = {
        ...base,
        value: val,
        source: 'formula',
        formula: { start: p.formulaStart! },
        parameters: p.parameters,
        computation: steps[0]!,
        dependencies: dependencyTraces(p, v.entity, index),
      };
    } else {
      const given =
        p.source === 'input' ? instancesOf(situation, v.entity).inputs.get(v.name)?.[index] : undefined;
      const defaultReason =
        p.source === 'default'
          ? `before its first formula (from ${p.firstFormulaStart}) the variable has its default value`
          : given === undefined
            ? 'not given: the default value'
            : undefined;
      result = {
        ...base,
        value: value(v, index),
        source: given === undefined ? 'default' : 'input',
        ...(defaultReason ? { defaultReason } : {}),
        parameters: [],
        dependencies: [],
      };
    }
    traces.set(key, result);
    return result;
  };

  /** Traces of the variables a formula read, for the same instance or across its group. */
  const dependencyTraces = (p: PlannedVariable, entity: Entity, index: number): Trace[] => {
    const out: Trace[] = [];
    const walk = (e: AnyExpr, ent: Entity, idx: number): void => {
      if (e.kind === 'var') {
        if (
          !out.some(
            (t) =>
              t.variable === e.name && t.entity === ent && t.key === instancesOf(situation, ent).keys[idx],
          )
        ) {
          out.push(trace(e as AnyVariable, idx));
        }
        return;
      }
      if (e.kind === 'aggregate') {
        for (const m of situation.members[ent as GroupEntity][idx] ?? []) walk(e.a, 'person', m);
        return;
      }
      if (e.kind === 'group_value') {
        const g = situation.membership[e.group][idx]!;
        if (g >= 0) walk(e.a, e.group, g);
        return;
      }
      if (e.kind === 'enum_in') {
        walk(e.a, ent, idx);
        return;
      }
      for (const c of children(e)) walk(c, ent, idx);
    };
    walk(p.expr!, entity, index);
    return out;
  };

  return { value, trace };
}

function compact(steps: (Step | undefined)[]): Step[] {
  return steps.filter((s): s is Step => s !== undefined);
}

/** Reference arithmetic; the columnar and SQL backends emit exactly these operations. */
export function arith(op: 'add' | 'sub' | 'mul' | 'div' | 'min' | 'max', x: number, y: number): number {
  switch (op) {
    case 'add':
      return x + y;
    case 'sub':
      return x - y;
    case 'mul':
      return x * y;
    case 'div':
      return y === 0 ? 0 : x / y;
    case 'min':
      return Math.min(x, y);
    case 'max':
      return Math.max(x, y);
  }
}

export function compare(op: 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne', x: number, y: number): boolean {
  switch (op) {
    case 'lt':
      return x < y;
    case 'le':
      return x <= y;
    case 'gt':
      return x > y;
    case 'ge':
      return x >= y;
    case 'eq':
      return x === y;
    case 'ne':
      return x !== y;
  }
}

/** Rounds to a multiple of `step` (0 step: no rounding). Half up for 'nearest'. */
export function roundTo(mode: 'nearest' | 'down' | 'up', x: number, step: number): number {
  if (step === 0) return x;
  if (mode === 'nearest') return Math.floor(x / step + 0.5) * step;
  if (mode === 'down') return Math.floor(x / step) * step;
  return Math.ceil(x / step) * step;
}
