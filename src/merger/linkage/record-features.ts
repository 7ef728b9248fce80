/**
 * @module merger/linkage/record-features
 * The records encoded once for linkage: every string normalised and interned, so that blocking
 * sorts integers and comparison reads typed arrays. One column per feature, indexed by the
 * record's position in the input; -1 (or 0 for sex) means missing.
 *
 * Normalisation is cached per distinct raw string, so the millions of repeated names cost one
 * normalisation each.
 */
import type { LegacyRecord } from '../legacy-record.js';
import {
  khmerSkeleton,
  latinPhoneticKey,
  normaliseKhmerName,
  normaliseLatinName,
  splitName,
} from './normalise-names.js';
import { StringTable } from './string-table.js';

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
}

/** Encodes the records' linkage features. */
export function prepareFeatures(records: readonly LegacyRecord[]): RecordFeatures {
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
  };
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
