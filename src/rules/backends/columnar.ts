/**
 * @module rules/backends/columnar
 * The second backend: compiles a period's plan once into fused JavaScript loops over typed
 * arrays, one loop per (stage, entity), with every variable of the loop computed in registers
 * (no intermediate array per operation). Only outputs and values read by another loop are stored.
 *
 * Stages exist because of group crossings: a household sum of its persons' values needs the
 * person loop to finish first (it scatters into per-group accumulators), and a person reading its
 * household's value needs the household loop first. Most plans (person-only law) are one loop.
 *
 * Columns: numbers are Float64Array, booleans and enum codes (index in the variable's values)
 * are Uint8Array. Missing inputs take the variable's default. Semantics are those of the explain
 * backend; tests prove they agree.
 */
import type { Period } from '../../kernel/period.js';
import { type AnyExpr, children, type Entity, type GroupEntity } from '../expr/expr.js';
import type { Law, Plan, PlannedVariable } from '../law.js';
import type { Scale } from '../parameters/parameter.js';
import type { AnyVariable } from '../variables/define-variable.js';

export type Column = Float64Array | Uint8Array;

export type EntityColumns = { readonly count: number; readonly columns: Readonly<Record<string, Column>> };

/** A population in columns. `household[i]` / `employer[i]` is person i's group index or -1. */
export type Population = {
  readonly persons: EntityColumns;
  readonly households?: EntityColumns;
  readonly employers?: EntityColumns;
  readonly household?: Int32Array;
  readonly employer?: Int32Array;
};

/** A compiled loop: computes its variables for entity indices [start, end). */
export type LoopSpec = {
  readonly stage: number;
  readonly entity: Entity;
  readonly variables: readonly string[];
  /** Aggregates this (person) loop scatters into, by accumulator id. */
  readonly aggregates: readonly {
    readonly id: string;
    readonly group: GroupEntity;
    readonly op: 'sum' | 'count' | 'any';
  }[];
  readonly source: string;
};

export type CompiledPlan = {
  readonly plan: Plan;
  readonly loops: readonly LoopSpec[];
  /** Variables stored in arrays (outputs and values crossing loops), with their entity and type. */
  readonly stored: readonly {
    readonly name: string;
    readonly entity: Entity;
    readonly type: 'number' | 'boolean' | 'enum';
  }[];
  readonly outputs: readonly string[];
  /** Inputs the kernels read, by entity. */
  readonly inputs: readonly { readonly name: string; readonly entity: Entity }[];
};

type LoopFn = (
  cols: Record<string, Column>,
  accs: Record<string, Float64Array>,
  links: { household?: Int32Array; employer?: Int32Array },
  start: number,
  end: number,
) => void;

/**
 * Compiles the plan of `targets` at `period` for a population that provides `inputs`
 * (variable names present as columns).
 */
export function compileColumnar(
  law: Law,
  period: Period,
  targets: readonly string[],
  inputs: Iterable<string>,
): CompiledPlan {
  const inputSet = new Set(inputs);
  const plan = law.plan(period, targets, inputSet);
  return compilePlan(plan, targets, inputSet);
}

/**
 * Compiles a plan. `provided` names the input columns the population will have; other inputs
 * are compiled as their default constant (so V8 folds them away).
 */
export function compilePlan(
  plan: Plan,
  targets: readonly string[],
  provided: ReadonlySet<string>,
): CompiledPlan {
  const stage = new Map<string, number>();
  type AggJob = { id: string; group: GroupEntity; op: 'sum' | 'count' | 'any'; expr: AnyExpr; stage: number };
  const aggJobs = new Map<AnyExpr, AggJob>();
  // Where each variable is read from: loop keys "stage:entity".
  const readFrom = new Map<string, Set<string>>();
  const noteRead = (name: string, loopKey: string): void => {
    const set = readFrom.get(name) ?? new Set<string>();
    set.add(loopKey);
    readFrom.set(name, set);
  };

  const stageOfVar = (v: AnyVariable): number => {
    const p = plan.byName.get(v.name)!;
    if (p.source !== 'formula') return 0;
    const known = stage.get(v.name);
    if (known !== undefined) return known;
    const s = stageOfExpr(p.expr!);
    stage.set(v.name, s);
    return s;
  };
  const stageOfExpr = (e: AnyExpr): number => {
    switch (e.kind) {
      case 'var':
        return stageOfVar(e as AnyVariable);
      case 'aggregate': {
        const inner = stageOfExpr(e.a);
        if (!aggJobs.has(e))
          aggJobs.set(e, { id: `agg${aggJobs.size}`, group: 'household', op: e.op, expr: e.a, stage: inner });
        return inner + 1;
      }
      case 'group_value':
        return stageOfExpr(e.a) + 1;
      default:
        return children(e).reduce((m, c) => Math.max(m, stageOfExpr(c)), 0);
    }
  };
  for (const p of plan.order) stageOfVar(p.variable);

  // Record reads and the group of each aggregate (the entity of the formula that contains it).
  const recordReads = (e: AnyExpr, loopKey: string, entity: Entity): void => {
    switch (e.kind) {
      case 'var':
        noteRead(e.name, loopKey);
        return;
      case 'aggregate': {
        const job = aggJobs.get(e)!;
        job.group = entity as GroupEntity;
        recordReads(e.a, `${job.stage}:person`, 'person');
        return;
      }
      case 'group_value':
        // The person loop reads the group's values: any variable inside must be stored.
        forEachVar(e.a, (name) => noteRead(name, `${loopKey}|cross`));
        return;
      default:
        for (const c of children(e)) recordReads(c, loopKey, entity);
    }
  };
  for (const p of plan.order) {
    if (p.source === 'formula')
      recordReads(p.expr!, `${stage.get(p.variable.name)}:${p.variable.entity}`, p.variable.entity);
  }

  const outputs = [...new Set(targets)];
  const storedSet = new Set<string>();
  for (const p of plan.order) {
    // A target without a formula at this period is its default everywhere: a zero-filled column
    // (0, false, the first enum value), written by no loop.
    if (p.source === 'default' && outputs.includes(p.variable.name)) storedSet.add(p.variable.name);
    if (p.source !== 'formula') continue;
    const own = `${stage.get(p.variable.name)}:${p.variable.entity}`;
    const reads = readFrom.get(p.variable.name) ?? new Set();
    if (outputs.includes(p.variable.name) || [...reads].some((r) => r !== own))
      storedSet.add(p.variable.name);
  }

  const maxStage = Math.max(0, ...stage.values(), ...[...aggJobs.values()].map((j) => j.stage));
  const loops: LoopSpec[] = [];
  for (let s = 0; s <= maxStage; s++) {
    for (const entity of ['person', 'household', 'employer'] as const) {
      const vars = plan.order.filter(
        (p) => p.source === 'formula' && p.variable.entity === entity && stage.get(p.variable.name) === s,
      );
      const jobs = entity === 'person' ? [...aggJobs.values()].filter((j) => j.stage === s) : [];
      if (vars.length === 0 && jobs.length === 0) continue;
      loops.push({
        stage: s,
        entity,
        variables: vars.map((v) => v.variable.name),
        aggregates: jobs.map((j) => ({ id: j.id, group: j.group, op: j.op })),
        source: generateLoop(plan, entity, vars, jobs, storedSet, aggJobs, provided),
      });
    }
  }
  const inputs = plan.order
    .filter((p) => p.source === 'input' && provided.has(p.variable.name))
    .map((p) => ({ name: p.variable.name, entity: p.variable.entity }));
  const stored = [...storedSet].map((name) => {
    const v = plan.byName.get(name)!.variable;
    return { name, entity: v.entity, type: v.type };
  });
  return { plan, loops, stored, outputs, inputs };
}

function forEachVar(e: AnyExpr, f: (name: string) => void): void {
  if (e.kind === 'var') f(e.name);
  for (const c of children(e)) forEachVar(c, f);
}

/** A JS number literal that reads back as exactly the same double. */
export function jsNumber(x: number): string {
  if (Object.is(x, -0)) return '(-0)';
  const s = String(x);
  return x < 0 ? `(${s})` : s;
}

const ident = (name: string): string => name.replace(/[^a-zA-Z0-9_]/g, '_');

/**
 * Generates the source of one loop function. Inputs and stored values are read once per index
 * into locals; each variable of the loop becomes a local; stored ones are written at the end.
 */
function generateLoop(
  plan: Plan,
  entity: Entity,
  vars: readonly PlannedVariable[],
  jobs: readonly { id: string; group: GroupEntity; op: string; expr: AnyExpr }[],
  stored: ReadonlySet<string>,
  aggJobs: ReadonlyMap<AnyExpr, { id: string }>,
  provided: ReadonlySet<string>,
): string {
  const header: string[] = [];
  // Loads of this iteration's inputs and stored values: placed first in the loop body so that any
  // block (aggregate scatter, group read) can use them.
  const preload: string[] = [];
  const body: string[] = [];
  const declared = new Set<string>();
  const computedHere = new Set(vars.map((v) => v.variable.name));
  let temp = 0;
  const fresh = (): string => `t${temp++}`;
  const colRef = (name: string): string => {
    const local = `c_${ident(name)}`;
    if (!declared.has(local)) {
      declared.add(local);
      header.push(`const ${local} = cols[${JSON.stringify(name)}];`);
    }
    return local;
  };
  const accRef = (id: string): string => {
    const local = `a_${id}`;
    if (!declared.has(local)) {
      declared.add(local);
      header.push(`const ${local} = accs[${JSON.stringify(id)}];`);
    }
    return local;
  };
  const linkRef = (group: GroupEntity): string => {
    const local = `l_${group}`;
    if (!declared.has(local)) {
      declared.add(local);
      header.push(`const ${local} = links.${group};`);
    }
    return local;
  };
  // Per-iteration loaded values, keyed by `${entityIndexExpr}|${name}` to load each once.
  const loaded = new Map<string, string>();

  /** The value of variable `v` for entity index expression `idx` (`i` or a group index local). */
  const readVar = (v: AnyVariable, idx: string, out: string[]): string => {
    const p = plan.byName.get(v.name)!;
    if (idx === 'i' && computedHere.has(v.name)) return `v_${ident(v.name)}`;
    if (p.source === 'default' || (p.source === 'input' && !provided.has(v.name)))
      return literal(v.defaultValue, v);
    const key = `${idx}|${v.name}`;
    const cached = loaded.get(key);
    if (cached) return cached;
    const col = colRef(v.name);
    const local = fresh();
    const target = idx === 'i' ? preload : out;
    if (v.type === 'boolean') target.push(`const ${local} = ${col}[${idx}] !== 0;`);
    else target.push(`const ${local} = ${col}[${idx}];`);
    if (idx === 'i') loaded.set(key, local);
    return local;
  };

  const emit = (e: AnyExpr, idx: string, ent: Entity, out: string[]): string => {
    switch (e.kind) {
      case 'const':
      case 'param':
        return typeof e.value === 'boolean' ? String(e.value) : jsNumber(e.value);
      case 'var':
        return readVar(e as AnyVariable, idx, out);
      case 'arith': {
        const a = emit(e.a, idx, ent, out);
        const b = emit(e.b, idx, ent, out);
        const t = fresh();
        const isConstNonZero = (e.b.kind === 'const' || e.b.kind === 'param') && e.b.value !== 0;
        const expr =
          e.op === 'add'
            ? `${a} + ${b}`
            : e.op === 'sub'
              ? `${a} - ${b}`
              : e.op === 'mul'
                ? `${a} * ${b}`
                : e.op === 'div'
                  ? isConstNonZero
                    ? `${a} / ${b}`
                    : `(${b} === 0 ? 0 : ${a} / ${b})`
                  : e.op === 'min'
                    ? `Math.min(${a}, ${b})`
                    : `Math.max(${a}, ${b})`;
        out.push(`const ${t} = ${expr};`);
        return t;
      }
      case 'compare': {
        const a = emit(e.a, idx, ent, out);
        const b = emit(e.b, idx, ent, out);
        const op = { lt: '<', le: '<=', gt: '>', ge: '>=', eq: '===', ne: '!==' }[e.op];
        const t = fresh();
        out.push(`const ${t} = ${a} ${op} ${b};`);
        return t;
      }
      case 'logic': {
        const a = emit(e.a, idx, ent, out);
        const b = emit(e.b, idx, ent, out);
        const t = fresh();
        out.push(`const ${t} = ${a} ${e.op === 'and' ? '&&' : '||'} ${b};`);
        return t;
      }
      case 'not': {
        const a = emit(e.a, idx, ent, out);
        const t = fresh();
        out.push(`const ${t} = !${a};`);
        return t;
      }
      case 'where': {
        const c = emit(e.cond, idx, ent, out);
        if (e.cond.kind === 'const' || e.cond.kind === 'param') {
          // A constant condition (e.g. a law option such as "banded") selects one branch at compile time.
          return emit(e.cond.value ? e.ifTrue : e.ifFalse, idx, ent, out);
        }
        const a = emit(e.ifTrue, idx, ent, out);
        const b = emit(e.ifFalse, idx, ent, out);
        const t = fresh();
        out.push(`const ${t} = ${c} ? ${a} : ${b};`);
        return t;
      }
      case 'round': {
        const a = emit(e.a, idx, ent, out);
        const s = emit(e.step, idx, ent, out);
        const t = fresh();
        const fn = e.mode === 'nearest' ? 'Math.floor' : e.mode === 'down' ? 'Math.floor' : 'Math.ceil';
        const half = e.mode === 'nearest' ? ' + 0.5' : '';
        const constStep = e.step.kind === 'const' || e.step.kind === 'param';
        if (constStep && e.step.value === 0) return a;
        if (constStep && e.step.value === 1) out.push(`const ${t} = ${fn}(${a}${half});`);
        else if (constStep) out.push(`const ${t} = ${fn}(${a} / ${s}${half}) * ${s};`);
        else out.push(`const ${t} = ${s} === 0 ? ${a} : ${fn}(${a} / ${s}${half}) * ${s};`);
        return t;
      }
      case 'scale': {
        const a = emit(e.a, idx, ent, out);
        const t = fresh();
        const grid = gridOf(e.scale.scale);
        if (grid) {
          // Banded tables on an even grid (the NSSF 50,000-riel bands): index arithmetic plus
          // two exact corrections instead of a tree of unpredictable branches.
          const table = `s${t}`;
          header.push(`const ${table} = new Float64Array([${grid.table.map(jsNumber).join(', ')}]);`);
          const k = fresh();
          const { origin, step, top } = grid;
          const o = jsNumber(origin);
          const st = jsNumber(step);
          if (e.scale.scale.thresholds === 'exclusive') {
            out.push(`let ${k} = Math.ceil((${a} - ${o}) / ${st});`);
            out.push(
              `if (${a} > ${o} + ${k} * ${st}) ${k} += 1; else if (${a} <= ${o} + (${k} - 1) * ${st}) ${k} -= 1;`,
            );
          } else {
            out.push(`let ${k} = Math.floor((${a} - ${o}) / ${st}) + 1;`);
            out.push(
              `if (${a} >= ${o} + ${k} * ${st}) ${k} += 1; else if (${a} < ${o} + (${k} - 1) * ${st}) ${k} -= 1;`,
            );
          }
          out.push(`const ${t} = ${table}[(${k} < 0 ? 0 : ${k} > ${top} ? ${top} : ${k}) | 0];`);
          return t;
        }
        out.push(`const ${t} = ${scaleCode(e.scale.scale, a)};`);
        return t;
      }
      case 'enum_in': {
        const v = e.a as AnyVariable;
        const code = readVar(v, idx, out);
        const codes = e.values.map((x) => v.values!.indexOf(x));
        const t = fresh();
        out.push(
          `const ${t} = ${codes.length ? codes.map((c) => `${code} === ${c}`).join(' || ') : 'false'};`,
        );
        return t;
      }
      case 'aggregate': {
        const id = aggJobs.get(e)!.id;
        const acc = accRef(id);
        const t = fresh();
        out.push(e.op === 'any' ? `const ${t} = ${acc}[${idx}] > 0;` : `const ${t} = ${acc}[${idx}];`);
        return t;
      }
      case 'group_value': {
        const link = linkRef(e.group);
        const g = fresh();
        out.push(`const ${g} = ${link} === undefined ? -1 : ${link}[${idx}];`);
        const inner: string[] = [];
        const value = emit(e.a, g, e.group, inner);
        const t = fresh();
        const def = e.type === 'boolean' ? 'false' : '0';
        out.push(`let ${t} = ${def};`);
        out.push(`if (${g} >= 0) { ${inner.join(' ')} ${t} = ${value}; }`);
        return t;
      }
    }
  };

  for (const p of vars) {
    const v = p.variable;
    const value = emit(p.expr!, 'i', entity, body);
    body.push(`const v_${ident(v.name)} = ${value};`);
    if (stored.has(v.name)) {
      const col = colRef(v.name);
      body.push(
        v.type === 'boolean' ? `${col}[i] = v_${ident(v.name)} ? 1 : 0;` : `${col}[i] = v_${ident(v.name)};`,
      );
    }
  }
  for (const job of jobs) {
    const inner: string[] = [];
    const value = emit(job.expr, 'i', 'person', inner);
    const link = linkRef(job.group);
    const acc = accRef(job.id);
    const g = fresh();
    const update =
      job.op === 'sum'
        ? `${acc}[${g}] += ${value};`
        : job.op === 'count'
          ? `if (${value}) ${acc}[${g}] += 1;`
          : `if (${value}) ${acc}[${g}] = 1;`;
    body.push(
      `{ const ${g} = ${link} === undefined ? -1 : ${link}[i]; if (${g} >= 0) { ${inner.join(' ')} ${update} } }`,
    );
  }
  return `${header.join('\n')}\nfor (let i = start; i < end; i++) {\n${[...preload, ...body].join('\n')}\n}`;
}

function literal(value: number | boolean | string, v: AnyVariable): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return String(v.values!.indexOf(value));
  return jsNumber(value);
}

/**
 * Code for a scale look-up on the local `x`. Single-amount scales use a balanced tree of
 * comparisons with literal thresholds (exact amounts, no arithmetic on them); marginal-rate
 * scales add the brackets' parts in order, exactly as the reference evaluation does.
 */
export function scaleCode(scale: Scale, x: string): string {
  const b = scale.brackets;
  if (scale.kind === 'marginal_rate_scale') {
    const parts = b.map((br, i) => {
      const next = b[i + 1];
      const upper = next === undefined ? x : `Math.min(${x}, ${jsNumber(next.threshold)})`;
      return `Math.max(0, ${upper} - ${jsNumber(br.threshold)}) * ${jsNumber(br.rate ?? 0)}`;
    });
    return parts.reduce((acc, p) => `(${acc} + ${p})`, '0');
  }
  const op = scale.thresholds === 'inclusive' ? '>=' : '>';
  // k = number of brackets whose threshold is passed (a prefix, thresholds increase).
  const pick = (lo: number, hi: number): string => {
    if (lo === hi) return lo === 0 ? '0' : jsNumber(b[lo - 1]!.amount ?? 0);
    const mid = (lo + hi + 1) >> 1;
    return `(${x} ${op} ${jsNumber(b[mid - 1]!.threshold)} ? ${pick(mid, hi)} : ${pick(lo, mid - 1)})`;
  };
  return pick(0, b.length);
}

/**
 * For a single-amount scale whose thresholds are whole numbers on an even grid
 * g_m = origin + m x step (m = 0..M), the amount for every count k of grid points passed:
 * table[k] is the amount of the last bracket whose threshold is at most g_(k-1); table[0] = 0.
 * Undefined when the scale is not on such a grid, has few brackets, or the grid is too fine.
 */
export function gridOf(
  scale: Scale,
): { origin: number; step: number; top: number; table: number[] } | undefined {
  const b = scale.brackets;
  if (scale.kind !== 'single_amount_scale' || b.length < 4) return undefined;
  if (!b.every((x) => Number.isSafeInteger(x.threshold))) return undefined;
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  const origin = b[0]!.threshold;
  const step = b.slice(1).reduce((g, x) => gcd(g, x.threshold - origin), 0);
  if (step <= 0) return undefined;
  const points = (b[b.length - 1]!.threshold - origin) / step + 1;
  if (points > 4096) return undefined;
  const table = [0];
  let j = -1;
  for (let k = 1; k <= points; k++) {
    const g = origin + (k - 1) * step;
    while (j + 1 < b.length && b[j + 1]!.threshold <= g) j++;
    table.push(j >= 0 ? (b[j]!.amount ?? 0) : 0);
  }
  return { origin, step, top: points, table };
}

/** Allocates an output column for a variable type; `shared` for use across worker threads. */
export function allocateColumn(type: 'number' | 'boolean' | 'enum', length: number, shared = false): Column {
  if (type === 'number') {
    return shared ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
  }
  return shared ? new Uint8Array(new SharedArrayBuffer(length)) : new Uint8Array(length);
}

/** Output and intermediate columns for a compiled plan, allocated once and reused across runs. */
export type Workspace = {
  readonly columns: Record<string, Column>;
  readonly accumulators: Record<string, Float64Array>;
};

export function allocateWorkspace(compiled: CompiledPlan, population: Population, shared = false): Workspace {
  const columns: Record<string, Column> = {};
  for (const s of compiled.stored)
    columns[s.name] = allocateColumn(s.type, countOf(population, s.entity), shared);
  const accumulators: Record<string, Float64Array> = {};
  for (const loop of compiled.loops) {
    for (const a of loop.aggregates) {
      const n = countOf(population, a.group);
      accumulators[a.id] = shared ? new Float64Array(new SharedArrayBuffer(n * 8)) : new Float64Array(n);
    }
  }
  return { columns, accumulators };
}

export function countOf(population: Population, entity: Entity): number {
  if (entity === 'person') return population.persons.count;
  return (entity === 'household' ? population.households : population.employers)?.count ?? 0;
}

/** Builds the callable loop functions from their sources (also used inside worker threads). */
export function instantiateLoops(loops: readonly { source: string }[]): LoopFn[] {
  return loops.map((l) => new Function('cols', 'accs', 'links', 'start', 'end', l.source) as LoopFn);
}

/** All columns a loop may read or write: inputs of every entity and the workspace's columns. */
export function bindColumns(population: Population, workspace: Workspace): Record<string, Column> {
  return {
    ...population.persons.columns,
    ...(population.households?.columns ?? {}),
    ...(population.employers?.columns ?? {}),
    ...workspace.columns,
  };
}

/**
 * Runs a compiled plan on one thread. Results are in `workspace.columns` (allocate it once with
 * `allocateWorkspace` and reuse it: first touch of large arrays costs more than the computation).
 */
export function runColumnar(
  compiled: CompiledPlan,
  population: Population,
  workspace?: Workspace,
): Workspace {
  const ws = workspace ?? allocateWorkspace(compiled, population);
  const fns = instantiateLoops(compiled.loops);
  const cols = bindColumns(population, ws);
  const links = linksOf(population);
  compiled.loops.forEach((loop, k) => {
    for (const a of loop.aggregates) ws.accumulators[a.id]!.fill(0);
    fns[k]!(cols, ws.accumulators, links, 0, countOf(population, loop.entity));
  });
  return ws;
}

export function linksOf(population: Population): { household?: Int32Array; employer?: Int32Array } {
  return {
    ...(population.household ? { household: population.household } : {}),
    ...(population.employer ? { employer: population.employer } : {}),
  };
}
