/**
 * @module merger/linkage/fellegi-sunter
 * The Fellegi-Sunter model of candidate pairs: a pair is a match with probability λ; given
 * match (m) or non-match (u), each field's level is drawn independently from one multinomial per
 * field. The parameters are estimated by expectation-maximisation over the histogram of
 * comparison patterns (pairs with the same levels are the same to the model), so one iteration
 * costs the number of distinct patterns, not of pairs.
 *
 * Level 0 of a field is "missing": it is left out of both likelihoods, so it is no evidence
 * (weight 0). The m and u of a field are distributions over its other levels.
 *
 * A small Dirichlet pseudo-count per level keeps every m and u away from 0 (a level never seen
 * among matches would otherwise veto a match outright). With it EM maximises the posterior, and
 * `objective` (log-likelihood plus log-prior) is what never decreases; with `pseudoCount: 0` it is
 * the plain log-likelihood.
 *
 * Weights are log2(m/u) per field level; a pair's match weight is their sum, and its posterior
 * match probability adds the prior odds λ/(1-λ).
 */

export interface FieldParameters {
  /** P(level | match), index 0 (missing) unused and 0. */
  m: Float64Array;
  /** P(level | non-match), index 0 unused and 0. */
  u: Float64Array;
}

export interface ModelParameters {
  lambda: number;
  fields: FieldParameters[];
}

export interface EmOptions {
  /** Iteration limit. Default 500. */
  maxIterations?: number;
  /** Stop when no parameter moved by more than this. Default 1e-6. */
  tolerance?: number;
  /** Dirichlet pseudo-count added to every non-missing level of m and u. Default 1. */
  pseudoCount?: number;
  /** Keep u at its initial value (estimate only λ and m). Default false. */
  fixU?: boolean;
}

export interface EmResult extends ModelParameters {
  iterations: number;
  converged: boolean;
  /** Log-likelihood of the histogram at the final parameters (natural log). */
  logLikelihood: number;
  /** Log-likelihood plus log-prior, the quantity EM never decreases. */
  objective: number;
  /** `objective` before each iteration and at the end. */
  objectiveHistory: number[];
  /** `logLikelihood` before each iteration and at the end. */
  logLikelihoodHistory: number[];
}

/** For each pattern, the level of each field (row-major, pattern × field). */
export function patternLevelTable(levelCounts: readonly number[]): Uint8Array {
  const fields = levelCounts.length;
  const patterns = levelCounts.reduce((a, b) => a * b, 1);
  const table = new Uint8Array(patterns * fields);
  for (let p = 0; p < patterns; p++) {
    let rest = p;
    for (let k = fields - 1; k >= 0; k--) {
      table[p * fields + k] = rest % levelCounts[k]!;
      rest = Math.floor(rest / levelCounts[k]!);
    }
  }
  return table;
}

/** Histogram of patterns (a count per pattern code). */
export function patternHistogram(
  patterns: ArrayLike<number>,
  patternCount: number,
  count = patterns.length,
): Float64Array {
  const histogram = new Float64Array(patternCount);
  for (let p = 0; p < count; p++) histogram[patterns[p]!]!++;
  return histogram;
}

/** Per field, the relative frequency of each non-missing level in a histogram (plus `smoothing`). */
export function levelFrequencies(
  histogram: Float64Array,
  levelCounts: readonly number[],
  smoothing = 1,
): Float64Array[] {
  const table = patternLevelTable(levelCounts);
  const fields = levelCounts.length;
  const out = levelCounts.map((n) => new Float64Array(n));
  for (let p = 0; p < histogram.length; p++) {
    const c = histogram[p]!;
    if (c === 0) continue;
    for (let k = 0; k < fields; k++) out[k]![table[p * fields + k]!]! += c;
  }
  for (const f of out) {
    f[0] = 0;
    let total = 0;
    for (let l = 1; l < f.length; l++) total += f[l]! + smoothing;
    for (let l = 1; l < f.length; l++) f[l] = (f[l]! + smoothing) / total;
  }
  return out;
}

/**
 * Estimates λ, m and u by EM from a pattern histogram, starting at `init`. `nonMatches`, when
 * given, is a histogram of pairs known not to match (their match posterior is 0): they count in
 * the likelihood, in u and in λ's denominator, but never in m.
 */
export function estimateParameters(
  histogram: Float64Array,
  levelCounts: readonly number[],
  init: ModelParameters,
  options: EmOptions = {},
  nonMatches?: Float64Array,
): EmResult {
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-6;
  const alpha = options.pseudoCount ?? 1;
  const fixU = options.fixU ?? false;
  const fields = levelCounts.length;
  const table = patternLevelTable(levelCounts);

  // Only patterns that occur matter.
  const active: number[] = [];
  let total = 0;
  for (let p = 0; p < histogram.length; p++) {
    if (histogram[p]! > 0) {
      active.push(p);
      total += histogram[p]!;
    }
  }
  const knownActive: number[] = [];
  if (nonMatches !== undefined) {
    for (let p = 0; p < nonMatches.length; p++) {
      if (nonMatches[p]! > 0) {
        knownActive.push(p);
        total += nonMatches[p]!;
      }
    }
  }
  if (total === 0) throw new RangeError('EM needs at least one pair');

  let lambda = init.lambda;
  const m = init.fields.map((f) => normalised(f.m));
  const u = init.fields.map((f) => normalised(f.u));
  const mCount = levelCounts.map((n) => new Float64Array(n));
  const uCount = levelCounts.map((n) => new Float64Array(n));

  let lastMatchMass = 0;
  const evaluate = (accumulate: boolean): number => {
    let ll = 0;
    let matchMass = 0;
    if (accumulate) {
      for (let k = 0; k < fields; k++) {
        mCount[k]!.fill(0);
        uCount[k]!.fill(0);
      }
    }
    const logLambda = Math.log(lambda);
    const logOneMinus = Math.log(1 - lambda);
    for (const p of active) {
      const c = histogram[p]!;
      let lm = logLambda;
      let lu = logOneMinus;
      const row = p * fields;
      for (let k = 0; k < fields; k++) {
        const level = table[row + k]!;
        if (level === 0) continue;
        lm += Math.log(m[k]![level]!);
        lu += Math.log(u[k]![level]!);
      }
      const hi = Math.max(lm, lu);
      const sum = Math.exp(lm - hi) + Math.exp(lu - hi);
      ll += c * (hi + Math.log(sum));
      if (accumulate) {
        const g = Math.exp(lm - hi) / sum;
        matchMass += c * g;
        for (let k = 0; k < fields; k++) {
          const level = table[row + k]!;
          if (level === 0) continue;
          mCount[k]![level]! += c * g;
          uCount[k]![level]! += c * (1 - g);
        }
      }
    }
    // Known non-matches: likelihood (1-λ)u, all their mass to u.
    for (const p of knownActive) {
      const c = nonMatches![p]!;
      let lu = logOneMinus;
      const row = p * fields;
      for (let k = 0; k < fields; k++) {
        const level = table[row + k]!;
        if (level === 0) continue;
        lu += Math.log(u[k]![level]!);
        if (accumulate) uCount[k]![level]! += c;
      }
      ll += c * lu;
    }
    if (accumulate) lastMatchMass = matchMass;
    return ll;
  };
  const logPrior = (): number => {
    if (alpha === 0) return 0;
    let lp = 0;
    for (let k = 0; k < fields; k++) {
      for (let l = 1; l < levelCounts[k]!; l++) {
        lp += alpha * Math.log(m[k]![l]!);
        if (!fixU) lp += alpha * Math.log(u[k]![l]!);
      }
    }
    return lp;
  };

  const objectiveHistory: number[] = [];
  const logLikelihoodHistory: number[] = [];
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    const ll = evaluate(true);
    logLikelihoodHistory.push(ll);
    objectiveHistory.push(ll + logPrior());
    iterations++;
    let change = 0;
    const newLambda = clampProbability(lastMatchMass / total);
    change = Math.max(change, Math.abs(newLambda - lambda));
    lambda = newLambda;
    for (let k = 0; k < fields; k++) {
      change = Math.max(change, mStep(m[k]!, mCount[k]!, alpha));
      if (!fixU) change = Math.max(change, mStep(u[k]!, uCount[k]!, alpha));
    }
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  const logLikelihood = evaluate(false);
  const objective = logLikelihood + logPrior();
  logLikelihoodHistory.push(logLikelihood);
  objectiveHistory.push(objective);
  return {
    lambda,
    fields: m.map((mk, k) => ({ m: mk, u: u[k]! })),
    iterations,
    converged,
    logLikelihood,
    objective,
    objectiveHistory,
    logLikelihoodHistory,
  };
}

/** Replaces `target` by the normalised counts plus pseudo-counts; returns the largest change. */
function mStep(target: Float64Array, counts: Float64Array, alpha: number): number {
  let sum = 0;
  for (let l = 1; l < counts.length; l++) sum += counts[l]! + alpha;
  let change = 0;
  for (let l = 1; l < counts.length; l++) {
    const value = sum > 0 ? (counts[l]! + alpha) / sum : 1 / (counts.length - 1);
    // A level with no mass and no pseudo-count would be exactly 0: keep it tiny instead.
    const safe = Math.max(value, 1e-300);
    const d = Math.abs(safe - target[l]!);
    if (d > change) change = d;
    target[l] = safe;
  }
  return change;
}

function normalised(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let sum = 0;
  for (let l = 1; l < values.length; l++) sum += values[l]!;
  for (let l = 1; l < values.length; l++) out[l] = sum > 0 ? values[l]! / sum : 1 / (values.length - 1);
  return out;
}

function clampProbability(x: number): number {
  return x < 1e-12 ? 1e-12 : Math.min(x, 1 - 1e-12);
}

/** log2(m/u) per level of each field (0 for the missing level). */
export function levelWeights(parameters: ModelParameters): Float64Array[] {
  return parameters.fields.map((f) => {
    const w = new Float64Array(f.m.length);
    for (let l = 1; l < w.length; l++) w[l] = Math.log2(f.m[l]! / f.u[l]!);
    return w;
  });
}

/** Log2 prior odds of a match, log2(λ / (1 - λ)). */
export function priorWeight(lambda: number): number {
  return Math.log2(lambda / (1 - lambda));
}

/** Posterior match probability of a match weight (sum of level weights) under prior λ. */
export function matchProbability(weight: number, lambda: number): number {
  return 1 / (1 + 2 ** -(weight + priorWeight(lambda)));
}

export interface PatternScores {
  /** Match weight of each pattern: the sum of its fields' level weights. */
  weight: Float64Array;
  /** Posterior match probability of each pattern. */
  probability: Float64Array;
}

/** Weight and probability of every pattern. */
export function scorePatterns(parameters: ModelParameters, levelCounts: readonly number[]): PatternScores {
  const weights = levelWeights(parameters);
  const table = patternLevelTable(levelCounts);
  const fields = levelCounts.length;
  const patterns = table.length / fields;
  const weight = new Float64Array(patterns);
  const probability = new Float64Array(patterns);
  for (let p = 0; p < patterns; p++) {
    let w = 0;
    for (let k = 0; k < fields; k++) w += weights[k]![table[p * fields + k]!]!;
    weight[p] = w;
    probability[p] = matchProbability(w, parameters.lambda);
  }
  return { weight, probability };
}

/** One field of a fitted model, in plain arrays (index 0 = missing: m, u and weight 0). */
export interface FieldModel {
  field: string;
  levels: readonly string[];
  m: number[];
  u: number[];
  weight: number[];
}

/** A fitted model as reported and used for explanations. */
export interface MatchModel {
  fields: FieldModel[];
  lambda: number;
  /** log2(λ / (1 - λ)). */
  priorWeight: number;
  iterations: number;
  converged: boolean;
  logLikelihood: number;
  objective: number;
  /** Candidate pairs the histogram was built from. */
  pairsUsed: number;
}

/** A fitted model with field names and level names attached. */
export function describeModel(
  result: EmResult,
  fields: readonly { name: string; levels: readonly string[] }[],
  pairsUsed: number,
): MatchModel {
  const weights = levelWeights(result);
  return {
    fields: fields.map((f, k) => ({
      field: f.name,
      levels: f.levels,
      m: Array.from(result.fields[k]!.m),
      u: Array.from(result.fields[k]!.u),
      weight: Array.from(weights[k]!),
    })),
    lambda: result.lambda,
    priorWeight: priorWeight(result.lambda),
    iterations: result.iterations,
    converged: result.converged,
    logLikelihood: result.logLikelihood,
    objective: result.objective,
    pairsUsed,
  };
}
