import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterPairs, DisjointSets, type ScoredPairs } from './cluster.js';

function scored(list: ReadonlyArray<readonly [number, number, number]>): ScoredPairs {
  return {
    count: list.length,
    left: Int32Array.from(list, (p) => p[0]),
    right: Int32Array.from(list, (p) => p[1]),
    probability: Float64Array.from(list, (p) => p[2]),
  };
}

describe('clusterPairs', () => {
  it('merges transitively: a–b and b–c auto put a, b and c in one cluster', () => {
    const c = clusterPairs(
      5,
      scored([
        [0, 1, 0.999],
        [1, 2, 0.995],
      ]),
    );
    expect(c.clusterOf[0]).toBe(c.clusterOf[1]);
    expect(c.clusterOf[1]).toBe(c.clusterOf[2]);
    expect(c.clusterOf[3]).not.toBe(c.clusterOf[0]);
    expect(c.clusterOf[4]).not.toBe(c.clusterOf[3]);
    expect(c.clusterCount).toBe(3);
    expect(Array.from(c.autoPairs)).toEqual([0, 1]);
  });

  it('returns review pairs without merging them, and drops non-matches', () => {
    const c = clusterPairs(
      4,
      scored([
        [0, 1, 0.999],
        [1, 2, 0.7],
        [2, 3, 0.2],
      ]),
    );
    expect(c.clusterOf[0]).toBe(c.clusterOf[1]);
    expect(c.clusterOf[2]).not.toBe(c.clusterOf[1]);
    expect(c.clusterOf[3]).not.toBe(c.clusterOf[2]);
    expect(Array.from(c.reviewPairs)).toEqual([1]);
    expect(c.clusterCount).toBe(3);
  });

  it('takes thresholds as options', () => {
    const pairs = scored([[0, 1, 0.7]]);
    expect(clusterPairs(2, pairs, { autoMerge: 0.6 }).clusterCount).toBe(1);
    expect(clusterPairs(2, pairs, { autoMerge: 0.9, review: 0.8 }).reviewPairs).toHaveLength(0);
    expect(() => clusterPairs(2, pairs, { autoMerge: 0.5, review: 0.9 })).toThrow(RangeError);
  });

  it('refuses to join clusters whose keys conflict, most probable pair first', () => {
    // Records 0 and 2 carry conflicting keys; 1 has none. 1–2 is stronger than 0–1.
    const guard = { key: Int32Array.of(10, -1, 20), conflicts: (a: number, b: number) => a !== b };
    const c = clusterPairs(
      3,
      scored([
        [0, 1, 0.995],
        [1, 2, 0.999],
      ]),
      {},
      guard,
    );
    expect(c.clusterOf[1]).toBe(c.clusterOf[2]);
    expect(c.clusterOf[0]).not.toBe(c.clusterOf[1]);
    expect(Array.from(c.refusedPairs)).toEqual([0]);
    expect(Array.from(c.autoPairs)).toEqual([1]);
  });

  it('clusters are exactly the connected components of the auto pairs (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 19 }),
            fc.integer({ min: 0, max: 19 }),
            fc.double({ min: 0, max: 1, noNaN: true }),
          ),
          { maxLength: 40 },
        ),
        (raw) => {
          const list = raw
            .filter(([a, b]) => a !== b)
            .map(([a, b, p]) => [Math.min(a, b), Math.max(a, b), p] as const);
          const c = clusterPairs(20, scored(list));
          // Reference: repeated relaxation of labels over auto pairs.
          const label = Array.from({ length: 20 }, (_, i) => i);
          let changed = true;
          while (changed) {
            changed = false;
            for (const [a, b, p] of list) {
              if (p < 0.99) continue;
              const m = Math.min(label[a]!, label[b]!);
              if (label[a] !== m || label[b] !== m) {
                label[a] = label[b] = m;
                changed = true;
              }
            }
          }
          for (let i = 0; i < 20; i++) {
            for (let j = 0; j < 20; j++) {
              expect(c.clusterOf[i] === c.clusterOf[j]).toBe(label[i] === label[j]);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('DisjointSets', () => {
  it('numbers clusters densely in order of first record', () => {
    const sets = new DisjointSets(5);
    sets.union(3, 4);
    sets.union(1, 3);
    const { clusterOf, clusterCount } = sets.labels();
    expect(Array.from(clusterOf)).toEqual([0, 1, 2, 1, 1]);
    expect(clusterCount).toBe(3);
  });
});
