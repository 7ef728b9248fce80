/**
 * @module rules/backends/sql
 * The third backend: emits the same computation as SQL that PostgreSQL (15 and later, PGlite)
 * and DuckDB both run, so rules can run where the data already lives. Numbers are computed in
 * DOUBLE PRECISION with the operations, in the order, that the explain backend uses:
 * rounding is FLOOR(x / step + 0.5) * step, division by zero gives 0, scales are CASE chains
 * that pick exact amounts. Missing inputs (NULL or absent columns) take the variable's default.
 *
 * Two forms:
 * - `sqlExpression`: one inlined expression for a person-level variable over an input row;
 * - `sqlQueries`: a query per entity over tables of inputs (persons with household_id and
 *   employer_id, households, employers, each with an `id`), computed in stages like the columnar
 *   backend: each stage a chain of CTEs, group sums as GROUP BY joins, group reads as joins.
 */
import type { Period } from '../../kernel/period.js';
import type { AggregateNode, AnyExpr, Entity, GroupEntity, GroupValueNode } from '../expr/expr.js';
import type { Law, Plan } from '../law.js';
import type { Scale } from '../parameters/parameter.js';
import type { AnyVariable } from '../variables/define-variable.js';
import { compilePlan } from './columnar.js';

const DOUBLE = 'DOUBLE PRECISION';

/**
 * A SQL literal for a double that reads back as exactly the same value in PostgreSQL and DuckDB.
 * The shortest round-trip text of the number is cast from a string: a bare literal such as
 * 0.0000025045935776211682 is a DECIMAL in DuckDB, whose conversion to DOUBLE can be one unit in
 * the last place off; parsing the text as a double is correctly rounded in both engines.
 */
export function sqlNumber(x: number): string {
  return `CAST('${Object.is(x, -0) ? '0' : String(x)}' AS ${DOUBLE})`;
}

function sqlLiteral(value: number | boolean | string): string {
  if (typeof value === 'number') return sqlNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return `'${value.replace(/'/g, "''")}'`;
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

type ColumnResolver = (v: AnyVariable, alias: string) => string;

/** Turns an aggregate or a group read into SQL (a join made by the query builder). */
type GroupResolver = (e: AggregateNode | GroupValueNode) => string;

const noGroups =
  (why: string): GroupResolver =>
  () => {
    throw new Error(why);
  };

/**
 * Emits an expression; `col` resolves variable references for a row alias, `onGroup` the nodes
 * that cross entities.
 */
function emit(e: AnyExpr, alias: string, col: ColumnResolver, onGroup: GroupResolver): string {
  const sub = (x: AnyExpr): string => emit(x, alias, col, onGroup);
  switch (e.kind) {
    case 'const':
    case 'param':
      return sqlLiteral(e.value);
    case 'var':
      return col(e as AnyVariable, alias);
    case 'arith': {
      const a = sub(e.a);
      const b = sub(e.b);
      switch (e.op) {
        case 'add':
          return `(${a} + ${b})`;
        case 'sub':
          return `(${a} - ${b})`;
        case 'mul':
          return `(${a} * ${b})`;
        case 'div':
          return `(CASE WHEN ${b} = 0 THEN ${sqlNumber(0)} ELSE ${a} / ${b} END)`;
        case 'min':
          return `LEAST(${a}, ${b})`;
        case 'max':
          return `GREATEST(${a}, ${b})`;
      }
      break;
    }
    case 'compare': {
      const op = { lt: '<', le: '<=', gt: '>', ge: '>=', eq: '=', ne: '<>' }[e.op];
      return `(${sub(e.a)} ${op} ${sub(e.b)})`;
    }
    case 'logic':
      return `(${sub(e.a)} ${e.op === 'and' ? 'AND' : 'OR'} ${sub(e.b)})`;
    case 'not':
      return `(NOT ${sub(e.a)})`;
    case 'where':
      if (e.cond.kind === 'const' || e.cond.kind === 'param') return sub(e.cond.value ? e.ifTrue : e.ifFalse);
      return `(CASE WHEN ${sub(e.cond)} THEN ${sub(e.ifTrue)} ELSE ${sub(e.ifFalse)} END)`;
    case 'round': {
      const a = sub(e.a);
      const fn = e.mode === 'up' ? 'CEIL' : 'FLOOR';
      const half = e.mode === 'nearest' ? ` + ${sqlNumber(0.5)}` : '';
      if ((e.step.kind === 'const' || e.step.kind === 'param') && typeof e.step.value === 'number') {
        if (e.step.value === 0) return a;
        if (e.step.value === 1) return `${fn}(${a}${half})`;
        const s = sqlNumber(e.step.value);
        return `(${fn}(${a} / ${s}${half}) * ${s})`;
      }
      const s = sub(e.step);
      return `(CASE WHEN ${s} = 0 THEN ${a} ELSE ${fn}(${a} / ${s}${half}) * ${s} END)`;
    }
    case 'scale':
      return scaleSql(e.scale.scale, sub(e.a));
    case 'enum_in': {
      const v = e.a as AnyVariable;
      return e.values.length === 0
        ? 'FALSE'
        : `(${col(v, alias)} IN (${e.values.map(sqlLiteral).join(', ')}))`;
    }
    case 'aggregate':
    case 'group_value':
      return onGroup(e);
  }
  throw new Error('unreachable');
}

/** CASE chain (single amount) or ordered sum of bracket parts (marginal rates). */
export function scaleSql(scale: Scale, x: string): string {
  const b = scale.brackets;
  if (scale.kind === 'marginal_rate_scale') {
    return b.reduce((acc, br, i) => {
      const next = b[i + 1];
      const upper = next === undefined ? x : `LEAST(${x}, ${sqlNumber(next.threshold)})`;
      return `(${acc} + GREATEST(${sqlNumber(0)}, ${upper} - ${sqlNumber(br.threshold)}) * ${sqlNumber(br.rate ?? 0)})`;
    }, sqlNumber(0));
  }
  const op = scale.thresholds === 'inclusive' ? '>=' : '>';
  const whens = [...b]
    .reverse()
    .map((br) => `WHEN ${x} ${op} ${sqlNumber(br.threshold)} THEN ${sqlNumber(br.amount ?? 0)}`)
    .join(' ');
  return `(CASE ${whens} ELSE ${sqlNumber(0)} END)`;
}

/** How an input column is read: as a double (number), boolean or text, with the default for NULL. */
function inputColumn(v: AnyVariable, alias: string): string {
  const ref = `${alias}.${quoteIdent(v.name)}`;
  const typed =
    v.type === 'number'
      ? `CAST(${ref} AS ${DOUBLE})`
      : v.type === 'boolean'
        ? `CAST(${ref} AS BOOLEAN)`
        : ref;
  return `COALESCE(${typed}, ${sqlLiteral(v.defaultValue)})`;
}

/**
 * One SQL expression computing a person-level variable over a row whose columns are the inputs
 * (named as the variables). Every formula variable on the way is inlined.
 */
export function sqlExpression(
  law: Law,
  period: Period,
  variable: string,
  inputs: Iterable<string>,
  alias = 't',
): string {
  const inputSet = new Set(inputs);
  const plan = law.plan(period, [variable], inputSet);
  const col: ColumnResolver = (v, a) => {
    const p = plan.byName.get(v.name)!;
    if (p.source === 'input') return inputSet.has(v.name) ? inputColumn(v, a) : sqlLiteral(v.defaultValue);
    if (p.source === 'default') return sqlLiteral(v.defaultValue);
    return emit(p.expr!, a, col, noGroups(`${variable} reads a household or employer; use sqlQueries`));
  };
  return col(law.variable(variable), alias);
}

export type SqlTables = {
  readonly persons: string;
  readonly households?: string;
  readonly employers?: string;
};

const TABLE_KEY: Record<Entity, keyof SqlTables> = {
  person: 'persons',
  household: 'households',
  employer: 'employers',
};
const LINK: Record<GroupEntity, string> = { household: 'household_id', employer: 'employer_id' };

/**
 * Queries computing `targets` at `period`, one per entity that has targets: each returns `id` and
 * one column per target of that entity. `inputs` are the input columns present in the tables.
 */
export function sqlQueries(
  law: Law,
  period: Period,
  targets: readonly string[],
  inputs: Iterable<string>,
  tables: SqlTables,
): Partial<Record<Entity, string>> {
  const inputSet = new Set(inputs);
  const plan = law.plan(period, targets, inputSet);
  return buildQueries(plan, targets, inputSet, tables);
}

function buildQueries(
  plan: Plan,
  targets: readonly string[],
  inputSet: ReadonlySet<string>,
  tables: SqlTables,
): Partial<Record<Entity, string>> {
  const compiled = compilePlan(plan, targets, inputSet);
  const ctes: string[] = [];
  const latest: Record<Entity, string> = {
    person: 'person_base',
    household: 'household_base',
    employer: 'employer_base',
  };
  for (const entity of ['person', 'household', 'employer'] as const) {
    const table = tables[TABLE_KEY[entity]];
    ctes.push(
      table
        ? `${latest[entity]} AS (SELECT * FROM ${table})`
        : `${latest[entity]} AS (SELECT NULL AS id WHERE FALSE)`,
    );
  }
  const available: Record<Entity, Set<string>> = {
    person: new Set(),
    household: new Set(),
    employer: new Set(),
  };
  let cteCount = 0;

  const colResolver =
    (entity: Entity): ColumnResolver =>
    (v, alias) => {
      const p = plan.byName.get(v.name)!;
      if (p.source === 'default') return sqlLiteral(v.defaultValue);
      if (p.source === 'input')
        return inputSet.has(v.name) ? inputColumn(v, alias) : sqlLiteral(v.defaultValue);
      if (!available[v.entity].has(v.name))
        throw new Error(`internal: ${v.name} used before it is computed (${entity})`);
      return `${alias}.${quoteIdent(v.name)}`;
    };

  const maxStage = Math.max(0, ...compiled.loops.map((l) => l.stage));
  for (let s = 0; s <= maxStage; s++) {
    for (const entity of ['person', 'household', 'employer'] as const) {
      const loop = compiled.loops.find((l) => l.stage === s && l.entity === entity);
      if (!loop) continue;
      // Layers inside the stage: a variable goes one layer after the deepest same-loop dependency.
      const inLoop = new Set(loop.variables);
      const layer = new Map<string, number>();
      for (const name of loop.variables) {
        const deps = plan.byName.get(name)!.deps.filter((d) => inLoop.has(d.name) && d.entity === entity);
        layer.set(name, Math.max(-1, ...deps.map((d) => layer.get(d.name) ?? 0)) + 1);
      }
      const layers = Math.max(0, ...layer.values()) + 1;
      for (let l = 0; l < layers; l++) {
        const names = loop.variables.filter((n) => layer.get(n) === l);
        // A stage may compute nothing for an entity in a period (every formula of that stage
        // starts later): no CTE, since `SELECT b.*, FROM` is not SQL.
        if (names.length === 0) continue;
        const joins: string[] = [];
        const joinedGroups = new Set<GroupEntity>();
        const groupAlias = (g: GroupEntity): string => {
          const alias = `g_${g}`;
          if (!joinedGroups.has(g)) {
            joinedGroups.add(g);
            joins.push(`LEFT JOIN ${latest[g]} ${alias} ON ${alias}.id = b.${LINK[g]}`);
          }
          return alias;
        };
        const onGroup: GroupResolver = (node) => {
          if (node.kind === 'group_value') {
            const g = groupAlias(node.group);
            const inner = emit(node.a, g, colResolver(node.group), noGroups('internal: nested group read'));
            return `(CASE WHEN ${g}.id IS NULL THEN ${node.type === 'boolean' ? 'FALSE' : sqlNumber(0)} ELSE ${inner} END)`;
          }
          // Stages run in order, so the latest person CTE holds every value the aggregate reads.
          const inner = emit(
            node.a,
            'm',
            colResolver('person'),
            noGroups('internal: group read inside an aggregate'),
          );
          const sqlAgg =
            node.op === 'sum'
              ? `SUM(${inner})`
              : node.op === 'count'
                ? `SUM(CASE WHEN ${inner} THEN ${sqlNumber(1)} ELSE ${sqlNumber(0)} END)`
                : `BOOL_OR(${inner})`;
          const alias = `a_agg${joins.length}`;
          const link = LINK[entity as GroupEntity];
          joins.push(
            `LEFT JOIN (SELECT m.${link} AS gid, ${sqlAgg} AS v FROM ${latest.person} m GROUP BY m.${link}) ${alias} ON ${alias}.gid = b.id`,
          );
          return `COALESCE(${alias}.v, ${node.op === 'any' ? 'FALSE' : sqlNumber(0)})`;
        };
        const selects = names.map((name) => {
          const expr = emit(plan.byName.get(name)!.expr!, 'b', colResolver(entity), onGroup);
          return `${expr} AS ${quoteIdent(name)}`;
        });
        const name = `${entity}_s${s}_l${l}_${cteCount++}`;
        ctes.push(
          `${name} AS (SELECT b.*, ${selects.join(', ')} FROM ${latest[entity]} b ${joins.join(' ')})`,
        );
        latest[entity] = name;
        for (const n of names) available[entity].add(n);
      }
    }
  }

  const out: Partial<Record<Entity, string>> = {};
  for (const entity of ['person', 'household', 'employer'] as const) {
    const mine = targets.filter((t) => plan.byName.get(t)!.variable.entity === entity);
    if (mine.length === 0) continue;
    const cols = mine.map(
      (t) => `${colResolver(entity)(plan.byName.get(t)!.variable, 'r')} AS ${quoteIdent(t)}`,
    );
    out[entity] = `WITH ${ctes.join(',\n')}\nSELECT r.id, ${cols.join(', ')} FROM ${latest[entity]} r`;
  }
  return out;
}
