/**
 * @module merger/linkage/link-records
 * Probabilistic record linkage of the legacy registers, end to end:
 *
 * 1. prepare: normalise and intern every name, key and ID once (`prepareFeatures`);
 * 2. block: candidate pairs from several blocking rules, deduplicated (`candidatePairs`);
 * 3. compare: one comparison pattern (two bytes) per candidate pair (`comparePair`);
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
 */
import type { LegacyRecord } from '../legacy-record.js';
import {
  type BlockingOptions,
  type BlockingRuleStats,
  type CandidatePairs,
  candidatePairs,
} from './blocking.js';
import { type ClusterThresholds, type ConflictGuard, clusterPairs, DEFAULT_THRESHOLDS } from './cluster.js';
import {
  type ComparisonSettings,
  comparePair,
  DEFAULT_COMPARISON,
  FIELDS,
  LEVEL_COUNTS,
  PATTERN_COUNT,
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

  const pairs = candidatePairs(features, options.blocking);
  const blocking = clock();

  const patterns = new Uint16Array(pairs.count);
  const { left, right } = pairs;
  const compareFast = pairComparator(features, settings);
  for (let p = 0; p < pairs.count; p++) patterns[p] = compareFast(left[p]!, right[p]!);
  const compare = clock();

  const { fit, pairsUsed, randomPairs } = estimateModel(features, pairs, patterns, estimation, compareFast);
  const model = describeModel(fit, FIELDS, pairsUsed);
  const parameters: ModelParameters = fit;
  let distinctPatterns = 0;
  for (const c of patternHistogram(patterns, PATTERN_COUNT)) if (c > 0) distinctPatterns++;
  const scores = scorePatterns(parameters, LEVEL_COUNTS);
  const estimate = clock();

  const tf = options.termFrequencies === false ? null : termFrequencies(features);
  const levelTable = patternLevelTable(LEVEL_COUNTS);
  const fieldCount = LEVEL_COUNTS.length;
  const weight = new Float64Array(pairs.count);
  const probability = new Float64Array(pairs.count);
  const prior = priorWeight(parameters.lambda);
  for (let p = 0; p < pairs.count; p++) {
    const pattern = patterns[p]!;
    let w = scores.weight[pattern]!;
    if (tf !== null) {
      const i = left[p]!;
      w += nameAdjustment(tf, features, i, levelTable[pattern * fieldCount]!);
      w += birthDateAdjustment(tf, features, i, levelTable[pattern * fieldCount + 1]!);
    }
    weight[p] = w;
    probability[p] = 1 / (1 + 2 ** -(w + prior));
  }
  const adjustmentsOf = (i: number, pattern: number): number[] => {
    const out = new Array<number>(fieldCount).fill(0);
    if (tf !== null) {
      out[0] = nameAdjustment(tf, features, i, levelTable[pattern * fieldCount]!);
      out[1] = birthDateAdjustment(tf, features, i, levelTable[pattern * fieldCount + 1]!);
    }
    return out;
  };
  const guard = options.guardNationalIds === false ? undefined : nationalIdGuard(features);
  const clustering = clusterPairs(
    records.length,
    { count: pairs.count, left, right, probability },
    thresholds,
    guard,
  );
  const autoPairs = pairList(clustering.autoPairs, pairs.left, pairs.right, probability, weight, patterns);
  const cluster = clock();

  const reviewIndices = [...clustering.reviewPairs, ...clustering.refusedPairs];
  const refusedFrom = clustering.reviewPairs.length;
  const reviewOrder = reviewIndices.map((_, k) => k);
  reviewOrder.sort((x, y) => probability[reviewIndices[y]!]! - probability[reviewIndices[x]!]! || x - y);
  const sortedReview = Int32Array.from(reviewOrder, (k) => reviewIndices[k]!);
  const reviewPairs: ReviewPairList = {
    ...pairList(sortedReview, left, right, probability, weight, patterns),
    reason: Uint8Array.from(reviewOrder, (k) => (k >= refusedFrom ? 1 : 0)),
    sameCluster: Uint8Array.from(sortedReview, (p) =>
      clustering.clusterOf[left[p]!] === clustering.clusterOf[right[p]!] ? 1 : 0,
    ),
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
  compare: (i: number, j: number) => number,
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
  if (others <= wanted) {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (isCandidate(i, j)) continue;
        randomHistogram[compare(i, j)]!++;
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
      randomHistogram[compare(i, j)]!++;
      randomPairs++;
    }
  }
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
function nationalIdGuard(features: RecordFeatures): ConflictGuard {
  const t = features.strings;
  const key = new Int32Array(features.count);
  for (let r = 0; r < features.count; r++) {
    const id = features.nationalId[r]!;
    key[r] = id >= 0 && /^[0-9]{9}$/.test(t.text(id)) ? id : -1;
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
