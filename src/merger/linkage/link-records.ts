/**
 * @module merger/linkage/link-records
 * Probabilistic record linkage of the legacy registers, end to end:
 *
 * 1. prepare: normalise and intern every name, key and ID once (`prepareFeatures`);
 * 2. block: candidate pairs from several blocking rules, deduplicated (`candidatePairs`);
 * 3. compare: one comparison pattern (two bytes) per candidate pair (`pairComparator`, the
 *    patterns of `comparePair` from records packed for the purpose);
 * 4. estimate: m, u and λ by EM on the pattern histogram of the candidate pairs plus random
 *    non-candidate pairs standing for all the others as known non-matches, u started from
 *    those random pairs (`estimateParameters`; see `estimateModel` for why);
 * 5. score: each pair's match weight (its pattern's weight plus the term-frequency corrections
 *    of an exact name or birth date, `term-frequencies.ts`) and posterior match probability;
 * 6. cluster: pairs at or above the auto-merge threshold merged transitively, unless their
 *    clusters' national IDs conflict; pairs between the thresholds (and refused ones) returned
 *    for clerical review, most probable first, with field-by-field explanations
 *    (`clusterPairs`, `explainPattern`).
 *
 * The posterior is that of a pair drawn from all n(n-1)/2 pairs, so it is calibrated: at three
 * million records two different people often share a common name and a birth date, and a pair
 * with no national ID on one side and nothing else to tell them apart gets a probability below
 * the auto-merge threshold and goes to review instead of being merged.
 *
 * Everything is pure: records in, clusters and evidence out.
 *
 * At three million records the work is mostly memory traffic: the large typed arrays are
 * allocated few at a time (`Slab`), and the scratch of the blocking is reused by the comparisons
 * and the scoring; only the pairs that can be merged or reviewed are kept after scoring. Each
 * fast path has a plain form in `test-support/reference-linkage.ts`, and the tests pin the two to
 * the same results.
 */
import type { LegacyRecord } from '../legacy-record.js';
import {
  type BlockingOptions,
  type BlockingRuleStats,
  blockingScratchBytes,
  type CandidatePairs,
  candidatePairs,
  DEFAULT_BLOCKING_RULES,
} from './blocking.js';
import { type ClusterThresholds, type ConflictGuard, clusterPairs, DEFAULT_THRESHOLDS } from './cluster.js';
import {
  type ComparisonSettings,
  comparePair,
  DEFAULT_COMPARISON,
  FIELDS,
  LEVEL_COUNTS,
  PATTERN_COUNT,
  type PairComparator,
  pairComparator,
} from './comparators.js';
import { withinOneEdit } from './compare-strings.js';
import { explainPattern, type ScoreExplanation } from './explain-score.js';
import {
  describeModel,
  type EmOptions,
  type EmResult,
  estimateParameters,
  levelFrequencies,
  type MatchModel,
  type ModelParameters,
  patternHistogram,
  patternLevelTable,
  priorWeight,
  scorePatterns,
} from './fellegi-sunter.js';
import { prepareFeatures, type RecordFeatures } from './record-features.js';
import { Slab } from './slab.js';
import { birthDateAdjustment, nameAdjustment, termFrequencies } from './term-frequencies.js';

export interface EstimationOptions extends EmOptions {
  /** Estimate on this many candidate pairs drawn at random (all pairs are scored). Default: all. */
  sampleSize?: number;
  /** Random non-candidate pairs standing for all the others. Default 1,000,000. */
  uSampleSize?: number;
  /** Starting λ. Default 0.1 × candidate pairs / all pairs. */
  initialLambda?: number;
  /** Starting m per field (index 0 ignored), in `FIELDS` order. Default `DEFAULT_M_PRIORS`. */
  initialM?: readonly (readonly number[])[];
  /** Seed of the random draws. Default 1. */
  seed?: number;
}

export interface LinkOptions {
  comparison?: Partial<ComparisonSettings>;
  blocking?: BlockingOptions;
  estimation?: EstimationOptions;
  thresholds?: Partial<ClusterThresholds>;
  /**
   * Refuse to merge clusters whose national IDs (9 digits each) are more than one edit apart.
   * Default true.
   */
  guardNationalIds?: boolean;
  /**
   * How many review pairs (the most probable first) get a field-by-field explanation in
   * `reviewExplanations`. Default 10,000; any pair can be explained later with `explain`.
   */
  explainReviewPairs?: number;
  /** Correct exact name and birth-date agreement by the value's frequency. Default true. */
  termFrequencies?: boolean;
}

/**
 * Sensible starting m per field level (missing level first, ignored). The name field starts as
 * the product of a Khmer prior (missing 2%, exact 80%, one edit 10%, similar 4%, different 4%)
 * and a Latin prior (missing 10%, exact 60%, phonetic 15%, similar 8%, weak 3%, different 4%).
 */
export const DEFAULT_M_PRIORS: readonly (readonly number[])[] = [
  [0.02, 0.8, 0.1, 0.04, 0.04]
    .flatMap((k) => [0.1, 0.6, 0.15, 0.08, 0.03, 0.04].map((l) => k * l))
    .map((x, i) => (i === 0 ? 0 : x)),
  [0, 0.88, 0.04, 0.05, 0.03],
  [0, 0.98, 0.02],
  [0, 0.9, 0.05, 0.05],
  [0, 0.75, 0.2, 0.05],
];

/** Pairs in typed arrays (the auto-merged pairs can number in the hundreds of thousands). */
export interface PairList {
  count: number;
  left: Int32Array;
  right: Int32Array;
  probability: Float64Array;
  weight: Float64Array;
  /** Comparison pattern (see `decodePattern`). */
  pattern: Uint16Array;
}

/** Why a pair is up for review. */
export const REVIEW_REASONS = ['between-thresholds', 'conflicting-national-ids'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/** Pairs for clerical review, most probable first. */
export interface ReviewPairList extends PairList {
  /** Index into `REVIEW_REASONS`: between the thresholds, or an auto pair refused by the ID guard. */
  reason: Uint8Array;
  /** 1 when auto merges put both records in one cluster anyway. */
  sameCluster: Uint8Array;
}

export interface LinkStats {
  records: number;
  candidatePairs: number;
  blocking: BlockingRuleStats[];
  skippedBlocks: number;
  skippedPairs: number;
  distinctPatterns: number;
  /** Random non-candidate pairs compared for the estimation. */
  randomPairs: number;
  autoPairs: number;
  reviewPairs: number;
  refusedPairs: number;
  clusters: number;
  timingsMs: {
    prepare: number;
    blocking: number;
    compare: number;
    estimate: number;
    cluster: number;
    explain: number;
    total: number;
  };
}

export interface LinkResult {
  /** Cluster (person) of each record, 0.., in order of first record. */
  clusterOf: Int32Array;
  clusterCount: number;
  autoPairs: PairList;
  reviewPairs: ReviewPairList;
  /** Explanations of the first `explainReviewPairs` review pairs, in `reviewPairs` order. */
  reviewExplanations: ScoreExplanation[];
  model: MatchModel;
  stats: LinkStats;
  /** Explains the score of records i and j (any two records, candidates or not). */
  explain(i: number, j: number): ScoreExplanation;
}

/** Links the records into people. */
export function linkRecords(records: readonly LegacyRecord[], options: LinkOptions = {}): LinkResult {
  const settings: ComparisonSettings = { ...DEFAULT_COMPARISON, ...options.comparison };
  const estimation = options.estimation ?? {};
  const thresholds: ClusterThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const clock = stopwatch();

  const features = prepareFeatures(records);
  const prepare = clock();

  // One buffer for the scratch of the blocking, then of the comparisons (see `Slab`).
  const rules = options.blocking?.rules ?? DEFAULT_BLOCKING_RULES;
  const scratch = new ArrayBuffer(blockingScratchBytes(features.count, rules.length));
  const pairs = candidatePairs(features, options.blocking, scratch);
  const blocking = clock();

  const { left, right } = pairs;
  // The pairs may be in the scratch, at its start (see `blockingScratchBytes`); the patterns go
  // after them, then the comparator's rows.
  const afterPairs = new Slab(
    scratch,
    left.buffer === scratch ? pairs.ruleBits.byteOffset + pairs.ruleBits.byteLength : 0,
  );
  const patterns =
    afterPairs.free >= 2 * pairs.count + 8 ? afterPairs.uint16(pairs.count) : new Uint16Array(pairs.count);
  const taken = afterPairs.offset;
  const comparator = pairComparator(features, settings, afterPairs);
  comparator.compareAll(left, right, patterns, 0, pairs.count);
  const compare = clock();

  const { fit, pairsUsed, randomPairs } = estimateModel(features, pairs, patterns, estimation, comparator);
  const model = describeModel(fit, FIELDS, pairsUsed);
  const parameters: ModelParameters = fit;
  let distinctPatterns = 0;
  for (const c of patternHistogram(patterns, PATTERN_COUNT)) if (c > 0) distinctPatterns++;
  const scores = scorePatterns(parameters, LEVEL_COUNTS);
  const estimate = clock();

  const tf = options.termFrequencies === false ? null : termFrequencies(features);
  const levelTable = patternLevelTable(LEVEL_COUNTS);
  const fieldCount = LEVEL_COUNTS.length;
  const prior = priorWeight(parameters.lambda);
  // Every pair is scored, but only the pairs that can be merged or reviewed are kept (with their
  // index): the others are non-matches, and millions of them.
  const keepFrom = Math.min(thresholds.autoMerge, thresholds.review);
  // A pair whose weight is a bit below the weight of probability `keepFrom` (posterior odds
  // half those of `keepFrom`: no rounding bridges that) has a probability below it, and its
  // probability need not be computed.
  let surelyBelow = Math.log2(keepFrom / (1 - keepFrom)) - prior - 1;
  if (!(keepFrom < 1) || Number.isNaN(surelyBelow)) surelyBelow = Number.NEGATIVE_INFINITY;
  // The comparator's rows are free again: the kept pairs go there.
  const slab = new Slab(scratch, taken);
  const kept = new ScoredList(Math.max(1024, pairs.count >> 3), slab);
  for (let p = 0; p < pairs.count; p++) {
    const pattern = patterns[p]!;
    let w = scores.weight[pattern]!;
    if (tf !== null) {
      const i = left[p]!;
      w += nameAdjustment(tf, features, i, levelTable[pattern * fieldCount]!);
      w += birthDateAdjustment(tf, features, i, levelTable[pattern * fieldCount + 1]!);
    }
    if (w < surelyBelow) continue;
    const q = 1 / (1 + 2 ** -(w + prior));
    if (q >= keepFrom) kept.push(p, w, q);
  }
  const { index, weight, probability } = kept.arrays();
  const room =
    slab.free >= Slab.bytes([index.length, 4], [index.length, 4], [index.length, 2], [records.length, 4]);
  const keptLeft = room ? slab.int32(index.length) : new Int32Array(index.length);
  const keptRight = room ? slab.int32(index.length) : new Int32Array(index.length);
  const keptPatterns = room ? slab.uint16(index.length) : new Uint16Array(index.length);
  for (let k = 0; k < index.length; k++) {
    const p = index[k]!;
    keptLeft[k] = left[p]!;
    keptRight[k] = right[p]!;
    keptPatterns[k] = patterns[p]!;
  }
  const adjustmentsOf = (i: number, pattern: number): number[] => {
    const out = new Array<number>(fieldCount).fill(0);
    if (tf !== null) {
      out[0] = nameAdjustment(tf, features, i, levelTable[pattern * fieldCount]!);
      out[1] = birthDateAdjustment(tf, features, i, levelTable[pattern * fieldCount + 1]!);
    }
    return out;
  };
  const guard =
    options.guardNationalIds === false
      ? undefined
      : nationalIdGuard(features, room ? slab.int32(records.length) : new Int32Array(records.length));
  // Pairs below both thresholds play no part in the clustering: the kept pairs, in the same
  // order, cluster the same.
  const clustering = clusterPairs(
    records.length,
    { count: index.length, left: keptLeft, right: keptRight, probability },
    thresholds,
    guard,
  );
  const autoPairs = pairList(clustering.autoPairs, keptLeft, keptRight, probability, weight, keptPatterns);
  const cluster = clock();

  const reviewIndices = new Int32Array(clustering.reviewPairs.length + clustering.refusedPairs.length);
  reviewIndices.set(clustering.reviewPairs);
  reviewIndices.set(clustering.refusedPairs, clustering.reviewPairs.length);
  const refusedFrom = clustering.reviewPairs.length;
  // Most probable first, ties in list order.
  const reviewProbability = new Float64Array(reviewIndices.length);
  for (let k = 0; k < reviewIndices.length; k++) reviewProbability[k] = probability[reviewIndices[k]!]!;
  const reviewOrder = orderByDecreasing(reviewProbability);
  const sortedReview = new Int32Array(reviewOrder.length);
  const reason = new Uint8Array(reviewOrder.length);
  const sameCluster = new Uint8Array(reviewOrder.length);
  const { clusterOf } = clustering;
  for (let x = 0; x < reviewOrder.length; x++) {
    const k = reviewOrder[x]!;
    const at = reviewIndices[k]!;
    sortedReview[x] = at;
    reason[x] = k >= refusedFrom ? 1 : 0;
    sameCluster[x] = clusterOf[keptLeft[at]!] === clusterOf[keptRight[at]!] ? 1 : 0;
  }
  const reviewPairs: ReviewPairList = {
    ...pairList(sortedReview, keptLeft, keptRight, probability, weight, keptPatterns),
    reason,
    sameCluster,
  };
  const explainCount = Math.min(reviewPairs.count, options.explainReviewPairs ?? 10_000);
  const reviewExplanations: ScoreExplanation[] = [];
  for (let k = 0; k < explainCount; k++) {
    const i = reviewPairs.left[k]!;
    const pattern = reviewPairs.pattern[k]!;
    reviewExplanations.push(
      explainPattern(model, pattern, records[i]!, records[reviewPairs.right[k]!]!, adjustmentsOf(i, pattern)),
    );
  }
  const explainTime = clock();

  let skippedBlocks = 0;
  let skippedPairs = 0;
  for (const s of pairs.stats) {
    skippedBlocks += s.skippedBlocks;
    skippedPairs += s.skippedPairs;
  }
  return {
    clusterOf: clustering.clusterOf,
    clusterCount: clustering.clusterCount,
    autoPairs,
    reviewPairs,
    reviewExplanations,
    model,
    explain: (i, j) => {
      const pattern = comparePair(features, i, j, settings);
      return explainPattern(model, pattern, records[i]!, records[j]!, adjustmentsOf(i, pattern));
    },
    stats: {
      records: records.length,
      candidatePairs: pairs.count,
      blocking: pairs.stats,
      skippedBlocks,
      skippedPairs,
      distinctPatterns,
      randomPairs,
      autoPairs: clustering.autoPairs.length,
      reviewPairs: clustering.reviewPairs.length,
      refusedPairs: clustering.refusedPairs.length,
      clusters: clustering.clusterCount,
      timingsMs: {
        prepare,
        blocking,
        compare,
        estimate,
        cluster,
        explain: explainTime,
        total: prepare + blocking + compare + estimate + cluster + explainTime,
      },
    },
  };
}

/**
 * Fits the model to the whole population of record pairs, not only to the candidates. Candidate
 * pairs are no sample of non-matches: they agree on a name or a date by construction, and a
 * two-class EM on them alone splits them by blocking rule (same name versus same date) instead
 * of match versus non-match (it did: λ = 0.82, F1 0.59 on synthetic data). So EM sees every
 * candidate pair's pattern (or a sample, scaled up), unlabelled, plus the patterns of random
 * non-candidate pairs scaled up to the number of non-candidate pairs, n(n-1)/2 minus the
 * candidates, as known non-matches: blocking is built so that matches outside the candidates are
 * rare, and letting EM label those pairs itself lets the match class wander off to model the
 * non-matches' own departures from independence (it did at 300,000 records). λ is then the
 * probability that two records taken at random are the same person, and the posterior is that of
 * a pair of the population. u starts from the random pairs, m from `DEFAULT_M_PRIORS`.
 */
function estimateModel(
  features: RecordFeatures,
  pairs: CandidatePairs,
  patterns: Uint16Array,
  estimation: EstimationOptions,
  comparator: PairComparator,
): { fit: EmResult; pairsUsed: number; randomPairs: number } {
  const random = createRandom(estimation.seed ?? 1);
  const n = features.count;
  const allPairs = (n * (n - 1)) / 2;
  const histogram = new Float64Array(PATTERN_COUNT);

  let pairsUsed = pairs.count;
  if (estimation.sampleSize !== undefined && estimation.sampleSize < pairs.count) {
    const scale = pairs.count / estimation.sampleSize;
    for (let k = 0; k < estimation.sampleSize; k++)
      histogram[patterns[Math.floor(random() * pairs.count)]!]! += scale;
    pairsUsed = estimation.sampleSize;
  } else {
    for (let p = 0; p < pairs.count; p++) histogram[patterns[p]!]!++;
  }

  // Non-candidate pairs: all of them when few, else a random sample scaled up.
  const others = allPairs - pairs.count;
  const wanted = estimation.uSampleSize ?? 1_000_000;
  const randomHistogram = new Float64Array(PATTERN_COUNT);
  const isCandidate = candidateLookup(n, pairs);
  let randomPairs = 0;
  // The pairs are drawn first and compared by batches (`compareAll`).
  const batch = new RandomBatch(comparator, randomHistogram);
  if (others <= wanted) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (isCandidate(i, j)) continue;
        batch.add(i, j);
        randomPairs++;
      }
    }
  } else {
    for (let attempts = 0; randomPairs < wanted && attempts < wanted * 4; attempts++) {
      const a = Math.floor(random() * n);
      let b = Math.floor(random() * (n - 1));
      if (b >= a) b++;
      const i = Math.min(a, b);
      const j = Math.max(a, b);
      if (isCandidate(i, j)) continue;
      batch.add(i, j);
      randomPairs++;
    }
  }
  batch.flush();
  const nonMatches = new Float64Array(PATTERN_COUNT);
  if (randomPairs > 0) {
    const scale = others / randomPairs;
    for (let q = 0; q < PATTERN_COUNT; q++) nonMatches[q] = randomHistogram[q]! * scale;
  }

  const u = levelFrequencies(randomHistogram, LEVEL_COUNTS, 1);
  const m = estimation.initialM ?? DEFAULT_M_PRIORS;
  const init: ModelParameters = {
    lambda:
      estimation.initialLambda ?? Math.min(0.5, Math.max(1e-12, (0.1 * pairs.count) / Math.max(1, allPairs))),
    fields: LEVEL_COUNTS.map((levels, k) => ({ m: Float64Array.from(m[k]!.slice(0, levels)), u: u[k]! })),
  };
  if (allPairs === 0) {
    return {
      fit: {
        ...init,
        iterations: 0,
        converged: false,
        logLikelihood: 0,
        objective: 0,
        objectiveHistory: [],
        logLikelihoodHistory: [],
      },
      pairsUsed: 0,
      randomPairs,
    };
  }
  return {
    fit: estimateParameters(histogram, LEVEL_COUNTS, init, estimation, nonMatches),
    pairsUsed,
    randomPairs,
  };
}

/** Pairs compared by batches into a histogram of their patterns. */
class RandomBatch {
  private readonly left = new Int32Array(1 << 16);
  private readonly right = new Int32Array(1 << 16);
  private readonly patterns = new Uint16Array(1 << 16);
  private count = 0;

  constructor(
    private readonly comparator: PairComparator,
    private readonly histogram: Float64Array,
  ) {}

  add(i: number, j: number): void {
    this.left[this.count] = i;
    this.right[this.count] = j;
    if (++this.count === this.left.length) this.flush();
  }

  flush(): void {
    this.comparator.compareAll(this.left, this.right, this.patterns, 0, this.count);
    for (let k = 0; k < this.count; k++) this.histogram[this.patterns[k]!]!++;
    this.count = 0;
  }
}

/** Whether (i, j), i < j, is a candidate pair: pairs are sorted by left index. */
function candidateLookup(n: number, pairs: CandidatePairs): (i: number, j: number) => boolean {
  const starts = new Int32Array(n + 1);
  for (let p = 0; p < pairs.count; p++) starts[pairs.left[p]! + 1]!++;
  for (let r = 0; r < n; r++) starts[r + 1]! += starts[r]!;
  const right = pairs.right;
  return (i, j) => {
    for (let p = starts[i]!; p < starts[i + 1]!; p++) if (right[p] === j) return true;
    return false;
  };
}

/** National IDs of nine digits: two such IDs more than one edit apart may not share a cluster. */
function nationalIdGuard(features: RecordFeatures, key: Int32Array): ConflictGuard {
  const t = features.strings;
  const numbers = features.nationalIdNumber;
  for (let r = 0; r < features.count; r++) {
    // Nine digits: `nationalIdValue` is 9 × 10¹² plus the digits.
    const value = numbers[r]!;
    key[r] = value >= 9e12 && value < 10e12 ? features.nationalId[r]! : -1;
  }
  const pool = t.codes();
  return {
    key,
    conflicts: (a, b) => !withinOneEdit(pool, t.start(a), t.length(a), pool, t.start(b), t.length(b)),
  };
}

function pairList(
  indices: Int32Array,
  left: Int32Array,
  right: Int32Array,
  probability: Float64Array,
  weight: Float64Array,
  patterns: Uint16Array,
): PairList {
  const count = indices.length;
  const out: PairList = {
    count,
    left: new Int32Array(count),
    right: new Int32Array(count),
    probability: new Float64Array(count),
    weight: new Float64Array(count),
    pattern: new Uint16Array(count),
  };
  for (let k = 0; k < count; k++) {
    const p = indices[k]!;
    out.left[k] = left[p]!;
    out.right[k] = right[p]!;
    out.probability[k] = probability[p]!;
    out.pattern[k] = patterns[p]!;
    out.weight[k] = weight[p]!;
  }
  return out;
}

/** Milliseconds since the previous call (or since creation). */
function stopwatch(): () => number {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const elapsed = now - last;
    last = now;
    return Math.round(elapsed);
  };
}

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pair indices with their weight and probability, in growing typed arrays. */
class ScoredList {
  private index: Int32Array;
  private weight: Float64Array;
  private probability: Float64Array;
  private count = 0;

  /** Room for `capacity` pairs, from `slab` when it has room. */
  constructor(capacity: number, slab?: Slab) {
    const room = slab !== undefined && slab.free >= Slab.bytes([capacity, 4], [capacity, 8], [capacity, 8]);
    this.index = room ? slab.int32(capacity) : new Int32Array(capacity);
    this.weight = room ? slab.float64(capacity) : new Float64Array(capacity);
    this.probability = room ? slab.float64(capacity) : new Float64Array(capacity);
  }

  push(p: number, w: number, q: number): void {
    if (this.count === this.index.length) {
      const size = this.count * 2;
      const index = new Int32Array(size);
      index.set(this.index);
      this.index = index;
      const weight = new Float64Array(size);
      weight.set(this.weight);
      this.weight = weight;
      const probability = new Float64Array(size);
      probability.set(this.probability);
      this.probability = probability;
    }
    this.index[this.count] = p;
    this.weight[this.count] = w;
    this.probability[this.count] = q;
    this.count++;
  }

  arrays(): { index: Int32Array; weight: Float64Array; probability: Float64Array } {
    return {
      index: this.index.subarray(0, this.count),
      weight: this.weight.subarray(0, this.count),
      probability: this.probability.subarray(0, this.count),
    };
  }
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The positions 0..n-1 of `values` (non-negative, not NaN) from the largest value to the smallest,
 * equal values in position order: the order of `sort((x, y) => values[y] - values[x] || x - y)`,
 * by a stable radix sort on the bits of the doubles (for non-negative doubles, their order).
 */
export function orderByDecreasing(values: Float64Array): Int32Array {
  const n = values.length;
  if (!LITTLE_ENDIAN) {
    const order = Array.from({ length: n }, (_, k) => k);
    order.sort((x, y) => values[y]! - values[x]! || x - y);
    return Int32Array.from(order);
  }
  const bits = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  let order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  let next = new Int32Array(n);
  const counts = new Int32Array(65537);
  // Four 16-bit digits, least significant first (little-endian: low word at 2k).
  for (let digit = 0; digit < 4; digit++) {
    const word = digit >> 1;
    const shift = (digit & 1) * 16;
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[0xffff - ((bits[2 * k + word]! >>> shift) & 0xffff) + 1]!++;
    for (let d = 0; d < 65536; d++) counts[d + 1]! += counts[d]!;
    for (let x = 0; x < n; x++) {
      const k = order[x]!;
      next[counts[0xffff - ((bits[2 * k + word]! >>> shift) & 0xffff)]!++] = k;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}
