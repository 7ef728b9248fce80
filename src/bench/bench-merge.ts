/**
 * @module bench/bench-merge
 * `samaki bench merge`: links the three legacy registers with the Fellegi-Sunter linkage and, in
 * the same run on the same records, with the deterministic rule a fund would otherwise use (same
 * ID card number, else same normalised name, birth date and sex); prints time, records per second,
 * precision, recall and F1 of both against the generator's ground truth, their ratios, and peak
 * memory. The registers come from `--from`, or are generated once by `samaki synth` into a cache
 * folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SamakiError } from '../kernel/errors.js';
import { importLegacyRegisters } from '../merger/import/import-legacy-registers.js';
import { GROUND_TRUTH } from '../merger/legacy-formats.js';
import { deterministicBaseline } from '../merger/linkage/deterministic-baseline.js';
import { evaluateLinkage, type LinkageMetrics } from '../merger/linkage/evaluate-linkage.js';
import { linkRecords } from '../merger/linkage/link-records.js';
import { readGroundTruth } from '../merger/read-ground-truth.js';

export interface BenchMergeOptions {
  /** Folder of registers; generated with `samaki synth` when absent. */
  from?: string;
  scale: number;
  seed: number;
  onProgress?: (message: string) => void;
}

export interface MethodResult {
  seconds: number;
  records_per_second: number;
  precision: number;
  recall: number;
  f1: number;
  persons: number;
}

export interface BenchMergeResult {
  from: string;
  records: number;
  by_source: Record<string, number>;
  import_seconds: number;
  fellegi_sunter: MethodResult & {
    phases_ms: Record<string, number>;
    candidate_pairs: number;
    review_pairs: number;
    em_iterations: number;
  };
  deterministic: MethodResult;
  /** Fellegi-Sunter time / deterministic time. */
  time_ratio: number;
  /** F1 of Fellegi-Sunter minus F1 of the deterministic rule. */
  f1_gain: number;
  true_persons: number;
  peak_rss_mib: number;
}

export async function benchMerge(options: BenchMergeOptions): Promise<BenchMergeResult> {
  const progress = options.onProgress ?? (() => {});
  const from = options.from ?? generatedRegisters(options.scale, options.seed, progress);
  progress(`importing the registers in ${from}`);
  let t = performance.now();
  // Linkage needs each record's active span, not its spells (20 million rows at scale 1).
  const imported = await importLegacyRegisters(from, { keepSpells: false });
  const importSeconds = (performance.now() - t) / 1000;
  const records = imported.records;
  const truth = readGroundTruth(from, records);
  if (!truth)
    throw new SamakiError('merge_folder_missing', {
      dir: join(from, GROUND_TRUTH.folder, GROUND_TRUTH.file),
    });

  progress(`linking ${records.length.toLocaleString('en')} records (Fellegi-Sunter)`);
  t = performance.now();
  const linked = linkRecords(records, { explainReviewPairs: 0 });
  const fsSeconds = (performance.now() - t) / 1000;
  const fsQuality = evaluateLinkage(linked.clusterOf, truth);

  progress('linking the same records with the deterministic rule');
  t = performance.now();
  const baseline = deterministicBaseline(records);
  const baseSeconds = (performance.now() - t) / 1000;
  const baseQuality = evaluateLinkage(baseline.clusterOf, truth);

  const bySource: Record<string, number> = {};
  for (const r of records) bySource[r.source] = (bySource[r.source] ?? 0) + 1;
  const method = (seconds: number, q: LinkageMetrics): MethodResult => ({
    seconds: round(seconds, 3),
    records_per_second: Math.round(records.length / seconds),
    precision: round(q.precision, 6),
    recall: round(q.recall, 6),
    f1: round(q.f1, 6),
    persons: q.predictedClusters,
  });
  const fs = method(fsSeconds, fsQuality);
  const base = method(baseSeconds, baseQuality);
  return {
    from,
    records: records.length,
    by_source: bySource,
    import_seconds: round(importSeconds, 3),
    fellegi_sunter: {
      ...fs,
      phases_ms: { ...linked.stats.timingsMs },
      candidate_pairs: linked.stats.candidatePairs,
      review_pairs: linked.stats.reviewPairs,
      em_iterations: linked.model.iterations,
    },
    deterministic: base,
    time_ratio: round(fsSeconds / baseSeconds, 2),
    f1_gain: round(fs.f1 - base.f1, 6),
    true_persons: fsQuality.trueClusters,
    peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

export function formatMergeBench(r: BenchMergeResult): string {
  const row = (name: string, m: MethodResult) =>
    `  ${name.padEnd(34)} ${m.seconds.toFixed(2).padStart(8)} s ${m.records_per_second.toLocaleString('en').padStart(12)} ${m.precision.toFixed(4).padStart(9)} ${m.recall.toFixed(4).padStart(7)} ${m.f1.toFixed(4).padStart(7)} ${m.persons.toLocaleString('en').padStart(11)}`;
  const phases = Object.entries(r.fellegi_sunter.phases_ms)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`)
    .join(', ');
  return [
    `Merge benchmark: ${r.records.toLocaleString('en')} legacy records (${Object.entries(r.by_source)
      .map(([s, n]) => `${s} ${n.toLocaleString('en')}`)
      .join(', ')}) of ${r.true_persons.toLocaleString('en')} true persons, from ${r.from}`,
    `  import and validation (members and contributions): ${r.import_seconds.toFixed(2)} s (not in the linkage times below)`,
    `  ${'method'.padEnd(34)} ${'time'.padStart(10)} ${'records/s'.padStart(12)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'F1'.padStart(7)} ${'persons'.padStart(11)}`,
    row('Fellegi-Sunter (m/u by EM)', r.fellegi_sunter),
    row('deterministic (ID, else name+birth)', r.deterministic),
    `  Fellegi-Sunter phases: ${phases}; ${r.fellegi_sunter.candidate_pairs.toLocaleString('en')} candidate pairs, ${r.fellegi_sunter.em_iterations} EM iterations, ${r.fellegi_sunter.review_pairs.toLocaleString('en')} pairs for review`,
    `  time ratio Fellegi-Sunter / deterministic: ${r.time_ratio.toFixed(2)}x; F1 gain: ${r.f1_gain >= 0 ? '+' : ''}${r.f1_gain.toFixed(4)}`,
    `  peak RSS: ${r.peak_rss_mib.toLocaleString('en')} MiB`,
  ].join('\n');
}

/** Registers of the given scale and seed, generated once into a cache folder. */
function generatedRegisters(scale: number, seed: number, progress: (m: string) => void): string {
  const dir = join(tmpdir(), `samaki-bench-registers-scale-${scale}-seed-${seed}`);
  if (existsSync(join(dir, GROUND_TRUTH.folder, GROUND_TRUTH.file))) return dir;
  progress(`generating the registers (samaki synth --scale ${scale} --seed ${seed}) into ${dir}`);
  const bin = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/samaki.js');
  execFileSync(
    process.execPath,
    [bin, 'synth', '--scale', String(scale), '--seed', String(seed), '--out', dir],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return dir;
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
