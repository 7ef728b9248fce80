/**
 * @module merger/linkage/record-features
 * The records encoded once for linkage: every string normalised and interned, so that blocking
 * sorts integers and comparison reads typed arrays. One column per feature, indexed by the
 * record's position in the input; -1 (or 0 for sex) means missing.
 *
 * Normalisation is cached per distinct raw string, so the millions of repeated names cost one
 * normalisation each: raw names are numbered by a hash table in typed arrays (`StringIds`),
 * national IDs by their numeric value. The ids come out as a plain encoding with one `Map` per
 * kind of string gives them (`test-support/reference-linkage.ts`; the tests pin the two).
 */
import type { LegacyRecord } from '../legacy-record.js';
import {
  khmerSkeleton,
  latinPhoneticKey,
  normaliseKhmerName,
  normaliseLatinName,
  splitName,
} from './normalise-names.js';
import { Slab } from './slab.js';
import { StringIds, StringTable } from './string-table.js';

export interface RecordFeatures {
  readonly count: number;
  /** Normalised names (Latin and Khmer) and national IDs, with their code points. */
  readonly strings: StringTable;
  /** Number of distinct blocking keys (ids of the `key` columns run from 0 to this). */
  readonly keyCount: number;
  /** Normalised Latin name (string id). */
  readonly latinName: Int32Array;
  /** Phonetic key of the whole Latin name (key id). */
  readonly latinKey: Int32Array;
  /** Phonetic key of the Latin family name (key id). */
  readonly latinFamilyKey: Int32Array;
  /** Phonetic key of the Latin given name (key id; -1 when the name has one word). */
  readonly latinGivenKey: Int32Array;
  /** Normalised Khmer name (string id). */
  readonly khmerName: Int32Array;
  /** Skeleton of the whole Khmer name, spaces dropped (key id). */
  readonly khmerSkeleton: Int32Array;
  /** Skeleton of the Khmer family name (key id). */
  readonly khmerFamilySkeleton: Int32Array;
  /** Skeleton of the Khmer given name (key id; -1 when the name has one word). */
  readonly khmerGivenSkeleton: Int32Array;
  /** First and last letter of the Khmer given-name skeleton (code point - U+1780, 0..51; -1). */
  readonly khmerGivenFirst: Int32Array;
  readonly khmerGivenLast: Int32Array;
  /** Birth date as yyyymmdd. */
  readonly birthDate: Int32Array;
  /** 0 missing, 1 male, 2 female. */
  readonly sex: Uint8Array;
  /** National ID digits (string id). */
  readonly nationalId: Int32Array;
  /** The national ID as a number (`nationalIdValue`), or -1 when missing or not 1–12 digits. */
  readonly nationalIdNumber: Float64Array;
  /** Register of the record: 0 NSSF, 1 NSSF-C, 2 NFV. */
  readonly source: Uint8Array;
  /** First and last month index of the record's spells, or -1 when it has none. */
  readonly activeFrom: Int32Array;
  readonly activeTo: Int32Array;
}

/** Encodes the records' linkage features. */
export function prepareFeatures(records: readonly LegacyRecord[]): RecordFeatures {
  const n = records.length;
  // Every large array is allocated here, together: each allocation of array buffers can start
  // a full garbage collection, which costs most of a second with millions of records on the
  // heap (see `Slab`). The capacities fit registers where most records have their own national
  // ID; the arrays grow when they do not.
  // The lookup tables first, then the columns and the string table: two allocations.
  const scratch = new Slab(NumberIds.bytes(n) + 3 * StringIds.bytes(n >> 3) + 2 * StringIds.bytes(n >> 4));
  const keys = new StringIds(n >> 3, scratch);
  const key = (text: string): number => (text === '' ? -1 : keys.add(text));
  // National IDs of at most 12 digits are keyed by their value and length (no string hashing).
  const idsByNumber = new NumberIds(n, scratch);
  const rawLatin = new StringIds(n >> 3, scratch);
  const latinByNormalised = new StringIds(n >> 4, scratch);
  const rawKhmer = new StringIds(n >> 3, scratch);
  const khmerByNormalised = new StringIds(n >> 4, scratch);
  // 14 int32 columns, 2 byte columns, 1 double column, and the string table.
  const capacity = { strings: n + 1024, codes: 10 * n };
  const slab = new Slab(
    Slab.bytes(...new Array<[number, number]>(14).fill([n, 4]), [n, 1], [n, 1], [n, 8]) +
      StringTable.bytes(capacity),
  );
  const strings = new StringTable(capacity, slab);
  const latinName = slab.int32(n);
  const latinKey = slab.int32(n);
  const latinFamilyKey = slab.int32(n);
  const latinGivenKey = slab.int32(n);
  const khmerName = slab.int32(n);
  const khmerSkel = slab.int32(n);
  const khmerFamilySkeleton = slab.int32(n);
  const khmerGivenSkeleton = slab.int32(n);
  const khmerGivenFirst = slab.int32(n);
  const khmerGivenLast = slab.int32(n);
  const birthDate = slab.int32(n);
  const source = slab.uint8(n);
  const activeFrom = slab.int32(n).fill(-1);
  const activeTo = slab.int32(n).fill(-1);
  const sex = slab.uint8(n);
  const nationalId = slab.int32(n);
  const nationalIdNumber = slab.float64(n);

  // Per distinct raw string, and per distinct normalised string: the offset of its encoded ids
  // (4 Latin, 6 Khmer) in a flat cache. Raw spellings that normalise alike ("SOK DARA",
  // "Sok Dara") share the normalised entry; phonetic keys are cached per word.
  const latinOfRaw: number[] = [];
  const latinOfNormalised: number[] = [];
  const latinIds: number[] = [];
  const phonetic = new Map<string, string>();
  const phoneticKey = (word: string): string => {
    let k = phonetic.get(word);
    if (k === undefined) {
      k = latinPhoneticKey(word);
      phonetic.set(word, k);
    }
    return k;
  };
  const khmerOfRaw: number[] = [];
  const khmerOfNormalised: number[] = [];
  const khmerIds: number[] = [];

  const latinEntry = (raw: string): number => {
    const normalised = normaliseLatinName(raw);
    if (normalised === '') return -1;
    const normalisedId = latinByNormalised.add(normalised);
    let at = latinOfNormalised[normalisedId];
    if (at === undefined) {
      at = latinIds.length;
      const parts = splitName(normalised);
      const familyKey = phoneticKey(parts.family);
      const givenKey = phoneticKey(parts.given);
      latinIds.push(
        strings.intern(normalised),
        key(`L${familyKey} ${givenKey}`),
        key(`F${familyKey}`),
        givenKey === '' ? -1 : key(`G${givenKey}`),
      );
      latinOfNormalised.push(at);
    }
    return at;
  };
  const khmerEntry = (raw: string): number => {
    const normalised = normaliseKhmerName(raw);
    if (normalised === '') return -1;
    const normalisedId = khmerByNormalised.add(normalised);
    let at = khmerOfNormalised[normalisedId];
    if (at === undefined) {
      at = khmerIds.length;
      const skeleton = khmerSkeleton(normalised);
      if (skeleton === '') {
        khmerIds.push(strings.intern(normalised), -1, -1, -1, -1, -1);
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
      khmerOfNormalised.push(at);
    }
    return at;
  };

  // The raw names are numbered first, one column at a time (each pass keeps its table in cache),
  // in the name columns; then everything else in record order, so that the string table and the
  // keys are numbered as when the records are taken one by one.
  for (let r = 0; r < n; r++) {
    const latin = records[r]!.nameLatin;
    latinName[r] = latin ? rawLatin.add(latin) : -1;
  }
  for (let r = 0; r < n; r++) {
    const khmer = records[r]!.nameKhmer;
    khmerName[r] = khmer ? rawKhmer.add(khmer) : -1;
  }

  for (let r = 0; r < n; r++) {
    const record = records[r]!;

    let lat = -1;
    const latinRaw = latinName[r]!;
    if (latinRaw >= 0) {
      if (latinRaw === latinOfRaw.length) latinOfRaw.push(latinEntry(record.nameLatin!));
      lat = latinOfRaw[latinRaw]!;
    }
    if (lat < 0) {
      latinName[r] = latinKey[r] = latinFamilyKey[r] = latinGivenKey[r] = -1;
    } else {
      latinName[r] = latinIds[lat]!;
      latinKey[r] = latinIds[lat + 1]!;
      latinFamilyKey[r] = latinIds[lat + 2]!;
      latinGivenKey[r] = latinIds[lat + 3]!;
    }

    let kh = -1;
    const khmerRaw = khmerName[r]!;
    if (khmerRaw >= 0) {
      if (khmerRaw === khmerOfRaw.length) khmerOfRaw.push(khmerEntry(record.nameKhmer!));
      kh = khmerOfRaw[khmerRaw]!;
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
    source[r] = record.source === 'nssf' ? 0 : record.source === 'nssf-c' ? 1 : 2;
    if (record.activeFrom != null && record.activeTo != null) {
      activeFrom[r] = record.activeFrom;
      activeTo[r] = record.activeTo;
    }
    const s = record.sex;
    sex[r] = s === 'M' ? 1 : s === 'F' ? 2 : 0;

    const id = record.nationalId;
    if (!id) {
      nationalId[r] = -1;
      nationalIdNumber[r] = -1;
    } else {
      const value = nationalIdValue(id);
      nationalIdNumber[r] = value;
      if (value < 0) {
        nationalId[r] = strings.intern(id);
      } else {
        let known = idsByNumber.get(value);
        if (known < 0) {
          known = strings.append(id);
          idsByNumber.set(value, known);
        }
        nationalId[r] = known;
      }
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

/**
 * A national ID of one to twelve ASCII digits as its value plus 10¹² × its number of digits
 * (so "0123" and "123" differ), or -1 for anything else. Two such IDs are equal exactly when
 * their numbers are.
 */
export function nationalIdValue(id: string): number {
  const length = id.length;
  if (length === 0 || length > 12) return -1;
  let value = 0;
  for (let k = 0; k < length; k++) {
    const d = id.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return length * 1e12 + value;
}

/** Non-negative integers below 2⁵³ → ids (≥ 0), by open addressing in typed arrays. */
class NumberIds {
  private keys: Float64Array;
  private ids: Int32Array;
  private mask: number;
  private size = 0;

  constructor(expected: number, slab?: Slab) {
    const capacity = NumberIds.capacity(expected);
    const from = slab ?? new Slab(NumberIds.bytes(expected));
    this.keys = from.float64(capacity).fill(-1);
    this.ids = from.int32(capacity);
    this.mask = capacity - 1;
  }

  static bytes(expected: number): number {
    const capacity = NumberIds.capacity(expected);
    return Slab.bytes([capacity, 8], [capacity, 4]);
  }

  private static capacity(expected: number): number {
    let capacity = 1024;
    while (capacity < expected) capacity *= 2;
    return capacity;
  }

  private slot(value: number): number {
    const keys = this.keys;
    const mask = this.mask;
    // Both halves of the value, mixed (murmur3 finaliser).
    let h = Math.imul((value >>> 0) ^ Math.imul((value / 4294967296) | 0, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    let at = h & mask;
    for (;;) {
      const k = keys[at]!;
      if (k === value || k === -1) return at;
      at = (at + 1) & mask;
    }
  }

  /** The id of `value`, or -1. */
  get(value: number): number {
    const at = this.slot(value);
    return this.keys[at] === value ? this.ids[at]! : -1;
  }

  set(value: number, id: number): void {
    if (2 * (this.size + 1) > this.keys.length) this.grow();
    const at = this.slot(value);
    if (this.keys[at] !== value) this.size++;
    this.keys[at] = value;
    this.ids[at] = id;
  }

  private grow(): void {
    const keys = this.keys;
    const ids = this.ids;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.ids = new Int32Array(keys.length * 2);
    this.mask = keys.length * 2 - 1;
    for (let at = 0; at < keys.length; at++) {
      const k = keys[at]!;
      if (k === -1) continue;
      const to = this.slot(k);
      this.keys[to] = k;
      this.ids[to] = ids[at]!;
    }
  }
}

/** `YYYY-MM-DD` as the integer yyyymmdd, or -1 when missing or not of that shape. */
export function parseIsoDate(text: string | null): number {
  if (text?.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return -1;
  let value = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}
