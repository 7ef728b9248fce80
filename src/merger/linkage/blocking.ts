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
 * Each rule packs its key columns into one number per record and groups the records by it
 * (`groupKeys`: spread over buckets by a hash, then a small hash table per bucket, in typed
 * arrays; no strings, no comparison sort). A block that would emit more pairs than a block of
 * `maxBlockSize` records is skipped and counted. The blocks kept are laid out one after the other,
 * members in record order; then, record by record, each record is paired with the later members
 * of its block in each rule, and each distinct pair is written once, with the bit set of the
 * rules that produced it: the pairs come out sorted by left record, then by the first rule that
 * produced them, then by right record, as the per-rule lists once were after a deduplicating
 * sort (`test-support/reference-linkage.ts` keeps that plain form, and the tests pin the two).
 */
import type { RecordFeatures } from './record-features.js';
import { Slab } from './slab.js';

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
export function blockingKeys(
  f: RecordFeatures,
  rule: BlockingRuleName,
  /** Derived columns already computed for these features, by name (shared by the rules). */
  derived: Map<string, KeyColumn> = new Map(),
  /** Where derived columns go. */
  allocate: (length: number) => Int32Array = (length) => new Int32Array(length),
): BlockKeys {
  const key = (values: Int32Array): KeyColumn => ({ values, range: f.keyCount });
  const letter = (values: Int32Array): KeyColumn => ({ values, range: 0x80 });
  const once =
    (name: string, make: () => KeyColumn): (() => KeyColumn) =>
    () => {
      let column = derived.get(name);
      if (column === undefined) {
        column = make();
        derived.set(name, column);
      }
      return column;
    };
  const date = once('date', () => ({
    values: unorderedDateKey(f.birthDate, allocate(f.count)),
    range: YEAR_SPAN * 1024,
  }));
  const yearMonth = once('yearMonth', () => ({
    values: dateKey(f.birthDate, allocate(f.count), (y, m) => y * 16 + m),
    range: YEAR_SPAN * 16,
  }));
  const yearDay = once('yearDay', () => ({
    values: dateKey(f.birthDate, allocate(f.count), (y, _, d) => y * 32 + d),
    range: YEAR_SPAN * 32,
  }));
  const dayMonth = once('dayMonth', () => ({
    values: dateKey(f.birthDate, allocate(f.count), (_, m, d) => (m < d ? m * 32 + d : d * 32 + m)),
    range: 1024,
  }));
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
function dateKey(
  dates: Int32Array,
  out: Int32Array,
  fn: (y: number, m: number, d: number) => number,
): Int32Array {
  for (let r = 0; r < dates.length; r++) {
    const v = dates[r]!;
    const y = ((v / 10000) | 0) - YEAR_BASE;
    out[r] = v < 0 || y < 0 || y >= YEAR_SPAN ? -1 : fn(y, ((v / 100) | 0) % 100, v % 100);
  }
  return out;
}

/** Year and the unordered pair {day, month}: a date and its day/month swap share the key. */
function unorderedDateKey(dates: Int32Array, out: Int32Array): Int32Array {
  return dateKey(dates, out, (y, m, d) => y * 1024 + (m < d ? m * 32 + d : d * 32 + m));
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

/** The distinct candidate pairs of the records, over the blocking rules. */
export function candidatePairs(
  f: RecordFeatures,
  options: BlockingOptions = {},
  /** Memory to work in (see `blockingScratchBytes`), reused; its previous contents are lost. */
  memory?: ArrayBuffer,
): CandidatePairs {
  const rules = options.rules ?? DEFAULT_BLOCKING_RULES;
  if (rules.length > 16) throw new RangeError('at most 16 blocking rules');
  const maxBlock = options.maxBlockSize ?? 1000;
  const maxPairs = (maxBlock * (maxBlock - 1)) / 2;
  const n = f.count;
  const stats: BlockingRuleStats[] = [];
  const blocks: RuleBlocks[] = [];
  const columns = new Map<string, KeyColumn>();
  const bytes = blockingScratchBytes(n, rules.length);
  const given = memory !== undefined && memory.byteLength >= bytes;
  const slab = new Slab(given ? memory : bytes);
  const membersBound = n + Math.ceil(n / 2);
  // The grouping scratch first (done with before the pairs are written, which go there when
  // the memory is the caller's and they fit), then the blocks of each rule.
  const scratch = new GroupScratch(n, slab);
  const keys = slab.float64(n);
  const groupOf = slab.int32(n);
  const dateColumns = [slab.int32(n), slab.int32(n), slab.int32(n), slab.int32(n)];
  const allocate = (length: number): Int32Array =>
    length === n && dateColumns.length > 0 ? dateColumns.pop()! : new Int32Array(length);
  const groupingEnd = Math.max(slab.offset, pairRoom(n));
  if (slab.offset < groupingEnd) slab.uint8(groupingEnd - slab.offset);
  const seen = slab.int32(n);
  const slot = slab.int32(n);

  for (const rule of rules) {
    const ruleKeys = blockingKeys(f, rule, columns, allocate);
    const anchor = ruleKeys.anchor;
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
    compositeKeys(ruleKeys.columns, n, keys, scratch);
    const groups = groupKeys(keys, n, groupOf, scratch);
    const size = scratch.size;
    const anchored = scratch.anchored;
    anchored.fill(0, 0, groups);
    if (anchor !== undefined) {
      for (let r = 0; r < n; r++) {
        const g = groupOf[r]!;
        if (g >= 0 && anchor[r] === 1) anchored[g]!++;
      }
    }
    // Blocks to keep (start -1; -2 to skip); each one's members go, in record order and then
    // -1, where the slab is when its first record comes, so that blocks are in order of first
    // record and the pairs are read mostly in order.
    const start = scratch.start;
    for (let g = 0; g < groups; g++) {
      const records = size[g]!;
      const a = anchored[g]!;
      const count =
        anchor === undefined ? (records * (records - 1)) / 2 : (a * (a - 1)) / 2 + a * (records - a);
      start[g] = -2;
      if (count > maxPairs) {
        s.skippedBlocks++;
        s.skippedRecords += records;
        s.skippedPairs += count;
      } else if (count > 0) {
        s.blocks++;
        s.pairs += count;
        if (records > s.largestBlock) s.largestBlock = records;
        start[g] = -1;
      }
    }
    const members = slab.int32(membersBound);
    // A record's position in `members`, or -1 when it is in no block kept or is the last of its
    // block (it has no later member to pair with).
    const position = slab.int32(n);
    let used = 0;
    for (let r = 0; r < n; r++) {
      const g = groupOf[r]!;
      let at = g < 0 ? -2 : start[g]!;
      if (at === -2) {
        position[r] = -1;
        continue;
      }
      if (at === -1) {
        at = used;
        used += size[g]! + 1;
        members[used - 1] = -1;
      }
      members[at] = r;
      start[g] = at + 1;
      position[r] = --size[g]! === 0 ? -1 : at;
    }
    blocks.push({ members: members.subarray(0, used), position, anchor });
    stats.push(s);
  }
  return emitPairs(blocks, rules, stats, seen, slot, given ? new Slab(slab.buffer, 0, groupingEnd) : null);
}

/** Bytes set aside for the pairs in the scratch of `candidatePairs`: 8 pairs per record. */
function pairRoom(n: number): number {
  return Slab.bytes([8 * n, 4], [8 * n, 4], [8 * n, 2]);
}

/**
 * Bytes `candidatePairs` works in: the grouping scratch and the four date columns (then the
 * pairs, when they fit: see `pairRoom`), two arrays for the deduplication, and per rule the
 * position of each record and the members of its blocks (at most 1.5 n: blocks have two records
 * or more, and a -1 after each).
 * When `candidatePairs` is given this memory, its pairs may be views into it.
 */
export function blockingScratchBytes(n: number, rules: number): number {
  const membersBound = n + Math.ceil(n / 2);
  const grouping =
    GroupScratch.bytes(n) + Slab.bytes([n, 8], [n, 4], ...new Array<[number, number]>(4).fill([n, 4]));
  return (
    Math.max(grouping, pairRoom(n)) +
    Slab.bytes([n, 4], [n, 4]) +
    rules * Slab.bytes([n, 4], [membersBound, 4])
  );
}

/** The blocks a rule keeps: where each record sits in `members` (or -1), and its anchor. */
interface RuleBlocks {
  members: Int32Array;
  position: Int32Array;
  anchor: Uint8Array | undefined;
}

/**
 * Each record's pairs with the later members of its blocks, rule after rule, each pair once with
 * the bits of its rules: pairs sorted by left record, then by the first rule that produced them,
 * then by right record.
 */
function emitPairs(
  blocks: readonly RuleBlocks[],
  rules: readonly BlockingRuleName[],
  stats: BlockingRuleStats[],
  /** Scratch, one per record. */
  seen: Int32Array,
  slot: Int32Array,
  /** Where the pairs go when they fit. */
  room: Slab | null,
): CandidatePairs {
  const n = seen.length;
  let total = 0;
  for (const s of stats) total += s.pairs;
  const bytes = Slab.bytes([total, 4], [total, 4], [total, 2]);
  const slab = room !== null && room.free >= bytes ? room : new Slab(bytes);
  const outLeft = slab.int32(total);
  const outRight = slab.int32(total);
  const outBits = slab.uint16(total);
  // A record's pairs are few: they are told apart by scanning them, until they are more than
  // SCAN; then `seen[j] === i` marks j as already paired with i, at `slot[j]`.
  const SCAN = 32;
  seen.fill(-1);
  const newPairs = new Float64Array(rules.length);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const first = count;
    let marked = false;
    for (let k = 0; k < blocks.length; k++) {
      const { members, position, anchor } = blocks[k]!;
      const at = position[i]!;
      if (at < 0) continue;
      const bit = 1 << k;
      const anchoredI = anchor === undefined || anchor[i] === 1;
      for (let y = at + 1; ; y++) {
        const j = members[y]!;
        if (j < 0) break;
        if (!anchoredI && anchor![j] !== 1) continue;
        let known = -1;
        if (marked) {
          if (seen[j] === i) known = slot[j]!;
        } else {
          for (let x = first; x < count; x++) {
            if (outRight[x] === j) {
              known = x;
              break;
            }
          }
        }
        if (known >= 0) {
          outBits[known]! |= bit;
          continue;
        }
        outLeft[count] = i;
        outRight[count] = j;
        outBits[count] = bit;
        newPairs[k]!++;
        if (marked) {
          seen[j] = i;
          slot[j] = count;
        }
        count++;
        if (!marked && count - first > SCAN) {
          marked = true;
          for (let x = first; x < count; x++) {
            seen[outRight[x]!] = i;
            slot[outRight[x]!] = x;
          }
        }
      }
    }
  }
  for (let k = 0; k < stats.length; k++) stats[k]!.newPairs = newPairs[k]!;
  return {
    count,
    left: outLeft.subarray(0, count),
    right: outRight.subarray(0, count),
    ruleBits: outBits.subarray(0, count),
    rules,
    stats,
  };
}

/** Scratch arrays of `candidatePairs`, for n records, shared by its rules. */
export class GroupScratch {
  /** Records in bucket order, and their keys. */
  readonly order: Int32Array;
  readonly orderedKeys: Float64Array;
  /** Per group: key, size, anchored records, next member slot. */
  readonly groupKey: Float64Array;
  readonly size: Int32Array;
  readonly anchored: Int32Array;
  readonly start: Int32Array;
  /** Per bucket: first record in `order`. */
  bucketStart = new Int32Array(0);
  /** Open-addressing table of one bucket (group + 1, 0 empty). */
  table = new Int32Array(0);

  constructor(n: number, slab = new Slab(GroupScratch.bytes(n))) {
    this.order = slab.int32(n);
    this.orderedKeys = slab.float64(n);
    this.groupKey = slab.float64(n);
    this.size = slab.int32(n);
    this.anchored = slab.int32(n);
    this.start = slab.int32(n);
  }

  /** Bytes of the scratch for n records. */
  static bytes(n: number): number {
    return Slab.bytes([n, 4], [n, 8], [n, 8], [n, 4], [n, 4], [n, 4]);
  }
}

/** Largest composite key: below it, integers are exact doubles. */
const MAX_KEY = 2 ** 53;

/**
 * One number per record for all its key columns (mixed radix), or -1 when a column is missing.
 * When the product of the ranges would pass 2⁵³, the columns so far are first renumbered densely
 * by `groupKeys`.
 */
export function compositeKeys(
  columns: readonly KeyColumn[],
  n: number,
  out: Float64Array,
  scratch: GroupScratch = new GroupScratch(n),
  limit = MAX_KEY,
): void {
  out.fill(0, 0, n);
  let range = 1;
  let dense: Int32Array | null = null;
  for (const column of columns) {
    if (range * column.range > limit) {
      dense ??= new Int32Array(n);
      range = groupKeys(out, n, dense, scratch);
      for (let r = 0; r < n; r++) out[r] = dense[r]!;
    }
    const values = column.values;
    const radix = column.range;
    for (let r = 0; r < n; r++) {
      const key = out[r]!;
      if (key < 0) continue;
      const v = values[r]!;
      out[r] = v < 0 ? -1 : key * radix + v;
    }
    range *= radix;
  }
  if (columns.length === 0) out.fill(-1, 0, n);
}

/**
 * Groups the records by key (keys ≥ 0; -1 is no group): `groupOf[r]` is the group of record r,
 * numbered 0.. (in no meaningful order); returns the number of groups, whose sizes are in
 * `scratch.size`. The records are first spread over buckets by a hash of their key, in record
 * order; each bucket (a few thousand records) is then grouped by a hash table that stays in cache.
 */
export function groupKeys(
  keys: Float64Array,
  n: number,
  groupOf: Int32Array,
  scratch: GroupScratch = new GroupScratch(n),
): number {
  let bits = 0;
  while (bits < 16 && n >> bits > 8192) bits++;
  const buckets = 1 << bits;
  const shift = 32 - bits;
  if (scratch.bucketStart.length < buckets + 1) scratch.bucketStart = new Int32Array(buckets + 1);
  const bucketStart = scratch.bucketStart;
  bucketStart.fill(0, 0, buckets + 1);
  for (let r = 0; r < n; r++) {
    const key = keys[r]!;
    if (key < 0) continue;
    if (bits > 0) bucketStart[(mix(key) >>> shift) + 1]!++;
    else bucketStart[1]!++;
  }
  for (let b = 0; b < buckets; b++) bucketStart[b + 1]! += bucketStart[b]!;
  const { order, orderedKeys, groupKey, size } = scratch;
  let largest = 0;
  for (let b = 0; b < buckets; b++) {
    const records = bucketStart[b + 1]! - bucketStart[b]!;
    if (records > largest) largest = records;
  }
  let tableSize = 2;
  while (tableSize < 2 * largest) tableSize *= 2;
  if (scratch.table.length < tableSize) scratch.table = new Int32Array(tableSize);
  const table = scratch.table;
  // Spread, in record order (bucketStart[b] ends up at the end of bucket b - 1, then restored).
  for (let r = 0; r < n; r++) {
    const key = keys[r]!;
    if (key < 0) {
      groupOf[r] = -1;
      continue;
    }
    const b = bits > 0 ? mix(key) >>> shift : 0;
    const at = bucketStart[b]!++;
    order[at] = r;
    orderedKeys[at] = key;
  }
  for (let b = buckets; b > 0; b--) bucketStart[b] = bucketStart[b - 1]!;
  bucketStart[0] = 0;

  let groups = 0;
  for (let b = 0; b < buckets; b++) {
    const from = bucketStart[b]!;
    const to = bucketStart[b + 1]!;
    if (from === to) continue;
    let mask = 1;
    while (mask + 1 < 2 * (to - from)) mask = mask * 2 + 1;
    table.fill(0, 0, mask + 1);
    for (let x = from; x < to; x++) {
      const key = orderedKeys[x]!;
      let at = mix(key) & mask;
      let g: number;
      for (;;) {
        const held = table[at]!;
        if (held === 0) {
          g = groups++;
          table[at] = g + 1;
          groupKey[g] = key;
          size[g] = 0;
          break;
        }
        if (groupKey[held - 1] === key) {
          g = held - 1;
          break;
        }
        at = (at + 1) & mask;
      }
      size[g]!++;
      groupOf[order[x]!] = g;
    }
  }
  return groups;
}

/** A 32-bit hash of a non-negative integer below 2⁵³ (both halves, murmur3 finaliser). */
function mix(key: number): number {
  let h = Math.imul((key >>> 0) ^ Math.imul((key / 4294967296) | 0, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
