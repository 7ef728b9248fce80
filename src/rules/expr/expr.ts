/**
 * @module rules/expr/expr
 * The typed expression graph that formulas build. A formula never computes a value itself: it
 * returns a tree of these nodes, which the three backends (explain, columnar, SQL) evaluate with
 * the same semantics. The vocabulary is deliberately small: arithmetic, comparisons, boolean
 * logic, `where`, min/max/clamp, rounding to a step, scale look-ups, enum matching, and
 * aggregates over a group's members.
 *
 * Semantics shared by every backend (and tested to agree):
 * - numbers are IEEE doubles; money is kept integral by explicit rounding from the law;
 * - `div(a, b)` is 0 when b is 0 (a formula never produces Infinity or NaN);
 * - `roundTo(x, step)` is floor(x / step + 0.5) x step (half up), `floorTo`/`ceilTo` likewise;
 * - `clamp(x, lo, hi)` is min(max(x, lo), hi);
 * - an aggregate over a group with no members is 0 / false.
 */
import type { Confidence, Scale } from '../parameters/parameter.js';

export type ValueKind = 'number' | 'boolean' | 'enum';
export type Entity = 'person' | 'household' | 'employer';
export type GroupEntity = 'household' | 'employer';
export const ENTITIES: readonly Entity[] = ['person', 'household', 'employer'];
export const GROUPS: readonly GroupEntity[] = ['household', 'employer'];

/** A value as seen by one case: enums are their text. */
export type Value = number | boolean | string;

type Typed<K extends ValueKind> = { readonly type: K };

/** A reference to a variable; every `Variable` is one (see define-variable.ts). */
export type VarRef<K extends ValueKind = ValueKind> = Typed<K> & {
  readonly kind: 'var';
  readonly name: string;
  readonly entity: Entity;
};

export type ConstNode = { readonly kind: 'const' } & (
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
);

type Provenance = {
  readonly name: string;
  readonly start: string;
  readonly reference: string;
  readonly confidence: Confidence;
  readonly unit?: string;
};

/** A parameter value resolved at the period: a constant that remembers where it comes from. */
export type ParamNode = { readonly kind: 'param' } & Provenance &
  (
    | { readonly type: 'number'; readonly value: number }
    | { readonly type: 'boolean'; readonly value: boolean }
  );

/** A scale parameter resolved at the period; used through `scale(ref, base)`. */
export type ScaleRef = { readonly kind: 'scale_ref'; readonly scale: Scale } & Provenance;

export type ArithOp = 'add' | 'sub' | 'mul' | 'div' | 'min' | 'max';
export type CompareOp = 'lt' | 'le' | 'gt' | 'ge' | 'eq' | 'ne';
export type RoundMode = 'nearest' | 'down' | 'up';
export type AggregateOp = 'sum' | 'count' | 'any';

export type ArithNode = Typed<'number'> & {
  readonly kind: 'arith';
  readonly op: ArithOp;
  readonly a: Expr;
  readonly b: Expr;
};
export type CompareNode = Typed<'boolean'> & {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly a: Expr;
  readonly b: Expr;
};
export type LogicNode = Typed<'boolean'> & {
  readonly kind: 'logic';
  readonly op: 'and' | 'or';
  readonly a: Expr;
  readonly b: Expr;
};
export type NotNode = Typed<'boolean'> & { readonly kind: 'not'; readonly a: Expr };
export type WhereNode = Typed<'number' | 'boolean'> & {
  readonly kind: 'where';
  readonly cond: Expr;
  readonly ifTrue: Expr;
  readonly ifFalse: Expr;
};
export type RoundNode = Typed<'number'> & {
  readonly kind: 'round';
  readonly mode: RoundMode;
  readonly a: Expr;
  readonly step: Expr;
};
export type ScaleNode = Typed<'number'> & {
  readonly kind: 'scale';
  readonly scale: ScaleRef;
  readonly a: Expr;
};
export type EnumInNode = Typed<'boolean'> & {
  readonly kind: 'enum_in';
  readonly a: VarRef<'enum'>;
  readonly values: readonly string[];
};
/** Sum / count / any over the members of the group whose formula this is (household or employer). */
export type AggregateNode = Typed<'number' | 'boolean'> & {
  readonly kind: 'aggregate';
  readonly op: AggregateOp;
  readonly a: Expr;
};
/** A person reads a value of the household or employer it belongs to (default when it has none). */
export type GroupValueNode = Typed<'number' | 'boolean'> & {
  readonly kind: 'group_value';
  readonly group: GroupEntity;
  readonly a: Expr;
};

export type Expr =
  | VarRef
  | ConstNode
  | ParamNode
  | ArithNode
  | CompareNode
  | LogicNode
  | NotNode
  | WhereNode
  | RoundNode
  | ScaleNode
  | EnumInNode
  | AggregateNode
  | GroupValueNode;
export type AnyExpr = Expr;
/** An expression known to give a number (the brand is checked at run time by the builders). */
export type NumExpr = Expr & { readonly type: 'number' };
export type BoolExpr = Expr & { readonly type: 'boolean' };
/** What builders accept for numbers: an expression or a plain literal (0, 1 — never a legal value). */
export type Num = NumExpr | number;
export type Bool = BoolExpr | boolean;

function num(x: Num): NumExpr {
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new TypeError(`literal ${x} is not a finite number`);
    return { kind: 'const', type: 'number', value: x };
  }
  assertType(x, 'number');
  return x;
}

function bool(x: Bool): BoolExpr {
  if (typeof x === 'boolean') return { kind: 'const', type: 'boolean', value: x };
  assertType(x, 'boolean');
  return x;
}

function assertType(x: { type: ValueKind; kind: string }, type: ValueKind): void {
  if (x.type !== type) {
    const named = x as { kind: string; name?: string };
    const what = named.name ? named.name : `a ${x.kind} expression`;
    throw new TypeError(`expected a ${type} but ${what} is a ${x.type}`);
  }
}

const arith = (op: ArithOp, a: Num, b: Num): NumExpr => ({
  kind: 'arith',
  type: 'number',
  op,
  a: num(a),
  b: num(b),
});
const compare = (op: CompareOp, a: Num, b: Num): BoolExpr => ({
  kind: 'compare',
  type: 'boolean',
  op,
  a: num(a),
  b: num(b),
});

export const add = (a: Num, b: Num): NumExpr => arith('add', a, b);
export const sub = (a: Num, b: Num): NumExpr => arith('sub', a, b);
export const mul = (a: Num, b: Num): NumExpr => arith('mul', a, b);
/** Division; 0 when the divisor is 0. */
export const div = (a: Num, b: Num): NumExpr => arith('div', a, b);
export const min = (a: Num, b: Num): NumExpr => arith('min', a, b);
export const max = (a: Num, b: Num): NumExpr => arith('max', a, b);
/** Sum of several terms, added left to right. */
export const sum = (first: Num, ...rest: Num[]): NumExpr =>
  rest.reduce<NumExpr>((acc, x) => add(acc, x), num(first));
/** min(max(x, lo), hi): a floor and a ceiling. */
export const clamp = (x: Num, lo: Num, hi: Num): NumExpr => min(max(x, lo), hi);

export const lt = (a: Num, b: Num): BoolExpr => compare('lt', a, b);
export const le = (a: Num, b: Num): BoolExpr => compare('le', a, b);
export const gt = (a: Num, b: Num): BoolExpr => compare('gt', a, b);
export const ge = (a: Num, b: Num): BoolExpr => compare('ge', a, b);
export const eq = (a: Num, b: Num): BoolExpr => compare('eq', a, b);
export const ne = (a: Num, b: Num): BoolExpr => compare('ne', a, b);

export const and = (a: Bool, b: Bool): BoolExpr => ({
  kind: 'logic',
  type: 'boolean',
  op: 'and',
  a: bool(a),
  b: bool(b),
});
export const or = (a: Bool, b: Bool): BoolExpr => ({
  kind: 'logic',
  type: 'boolean',
  op: 'or',
  a: bool(a),
  b: bool(b),
});
export const not = (a: Bool): BoolExpr => ({ kind: 'not', type: 'boolean', a: bool(a) });

/** `cond ? then : otherwise`, for numbers or booleans. */
export function where(cond: Bool, then: Num, otherwise: Num): NumExpr;
export function where(cond: Bool, then: Bool, otherwise: Bool): BoolExpr;
export function where(cond: Bool, then: Num | Bool, otherwise: Num | Bool): NumExpr | BoolExpr {
  const c = bool(cond);
  const isBool = typeof then === 'boolean' || (typeof then === 'object' && then.type === 'boolean');
  if (isBool)
    return {
      kind: 'where',
      type: 'boolean',
      cond: c,
      ifTrue: bool(then as Bool),
      ifFalse: bool(otherwise as Bool),
    };
  return { kind: 'where', type: 'number', cond: c, ifTrue: num(then as Num), ifFalse: num(otherwise as Num) };
}

/** Rounds to the nearest multiple of `step`, halves up: floor(x / step + 0.5) x step. */
export const roundTo = (x: Num, step: Num): NumExpr => ({
  kind: 'round',
  type: 'number',
  mode: 'nearest',
  a: num(x),
  step: num(step),
});
/** Rounds down to a multiple of `step`. */
export const floorTo = (x: Num, step: Num): NumExpr => ({
  kind: 'round',
  type: 'number',
  mode: 'down',
  a: num(x),
  step: num(step),
});
/** Rounds up to a multiple of `step`. */
export const ceilTo = (x: Num, step: Num): NumExpr => ({
  kind: 'round',
  type: 'number',
  mode: 'up',
  a: num(x),
  step: num(step),
});

/** Looks a base up in a scale parameter (single-amount or marginal-rate). */
export function scale(ref: ScaleRef, base: Num): NumExpr {
  if (ref?.kind !== 'scale_ref')
    throw new TypeError('scale(...) takes a scale parameter, e.g. scale(p.nssf.x, base)');
  return { kind: 'scale', type: 'number', scale: ref, a: num(base) };
}

/** True when the enum variable's value is one of `values`. */
export function isOneOf(a: VarRef<'enum'>, values: readonly string[]): BoolExpr {
  assertType(a, 'enum');
  return { kind: 'enum_in', type: 'boolean', a, values: [...values] };
}

/** Sum over the members of this group (a household's persons, an employer's workers). */
export const sumOfMembers = (a: Num): NumExpr => ({
  kind: 'aggregate',
  type: 'number',
  op: 'sum',
  a: num(a),
});
/** Number of members of this group for whom `cond` holds (all members when omitted). */
export const countMembers = (cond: Bool = true): NumExpr => ({
  kind: 'aggregate',
  type: 'number',
  op: 'count',
  a: bool(cond),
});
/** True when `cond` holds for at least one member of this group. */
export const anyMember = (cond: Bool): BoolExpr => ({
  kind: 'aggregate',
  type: 'boolean',
  op: 'any',
  a: bool(cond),
});

/** The value of an expression of the person's household (default when the person has none). */
export function ofHousehold(a: Num): NumExpr;
export function ofHousehold(a: Bool): BoolExpr;
export function ofHousehold(a: Num | Bool): NumExpr | BoolExpr {
  return groupValue('household', a);
}
/** The value of an expression of the person's employer (default when the person has none). */
export function ofEmployer(a: Num): NumExpr;
export function ofEmployer(a: Bool): BoolExpr;
export function ofEmployer(a: Num | Bool): NumExpr | BoolExpr {
  return groupValue('employer', a);
}

function groupValue(group: GroupEntity, a: Num | Bool): NumExpr | BoolExpr {
  if (typeof a === 'boolean' || (typeof a === 'object' && a.type === 'boolean')) {
    return { kind: 'group_value', type: 'boolean', group, a: bool(a as Bool) };
  }
  return { kind: 'group_value', type: 'number', group, a: num(a as Num) };
}

/** The direct children of a node (scale refs and leaves have none). */
export function children(e: AnyExpr): AnyExpr[] {
  switch (e.kind) {
    case 'var':
    case 'const':
    case 'param':
      return [];
    case 'arith':
    case 'compare':
    case 'logic':
      return [e.a, e.b];
    case 'not':
    case 'scale':
    case 'enum_in':
    case 'aggregate':
    case 'group_value':
      return [e.a];
    case 'where':
      return [e.cond, e.ifTrue, e.ifFalse];
    case 'round':
      return [e.a, e.step];
  }
}
