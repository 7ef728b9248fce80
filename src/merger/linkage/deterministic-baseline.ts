/**
 * @module merger/linkage/deterministic-baseline
 * The linkage a fund would do without a model, as the bar the probabilistic linkage must clear:
 * records with the same national ID are one person; so are records with the same normalised name
 * (Latin, or Khmer), the same birth date and the same sex. Both passes are united transitively.
 * Names are compared after `normaliseLatinName` / `normaliseKhmerName` (case, spaces,
 * punctuation, zero-width characters), nothing more: no phonetic key, no typo tolerance.
 */
import type { LegacyRecord } from '../legacy-record.js';
import { type BlockKeys, sortByKeys } from './blocking.js';
import { DisjointSets } from './cluster.js';
import { prepareFeatures, type RecordFeatures } from './record-features.js';

export interface BaselineClustering {
  clusterOf: Int32Array;
  clusterCount: number;
}

/** Deterministic clusters: same national ID, or same normalised name + birth date + sex. */
export function deterministicBaseline(
  records: readonly LegacyRecord[],
  features: RecordFeatures = prepareFeatures(records),
): BaselineClustering {
  const n = features.count;
  const sets = new DisjointSets(n);
  const dateSex = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const v = features.birthDate[r]!;
    const y = ((v / 10000) | 0) - 1800;
    const s = features.sex[r]!;
    dateSex[r] =
      v < 0 || s === 0 || y < 0 || y >= 400
        ? -1
        : ((y * 13 + (((v / 100) | 0) % 100)) * 32 + (v % 100)) * 3 + s;
  }
  const range = 400 * 13 * 32 * 3;
  const size = features.strings.size;
  const groups: BlockKeys[] = [
    { columns: [{ values: features.nationalId, range: size }] },
    {
      columns: [
        { values: features.latinName, range: size },
        { values: dateSex, range },
      ],
    },
    {
      columns: [
        { values: features.khmerName, range: size },
        { values: dateSex, range },
      ],
    },
  ];
  for (const keys of groups) {
    const order = sortByKeys(keys);
    for (let x = 1; x < order.length; x++) {
      const i = order[x - 1]!;
      const j = order[x]!;
      if (keys.columns.every((c) => c.values[i] === c.values[j])) sets.union(i, j);
    }
  }
  return sets.labels();
}
