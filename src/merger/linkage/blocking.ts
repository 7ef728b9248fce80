/**
 * @module merger/linkage/blocking
 * Candidate pairs by blocking: records are compared only when they agree on some cheap key. No
 * single key is safe (any field can be wrong or missing), so several rules are applied and their
 * pairs united; each rule is built so that a single error leaves some other rule intact:
 *
 * | rule                                  | key                                            | survives an error in  |
 * | ------------------------------------- | ---------------------------------------------- | --------------------- |
 * | `national-id`                         | ID digits                                      | names, date, sex      |
 * | `birth-date+khmer-family+given-first` | date~ + Khmer family + first letter of given   | ID, Latin, sex, given (not its first letter) |
 * | `birth-date+khmer-family+given-last`  | date~ + Khmer family + last letter of given    | ID, Latin, sex, given (not its last letter)  |
 * | `birth-date+khmer-given`              | date~ + Khmer given                            | ID, Latin, sex, family |
 * | `birth-date+latin-name`               | date~ + Latin phonetic key                     | ID, Khmer, sex        |
 * | `khmer-name+birth-year-month`         | Khmer skeleton + year + month                  | ID, Latin, sex, day   |
 * | `khmer-name+birth-year-day`           | Khmer skeleton + year + day                    | ID, Latin, sex, month |
 * | `khmer-name+day-month`                | Khmer skeleton + {day, month}                  | ID, Latin, sex, year  |
 *
 * "date~" keys the date by year and the set {day, month}, so a date typed with day and month
 * swapped falls in the same block. Khmer keys are skeletons (consonants only), so vowel typos
 * and register marks do not split a block; Latin keys are phonetic keys, so romanisation
 * variants do not either. A typo in a Khmer given name changes its first letter or its last
 * letter, never both (unless the name is one letter), so one of the two family rules keeps it.
 *
 * The rules are narrow on purpose. At three million records "name + birth year" or "family name
 * + birth date" give tens of millions of pairs, nearly all different people with a common name;
 * the narrower keys above find the same single-error duplicates with a few million. Wider rules
 * remain available (`latin-name+birth-year-month`, `latin-name+birth-year-day`,
 * `latin-name+day-month`, the two `missing-birth-date` rules, and the brief's `birth-date+sex`),
 * for data with more than one error per record. The `missing-birth-date` rules emit only the
 * pairs of a name-and-sex block in which at least one record has no birth date.
 *
 * Each rule sorts the records by its key columns with one counting-sort pass per column (no
 * comparisons, no strings) and emits every pair of each run of equal keys. A block that would
 * emit more pairs than a block of `maxBlockSize` records is skipped and counted. Pairs of all
 * rules are then deduplicated with one more counting sort; each distinct pair keeps the bit set
 * of the rules that produced it.
 */
import type { RecordFeatures } from './record-features.js';

export type BlockingRuleName =
  | 'national-id'
  | 'birth-date+khmer-family+given-first'
  | 'birth-date+khmer-family+given-last'
  | 'birth-date+khmer-given'
  | 'birth-date+latin-name'
  | 'khmer-name+birth-year-month'
  | 'khmer-name+birth-year-day'
  | 'khmer-name+day-month'
  | 'latin-name+birth-year-month'
  | 'latin-name+birth-year-day'
  | 'latin-name+day-month'
  | 'khmer-name+missing-birth-date'
  | 'latin-name+missing-birth-date'
  | 'birth-date+sex';

export const DEFAULT_BLOCKING_RULES: readonly BlockingRuleName[] = [
  'national-id',
  'birth-date+khmer-family+given-first',
  'birth-date+khmer-family+given-last',
  'birth-date+khmer-given',
  'birth-date+latin-name',
  'khmer-name+birth-year-month',
  'khmer-name+birth-year-day',
  'khmer-name+day-month',
];

export interface BlockingOptions {
  rules?: readonly BlockingRuleName[];
  /**
   * Blocks that would emit more pairs than a block of this many records are skipped (and
   * counted). Default 1000.
   */
  maxBlockSize?: number;
}

export interface BlockingRuleStats {
  rule: BlockingRuleName;
  /** Blocks that emitted pairs. */
  blocks: number;
  /** Pairs the rule produced (before removing pairs other rules also produced). */
  pairs: number;
  /** Pairs that no earlier rule in the list had produced. */
  newPairs: number;
  /** Blocks too large, skipped. */
  skippedBlocks: number;
  /** Records in skipped blocks. */
  skippedRecords: number;
  /** Pairs the skipped blocks would have produced. */
  skippedPairs: number;
  /** Size of the largest block used. */
  largestBlock: number;
}

export interface CandidatePairs {
  /** Number of distinct pairs. */
  count: number;
  /** Smaller record index of each pair (pairs sorted by it). */
  left: Int32Array;
  /** Larger record index of each pair. */
  right: Int32Array;
  /** Bit k set when rule k (in `rules` order) produced the pair. */
  ruleBits: Uint16Array;
  rules: readonly BlockingRuleName[];
  stats: BlockingRuleStats[];
}

/** One key column: values 0..range-1, or -1 when the record has no key. */
export interface KeyColumn {
  values: Int32Array;
  range: number;
}

/** The key of a blocking rule: records agree when they agree on every column. */
export interface BlockKeys {
  columns: KeyColumn[];
  /** When set, only pairs with at least one record marked 1 are emitted. */
  anchor?: Uint8Array;
}

const YEAR_BASE = 1800;
const YEAR_SPAN = 400;

/** The blocking key columns of a rule. */
export function blockingKeys(f: RecordFeatures, rule: BlockingRuleName): BlockKeys {
  const key = (values: Int32Array): KeyColumn => ({ values, range: f.keyCount });
  const letter = (values: Int32Array): KeyColumn => ({ values, range: 0x80 });
  const date = (): KeyColumn => ({ values: unorderedDateKey(f.birthDate), range: YEAR_SPAN * 1024 });
  const yearMonth = (): KeyColumn => ({
    values: dateKey(f.birthDate, (y, m) => y * 16 + m),
    range: YEAR_SPAN * 16,
  });
  const yearDay = (): KeyColumn => ({
    values: dateKey(f.birthDate, (y, _, d) => y * 32 + d),
    range: YEAR_SPAN * 32,
  });
  const dayMonth = (): KeyColumn => ({
    values: dateKey(f.birthDate, (_, m, d) => (m < d ? m * 32 + d : d * 32 + m)),
    range: 1024,
  });
  switch (rule) {
    case 'national-id':
      return { columns: [{ values: f.nationalId, range: f.strings.size }] };
    case 'birth-date+khmer-family+given-first':
      return { columns: [key(f.khmerFamilySkeleton), date(), letter(f.khmerGivenFirst)] };
    case 'birth-date+khmer-family+given-last':
      return { columns: [key(f.khmerFamilySkeleton), date(), letter(f.khmerGivenLast)] };
    case 'birth-date+khmer-given':
      return { columns: [key(f.khmerGivenSkeleton), date()] };
    case 'birth-date+latin-name':
      return { columns: [key(f.latinKey), date()] };
    case 'khmer-name+birth-year-month':
      return { columns: [key(f.khmerSkeleton), yearMonth()] };
    case 'khmer-name+birth-year-day':
      return { columns: [key(f.khmerSkeleton), yearDay()] };
    case 'khmer-name+day-month':
      return { columns: [key(f.khmerSkeleton), dayMonth()] };
    case 'latin-name+birth-year-month':
      return { columns: [key(f.latinKey), yearMonth()] };
    case 'latin-name+birth-year-day':
      return { columns: [key(f.latinKey), yearDay()] };
    case 'latin-name+day-month':
      return { columns: [key(f.latinKey), dayMonth()] };
    case 'khmer-name+missing-birth-date':
      return { columns: [key(f.khmerSkeleton), sexKey(f.sex)], anchor: missingDate(f.birthDate) };
    case 'latin-name+missing-birth-date':
      return { columns: [key(f.latinKey), sexKey(f.sex)], anchor: missingDate(f.birthDate) };
    case 'birth-date+sex':
      return { columns: [date(), sexKey(f.sex)] };
  }
}

/** A key from the year (offset from 1800), month and day of each date; -1 when missing. */
function dateKey(dates: Int32Array, fn: (y: number, m: number, d: number) => number): Int32Array {
  const out = new Int32Array(dates.length);
  for (let r = 0; r < dates.length; r++) {
    const v = dates[r]!;
    const y = ((v / 10000) | 0) - YEAR_BASE;
    out[r] = v < 0 || y < 0 || y >= YEAR_SPAN ? -1 : fn(y, ((v / 100) | 0) % 100, v % 100);
  }
  return out;
}

/** Year and the unordered pair {day, month}: a date and its day/month swap share the key. */
function unorderedDateKey(dates: Int32Array): Int32Array {
  return dateKey(dates, (y, m, d) => y * 1024 + (m < d ? m * 32 + d : d * 32 + m));
}

function missingDate(dates: Int32Array): Uint8Array {
  const out = new Uint8Array(dates.length);
  for (let r = 0; r < dates.length; r++) out[r] = dates[r]! < 0 ? 1 : 0;
  return out;
}

function sexKey(sex: Uint8Array): KeyColumn {
  const values = new Int32Array(sex.length);
  for (let r = 0; r < sex.length; r++) values[r] = sex[r] === 0 ? -1 : sex[r]!;
  return { values, range: 3 };
}

/**
 * Indices of the records that have every key column, sorted by the columns (first column
 * slowest): one stable counting sort per column, last column first.
 */
export function sortByKeys(keys: BlockKeys): Int32Array {
  const columns = keys.columns;
  const n = columns[0]!.values.length;
  const has = (r: number): boolean => {
    for (const c of columns) if (c.values[r]! < 0) return false;
    return true;
  };
  let valid = 0;
  for (let r = 0; r < n; r++) if (has(r)) valid++;
  let order = new Int32Array(valid);
  let k = 0;
  for (let r = 0; r < n; r++) if (has(r)) order[k++] = r;
  for (let c = columns.length - 1; c >= 0; c--)
    order = countingSort(order, columns[c]!.values, columns[c]!.range);
  return order;
}

/** Stable counting sort of `order` by `key[order[i]]` (keys in 0..range-1). */
function countingSort(order: Int32Array, key: Int32Array, range: number): Int32Array<ArrayBuffer> {
  const counts = new Int32Array(range + 1);
  for (let i = 0; i < order.length; i++) counts[key[order[i]!]! + 1]!++;
  for (let v = 0; v < range; v++) counts[v + 1]! += counts[v]!;
  const out = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    out[counts[key[r]!]!++] = r;
  }
  return out;
}

/** Starts of the runs of equal keys in a sorted order, plus `order.length` at the end. */
function blockStarts(order: Int32Array, keys: BlockKeys): Int32Array {
  const columns = keys.columns.map((c) => c.values);
  const width = columns.length;
  const starts: number[] = [];
  let first = -1;
  for (let x = 0; x < order.length; x++) {
    const r = order[x]!;
    let same = first >= 0;
    for (let c = 0; same && c < width; c++) same = columns[c]![r] === columns[c]![first];
    if (!same) {
      starts.push(x);
      first = r;
    }
  }
  starts.push(order.length);
  return Int32Array.from(starts);
}

/** The distinct candidate pairs of the records, over the blocking rules. */
export function candidatePairs(f: RecordFeatures, options: BlockingOptions = {}): CandidatePairs {
  const rules = options.rules ?? DEFAULT_BLOCKING_RULES;
  if (rules.length > 16) throw new RangeError('at most 16 blocking rules');
  const maxBlock = options.maxBlockSize ?? 1000;
  const maxPairs = (maxBlock * (maxBlock - 1)) / 2;
  const stats: BlockingRuleStats[] = [];
  const perRule: { left: Int32Array; right: Int32Array }[] = [];

  for (const rule of rules) {
    const keys = blockingKeys(f, rule);
    const order = sortByKeys(keys);
    const anchor = keys.anchor;
    const s: BlockingRuleStats = {
      rule,
      blocks: 0,
      pairs: 0,
      newPairs: 0,
      skippedBlocks: 0,
      skippedRecords: 0,
      skippedPairs: 0,
      largestBlock: 0,
    };
    const pairsOf = (start: number, end: number): number => {
      const size = end - start;
      if (anchor === undefined) return (size * (size - 1)) / 2;
      let anchored = 0;
      for (let x = start; x < end; x++) anchored += anchor[order[x]!]!;
      return (anchored * (anchored - 1)) / 2 + anchored * (size - anchored);
    };
    // First pass: count, so the pair arrays are allocated once at their size.
    const starts = blockStarts(order, keys);
    for (let b = 0; b + 1 < starts.length; b++) {
      const start = starts[b]!;
      const end = starts[b + 1]!;
      const count = pairsOf(start, end);
      if (count > maxPairs) {
        s.skippedBlocks++;
        s.skippedRecords += end - start;
        s.skippedPairs += count;
      } else if (count > 0) {
        s.blocks++;
        s.pairs += count;
        if (end - start > s.largestBlock) s.largestBlock = end - start;
      }
    }
    const left = new Int32Array(s.pairs);
    const right = new Int32Array(s.pairs);
    let k = 0;
    for (let b = 0; b + 1 < starts.length; b++) {
      const start = starts[b]!;
      const end = starts[b + 1]!;
      if (end - start < 2) continue;
      const count = pairsOf(start, end);
      if (count === 0 || count > maxPairs) continue;
      for (let x = start; x < end; x++) {
        const i = order[x]!;
        const anchoredI = anchor === undefined || anchor[i] === 1;
        for (let y = x + 1; y < end; y++) {
          const j = order[y]!;
          if (!anchoredI && anchor![j] !== 1) continue;
          left[k] = Math.min(i, j);
          right[k] = Math.max(i, j);
          k++;
        }
      }
    }
    perRule.push({ left, right });
    stats.push(s);
  }
  return deduplicate(f.count, perRule, rules, stats);
}

/** Distinct pairs sorted by left index, each with the bit set of its rules. */
function deduplicate(
  n: number,
  perRule: readonly { left: Int32Array; right: Int32Array }[],
  rules: readonly BlockingRuleName[],
  stats: BlockingRuleStats[],
): CandidatePairs {
  let total = 0;
  for (const r of perRule) total += r.left.length;
  // Counting sort of all pairs by left index; rule order is kept within a left index.
  const starts = new Int32Array(n + 1);
  for (const r of perRule) for (let p = 0; p < r.left.length; p++) starts[r.left[p]! + 1]!++;
  for (let i = 0; i < n; i++) starts[i + 1]! += starts[i]!;
  const fill = starts.slice(0, n);
  const sortedRight = new Int32Array(total);
  const sortedRule = new Uint8Array(total);
  perRule.forEach((r, ruleIndex) => {
    for (let p = 0; p < r.left.length; p++) {
      const at = fill[r.left[p]!]!++;
      sortedRight[at] = r.right[p]!;
      sortedRule[at] = ruleIndex;
    }
  });

  const lastLeft = new Int32Array(n).fill(-1);
  const slot = new Int32Array(n);
  let count = 0;
  // Distinct pairs are written in place over the sorted arrays (count never passes x).
  const outLeft = new Int32Array(total);
  const outBits = new Uint16Array(total);
  for (let i = 0; i < n; i++) {
    for (let x = starts[i]!; x < starts[i + 1]!; x++) {
      const j = sortedRight[x]!;
      const bit = 1 << sortedRule[x]!;
      if (lastLeft[j] === i) {
        outBits[slot[j]!]! |= bit;
      } else {
        lastLeft[j] = i;
        slot[j] = count;
        outLeft[count] = i;
        sortedRight[count] = j;
        outBits[count] = bit;
        count++;
      }
    }
  }
  for (let p = 0; p < count; p++) {
    const bits = outBits[p]!;
    stats[31 - Math.clz32(bits & -bits)]!.newPairs++;
  }
  return {
    count,
    left: outLeft.slice(0, count),
    right: sortedRight.slice(0, count),
    ruleBits: outBits.slice(0, count),
    rules,
    stats,
  };
}
