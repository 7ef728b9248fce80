/**
 * @module merger/linkage/test-support/reference-linkage
 * The plain forms of the linkage's fast paths, as they were before they were made fast, for the
 * tests that pin the fast paths to them: features with a `Map` per kind of string and regular
 * expressions (`referencePrepareFeatures`), and candidate pairs by one counting sort per key
 * column, per-rule pair lists and a deduplication sort (`referenceCandidatePairs`); and the
 * scoring and clustering of every pair (`referenceLinkage`).
 */
import type { LegacyRecord } from '../../legacy-record.js';
import {
  type BlockingOptions,
  type BlockingRuleName,
  type BlockingRuleStats,
  type BlockKeys,
  blockingKeys,
  type CandidatePairs,
  DEFAULT_BLOCKING_RULES,
  sortByKeys,
} from '../blocking.js';
import { type ClusterThresholds, type ConflictGuard, clusterPairs, DEFAULT_THRESHOLDS } from '../cluster.js';
import { type ComparisonSettings, comparePair, DEFAULT_COMPARISON, LEVEL_COUNTS } from '../comparators.js';
import { osaDistance } from '../compare-strings.js';
import { type MatchModel, patternLevelTable, priorWeight, scorePatterns } from '../fellegi-sunter.js';
import {
  khmerSkeleton,
  latinPhoneticKey,
  normaliseKhmerName,
  normaliseLatinName,
  splitName,
} from '../normalise-names.js';
import { parseIsoDate, type RecordFeatures } from '../record-features.js';
import { StringTable } from '../string-table.js';
import { birthDateAdjustment, nameAdjustment, termFrequencies } from '../term-frequencies.js';

export function referencePrepareFeatures(records: readonly LegacyRecord[]): RecordFeatures {
  const n = records.length;
  const strings = new StringTable();
  const keys = new Map<string, number>();
  const key = (text: string): number => {
    if (text === '') return -1;
    let id = keys.get(text);
    if (id === undefined) {
      id = keys.size;
      keys.set(text, id);
    }
    return id;
  };

  const latinName = new Int32Array(n);
  const latinKey = new Int32Array(n);
  const latinFamilyKey = new Int32Array(n);
  const latinGivenKey = new Int32Array(n);
  const khmerName = new Int32Array(n);
  const khmerSkel = new Int32Array(n);
  const khmerFamilySkeleton = new Int32Array(n);
  const khmerGivenSkeleton = new Int32Array(n);
  const khmerGivenFirst = new Int32Array(n);
  const khmerGivenLast = new Int32Array(n);
  const birthDate = new Int32Array(n);
  const sex = new Uint8Array(n);
  const nationalId = new Int32Array(n);
  const nationalIdNumber = new Float64Array(n);
  const source = new Uint8Array(n);
  const activeFrom = new Int32Array(n).fill(-1);
  const activeTo = new Int32Array(n).fill(-1);

  // Per distinct raw string: the offset of its encoded ids (4 Latin, 6 Khmer) in a flat cache.
  const latinCache = new Map<string, number>();
  const latinIds: number[] = [];
  const khmerCache = new Map<string, number>();
  const khmerIds: number[] = [];

  // National IDs are digits: keyed by numeric value and length (cheaper than string keys).
  const idsByValue = new Map<number, number>();
  const internId = (id: string | null): number => {
    if (!id) return -1;
    if (id.length > 12 || !/^[0-9]+$/.test(id)) return strings.intern(id);
    const value = id.length * 1e12 + Number(id);
    let known = idsByValue.get(value);
    if (known === undefined) {
      known = strings.append(id);
      idsByValue.set(value, known);
    }
    return known;
  };

  for (let r = 0; r < n; r++) {
    const record = records[r]!;

    const rawLatin = record.nameLatin;
    let lat = rawLatin ? latinCache.get(rawLatin) : -1;
    if (lat === undefined) {
      lat = latinIds.length;
      const normalised = normaliseLatinName(rawLatin);
      if (normalised === '') {
        latinIds.push(-1, -1, -1, -1);
      } else {
        const parts = splitName(normalised);
        const familyKey = latinPhoneticKey(parts.family);
        const givenKey = latinPhoneticKey(parts.given);
        latinIds.push(
          strings.intern(normalised),
          key(`L${familyKey} ${givenKey}`),
          key(`F${familyKey}`),
          givenKey === '' ? -1 : key(`G${givenKey}`),
        );
      }
      latinCache.set(rawLatin!, lat);
    }
    if (lat < 0) {
      latinName[r] = latinKey[r] = latinFamilyKey[r] = latinGivenKey[r] = -1;
    } else {
      latinName[r] = latinIds[lat]!;
      latinKey[r] = latinIds[lat + 1]!;
      latinFamilyKey[r] = latinIds[lat + 2]!;
      latinGivenKey[r] = latinIds[lat + 3]!;
    }

    const rawKhmer = record.nameKhmer;
    let kh = rawKhmer ? khmerCache.get(rawKhmer) : -1;
    if (kh === undefined) {
      kh = khmerIds.length;
      const normalised = normaliseKhmerName(rawKhmer);
      const skeleton = khmerSkeleton(normalised);
      if (skeleton === '') {
        khmerIds.push(normalised === '' ? -1 : strings.intern(normalised), -1, -1, -1, -1, -1);
      } else {
        const parts = splitName(normalised);
        const givenSkeleton = khmerSkeleton(parts.given);
        khmerIds.push(
          strings.intern(normalised),
          key(`K${skeleton}`),
          key(`k${khmerSkeleton(parts.family)}`),
          givenSkeleton === '' ? -1 : key(`g${givenSkeleton}`),
          givenSkeleton === '' ? -1 : givenSkeleton.charCodeAt(0) - 0x1780,
          givenSkeleton === '' ? -1 : givenSkeleton.charCodeAt(givenSkeleton.length - 1) - 0x1780,
        );
      }
      khmerCache.set(rawKhmer!, kh);
    }
    if (kh < 0) {
      khmerName[r] = khmerSkel[r] = khmerFamilySkeleton[r] = khmerGivenSkeleton[r] = -1;
      khmerGivenFirst[r] = khmerGivenLast[r] = -1;
    } else {
      khmerName[r] = khmerIds[kh]!;
      khmerSkel[r] = khmerIds[kh + 1]!;
      khmerFamilySkeleton[r] = khmerIds[kh + 2]!;
      khmerGivenSkeleton[r] = khmerIds[kh + 3]!;
      khmerGivenFirst[r] = khmerIds[kh + 4]!;
      khmerGivenLast[r] = khmerIds[kh + 5]!;
    }

    birthDate[r] = parseIsoDate(record.birthDate);
    sex[r] = record.sex === 'M' ? 1 : record.sex === 'F' ? 2 : 0;
    nationalId[r] = internId(record.nationalId);
    const id = record.nationalId;
    nationalIdNumber[r] = id && id.length <= 12 && /^[0-9]+$/.test(id) ? id.length * 1e12 + Number(id) : -1;
    source[r] = record.source === 'nssf' ? 0 : record.source === 'nssf-c' ? 1 : 2;
    if (record.activeFrom != null && record.activeTo != null) {
      activeFrom[r] = record.activeFrom;
      activeTo[r] = record.activeTo;
    }
  }

  return {
    count: n,
    strings,
    keyCount: keys.size,
    latinName,
    latinKey,
    latinFamilyKey,
    latinGivenKey,
    khmerName,
    khmerSkeleton: khmerSkel,
    khmerFamilySkeleton,
    khmerGivenSkeleton,
    khmerGivenFirst,
    khmerGivenLast,
    birthDate,
    sex,
    nationalId,
    nationalIdNumber,
    source,
    activeFrom,
    activeTo,
  };
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
export function referenceCandidatePairs(f: RecordFeatures, options: BlockingOptions = {}): CandidatePairs {
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

/**
 * Records that exercise the corners of the encodings: missing and blank names, spellings that
 * normalise alike, names of one and of three words, Khmer with zero-width and split vowels,
 * digits in a name field, national IDs with leading zeros, of 1 to 13 digits, not digits, and
 * shared; birth dates missing or malformed; spans in different registers.
 */
export function awkwardRecords(): LegacyRecord[] {
  const latin = [
    null,
    '',
    '   ',
    'SOK DARA',
    'Sok  Dara',
    'sok dara',
    'Søk Dárá',
    "O'Neil Sokh",
    'SOK-DARA',
    'Sok',
    'Sok Srey Mom',
    'Sok Sreymom',
    'CHAN SOPHEA',
    'CHANN SOPHIA',
    '123',
    'ក',
  ];
  const khmer = [
    null,
    '',
    ' ',
    'សុខ ដារ៉ា',
    'សុខ  ដារ៉ា',
    'សុខ\u200B ដារ៉ា',
    'សុខ ដារា',
    'សុខ',
    'ចាន់ សុផា',
    'ចាន់ សុភា',
    'ស\u17C1\u17B6ម ដារ៉ា',
    '123',
    'sok dara',
    'ា',
  ];
  const ids = [
    null,
    '',
    '123456789',
    '123456780',
    '123457689',
    '12345678',
    '0123456789',
    '000000000',
    '7',
    '123456789012',
    '1234567890123',
    '12A456789',
    '１２３',
    '123',
  ];
  const dates = [null, '1980-03-07', '1980-07-03', '1981-03-07', '1980-3-7', '1980-03-07T00', '2301-01-01'];
  const out: LegacyRecord[] = [];
  for (let k = 0; k < 400; k++) {
    const from = k % 5 === 0 ? null : 24000 + ((k * 37) % 120);
    out.push({
      source: k % 7 === 0 ? 'nfv' : k % 3 === 0 ? 'nssf-c' : 'nssf',
      recordId: `a${k}`,
      row: k + 2,
      nameLatin: latin[(k * 7) % latin.length]!,
      nameKhmer: khmer[(k * 5) % khmer.length]!,
      sex: k % 11 === 0 ? null : k % 2 === 0 ? 'M' : 'F',
      birthDate: dates[(k * 3) % dates.length]!,
      nationalId: ids[(k * 13) % ids.length]!,
      activeFrom: from,
      activeTo: from === null ? null : from + ((k * 17) % 60),
    });
  }
  return out;
}

/** What `linkRecords` returns of the pairs and the clusters, computed the plain way. */
export interface ReferenceLinkage {
  clusterOf: Int32Array;
  clusterCount: number;
  auto: { left: number[]; right: number[]; probability: number[]; weight: number[]; pattern: number[] };
  review: {
    left: number[];
    right: number[];
    probability: number[];
    weight: number[];
    pattern: number[];
    reason: number[];
    sameCluster: number[];
  };
  candidatePairs: number;
  refusedPairs: number;
}

/**
 * The scoring and clustering of `linkRecords` the plain way, on the plain features, pairs and
 * patterns, under a given fitted model: every pair's weight and probability in full arrays, every
 * pair given to `clusterPairs`, national IDs of nine digits found by a regular expression, and the
 * review pairs sorted by a comparison function.
 */
export function referenceLinkage(
  records: readonly LegacyRecord[],
  model: MatchModel,
  options: {
    blocking?: BlockingOptions;
    thresholds?: Partial<ClusterThresholds>;
    comparison?: Partial<ComparisonSettings>;
    termFrequencies?: boolean;
    guardNationalIds?: boolean;
  } = {},
): ReferenceLinkage {
  const settings = { ...DEFAULT_COMPARISON, ...options.comparison };
  const thresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const f = referencePrepareFeatures(records);
  const pairs = referenceCandidatePairs(f, options.blocking);
  const { left, right } = pairs;
  const patterns = new Uint16Array(pairs.count);
  for (let p = 0; p < pairs.count; p++) patterns[p] = comparePair(f, left[p]!, right[p]!, settings);
  const parameters = {
    lambda: model.lambda,
    fields: model.fields.map((field) => ({ m: Float64Array.from(field.m), u: Float64Array.from(field.u) })),
  };
  const scores = scorePatterns(parameters, LEVEL_COUNTS);
  const tf = options.termFrequencies === false ? null : termFrequencies(f);
  const levels = patternLevelTable(LEVEL_COUNTS);
  const fields = LEVEL_COUNTS.length;
  const weight = new Float64Array(pairs.count);
  const probability = new Float64Array(pairs.count);
  const prior = priorWeight(parameters.lambda);
  for (let p = 0; p < pairs.count; p++) {
    const pattern = patterns[p]!;
    let w = scores.weight[pattern]!;
    if (tf !== null) {
      w += nameAdjustment(tf, f, left[p]!, levels[pattern * fields]!);
      w += birthDateAdjustment(tf, f, left[p]!, levels[pattern * fields + 1]!);
    }
    weight[p] = w;
    probability[p] = 1 / (1 + 2 ** -(w + prior));
  }
  let guard: ConflictGuard | undefined;
  if (options.guardNationalIds !== false) {
    const t = f.strings;
    const key = new Int32Array(f.count);
    for (let r = 0; r < f.count; r++) {
      const id = f.nationalId[r]!;
      key[r] = id >= 0 && /^[0-9]{9}$/.test(t.text(id)) ? id : -1;
    }
    guard = { key, conflicts: (a, b) => osaDistance(t.text(a), t.text(b), 1) > 1 };
  }
  const clustering = clusterPairs(
    f.count,
    { count: pairs.count, left, right, probability },
    thresholds,
    guard,
  );
  const pick = (indices: ArrayLike<number>) => ({
    left: Array.from(indices, (p) => left[p]!),
    right: Array.from(indices, (p) => right[p]!),
    probability: Array.from(indices, (p) => probability[p]!),
    weight: Array.from(indices, (p) => weight[p]!),
    pattern: Array.from(indices, (p) => patterns[p]!),
  });
  const reviewIndices = [...clustering.reviewPairs, ...clustering.refusedPairs];
  const order = reviewIndices.map((_, k) => k);
  order.sort((x, y) => probability[reviewIndices[y]!]! - probability[reviewIndices[x]!]! || x - y);
  const sorted = order.map((k) => reviewIndices[k]!);
  const { clusterOf } = clustering;
  return {
    clusterOf,
    clusterCount: clustering.clusterCount,
    auto: pick(clustering.autoPairs),
    review: {
      ...pick(sorted),
      reason: order.map((k) => (k >= clustering.reviewPairs.length ? 1 : 0)),
      sameCluster: sorted.map((p) => (clusterOf[left[p]!] === clusterOf[right[p]!] ? 1 : 0)),
    },
    candidatePairs: pairs.count,
    refusedPairs: clustering.refusedPairs.length,
  };
}
