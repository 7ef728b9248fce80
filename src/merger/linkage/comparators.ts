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
import { jaroWinklerCodes, withinOneEdit } from './compare-strings.js';
import type { RecordFeatures } from './record-features.js';
import { Slab } from './slab.js';

export type FieldName = 'name' | 'birthDate' | 'sex' | 'nationalId' | 'history';

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
  { name: 'history', levels: ['missing', 'one follows the other', 'years apart', 'overlapping'] },
];

/**
 * History levels of two records of the same register: a worker registered again after changing
 * employer has two records whose active spans follow each other (`follows`, a gap of at most
 * `HISTORY_FOLLOW_MONTHS`); two different people with the same name and birth date are usually
 * insured at the same time (`overlapping`, more than `HISTORY_OVERLAP_MONTHS` months in common).
 * Records of different registers may legitimately overlap (a civil servant with a private job),
 * and records without spells say nothing: both are `missing`.
 */
export const HISTORY = { missing: 0, follows: 1, apart: 2, overlapping: 3 } as const;
export const HISTORY_FOLLOW_MONTHS = 12;
export const HISTORY_OVERLAP_MONTHS = 2;

/** History level of records i and j (see `HISTORY`). */
export function compareHistory(f: RecordFeatures, i: number, j: number): number {
  if (f.source[i] !== f.source[j]) return HISTORY.missing;
  const fa = f.activeFrom[i]!;
  const fb = f.activeFrom[j]!;
  if (fa < 0 || fb < 0) return HISTORY.missing;
  const ta = f.activeTo[i]!;
  const tb = f.activeTo[j]!;
  const common = Math.min(ta, tb) - Math.max(fa, fb) + 1;
  if (common > HISTORY_OVERLAP_MONTHS) return HISTORY.overlapping;
  return -common <= HISTORY_FOLLOW_MONTHS ? HISTORY.follows : HISTORY.apart;
}

const R_HISTORY = 4;

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
  if (withinOneEdit(pool, sa, la, pool, sb, lb)) return KHMER_NAME.skeletonOrOneEdit;
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
  return withinOneEdit(pool, t.start(a), t.length(a), pool, t.start(b), t.length(b))
    ? NATIONAL_ID.oneEdit
    : NATIONAL_ID.different;
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
    (compareNames(f, i, j, s) * R_BIRTH +
      compareBirthDate(f.birthDate[i]!, f.birthDate[j]!) * R_SEX +
      compareSex(f.sex[i]!, f.sex[j]!) * R_ID +
      compareNationalId(f, i, j)) *
      R_HISTORY +
    compareHistory(f, i, j)
  );
}

/** Patterns of many pairs of the same records (see `pairComparator`). */
export interface PairComparator {
  /** The pattern of records i and j (`comparePair`). */
  compare(i: number, j: number): number;
  /** `out[p] = compare(left[p], right[p])` for p in [from, to). */
  compareAll(left: Int32Array, right: Int32Array, out: Uint16Array, from?: number, to?: number): void;
}

/**
 * `comparePair` for many pairs of the same records: the same patterns, faster. What a comparison
 * reads of a record is packed into one 32-byte row (`STRIDE` int32s) plus its active span, so the
 * other record of a pair costs two memory accesses instead of one per column, and `compareAll`
 * copies the rows of a run of pairs in a tight loop whose accesses overlap; the Latin and the
 * Khmer names are renumbered densely with their code points in small pools of their own; national
 * IDs of at most 12 digits are compared by their digits, without the string pool.
 */
export function pairComparator(
  f: RecordFeatures,
  s: ComparisonSettings,
  /** Memory for the rows, reused: the comparator is valid while it is not used for anything else. */
  memory?: Slab,
): PairComparator {
  const rows = packRows(f, memory);
  const { latin, khmer, packed, spans } = rows;
  const { latinHigh, latinMedium, khmerSimilar } = s;
  const { pool, starts, lengths } = f.strings.layout();
  const nationalId = f.nationalId;
  const digitsA = new Int32Array(12);
  const digitsB = new Int32Array(12);

  const latinSlow = (a: number, b: number): number => {
    const st = latin.starts;
    const codes = latin.codes;
    const jw = jaroWinklerCodes(codes, st[a]!, st[a + 1]! - st[a]!, codes, st[b]!, st[b + 1]! - st[b]!);
    if (jw >= latinHigh) return LATIN_NAME.similar;
    if (jw >= latinMedium) return LATIN_NAME.weak;
    return LATIN_NAME.different;
  };
  const khmerSlow = (a: number, b: number): number => {
    const st = khmer.starts;
    const codes = khmer.codes;
    const sa = st[a]!;
    const la = st[a + 1]! - sa;
    const sb = st[b]!;
    const lb = st[b + 1]! - sb;
    if (withinOneEdit(codes, sa, la, codes, sb, lb)) return KHMER_NAME.skeletonOrOneEdit;
    if (jaroWinklerCodes(codes, sa, la, codes, sb, lb) >= khmerSimilar) return KHMER_NAME.similar;
    return KHMER_NAME.different;
  };

  /**
   * The pattern of record i (row `packed[oi]`, span `spans[2i]`) and record j (row `rowsB[ob]`,
   * span `spansB[sb]`).
   */
  const compareRows = (
    oi: number,
    rowsB: Int32Array,
    ob: number,
    spansB: Int32Array,
    sb: number,
    i: number,
    j: number,
  ): number => {
    const la = packed[oi]!;
    const lb = rowsB[ob]!;
    const lka = packed[oi + 1]!;
    const lkb = rowsB[ob + 1]!;
    const ka = packed[oi + 2]!;
    const kb = rowsB[ob + 2]!;
    const ska = packed[oi + 3]!;
    const skb = rowsB[ob + 3]!;
    const da = packed[oi + 4]!;
    const db = rowsB[ob + 4]!;
    const xa = packed[oi + 5]!;
    const xb = rowsB[ob + 5]!;
    const ha = packed[oi + 6]!;
    const hb = rowsB[ob + 6]!;
    const loA = packed[oi + 7]!;
    const loB = rowsB[ob + 7]!;

    let latinLevel: number;
    if (la < 0 || lb < 0) latinLevel = LATIN_NAME.missing;
    else if (la === lb) latinLevel = LATIN_NAME.exact;
    else if (lka === lkb) latinLevel = LATIN_NAME.phonetic;
    else latinLevel = latinSlow(la, lb);

    let khmerLevel: number;
    if (ka < 0 || kb < 0) khmerLevel = KHMER_NAME.missing;
    else if (ka === kb) khmerLevel = KHMER_NAME.exact;
    else if (ska >= 0 && ska === skb) khmerLevel = KHMER_NAME.skeletonOrOneEdit;
    else khmerLevel = khmerSlow(ka, kb);

    let idLevel: number;
    if (ha >= 0 && hb >= 0) {
      // Both IDs are 1–12 digits, packed as (length × 10⁶ + upper six digits, lower six digits).
      if (ha === hb && loA === loB) idLevel = NATIONAL_ID.exact;
      else {
        const lengthA = unpackDigits(ha, loA, digitsA);
        const lengthB = unpackDigits(hb, loB, digitsB);
        idLevel = withinOneEdit(digitsA, 12 - lengthA, lengthA, digitsB, 12 - lengthB, lengthB)
          ? NATIONAL_ID.oneEdit
          : NATIONAL_ID.different;
      }
    } else if (ha === ID_MISSING || hb === ID_MISSING) {
      idLevel = NATIONAL_ID.missing;
    } else {
      const a = nationalId[i]!;
      const b = nationalId[j]!;
      if (a === b) idLevel = NATIONAL_ID.exact;
      else
        idLevel = withinOneEdit(pool, starts[a]!, lengths[a]!, pool, starts[b]!, lengths[b]!)
          ? NATIONAL_ID.oneEdit
          : NATIONAL_ID.different;
    }

    // compareHistory, on the packed register (bits 2..) and span.
    let historyLevel: number = HISTORY.missing;
    const fa = spans[2 * i]!;
    const fb = spansB[sb]!;
    if (xa >> 2 === xb >> 2 && fa >= 0 && fb >= 0) {
      const ta = spans[2 * i + 1]!;
      const tb = spansB[sb + 1]!;
      const common = Math.min(ta, tb) - Math.max(fa, fb) + 1;
      if (common > HISTORY_OVERLAP_MONTHS) historyLevel = HISTORY.overlapping;
      else historyLevel = -common <= HISTORY_FOLLOW_MONTHS ? HISTORY.follows : HISTORY.apart;
    }

    return (
      (nameLevel(khmerLevel, latinLevel) * R_BIRTH +
        compareBirthDate(da, db) * R_SEX +
        compareSex(xa & 3, xb & 3) * R_ID +
        idLevel) *
        R_HISTORY +
      historyLevel
    );
  };

  // The right-hand records of a run of pairs are scattered in memory: their rows are first copied
  // into a small buffer, in a tight loop whose cache misses overlap, and compared from there.
  const CHUNK = 512;
  const gatheredRows = new Int32Array(CHUNK * STRIDE);
  const gatheredSpans = new Int32Array(CHUNK * 2);
  return {
    compare: (i, j) => compareRows(i * STRIDE, packed, j * STRIDE, spans, 2 * j, i, j),
    compareAll(left, right, out, from = 0, to = left.length) {
      for (let start = from; start < to; start += CHUNK) {
        const end = Math.min(to, start + CHUNK);
        for (let p = start, o = 0, q = 0; p < end; p++, o += STRIDE, q += 2) {
          const j = right[p]!;
          const src = j * STRIDE;
          gatheredRows[o] = packed[src]!;
          gatheredRows[o + 1] = packed[src + 1]!;
          gatheredRows[o + 2] = packed[src + 2]!;
          gatheredRows[o + 3] = packed[src + 3]!;
          gatheredRows[o + 4] = packed[src + 4]!;
          gatheredRows[o + 5] = packed[src + 5]!;
          gatheredRows[o + 6] = packed[src + 6]!;
          gatheredRows[o + 7] = packed[src + 7]!;
          gatheredSpans[q] = spans[2 * j]!;
          gatheredSpans[q + 1] = spans[2 * j + 1]!;
        }
        for (let p = start, o = 0, q = 0; p < end; p++, o += STRIDE, q += 2) {
          const i = left[p]!;
          out[p] = compareRows(i * STRIDE, gatheredRows, o, gatheredSpans, q, i, right[p]!);
        }
      }
    },
  };
}

/** Int32s per record in `packRows`. */
const STRIDE = 8;
/** High ID word of a record without a national ID, or with one that is not 1–12 digits. */
const ID_MISSING = -1;
const ID_OTHER = -2;

/** Strings renumbered 0.. in a pool of their own; string k is `codes[starts[k], starts[k+1])`. */
interface DensePool {
  count: number;
  codes: Int32Array;
  starts: Int32Array;
}

/**
 * One row per record: dense Latin name, Latin key, dense Khmer name, Khmer skeleton, birth date,
 * sex + 4 × register, and the national ID in two words (see `pairComparator`); and the active
 * span (first month, last month) of each record. Carved from `memory` when it has room.
 */
function packRows(
  f: RecordFeatures,
  memory?: Slab,
): {
  packed: Int32Array;
  spans: Int32Array;
  latin: DensePool;
  khmer: DensePool;
} {
  const n = f.count;
  const size = f.strings.size;
  const bytes = Slab.bytes([n * STRIDE, 4], [2 * n, 4], [size, 4], [size, 4]);
  const slab = memory !== undefined && memory.free >= bytes ? memory : new Slab(bytes);
  const packed = slab.int32(n * STRIDE);
  const spans = slab.int32(2 * n);
  const denseOfId = slab.int32(size);
  const ids = slab.int32(size);
  const latin = densePool(f, f.latinName, packed, 0, denseOfId, ids, slab);
  const khmer = densePool(f, f.khmerName, packed, 2, denseOfId, ids, slab);
  const {
    latinKey,
    khmerSkeleton,
    birthDate,
    sex,
    source,
    nationalIdNumber,
    nationalId,
    activeFrom,
    activeTo,
  } = f;
  for (let r = 0; r < n; r++) {
    const o = r * STRIDE;
    packed[o + 1] = latinKey[r]!;
    packed[o + 3] = khmerSkeleton[r]!;
    packed[o + 4] = birthDate[r]!;
    packed[o + 5] = sex[r]! | (source[r]! << 2);
    const value = nationalIdNumber[r]!;
    if (value >= 0) {
      const length = Math.floor(value / 1e12);
      const digits = value - length * 1e12;
      const upper = Math.floor(digits / 1e6);
      packed[o + 6] = length * 1e6 + upper;
      packed[o + 7] = digits - upper * 1e6;
    } else {
      packed[o + 6] = nationalId[r]! < 0 ? ID_MISSING : ID_OTHER;
      packed[o + 7] = 0;
    }
    spans[2 * r] = activeFrom[r]!;
    spans[2 * r + 1] = activeTo[r]!;
  }
  return { packed, spans, latin, khmer };
}

/**
 * The distinct strings of a column, renumbered in order of first record into `packed[8r + field]`,
 * with their code points in a pool of their own (from `slab` when it has room).
 */
function densePool(
  f: RecordFeatures,
  column: Int32Array,
  packed: Int32Array,
  field: number,
  denseOfId: Int32Array,
  ids: Int32Array,
  slab: Slab,
): DensePool {
  const n = f.count;
  const { pool, starts, lengths } = f.strings.layout();
  denseOfId.fill(-1);
  let count = 0;
  let total = 0;
  for (let r = 0, o = field; r < n; r++, o += STRIDE) {
    const id = column[r]!;
    if (id < 0) {
      packed[o] = -1;
      continue;
    }
    let dense = denseOfId[id]!;
    if (dense < 0) {
      dense = count++;
      ids[dense] = id;
      denseOfId[id] = dense;
      total += lengths[id]!;
    }
    packed[o] = dense;
  }
  const room = slab.free >= Slab.bytes([total, 4], [count + 1, 4]);
  const codes = room ? slab.int32(total) : new Int32Array(total);
  const denseStarts = room ? slab.int32(count + 1) : new Int32Array(count + 1);
  let at = 0;
  for (let k = 0; k < count; k++) {
    const id = ids[k]!;
    denseStarts[k] = at;
    const from = starts[id]!;
    const length = lengths[id]!;
    for (let c = 0; c < length; c++) codes[at + c] = pool[from + c]!;
    at += length;
  }
  denseStarts[count] = at;
  return { count, codes, starts: denseStarts };
}

/** The digits of a packed ID into `out[12 - length, 12)`; returns the length. */
function unpackDigits(high: number, low: number, out: Int32Array): number {
  const length = (high / 1e6) | 0;
  let upper = high - length * 1e6;
  let lower = low;
  for (let k = 11; k >= 6; k--) {
    const q = (lower / 10) | 0;
    out[k] = lower - q * 10;
    lower = q;
  }
  for (let k = 5; k >= 0; k--) {
    const q = (upper / 10) | 0;
    out[k] = upper - q * 10;
    upper = q;
  }
  return length;
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
