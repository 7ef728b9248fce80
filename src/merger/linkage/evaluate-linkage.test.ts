import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateLinkage } from './evaluate-linkage.js';

/** Pairwise counts by enumerating pairs, for cross-checking. */
function bruteForce(pred: readonly number[], truth: readonly number[]) {
  let tp = 0;
  let predicted = 0;
  let actual = 0;
  for (let i = 0; i < pred.length; i++) {
    for (let j = i + 1; j < pred.length; j++) {
      const p = pred[i] === pred[j];
      const t = truth[i] === truth[j];
      if (p) predicted++;
      if (t) actual++;
      if (p && t) tp++;
    }
  }
  return { tp, predicted, actual };
}

describe('evaluateLinkage', () => {
  it('scores a hand-computed example', () => {
    // Truth: {0,1,2} {3,4} {5}. Predicted: {0,1} {2,3,4} {5}.
    // True pairs: 01 02 12 34 = 4. Predicted pairs: 01 23 24 34 = 4. TP: 01 34 = 2.
    const m = evaluateLinkage([0, 0, 1, 1, 1, 2], ['a', 'a', 'a', 'b', 'b', 'c']);
    expect(m.truePairs).toBe(4);
    expect(m.predictedPairs).toBe(4);
    expect(m.truePositives).toBe(2);
    expect(m.falsePositives).toBe(2);
    expect(m.falseNegatives).toBe(2);
    expect(m.precision).toBe(0.5);
    expect(m.recall).toBe(0.5);
    expect(m.f1).toBe(0.5);
    expect(m.predictedClusters).toBe(3);
    expect(m.trueClusters).toBe(3);
  });

  it('is perfect for the truth itself, whatever the labels', () => {
    const m = evaluateLinkage([7, 7, 3, 9, 9, 9], [1, 1, 2, 0, 0, 0]);
    expect(m.f1).toBe(1);
    expect(m.truePairs).toBe(4);
  });

  it('handles all singletons and one big cluster', () => {
    const singletons = evaluateLinkage([0, 1, 2, 3], [0, 0, 1, 1]);
    expect(singletons.precision).toBe(1); // nothing predicted
    expect(singletons.recall).toBe(0);
    expect(singletons.f1).toBe(0);
    const lumped = evaluateLinkage([0, 0, 0, 0], [0, 0, 1, 1]);
    expect(lumped.precision).toBeCloseTo(2 / 6, 12);
    expect(lumped.recall).toBe(1);
    expect(lumped.f1).toBeCloseTo(0.5, 12);
  });

  it('agrees with enumerating every pair', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { maxLength: 40 }),
        (rows) => {
          const pred = rows.map((r) => r[0]);
          const truth = rows.map((r) => r[1]);
          const m = evaluateLinkage(pred, truth);
          const b = bruteForce(pred, truth);
          expect(m.truePositives).toBe(b.tp);
          expect(m.predictedPairs).toBe(b.predicted);
          expect(m.truePairs).toBe(b.actual);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses labels of different lengths', () => {
    expect(() => evaluateLinkage([0, 1], [0])).toThrow(RangeError);
  });
});
