/**
 * @module merger/linkage/comparators
 * How two records compare, field by field, as a discrete level per field. Level 0 of every field
 * is "missing on either side": it carries no evidence (weight 0), whatever the model learns.
 * The other levels run from the strongest agreement to disagreement.
 *
 * A pair's levels are packed into one integer, its comparison pattern (mixed radix over the
 * fields, in `FIELDS` order), so a candidate pair costs two bytes and the model works on the
 * histogram of patterns.
 */
import { jaroWinklerCodes, osaDistanceCodes } from './compare-strings.js';
import type { RecordFeatures } from './record-features.js';

export type FieldName = 'name' | 'birthDate' | 'sex' | 'nationalId';

export interface FieldDefinition {
  readonly name: FieldName;
  /** Level names; index 0 is always `missing`. */
  readonly levels: readonly string[];
}

export const LATIN_NAME = {
  missing: 0,
  exact: 1,
  phonetic: 2,
  similar: 3,
  weak: 4,
  different: 5,
} as const;
export const KHMER_NAME = { missing: 0, exact: 1, skeletonOrOneEdit: 2, similar: 3, different: 4 } as const;
export const BIRTH_DATE = {
  missing: 0,
  exact: 1,
  dayMonthSwapped: 2,
  oneComponent: 3,
  different: 4,
} as const;
export const SEX = { missing: 0, agree: 1, disagree: 2 } as const;
export const NATIONAL_ID = { missing: 0, exact: 1, oneEdit: 2, different: 3 } as const;

export const LATIN_LEVELS: readonly string[] = [
  'missing',
  'exact (normalised)',
  'same phonetic key',
  'Jaro-Winkler ≥ high',
  'Jaro-Winkler ≥ medium',
  'different',
];
export const KHMER_LEVELS: readonly string[] = [
  'missing',
  'exact',
  'same skeleton or one edit',
  'Jaro-Winkler ≥ similar',
  'different',
];

/**
 * The name field joins the Khmer and the Latin comparison: level = Khmer level × 6 + Latin level.
 * They are one field because they are not independent: two different people called សុខ ដារ៉ា
 * are both called SOK DARA, so counting the two agreements as separate evidence would count the
 * same coincidence twice (about 12 bits on these registers). As one field, the model learns how
 * often each combination occurs among matches and non-matches.
 */
export const NAME_LEVELS: readonly string[] = KHMER_LEVELS.flatMap((k) =>
  LATIN_LEVELS.map((l) => (k === 'missing' && l === 'missing' ? 'missing' : `Khmer ${k}; Latin ${l}`)),
);

/** The name level of a Khmer level and a Latin level. */
export function nameLevel(khmer: number, latin: number): number {
  return khmer * LATIN_LEVELS.length + latin;
}

/** The compared fields and their levels, in pattern order. */
export const FIELDS: readonly FieldDefinition[] = [
  { name: 'name', levels: NAME_LEVELS },
  {
    name: 'birthDate',
    levels: ['missing', 'exact', 'day and month swapped', 'one of day, month, year differs', 'different'],
  },
  { name: 'sex', levels: ['missing', 'agree', 'disagree'] },
  { name: 'nationalId', levels: ['missing', 'exact', 'one substitution or transposition', 'different'] },
];

/** Levels per field, in `FIELDS` order. */
export const LEVEL_COUNTS: readonly number[] = FIELDS.map((f) => f.levels.length);

/** Number of distinct comparison patterns (product of the level counts). */
export const PATTERN_COUNT = LEVEL_COUNTS.reduce((a, b) => a * b, 1);

export interface ComparisonSettings {
  /** Jaro-Winkler of normalised Latin names at or above which they are `similar`. */
  latinHigh: number;
  /** Jaro-Winkler at or above which they are `weak` (below: `different`). */
  latinMedium: number;
  /** Jaro-Winkler of Khmer names at or above which they are `similar`. */
  khmerSimilar: number;
}

export const DEFAULT_COMPARISON: ComparisonSettings = {
  latinHigh: 0.92,
  latinMedium: 0.84,
  khmerSimilar: 0.85,
};

/** Latin name level of records i and j. */
export function compareLatinName(f: RecordFeatures, i: number, j: number, s: ComparisonSettings): number {
  const a = f.latinName[i]!;
  const b = f.latinName[j]!;
  if (a < 0 || b < 0) return LATIN_NAME.missing;
  if (a === b) return LATIN_NAME.exact;
  if (f.latinKey[i] === f.latinKey[j]) return LATIN_NAME.phonetic;
  const t = f.strings;
  const pool = t.codes();
  const jw = jaroWinklerCodes(pool, t.start(a), t.length(a), pool, t.start(b), t.length(b));
  if (jw >= s.latinHigh) return LATIN_NAME.similar;
  if (jw >= s.latinMedium) return LATIN_NAME.weak;
  return LATIN_NAME.different;
}

/** Khmer name level of records i and j. */
export function compareKhmerName(f: RecordFeatures, i: number, j: number, s: ComparisonSettings): number {
  const a = f.khmerName[i]!;
  const b = f.khmerName[j]!;
  if (a < 0 || b < 0) return KHMER_NAME.missing;
  if (a === b) return KHMER_NAME.exact;
  const ka = f.khmerSkeleton[i]!;
  if (ka >= 0 && ka === f.khmerSkeleton[j]) return KHMER_NAME.skeletonOrOneEdit;
  const t = f.strings;
  const pool = t.codes();
  const sa = t.start(a);
  const la = t.length(a);
  const sb = t.start(b);
  const lb = t.length(b);
  if (osaDistanceCodes(pool, sa, la, pool, sb, lb, 1) <= 1) return KHMER_NAME.skeletonOrOneEdit;
  if (jaroWinklerCodes(pool, sa, la, pool, sb, lb) >= s.khmerSimilar) return KHMER_NAME.similar;
  return KHMER_NAME.different;
}

/** Birth date level of two yyyymmdd integers (-1 missing). */
export function compareBirthDate(a: number, b: number): number {
  if (a < 0 || b < 0) return BIRTH_DATE.missing;
  if (a === b) return BIRTH_DATE.exact;
  const ya = (a / 10000) | 0;
  const yb = (b / 10000) | 0;
  const ma = ((a / 100) | 0) % 100;
  const mb = ((b / 100) | 0) % 100;
  const da = a % 100;
  const db = b % 100;
  if (ya === yb && ma === db && da === mb) return BIRTH_DATE.dayMonthSwapped;
  const differing = (ya !== yb ? 1 : 0) + (ma !== mb ? 1 : 0) + (da !== db ? 1 : 0);
  return differing === 1 ? BIRTH_DATE.oneComponent : BIRTH_DATE.different;
}

/** Sex level of two codes (0 missing, 1 male, 2 female). */
export function compareSex(a: number, b: number): number {
  if (a === 0 || b === 0) return SEX.missing;
  return a === b ? SEX.agree : SEX.disagree;
}

/** National ID level of records i and j. */
export function compareNationalId(f: RecordFeatures, i: number, j: number): number {
  const a = f.nationalId[i]!;
  const b = f.nationalId[j]!;
  if (a < 0 || b < 0) return NATIONAL_ID.missing;
  if (a === b) return NATIONAL_ID.exact;
  const t = f.strings;
  const pool = t.codes();
  const d = osaDistanceCodes(pool, t.start(a), t.length(a), pool, t.start(b), t.length(b), 1);
  return d <= 1 ? NATIONAL_ID.oneEdit : NATIONAL_ID.different;
}

// Mixed-radix multipliers, in FIELDS order: name varies slowest, national ID fastest.
const R_ID = LEVEL_COUNTS[3]!;
const R_SEX = LEVEL_COUNTS[2]! * R_ID;
const R_BIRTH = LEVEL_COUNTS[1]! * R_SEX;

/** The joint name level of records i and j (see `NAME_LEVELS`). */
export function compareNames(f: RecordFeatures, i: number, j: number, s: ComparisonSettings): number {
  return nameLevel(compareKhmerName(f, i, j, s), compareLatinName(f, i, j, s));
}

/** The comparison pattern of records i and j. */
export function comparePair(f: RecordFeatures, i: number, j: number, s: ComparisonSettings): number {
  return (
    compareNames(f, i, j, s) * R_BIRTH +
    compareBirthDate(f.birthDate[i]!, f.birthDate[j]!) * R_SEX +
    compareSex(f.sex[i]!, f.sex[j]!) * R_ID +
    compareNationalId(f, i, j)
  );
}

/** Packs one level per field (in `FIELDS` order) into a pattern. */
export function encodePattern(levels: readonly number[]): number {
  let code = 0;
  for (let k = 0; k < LEVEL_COUNTS.length; k++) code = code * LEVEL_COUNTS[k]! + levels[k]!;
  return code;
}

/** The level of each field in a pattern, in `FIELDS` order. */
export function decodePattern(pattern: number): number[] {
  const levels = new Array<number>(LEVEL_COUNTS.length);
  for (let k = LEVEL_COUNTS.length - 1; k >= 0; k--) {
    levels[k] = pattern % LEVEL_COUNTS[k]!;
    pattern = Math.floor(pattern / LEVEL_COUNTS[k]!);
  }
  return levels;
}

/** The level of field `k` in a pattern. */
export function patternLevel(pattern: number, k: number): number {
  let p = pattern;
  for (let q = LEVEL_COUNTS.length - 1; q > k; q--) p = Math.floor(p / LEVEL_COUNTS[q]!);
  return p % LEVEL_COUNTS[k]!;
}
