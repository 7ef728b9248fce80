/**
 * @module rules/backends/columnar-pool
 * Runs compiled columnar loops on all cores: the index range of each loop is split between the
 * calling thread and worker threads that share the columns through SharedArrayBuffers. Each
 * thread scatters group aggregates into its own partial accumulators, summed after the loop,
 * so no two threads ever write the same cell.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  bindColumns,
  type CompiledPlan,
  countOf,
  instantiateLoops,
  linksOf,
  type Population,
  type Workspace,
} from './columnar.js';

// The worker is plain JavaScript evaluated from a string, so it runs the same whether Samaki is
// run from TypeScript sources (tests) or compiled output.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const compiled = new Map();
parentPort.on('message', (m) => {
  try {
    if (m.type === 'compile') {
      compiled.set(m.key, m.sources.map((s) => new Function('cols', 'accs', 'links', 'start', 'end', s)));
      parentPort.postMessage({ seq: m.seq });
    } else if (m.type === 'run') {
      compiled.get(m.key)[m.loop](m.cols, m.accs, m.links, m.start, m.end);
      parentPort.postMessage({ seq: m.seq });
    }
  } catch (error) {
    parentPort.postMessage({ seq: m.seq, error: String(error && error.stack || error) });
  }
});
`;

export type ColumnarPool = {
  /** Threads used, the calling thread included. */
  readonly threads: number;
  run(compiled: CompiledPlan, population: Population, workspace: Workspace): Promise<void>;
  close(): Promise<void>;
};

type Pending = { resolve: () => void; reject: (e: Error) => void };

export function createColumnarPool(threads = availableParallelism()): ColumnarPool {
  const workers: Worker[] = [];
  const pending = new Map<number, Pending>();
  let seq = 0;
  for (let t = 1; t < threads; t++) {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.on('message', (m: { seq: number; error?: string }) => {
      const p = pending.get(m.seq);
      pending.delete(m.seq);
      if (m.error) p?.reject(new Error(`columnar worker failed: ${m.error}`));
      else p?.resolve();
    });
    // Idle workers must not keep the process alive, but a worker with a job in flight must
    // (otherwise a script awaiting `run` could exit half-way): ref while busy, unref when idle.
    w.unref();
    workers.push(w);
  }
  const busy = new Map<Worker, number>();
  const send = (w: Worker, message: Record<string, unknown>): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const id = seq++;
      pending.set(id, { resolve, reject });
      busy.set(w, (busy.get(w) ?? 0) + 1);
      w.ref();
      w.postMessage({ ...message, seq: id });
    }).finally(() => {
      const left = (busy.get(w) ?? 1) - 1;
      busy.set(w, left);
      if (left === 0) w.unref();
    });

  const keys = new WeakMap<CompiledPlan, number>();
  let nextKey = 0;
  const localFns = new WeakMap<CompiledPlan, ReturnType<typeof instantiateLoops>>();
  const partials = new WeakMap<Workspace, Record<string, Float64Array>[]>();

  async function ensureCompiled(compiled: CompiledPlan): Promise<number> {
    const known = keys.get(compiled);
    if (known !== undefined) return known;
    const key = nextKey++;
    keys.set(compiled, key);
    localFns.set(compiled, instantiateLoops(compiled.loops));
    const sources = compiled.loops.map((l) => l.source);
    await Promise.all(workers.map((w) => send(w, { type: 'compile', key, sources })));
    return key;
  }

  function partialAccumulators(workspace: Workspace): Record<string, Float64Array>[] {
    let list = partials.get(workspace);
    if (!list) {
      list = workers.map(() => {
        const out: Record<string, Float64Array> = {};
        for (const [id, acc] of Object.entries(workspace.accumulators)) {
          out[id] = new Float64Array(new SharedArrayBuffer(acc.length * 8));
        }
        return out;
      });
      partials.set(workspace, list);
    }
    return list;
  }

  async function run(compiled: CompiledPlan, population: Population, workspace: Workspace): Promise<void> {
    const cols = bindColumns(population, workspace);
    for (const [name, col] of Object.entries(cols)) {
      if (workers.length > 0 && !(col.buffer instanceof SharedArrayBuffer)) {
        throw new Error(
          `column ${name} is not in shared memory; allocate it with shared=true to run on several threads`,
        );
      }
    }
    const key = await ensureCompiled(compiled);
    const fns = localFns.get(compiled)!;
    const links = linksOf(population);
    const parts = partialAccumulators(workspace);
    for (let k = 0; k < compiled.loops.length; k++) {
      const loop = compiled.loops[k]!;
      const n = countOf(population, loop.entity);
      for (const a of loop.aggregates) {
        workspace.accumulators[a.id]!.fill(0);
        for (const p of parts) p[a.id]!.fill(0);
      }
      const chunk = Math.ceil(n / threads);
      const jobs = workers.map((w, t) => {
        const start = Math.min(n, (t + 1) * chunk);
        const end = Math.min(n, start + chunk);
        // A worker scatters this loop's aggregates into its own partials and reads the others'
        // finished totals (a group loop reads the sums of an earlier person loop).
        const accs = { ...workspace.accumulators };
        for (const a of loop.aggregates) accs[a.id] = parts[t]![a.id]!;
        return start < end
          ? send(w, { type: 'run', key, loop: k, cols, accs, links, start, end })
          : Promise.resolve();
      });
      fns[k]!(cols, workspace.accumulators, links, 0, Math.min(n, chunk));
      await Promise.all(jobs);
      for (const a of loop.aggregates) {
        const total = workspace.accumulators[a.id]!;
        for (const p of parts) {
          const part = p[a.id]!;
          for (let g = 0; g < total.length; g++)
            total[g] = a.op === 'any' ? Math.max(total[g]!, part[g]!) : total[g]! + part[g]!;
        }
      }
    }
  }

  return {
    threads,
    run,
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
