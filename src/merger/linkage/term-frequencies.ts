/**
 * @module merger/linkage/term-frequencies
 * Term-frequency adjustment: agreeing on a common value is weaker evidence than agreeing on a
 * rare one. Two records that share the name សុខ ដារ៉ា (0.6% of the registers) and the birth date
 * 1 January 1980 are far more likely to be two people than two that share a rare name and an
 * ordinary date. The level weights of the model are averages over values; for a pair that agrees
 * exactly on value v, the weight is corrected by log2(S / f(v)), where f(v) is the share of
 * records with value v and S = Σ f² is the chance that two random records agree (the average the
 * level weight already holds). The correction is applied at scoring, after EM, to the name field
 * (when the Khmer names agree exactly, or the Khmer name is missing and the Latin names agree
 * exactly) and to the birth date (when exact). It is clamped, so a value seen once or twice does
 * not earn more than `maxBonus` bits.
 */
import { BIRTH_DATE, KHMER_NAME, LATIN_LEVELS, LATIN_NAME } from './comparators.js';
import type { RecordFeatures } from './record-features.js';
import { Slab } from './slab.js';

export interface TermFrequencies {
  /** log2 of the share of each normalised Khmer name (by string id) among Khmer names. */
  khmerLog2Share: Float64Array;
  /** log2 of the share of each normalised Latin name (by string id) among Latin names. */
  latinLog2Share: Float64Array;
  /** log2 S of Khmer names, of Latin names. */
  khmerLog2Agreement: number;
  latinLog2Agreement: number;
  /** log2 of the share of each birth date, by `dateIndex`. */
  dateLog2Share: Float64Array;
  dateLog2Agreement: number;
  /** Largest positive correction, in bits. */
  maxBonus: number;
  /** Largest negative correction, in bits. */
  maxPenalty: number;
}

/** Dense index of a yyyymmdd date with a year from 1800 to 2199, else -1. */
export function dateIndex(date: number): number {
  const y = ((date / 10000) | 0) - 1800;
  if (date < 0 || y < 0 || y >= 400) return -1;
  return y * 512 + (((date / 100) | 0) % 100) * 32 + (date % 100);
}

/** Shares of a column of ids, as log2 per id, and log2 of the sum of squared shares. */
function shares(
  column: Int32Array,
  size: number,
  counts: Float64Array = new Float64Array(size),
): { log2Share: Float64Array; log2Agreement: number } {
  let total = 0;
  for (let r = 0; r < column.length; r++) {
    const v = column[r]!;
    if (v >= 0) {
      counts[v]!++;
      total++;
    }
  }
  return log2Shares(counts, size, total);
}

/** Counts (of `total`) into log2 shares, in place, and log2 of the sum of squared shares. */
function log2Shares(
  counts: Float64Array,
  size: number,
  total: number,
): { log2Share: Float64Array; log2Agreement: number } {
  let agreement = 0;
  for (let v = 0; v < size; v++) {
    const c = counts[v]!;
    if (c === 0) continue;
    const share = c / total;
    counts[v] = Math.log2(share);
    agreement += share * share;
  }
  return { log2Share: counts, log2Agreement: agreement > 0 ? Math.log2(agreement) : 0 };
}

/** Value shares of the names and birth dates of the records. */
export function termFrequencies(f: RecordFeatures, maxBonus = 6, maxPenalty = 12): TermFrequencies {
  // One allocation (see `Slab`).
  const size = f.strings.size;
  const slab = new Slab(Slab.bytes([size, 8], [size, 8], [400 * 512, 8]));
  const khmer = shares(f.khmerName, size, slab.float64(size));
  const latin = shares(f.latinName, size, slab.float64(size));
  const dateCounts = slab.float64(400 * 512);
  let dated = 0;
  for (let r = 0; r < f.count; r++) {
    const d = dateIndex(f.birthDate[r]!);
    if (d >= 0) {
      dateCounts[d]!++;
      dated++;
    }
  }
  const date = log2Shares(dateCounts, 400 * 512, dated);
  return {
    khmerLog2Share: khmer.log2Share,
    latinLog2Share: latin.log2Share,
    khmerLog2Agreement: khmer.log2Agreement,
    latinLog2Agreement: latin.log2Agreement,
    dateLog2Share: date.log2Share,
    dateLog2Agreement: date.log2Agreement,
    maxBonus,
    maxPenalty,
  };
}

function clamp(x: number, tf: TermFrequencies): number {
  return x > tf.maxBonus ? tf.maxBonus : Math.max(x, -tf.maxPenalty);
}

/** Correction (bits) of the name field for records i and j at the given name level. */
export function nameAdjustment(tf: TermFrequencies, f: RecordFeatures, i: number, nameLevel: number): number {
  const khmer = Math.floor(nameLevel / LATIN_LEVELS.length);
  const latin = nameLevel % LATIN_LEVELS.length;
  if (khmer === KHMER_NAME.exact) {
    return clamp(tf.khmerLog2Agreement - tf.khmerLog2Share[f.khmerName[i]!]!, tf);
  }
  if (khmer === KHMER_NAME.missing && latin === LATIN_NAME.exact) {
    return clamp(tf.latinLog2Agreement - tf.latinLog2Share[f.latinName[i]!]!, tf);
  }
  return 0;
}

/** Correction (bits) of the birth-date field for records i and j at the given level. */
export function birthDateAdjustment(
  tf: TermFrequencies,
  f: RecordFeatures,
  i: number,
  level: number,
): number {
  if (level !== BIRTH_DATE.exact) return 0;
  const d = dateIndex(f.birthDate[i]!);
  return d < 0 ? 0 : clamp(tf.dateLog2Agreement - tf.dateLog2Share[d]!, tf);
}
