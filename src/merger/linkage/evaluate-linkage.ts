/**
 * @module merger/linkage/evaluate-linkage
 * Pairwise precision, recall and F1 of a clustering against the true people. A pair of records
 * in one predicted cluster is a true positive when both records are the same person. The counts
 * come from the contingency table of (predicted cluster, true person), built with two counting
 * sorts, so the cost is linear in the number of records; no pair is enumerated.
 */

export interface LinkageMetrics {
  records: number;
  predictedClusters: number;
  trueClusters: number;
  /** Record pairs in the same predicted cluster. */
  predictedPairs: number;
  /** Record pairs of the same true person. */
  truePairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** 1 when nothing was predicted. */
  precision: number;
  /** 1 when there is nothing to find. */
  recall: number;
  f1: number;
}

/** Another name for `LinkageMetrics`. */
export type LinkageQuality = LinkageMetrics;

/** Dense ids 0..k-1 for arbitrary labels, in order of first appearance. */
function denseLabels(labels: ArrayLike<number | string>): { ids: Int32Array; count: number } {
  const map = new Map<number | string, number>();
  const ids = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    let id = map.get(label);
    if (id === undefined) {
      id = map.size;
      map.set(label, id);
    }
    ids[i] = id;
  }
  return { ids, count: map.size };
}

const pairsOf = (k: number): number => (k * (k - 1)) / 2;

/** Pairwise metrics of `predicted` cluster labels against `truth` person labels. */
export function evaluateLinkage(
  predicted: ArrayLike<number | string>,
  truth: ArrayLike<number | string>,
): LinkageMetrics {
  const n = predicted.length;
  if (truth.length !== n) throw new RangeError(`${n} predicted labels but ${truth.length} true labels`);
  const pred = denseLabels(predicted);
  const real = denseLabels(truth);

  const predSize = new Int32Array(pred.count);
  const realSize = new Int32Array(real.count);
  for (let i = 0; i < n; i++) {
    predSize[pred.ids[i]!]!++;
    realSize[real.ids[i]!]!++;
  }
  let predictedPairs = 0;
  for (let c = 0; c < pred.count; c++) predictedPairs += pairsOf(predSize[c]!);
  let truePairs = 0;
  for (let c = 0; c < real.count; c++) truePairs += pairsOf(realSize[c]!);

  // Records sorted by (predicted, true) with two stable counting sorts; runs are table cells.
  const byTruth = countingOrder(
    Int32Array.from({ length: n }, (_, i) => i),
    real.ids,
    real.count,
  );
  const order = countingOrder(byTruth, pred.ids, pred.count);
  let truePositives = 0;
  let run = 0;
  for (let x = 0; x < n; x++) {
    const i = order[x]!;
    const prev = x > 0 ? order[x - 1]! : -1;
    if (prev >= 0 && pred.ids[prev] === pred.ids[i] && real.ids[prev] === real.ids[i]) run++;
    else {
      truePositives += pairsOf(run);
      run = 1;
    }
  }
  truePositives += pairsOf(run);

  const precision = predictedPairs === 0 ? 1 : truePositives / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositives / truePairs;
  return {
    records: n,
    predictedClusters: pred.count,
    trueClusters: real.count,
    predictedPairs,
    truePairs,
    truePositives,
    falsePositives: predictedPairs - truePositives,
    falseNegatives: truePairs - truePositives,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}

function countingOrder(order: Int32Array, key: Int32Array, range: number): Int32Array {
  const starts = new Int32Array(range + 1);
  for (let x = 0; x < order.length; x++) starts[key[order[x]!]! + 1]!++;
  for (let v = 0; v < range; v++) starts[v + 1]! += starts[v]!;
  const out = new Int32Array(order.length);
  for (let x = 0; x < order.length; x++) {
    const i = order[x]!;
    out[starts[key[i]!]!++] = i;
  }
  return out;
}
