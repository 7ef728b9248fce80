/**
 * @module bench/bench-rules
 * The rules benchmark (`samaki bench rules`): the 13 NSSF contribution variables
 * (CONTRIBUTION_VARIABLES) for one month and N synthetic persons, computed four ways over the
 * same inputs, each timed warm (one untimed warm-up, then the median of `runs`, output buffers
 * reused, loading and allocation not timed):
 * 1. the compiled columnar loop on all cores (`createColumnarPool`);
 * 2. the same compiled loop on one thread (`runColumnar`);
 * 3. a loop written by hand from the law (the practical limit), checked element by element
 *    against the compiled outputs: any difference fails the benchmark;
 * 4. DuckDB running the SQL backend's query, summing every output or materialising a table; its
 *    sums are checked against the compiled outputs' sums.
 * Phases free their buffers before the next starts, so 17 million persons fit well under 8 GiB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  BOOLEAN,
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  INTEGER,
} from '@duckdb/node-api';
import { formatPeriod, type Period, parsePeriod, periodStart } from '../kernel/period.js';
import { CONTRIBUTION_VARIABLES, cambodiaLaw } from '../law/law.js';
import type { LawParameters } from '../law/parameters.types.js';
import {
  allocateWorkspace,
  compileColumnar,
  type Population,
  runColumnar,
  type Workspace,
} from '../rules/backends/columnar.js';
import { createColumnarPool } from '../rules/backends/columnar-pool.js';
import { sqlQueries } from '../rules/backends/sql.js';
import type { Law } from '../rules/law.js';
import type { Scale } from '../rules/parameters/parameter.js';

export type RulesBenchOptions = {
  /** Number of synthetic persons. */
  readonly persons: number;
  /** Timed runs per variant (the median is reported); default 5. */
  readonly runs?: number;
  /** Month computed, `YYYY-MM`; default 2024-05. */
  readonly period?: string;
  /** Progress lines; default: to stderr. */
  readonly log?: (line: string) => void;
};

/** The result; also the `--json` output of `samaki bench rules`. Times are medians, in seconds. */
export type RulesBenchResult = {
  persons: number;
  period: string;
  runs: number;
  /** Threads of the all-core run (the calling thread included). */
  threads: number;
  compiled_seconds: number;
  compiled_single_thread_seconds: number;
  handwritten_seconds: number;
  /** DuckDB, `SELECT sum(...) FROM (<query>)`. */
  duckdb_seconds: number;
  /** DuckDB, `CREATE OR REPLACE TABLE out AS <query>`. */
  duckdb_materialise_seconds: number;
  /** Compiled, all cores. */
  persons_per_second: number;
  ratio_compiled_single_vs_handwritten: number;
  speedup_cores: number;
  ratio_duckdb_vs_compiled: number;
  /** Bytes read and written by the compiled all-core run (9 in + 13 x 8 out per person) / its time. */
  bandwidth_gb_per_s: number;
  peak_rss_mib: number;
  outputs_checked: true;
};

const INPUTS = ['wage', 'is_nssf_self_employed_member'] as const;
const OUTPUTS: readonly string[] = CONTRIBUTION_VARIABLES;
/** Bytes per person: wage (8) + self-employed flag (1) read, 13 doubles written. */
const BYTES_PER_PERSON = 8 + 1 + OUTPUTS.length * 8;
/** Rows per DuckDB data chunk (DuckDB's vector size). */
const CHUNK_ROWS = 2048;
/**
 * DuckDB's memory limit. The materialised output of 17 M persons is about 1.8 GB (14 columns);
 * above the limit DuckDB spills to a temporary directory rather than failing.
 */
const DUCKDB_MEMORY_LIMIT = '4GB';

// --- synthetic population -------------------------------------------------------------------

/** mulberry32: a small, fast, deterministic 32-bit PRNG; uniform in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Inputs = { wage: Float64Array; is_nssf_self_employed_member: Uint8Array };

/**
 * Deterministic inputs in shared memory (the pool needs it): about 5 % of wages are zero, the
 * rest log-normal around 800,000 riel (most between 100,000 and 3,000,000) rounded to 100 riel,
 * so band edges (multiples of 50,000) occur; about 3 % are self-employed members.
 */
export function syntheticInputs(persons: number, seed = 20240501): Inputs {
  const wage = new Float64Array(new SharedArrayBuffer(persons * 8));
  const member = new Uint8Array(new SharedArrayBuffer(persons));
  const random = prng(seed);
  const mu = Math.log(800_000);
  const sigma = 0.7;
  for (let i = 0; i < persons; i++) {
    if (random() < 0.05) {
      wage[i] = 0;
    } else {
      // Box-Muller; 1 - u avoids log(0).
      const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      wage[i] = Math.max(100, Math.round(Math.exp(mu + sigma * z) / 100) * 100);
    }
    member[i] = random() < 0.03 ? 1 : 0;
  }
  return { wage, is_nssf_self_employed_member: member };
}

// --- the hand-written loop --------------------------------------------------------------------

/** The law as the hand-written loop needs it at one date, read once before the loop. */
export type HandRules = {
  /** Assumed wage by band index k = ceil(wage / BAND_WIDTH), clamped to [0, band.length - 1]. */
  readonly band: Float64Array;
  readonly bandWidth: number;
  readonly injuryEmployer: number;
  readonly healthEmployer: number;
  readonly healthWorker: number;
  readonly pensionEmployer: number;
  readonly pensionWorker: number;
  readonly pensionFloor: number;
  readonly pensionCeiling: number;
  readonly pensionBanded: boolean;
  readonly selfEmployed: number;
};

/** The bands are 50,000 riel wide (src/law/parameters/nssf/assumed_wage/bands.yaml); checked below. */
const BAND_WIDTH = 50_000;

function paramValue(node: unknown, name: string): number | boolean {
  const p = node as { kind?: string; value?: unknown };
  if (p.kind !== 'param' || (typeof p.value !== 'number' && typeof p.value !== 'boolean')) {
    throw new Error(`hand-written loop: ${name} is not a plain parameter value`);
  }
  return p.value;
}
const num = (node: unknown, name: string): number => paramValue(node, name) as number;

/**
 * Reads the parameter values in force at the period from the law (`law.parametersAt`). A scheme
 * whose formula has not started yet contributes 0, as the law's variables do.
 */
export function handRules(law: Law<LawParameters>, date: string): HandRules {
  const inForce = (variable: string): boolean =>
    (law.variable(variable).formulas[0]?.start ?? '9999') <= date;
  if (!inForce('contributory_wage'))
    throw new Error(`hand-written loop: no NSSF contribution before ${date}`);
  const p = law.parametersAt(date).nssf;
  if (num(p.rounding_step, 'nssf.rounding_step') !== 1) {
    throw new Error('hand-written loop: rounds to 1 riel (nssf/rounding_step.yaml); the step changed');
  }
  const scale = (p.assumed_wage.bands as { scale: Scale }).scale;
  if (scale.kind !== 'single_amount_scale' || scale.thresholds !== 'exclusive') {
    throw new Error('hand-written loop: expects a single-amount scale with exclusive thresholds');
  }
  // Within each band ((k-1) * width, k * width] the amount is constant when every threshold is a
  // multiple of the width; the table holds it at index k.
  const last = scale.brackets.at(-1)?.threshold ?? 0;
  for (const b of scale.brackets) {
    if (b.threshold % BAND_WIDTH !== 0) throw new Error(`hand-written loop: band threshold ${b.threshold}`);
  }
  const band = new Float64Array(last / BAND_WIDTH + 2);
  for (let k = 1; k < band.length; k++) {
    const x = k * BAND_WIDTH;
    let amount = 0;
    for (const b of scale.brackets) if (x > b.threshold) amount = b.amount ?? 0;
    band[k] = amount;
  }
  band[0] = 0; // no wage, no contributory wage
  const health = inForce('nssf_health_contribution_employer');
  const pension = inForce('pension_contributory_wage');
  const selfEmployed = inForce('nssf_self_employed_health_contribution');
  const pc = pension ? p.pension : undefined;
  return {
    band,
    bandWidth: BAND_WIDTH,
    injuryEmployer: num(p.employment_injury.contribution_rate.employer, 'injury employer'),
    healthEmployer: health ? num(p.health.contribution_rate.employer, 'health employer') : 0,
    healthWorker: health ? num(p.health.contribution_rate.worker, 'health worker') : 0,
    pensionEmployer: pc ? num(pc.contribution_rate.employer, 'pension employer') : 0,
    pensionWorker: pc ? num(pc.contribution_rate.worker, 'pension worker') : 0,
    pensionFloor: pc ? num(pc.contributory_wage.floor, 'pension floor') : 0,
    pensionCeiling: pc ? num(pc.contributory_wage.ceiling, 'pension ceiling') : 0,
    pensionBanded: pc ? paramValue(pc.contributory_wage.banded, 'pension banded') === true : false,
    selfEmployed: selfEmployed ? num(p.self_employed.health_contribution, 'self-employed') : 0,
  };
}

/** The 13 outputs, in CONTRIBUTION_VARIABLES order. */
export type HandOutputs = readonly Float64Array[];

/**
 * The contribution law written by hand: band look-up by index, pension clamp, the five rates,
 * rounding to the nearest riel (half up), totals. Writes outputs[k][i] for i in [0, n).
 */
export function handwrittenContributions(inputs: Inputs, rules: HandRules, outputs: HandOutputs): void {
  const wage = inputs.wage;
  const member = inputs.is_nssf_self_employed_member;
  const [cwOut, pwOut, eiOut, heOut, hwOut, hOut, peOut, pwkOut, pOut, seOut, teOut, twOut, tOut] =
    outputs as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
  const { band, bandWidth, injuryEmployer, healthEmployer, healthWorker, pensionEmployer, pensionWorker } =
    rules;
  const { pensionFloor, pensionCeiling, pensionBanded, selfEmployed } = rules;
  const top = band.length - 1;
  const n = wage.length;
  for (let i = 0; i < n; i++) {
    const w = wage[i]!;
    // Band index: 0 for no wage, ceil(w / width) inside the table, the top band above it.
    const k = Math.min(Math.max(Math.ceil(w / bandWidth), 0), top) | 0;
    const cw = band[k]!;
    const pw = w > 0 ? Math.min(Math.max(pensionBanded ? cw : w, pensionFloor), pensionCeiling) : 0;
    const ei = Math.floor(cw * injuryEmployer + 0.5);
    const he = Math.floor(cw * healthEmployer + 0.5);
    const hw = Math.floor(cw * healthWorker + 0.5);
    const pe = Math.floor(pw * pensionEmployer + 0.5);
    const pk = Math.floor(pw * pensionWorker + 0.5);
    const se = member[i] !== 0 ? selfEmployed : 0;
    const te = ei + he + pe;
    const tw = hw + pk + se;
    cwOut[i] = cw;
    pwOut[i] = pw;
    eiOut[i] = ei;
    heOut[i] = he;
    hwOut[i] = hw;
    hOut[i] = he + hw;
    peOut[i] = pe;
    pwkOut[i] = pk;
    pOut[i] = pe + pk;
    seOut[i] = se;
    teOut[i] = te;
    twOut[i] = tw;
    tOut[i] = te + tw;
  }
}

// --- helpers ----------------------------------------------------------------------------------

const fmtSeconds = (s: number): string => `${(s * 1000).toFixed(1)} ms`;
const rssMiB = (): string => `${Math.round(process.memoryUsage.rss() / 2 ** 20)} MiB`;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Median of `runs` timed calls after one untimed warm-up, in seconds. `before`, if given, runs
 * untimed before each call (e.g. dropping the previous output).
 */
async function timeMedian(
  log: (line: string) => void,
  runs: number,
  run: () => unknown,
  before?: () => unknown,
): Promise<number> {
  await before?.();
  const w0 = performance.now();
  await run();
  const warmUp = (performance.now() - w0) / 1000;
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    await before?.();
    const t0 = performance.now();
    await run();
    times.push((performance.now() - t0) / 1000);
  }
  log(`  warm-up ${fmtSeconds(warmUp)}; runs ${times.map(fmtSeconds).join(', ')}`);
  return median(times);
}

let gcFn: (() => void) | undefined;
/** Full garbage collection, so freed columns leave the process before the next phase. */
function collectGarbage(): void {
  if (!gcFn) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (exposed) gcFn = exposed;
    else {
      setFlagsFromString('--expose-gc');
      gcFn = runInNewContext('gc') as () => void;
    }
  }
  gcFn();
}

/** Throws on the first element where the compiled and hand-written outputs differ. */
function compareOutputs(what: string, compiled: Workspace, hand: HandOutputs): void {
  OUTPUTS.forEach((name, k) => {
    const a = compiled.columns[name] as Float64Array;
    const b = hand[k]!;
    if (a.length !== b.length)
      throw new Error(`${what}: ${name} has ${a.length} values, hand-written ${b.length}`);
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        throw new Error(`${what}: ${name}[${i}] differs: compiled ${a[i]}, hand-written ${b[i]}`);
      }
    }
  });
}

function sumOf(column: Float64Array): number {
  let s = 0;
  for (let i = 0; i < column.length; i++) s += column[i]!;
  return s;
}

// --- the benchmark ----------------------------------------------------------------------------

type Context = {
  readonly law: Law<LawParameters>;
  readonly period: Period;
  readonly persons: number;
  readonly runs: number;
  readonly threads: number;
  readonly log: (line: string) => void;
};

type JsTimes = { compiled: number; single: number; hand: number; sums: number[] };

/**
 * Phases 1-3. The three variants run round-robin (one untimed warm-up each, then `runs` rounds
 * of all-core, one-thread, hand-written), so that a slow spell of the machine hits all three
 * alike. The workspace (shared memory, used by both compiled variants) and the hand-written
 * outputs are locals: they are garbage once this returns, before DuckDB starts.
 */
async function benchJs(ctx: Context, inputs: Inputs): Promise<JsTimes> {
  const { law, period, persons, runs, threads, log } = ctx;
  const compiled = compileColumnar(law, period, [...OUTPUTS], INPUTS);
  const rules = handRules(law, periodStart(period));
  const population: Population = { persons: { count: persons, columns: inputs } };
  const workspace = allocateWorkspace(compiled, population, true);
  const hand = OUTPUTS.map(() => new Float64Array(persons));

  const pool = createColumnarPool(threads);
  // The pool's workers are unref()'d: in a plain script nothing else keeps the event loop alive
  // while the main thread awaits them, and Node would exit in the middle of a run.
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    const variants = [
      { name: `compiled columnar, ${threads} threads`, run: () => pool.run(compiled, population, workspace) },
      { name: 'compiled columnar, 1 thread', run: () => runColumnar(compiled, population, workspace) },
      { name: 'hand-written loop, 1 thread', run: () => handwrittenContributions(inputs, rules, hand) },
    ];
    const times = variants.map((): number[] => []);
    for (const v of variants) {
      const t0 = performance.now();
      await v.run();
      log(`${v.name}: warm-up ${fmtSeconds((performance.now() - t0) / 1000)}`);
    }
    for (let r = 0; r < runs; r++) {
      for (const [k, v] of variants.entries()) {
        const t0 = performance.now();
        await v.run();
        times[k]!.push((performance.now() - t0) / 1000);
      }
      log(`round ${r + 1}/${runs}: ${times.map((t) => fmtSeconds(t[r]!)).join(', ')}`);
    }
    const [all, single, handSeconds] = times.map(median) as [number, number, number];
    log(`medians: ${fmtSeconds(all)}, ${fmtSeconds(single)}, ${fmtSeconds(handSeconds)}`);

    // The workspace holds the one-thread outputs; then the all-core ones.
    compareOutputs('compiled (1 thread) vs hand-written', workspace, hand);
    await pool.run(compiled, population, workspace);
    compareOutputs(`compiled (${threads} threads) vs hand-written`, workspace, hand);
    log(
      `the ${OUTPUTS.length} outputs of both compiled runs equal the hand-written ones, element by element (RSS ${rssMiB()})`,
    );
    return { compiled: all, single, hand: handSeconds, sums: hand.map(sumOf) };
  } finally {
    clearInterval(keepAlive);
    await pool.close();
  }
}

/** Loads the inputs into `persons(id, wage, is_nssf_self_employed_member)` with typed data chunks. */
async function loadPersons(connection: DuckDBConnection, inputs: Inputs): Promise<void> {
  await connection.run('CREATE TABLE persons(id INTEGER, wage DOUBLE, is_nssf_self_employed_member BOOLEAN)');
  const appender = await connection.createAppender('persons');
  const { wage, is_nssf_self_employed_member: member } = inputs;
  const persons = wage.length;
  let chunk: DuckDBDataChunk | undefined;
  for (let start = 0; start < persons; start += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, persons - start);
    if (chunk?.rowCount !== rows) chunk = DuckDBDataChunk.create([INTEGER, DOUBLE, BOOLEAN], rows);
    const ids = chunk.getColumnVector(0);
    const wages = chunk.getColumnVector(1);
    const members = chunk.getColumnVector(2);
    for (let r = 0; r < rows; r++) {
      ids.setItem(r, start + r);
      wages.setItem(r, wage[start + r]!);
      members.setItem(r, member[start + r] !== 0);
    }
    ids.flush();
    wages.flush();
    members.flush();
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

/**
 * Phase 4: DuckDB over the same inputs. `takeInputs` hands them over and drops the caller's
 * reference, so they are freed once loaded. DuckDB's sums must equal `expectedSums`, the sums of
 * the compiled outputs.
 */
async function benchDuckDB(
  ctx: Context,
  takeInputs: () => Inputs,
  expectedSums: readonly number[],
): Promise<{ sums: number; materialise: number }> {
  const { law, period, persons, runs, threads, log } = ctx;
  const tempDir = mkdtempSync(join(tmpdir(), 'samaki-bench-rules-'));
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(threads),
    memory_limit: DUCKDB_MEMORY_LIMIT,
    temp_directory: tempDir,
  });
  try {
    const connection = await instance.connect();
    try {
      log('DuckDB: loading the inputs (not timed)...');
      await loadPersons(connection, takeInputs());
      collectGarbage();
      log(`  loaded (RSS ${rssMiB()})`);

      const query = sqlQueries(law, period, [...OUTPUTS], INPUTS, { persons: 'persons' }).person;
      if (!query) throw new Error('the SQL backend gave no person query');
      const sumsSql = `SELECT ${OUTPUTS.map((o) => `sum("${o}")`).join(', ')} FROM (${query})`;

      log(`DuckDB, ${threads} threads, sums...`);
      let got: number[] = [];
      const sumsSeconds = await timeMedian(log, runs, async () => {
        const reader = await connection.runAndReadAll(sumsSql);
        got = (reader.getRows()[0] ?? []).map(Number);
      });
      log(`  ${fmtSeconds(sumsSeconds)}`);
      const mismatches = OUTPUTS.flatMap((name, k) =>
        got[k] === expectedSums[k] ? [] : [`${name}: DuckDB ${got[k]}, compiled ${expectedSums[k]}`],
      );
      if (mismatches.length > 0)
        throw new Error(`DuckDB sums differ from the compiled outputs: ${mismatches.join('; ')}`);
      log('  the sums equal those of the compiled outputs');

      log(`DuckDB, ${threads} threads, materialise...`);
      // The previous table is dropped untimed, so two copies never coexist.
      const materialiseSeconds = await timeMedian(
        log,
        runs,
        () => connection.run(`CREATE OR REPLACE TABLE out AS ${query}`),
        () => connection.run('DROP TABLE IF EXISTS out'),
      );
      log(`  ${fmtSeconds(materialiseSeconds)} (RSS ${rssMiB()})`);
      const count = Number((await connection.runAndReadAll('SELECT count(*) FROM out')).getRows()[0]?.[0]);
      if (count !== persons) throw new Error(`DuckDB materialised ${count} rows, expected ${persons}`);
      await connection.run('DROP TABLE out');
      await connection.run('DROP TABLE persons');
      return { sums: sumsSeconds, materialise: materialiseSeconds };
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
    rmSync(tempDir, { recursive: true, force: true });
  }
}

export async function benchRules(options: RulesBenchOptions): Promise<RulesBenchResult> {
  const persons = options.persons;
  const runs = options.runs ?? 5;
  if (!Number.isInteger(persons) || persons < 1)
    throw new Error(`persons must be a positive integer: ${persons}`);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`runs must be a positive integer: ${runs}`);
  const period = parsePeriod(options.period ?? '2024-05');
  const ctx: Context = {
    law: cambodiaLaw(),
    period,
    persons,
    runs,
    threads: availableParallelism(),
    log: options.log ?? ((line: string) => process.stderr.write(`${line}\n`)),
  };
  ctx.log(`rules benchmark: ${persons.toLocaleString('en')} persons, ${formatPeriod(period)}, ${runs} runs`);

  // Only this binding holds the inputs; it is cleared once DuckDB has them.
  let inputs: Inputs | undefined = syntheticInputs(persons);
  const js = await benchJs(ctx, inputs);
  collectGarbage();
  const duck = await benchDuckDB(
    ctx,
    () => {
      const taken = inputs!;
      inputs = undefined;
      return taken;
    },
    js.sums,
  );

  return {
    persons,
    period: formatPeriod(period),
    runs,
    threads: ctx.threads,
    compiled_seconds: js.compiled,
    compiled_single_thread_seconds: js.single,
    handwritten_seconds: js.hand,
    duckdb_seconds: duck.sums,
    duckdb_materialise_seconds: duck.materialise,
    persons_per_second: persons / js.compiled,
    ratio_compiled_single_vs_handwritten: js.single / js.hand,
    speedup_cores: js.single / js.compiled,
    ratio_duckdb_vs_compiled: duck.sums / js.compiled,
    bandwidth_gb_per_s: (persons * BYTES_PER_PERSON) / js.compiled / 1e9,
    peak_rss_mib: process.resourceUsage().maxRSS / 1024,
    outputs_checked: true,
  };
}

/** A human table of the result. */
export function formatRulesBench(r: RulesBenchResult): string {
  const rows: [string, number][] = [
    [`compiled columnar, ${r.threads} threads`, r.compiled_seconds],
    ['compiled columnar, 1 thread', r.compiled_single_thread_seconds],
    ['hand-written loop, 1 thread', r.handwritten_seconds],
    [`DuckDB, ${r.threads} threads, sums`, r.duckdb_seconds],
    [`DuckDB, ${r.threads} threads, materialise`, r.duckdb_materialise_seconds],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const cells = (name: string, time: string, rate: string, rel: string): string =>
    `${name.padEnd(width)}  ${time.padStart(11)}  ${rate.padStart(14)}  ${rel.padStart(11)}`;
  return [
    `Rules benchmark: ${OUTPUTS.length} contribution variables, ${r.persons.toLocaleString('en')} persons, ${r.period}, median of ${r.runs} warm runs`,
    '',
    cells('variant', 'time', 'M persons/s', 'vs compiled'),
    ...rows.map(([name, s]) =>
      cells(
        name,
        `${(s * 1000).toFixed(1)} ms`,
        (r.persons / s / 1e6).toFixed(1),
        `${(s / r.compiled_seconds).toFixed(2)}x`,
      ),
    ),
    '',
    `compiled 1 thread / hand-written   ${r.ratio_compiled_single_vs_handwritten.toFixed(2)}x`,
    `speed-up on ${r.threads} threads              ${r.speedup_cores.toFixed(2)}x`,
    `DuckDB sums / compiled             ${r.ratio_duckdb_vs_compiled.toFixed(2)}x`,
    `memory traffic (compiled)          ${r.bandwidth_gb_per_s.toFixed(1)} GB/s (${BYTES_PER_PERSON} bytes a person)`,
    `peak RSS                           ${Math.round(r.peak_rss_mib)} MiB`,
    `outputs checked                    ${r.outputs_checked ? 'yes: 13 columns element by element, DuckDB sums' : 'no'}`,
  ].join('\n');
}
