/**
 * @module merger/linkage/cluster
 * From scored pairs to people. Pairs at or above the auto-merge threshold are merged, and merging
 * is transitive (union-find): a–b and b–c put a, b and c in one cluster. Pairs between the review
 * threshold and the auto-merge threshold are NOT merged; they are returned for clerical review.
 * Pairs below the review threshold are non-matches.
 *
 * Optional guard against chains: a cluster keeps the first conflict key it meets (the linkage
 * passes the national ID), and two clusters whose keys conflict (IDs more than one edit apart)
 * are not merged even by an auto pair; such pairs are returned as refused, for review. Auto pairs
 * are applied from the most to the least probable, so the strongest evidence decides which side
 * of a conflict a record joins. Only one key is kept per cluster, so a cluster may still hold two
 * IDs that are each one edit from its key.
 */

export interface ClusterThresholds {
  /** Posterior match probability at or above which a pair is merged. Default 0.99. */
  autoMerge: number;
  /** Probability at or above which a pair not merged goes to review. Default 0.5. */
  review: number;
}

export const DEFAULT_THRESHOLDS: ClusterThresholds = { autoMerge: 0.99, review: 0.5 };

export interface ScoredPairs {
  count: number;
  left: Int32Array;
  right: Int32Array;
  probability: ArrayLike<number>;
}

export interface ConflictGuard {
  /** Per record, its key (e.g. national ID id), or -1 for none. */
  key: Int32Array;
  /** Whether two different keys may not share a cluster. */
  conflicts(a: number, b: number): boolean;
}

export interface Clustering {
  /** Cluster of each record, numbered 0.. in order of first record. */
  clusterOf: Int32Array;
  clusterCount: number;
  /** Indices of the pairs merged (at or above the auto-merge threshold and not refused). */
  autoPairs: Int32Array;
  /** Indices of the pairs between the thresholds, not merged. */
  reviewPairs: Int32Array;
  /** Indices of auto pairs refused because their clusters' keys conflict. */
  refusedPairs: Int32Array;
}

/** Union-find over `n` records with union by size and path halving. */
export class DisjointSets {
  readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      const up = parent[parent[x]!]!;
      parent[x] = up;
      x = up;
    }
    return x;
  }

  /** Joins the sets of a and b; returns the new root. */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return ra;
    if (this.size[ra]! < this.size[rb]!) {
      const t = ra;
      ra = rb;
      rb = t;
    }
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    return ra;
  }

  /** Dense cluster numbers, in order of each cluster's first record. */
  labels(): { clusterOf: Int32Array; clusterCount: number } {
    const n = this.parent.length;
    const label = new Int32Array(n).fill(-1);
    const clusterOf = new Int32Array(n);
    let next = 0;
    for (let i = 0; i < n; i++) {
      const root = this.find(i);
      if (label[root] === -1) label[root] = next++;
      clusterOf[i] = label[root]!;
    }
    return { clusterOf, clusterCount: next };
  }
}

/** Clusters `n` records from scored pairs. */
export function clusterPairs(
  n: number,
  pairs: ScoredPairs,
  thresholds: Partial<ClusterThresholds> = {},
  guard?: ConflictGuard,
): Clustering {
  const autoMerge = thresholds.autoMerge ?? DEFAULT_THRESHOLDS.autoMerge;
  const review = thresholds.review ?? DEFAULT_THRESHOLDS.review;
  if (!(review <= autoMerge))
    throw new RangeError('the review threshold must not exceed the auto-merge threshold');
  const { probability } = pairs;

  const autoCandidates: number[] = [];
  const reviewPairs: number[] = [];
  for (let p = 0; p < pairs.count; p++) {
    const q = probability[p]!;
    if (q >= autoMerge) autoCandidates.push(p);
    else if (q >= review) reviewPairs.push(p);
  }
  autoCandidates.sort((x, y) => probability[y]! - probability[x]! || x - y);

  const sets = new DisjointSets(n);
  const clusterKey = guard ? Int32Array.from(guard.key) : null;
  const merged: number[] = [];
  const refused: number[] = [];
  for (const p of autoCandidates) {
    const ra = sets.find(pairs.left[p]!);
    const rb = sets.find(pairs.right[p]!);
    if (ra === rb) {
      merged.push(p);
      continue;
    }
    if (clusterKey !== null) {
      const ka = clusterKey[ra]!;
      const kb = clusterKey[rb]!;
      if (ka >= 0 && kb >= 0 && ka !== kb && guard!.conflicts(ka, kb)) {
        refused.push(p);
        continue;
      }
      const root = sets.union(ra, rb);
      clusterKey[root] = ka >= 0 ? ka : kb;
    } else {
      sets.union(ra, rb);
    }
    merged.push(p);
  }
  merged.sort((x, y) => x - y);
  refused.sort((x, y) => x - y);
  const { clusterOf, clusterCount } = sets.labels();
  return {
    clusterOf,
    clusterCount,
    autoPairs: Int32Array.from(merged),
    reviewPairs: Int32Array.from(reviewPairs),
    refusedPairs: Int32Array.from(refused),
  };
}
