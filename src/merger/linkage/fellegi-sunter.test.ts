import { describe, expect, it } from 'vitest';
import {
  estimateParameters,
  levelFrequencies,
  levelWeights,
  type ModelParameters,
  matchProbability,
  patternHistogram,
  patternLevelTable,
  scorePatterns,
} from './fellegi-sunter.js';
import { createRandom } from './test-support/synthetic-people.js';

const LEVELS = [4, 5, 3, 4];
const TRUE: ModelParameters = {
  lambda: 0.08,
  fields: [
    { m: Float64Array.of(0, 0.85, 0.1, 0.05), u: Float64Array.of(0, 0.02, 0.08, 0.9) },
    { m: Float64Array.of(0, 0.7, 0.15, 0.1, 0.05), u: Float64Array.of(0, 0.01, 0.04, 0.15, 0.8) },
    { m: Float64Array.of(0, 0.97, 0.03), u: Float64Array.of(0, 0.5, 0.5) },
    { m: Float64Array.of(0, 0.9, 0.06, 0.04), u: Float64Array.of(0, 0.001, 0.01, 0.989) },
  ],
};

/** Draws comparison patterns from a known model, with 10% missing values per field. */
function drawPatterns(model: ModelParameters, count: number, seed: number): Int32Array {
  const random = createRandom(seed);
  const out = new Int32Array(count);
  for (let p = 0; p < count; p++) {
    const match = random() < model.lambda;
    let code = 0;
    model.fields.forEach((f, k) => {
      const dist = match ? f.m : f.u;
      let level = 0;
      if (random() >= 0.1) {
        let u = random();
        level = dist.length - 1;
        for (let l = 1; l < dist.length; l++) {
          u -= dist[l]!;
          if (u < 0) {
            level = l;
            break;
          }
        }
      }
      code = code * LEVELS[k]! + level;
    });
    out[p] = code;
  }
  return out;
}

const START: ModelParameters = {
  lambda: 0.3,
  fields: LEVELS.map((n) => ({
    m: Float64Array.from({ length: n }, (_, l) => (l === 0 ? 0 : l === 1 ? 0.6 : 0.4 / (n - 2))),
    u: Float64Array.from({ length: n }, (_, l) => (l === 0 ? 0 : l === n - 1 ? 0.6 : 0.4 / (n - 2))),
  })),
};

function isNonDecreasing(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) {
    if (values[i]! < values[i - 1]! - 1e-9 * Math.abs(values[i - 1]!)) return false;
  }
  return true;
}

describe('estimateParameters', () => {
  const patterns = drawPatterns(TRUE, 200_000, 42);
  const histogram = patternHistogram(
    patterns,
    LEVELS.reduce((a, b) => a * b, 1),
  );

  it('recovers known m, u and λ from generated comparison vectors', () => {
    const fit = estimateParameters(histogram, LEVELS, START, { pseudoCount: 0, maxIterations: 2000 });
    expect(fit.converged).toBe(true);
    expect(fit.lambda).toBeCloseTo(TRUE.lambda, 2);
    fit.fields.forEach((f, k) => {
      for (let l = 1; l < LEVELS[k]!; l++) {
        expect(Math.abs(f.m[l]! - TRUE.fields[k]!.m[l]!)).toBeLessThan(0.02);
        expect(Math.abs(f.u[l]! - TRUE.fields[k]!.u[l]!)).toBeLessThan(0.01);
      }
    });
  });

  it('never decreases the log-likelihood (no pseudo-counts)', () => {
    const fit = estimateParameters(histogram, LEVELS, START, { pseudoCount: 0, maxIterations: 300 });
    expect(fit.logLikelihoodHistory.length).toBeGreaterThan(3);
    expect(isNonDecreasing(fit.logLikelihoodHistory)).toBe(true);
    expect(fit.logLikelihoodHistory.at(-1)).toBe(fit.logLikelihood);
  });

  it('never decreases the penalised objective with pseudo-counts', () => {
    const fit = estimateParameters(histogram, LEVELS, START, { pseudoCount: 5, maxIterations: 300 });
    expect(isNonDecreasing(fit.objectiveHistory)).toBe(true);
  });

  it('stops at the iteration limit when not converged, and reports it', () => {
    const fit = estimateParameters(histogram, LEVELS, START, { maxIterations: 3 });
    expect(fit.iterations).toBe(3);
    expect(fit.converged).toBe(false);
  });

  it('keeps u when asked', () => {
    const fit = estimateParameters(histogram, LEVELS, { ...START, fields: TRUE.fields }, { fixU: true });
    fit.fields.forEach((f, k) => {
      expect(Array.from(f.u)).toEqual(Array.from(TRUE.fields[k]!.u));
    });
    expect(fit.lambda).toBeCloseTo(TRUE.lambda, 2);
  });

  it('uses known non-matches for u and λ, never for m', () => {
    const matchesOnly = drawPatterns({ ...TRUE, lambda: 1 }, 20_000, 5);
    const nonMatches = drawPatterns({ ...TRUE, lambda: 0 }, 100_000, 6);
    const size = LEVELS.reduce((a, b) => a * b, 1);
    const candidates = patternHistogram(matchesOnly, size);
    const known = patternHistogram(nonMatches, size);
    const fit = estimateParameters(candidates, LEVELS, START, { pseudoCount: 0 }, known);
    expect(Math.abs(fit.lambda - 20_000 / 120_000)).toBeLessThan(0.01);
    for (let l = 1; l < LEVELS[0]!; l++) {
      expect(Math.abs(fit.fields[0]!.m[l]! - TRUE.fields[0]!.m[l]!)).toBeLessThan(0.02);
      expect(Math.abs(fit.fields[0]!.u[l]! - TRUE.fields[0]!.u[l]!)).toBeLessThan(0.02);
    }
    expect(isNonDecreasing(fit.logLikelihoodHistory)).toBe(true);
  });

  it('refuses an empty histogram', () => {
    expect(() => estimateParameters(new Float64Array(4), [2, 2], START)).toThrow(RangeError);
  });
});

describe('weights and scores', () => {
  it('gives log2(m/u) per level and 0 for missing', () => {
    const w = levelWeights(TRUE);
    expect(w[0]![0]).toBe(0);
    expect(w[0]![1]).toBeCloseTo(Math.log2(0.85 / 0.02), 12);
    expect(w[3]![3]).toBeCloseTo(Math.log2(0.04 / 0.989), 12);
  });

  it('scores a pattern as the sum of its level weights, and the posterior adds the prior', () => {
    const scores = scorePatterns(TRUE, LEVELS);
    const table = patternLevelTable(LEVELS);
    const w = levelWeights(TRUE);
    const p = 1 * 60 + 1 * 12 + 1 * 4 + 0; // levels [1, 1, 1, 0]
    expect(Array.from(table.subarray(p * 4, p * 4 + 4))).toEqual([1, 1, 1, 0]);
    const expected = w[0]![1]! + w[1]![1]! + w[2]![1]!;
    expect(scores.weight[p]).toBeCloseTo(expected, 12);
    const odds = (TRUE.lambda / (1 - TRUE.lambda)) * 2 ** expected;
    expect(scores.probability[p]).toBeCloseTo(odds / (1 + odds), 12);
    expect(matchProbability(0, 0.5)).toBe(0.5);
  });

  it('computes level frequencies over non-missing values', () => {
    const freq = levelFrequencies(Float64Array.of(5, 1, 3, 1), [2, 2], 0);
    // patterns: [0,0]=5 [0,1]=1 [1,0]=3 [1,1]=1 → field 0 level 1: 4 of 4 non-missing
    expect(Array.from(freq[0]!)).toEqual([0, 1]);
    expect(Array.from(freq[1]!)).toEqual([0, 1]);
  });
});
