import { describe, expect, it } from 'vitest';
import type { LegacyRecord } from '../legacy-record.js';
import { candidatePairs } from './blocking.js';
import {
  BIRTH_DATE,
  compareBirthDate,
  compareHistory,
  compareKhmerName,
  compareLatinName,
  compareNationalId,
  comparePair,
  compareSex,
  DEFAULT_COMPARISON,
  decodePattern,
  encodePattern,
  FIELDS,
  HISTORY,
  KHMER_NAME,
  LATIN_NAME,
  LEVEL_COUNTS,
  NAME_LEVELS,
  NATIONAL_ID,
  nameLevel,
  PATTERN_COUNT,
  pairComparator,
  patternLevel,
  SEX,
} from './comparators.js';
import { parseIsoDate, prepareFeatures } from './record-features.js';
import { awkwardRecords } from './test-support/reference-linkage.js';
import { syntheticRegisters } from './test-support/synthetic-people.js';

function record(fields: Partial<LegacyRecord>): LegacyRecord {
  return {
    source: 'nssf',
    recordId: 'r',
    row: 2,
    nameKhmer: null,
    nameLatin: null,
    sex: null,
    birthDate: null,
    nationalId: null,
    ...fields,
  };
}

/** Features of two records, compared as records 0 and 1. */
function pair(a: Partial<LegacyRecord>, b: Partial<LegacyRecord>) {
  return prepareFeatures([record(a), record(b)]);
}

describe('compareLatinName', () => {
  const level = (a: string | null, b: string | null) =>
    compareLatinName(pair({ nameLatin: a }, { nameLatin: b }), 0, 1, DEFAULT_COMPARISON);

  it.each([
    ['SOK DARA', 'Sok  Dara', LATIN_NAME.exact],
    ['SOKH DARA', 'Sok Dara', LATIN_NAME.phonetic],
    ['SOK SREY MOM', 'Sok Sreimom', LATIN_NAME.phonetic],
    ['SOK DARA', 'SOK DARO', LATIN_NAME.similar],
    ['CHAN SOPHEA', 'CHAN SOKHOM', LATIN_NAME.weak],
    ['SOK DARA', 'CHEA PISEY', LATIN_NAME.different],
    ['SOK DARA', null, LATIN_NAME.missing],
    [null, null, LATIN_NAME.missing],
    ['   ', 'SOK DARA', LATIN_NAME.missing],
  ] as const)('%j vs %j → level %i', (a, b, expected) => {
    expect(level(a, b)).toBe(expected);
  });
});

describe('compareKhmerName', () => {
  const level = (a: string | null, b: string | null) =>
    compareKhmerName(pair({ nameKhmer: a }, { nameKhmer: b }), 0, 1, DEFAULT_COMPARISON);

  it.each([
    ['សុខ ដារ៉ា', 'សុខ\u200B ដារ៉ា', KHMER_NAME.exact],
    ['សុខ ដារ៉ា', 'សុខ ដារា', KHMER_NAME.skeletonOrOneEdit],
    ['សុខ ដារ៉ា', 'សុខ ដាក៉ា', KHMER_NAME.skeletonOrOneEdit],
    ['សុខ ដារ៉ា', 'សុខ ដារ៉ាលី', KHMER_NAME.similar],
    ['សុខ ដារ៉ា', 'ចាន់ សុផា', KHMER_NAME.different],
    ['សុខ ដារ៉ា', null, KHMER_NAME.missing],
  ] as const)('%j vs %j → level %i', (a, b, expected) => {
    expect(level(a, b)).toBe(expected);
  });
});

describe('compareBirthDate', () => {
  const level = (a: string | null, b: string | null) => compareBirthDate(parseIsoDate(a), parseIsoDate(b));

  it.each([
    ['1980-03-07', '1980-03-07', BIRTH_DATE.exact],
    ['1980-03-07', '1980-07-03', BIRTH_DATE.dayMonthSwapped],
    ['1980-03-07', '1981-03-07', BIRTH_DATE.oneComponent],
    ['1980-03-07', '1980-04-07', BIRTH_DATE.oneComponent],
    ['1980-03-07', '1980-03-08', BIRTH_DATE.oneComponent],
    ['1980-03-07', '1981-07-03', BIRTH_DATE.different],
    ['1980-03-07', '1975-11-20', BIRTH_DATE.different],
    ['1980-03-07', null, BIRTH_DATE.missing],
    ['1980-03-07', 'garbage', BIRTH_DATE.missing],
  ] as const)('%j vs %j → level %i', (a, b, expected) => {
    expect(level(a, b)).toBe(expected);
  });
});

describe('compareSex', () => {
  it('agrees, disagrees, or is missing', () => {
    expect(compareSex(1, 1)).toBe(SEX.agree);
    expect(compareSex(1, 2)).toBe(SEX.disagree);
    expect(compareSex(0, 2)).toBe(SEX.missing);
    expect(compareSex(2, 0)).toBe(SEX.missing);
  });
});

describe('compareNationalId', () => {
  const level = (a: string | null, b: string | null) =>
    compareNationalId(pair({ nationalId: a }, { nationalId: b }), 0, 1);

  it.each([
    ['123456789', '123456789', NATIONAL_ID.exact],
    ['123456789', '123456780', NATIONAL_ID.oneEdit],
    ['123456789', '123457689', NATIONAL_ID.oneEdit],
    ['123456789', '12345679', NATIONAL_ID.oneEdit],
    ['123456789', '123465798', NATIONAL_ID.different],
    ['123456789', '987654321', NATIONAL_ID.different],
    ['012345678', '12345678', NATIONAL_ID.oneEdit],
    ['123456789', null, NATIONAL_ID.missing],
  ] as const)('%j vs %j → level %i', (a, b, expected) => {
    expect(level(a, b)).toBe(expected);
  });
});

describe('patterns', () => {
  it('joins the Khmer and Latin levels into one name level', () => {
    expect(NAME_LEVELS).toHaveLength(30);
    expect(NAME_LEVELS[0]).toBe('missing');
    expect(NAME_LEVELS[nameLevel(KHMER_NAME.exact, LATIN_NAME.phonetic)]).toBe(
      'Khmer exact; Latin same phonetic key',
    );
    expect(NAME_LEVELS[nameLevel(KHMER_NAME.missing, LATIN_NAME.exact)]).toBe(
      'Khmer missing; Latin exact (normalised)',
    );
  });

  it('encodes and decodes every pattern', () => {
    expect(PATTERN_COUNT).toBe(LEVEL_COUNTS.reduce((a, b) => a * b, 1));
    for (let p = 0; p < PATTERN_COUNT; p += 7) {
      const levels = decodePattern(p);
      expect(encodePattern(levels)).toBe(p);
      levels.forEach((l, k) => {
        expect(patternLevel(p, k)).toBe(l);
      });
    }
  });

  it('compares a pair on every field', () => {
    const f = pair(
      {
        nameKhmer: 'សុខ ដារ៉ា',
        nameLatin: 'SOKH DARA',
        sex: 'M',
        birthDate: '1980-03-07',
        nationalId: '123456789',
      },
      { nameKhmer: 'សុខ ដារ៉ា', nameLatin: 'Sok Dara', sex: 'M', birthDate: '1980-07-03', nationalId: null },
    );
    const levels = decodePattern(comparePair(f, 0, 1, DEFAULT_COMPARISON));
    expect(levels.map((l, k) => FIELDS[k]!.levels[l])).toEqual([
      'Khmer exact; Latin same phonetic key',
      'day and month swapped',
      'agree',
      'missing',
      'missing',
    ]);
  });
});

describe('compareHistory', () => {
  const m = (y: number, mo: number) => y * 12 + mo - 1;
  const level = (a: Partial<LegacyRecord>, b: Partial<LegacyRecord>) => compareHistory(pair(a, b), 0, 1);
  const span = (from: number, to: number, source: LegacyRecord['source'] = 'nssf') => ({
    source,
    activeFrom: from,
    activeTo: to,
  });

  it.each([
    [
      're-registered the month after leaving',
      span(m(2012, 5), m(2019, 12)),
      span(m(2020, 1), m(2025, 12)),
      HISTORY.follows,
    ],
    [
      'a year between the two jobs',
      span(m(2012, 5), m(2019, 12)),
      span(m(2020, 12), m(2025, 12)),
      HISTORY.follows,
    ],
    [
      'two months in common (a late last declaration)',
      span(m(2012, 5), m(2020, 2)),
      span(m(2020, 1), m(2025, 12)),
      HISTORY.follows,
    ],
    ['years apart', span(m(2008, 6), m(2010, 12)), span(m(2020, 1), m(2025, 12)), HISTORY.apart],
    [
      'insured at the same time',
      span(m(2015, 1), m(2025, 12)),
      span(m(2018, 1), m(2025, 12)),
      HISTORY.overlapping,
    ],
    [
      'different registers say nothing',
      span(m(2015, 1), m(2025, 12)),
      span(m(2018, 1), m(2025, 12), 'nssf-c'),
      HISTORY.missing,
    ],
    [
      'a record without spells says nothing',
      span(m(2015, 1), m(2025, 12)),
      { source: 'nssf' as const, activeFrom: null, activeTo: null },
      HISTORY.missing,
    ],
  ])('%s', (_name, a, b, expected) => {
    expect(level(a, b)).toBe(expected);
    expect(level(b, a)).toBe(expected);
  });
});

describe('pairComparator', () => {
  const { records } = syntheticRegisters({ people: 3000, seed: 17 });
  const all = [...records, ...awkwardRecords()];
  const f = prepareFeatures(all);
  const settings = [DEFAULT_COMPARISON, { latinHigh: 0.8, latinMedium: 0.5, khmerSimilar: 0.6 }];

  it.each(settings)('gives the pattern of comparePair for every candidate pair (%o)', (s) => {
    const pairs = candidatePairs(f);
    const fast = new Uint16Array(pairs.count);
    const comparator = pairComparator(f, s);
    // In two runs, the second not starting at a chunk boundary.
    comparator.compareAll(pairs.left, pairs.right, fast, 0, 700);
    comparator.compareAll(pairs.left, pairs.right, fast, 700, pairs.count);
    for (let p = 0; p < pairs.count; p++) {
      const expected = comparePair(f, pairs.left[p]!, pairs.right[p]!, s);
      if (fast[p] !== expected) expect([p, fast[p]]).toEqual([p, expected]);
      expect(comparator.compare(pairs.left[p]!, pairs.right[p]!)).toBe(expected);
    }
  });

  it.each(settings)('and for every pair of the awkward records, both ways (%o)', (s) => {
    const comparator = pairComparator(f, s);
    const from = records.length;
    const left: number[] = [];
    const right: number[] = [];
    for (let i = from; i < all.length; i += 3) {
      for (let j = from; j < all.length; j += 2) {
        left.push(i);
        right.push(j);
      }
    }
    const fast = new Uint16Array(left.length);
    comparator.compareAll(Int32Array.from(left), Int32Array.from(right), fast);
    for (let p = 0; p < left.length; p++) {
      const expected = comparePair(f, left[p]!, right[p]!, s);
      if (fast[p] !== expected) expect([left[p], right[p], fast[p]]).toEqual([left[p], right[p], expected]);
    }
  });

  it('compares national IDs by their digits as the plain comparison does', () => {
    const ids = ['123456789', '123456780', '123457689', '213456789', '12345678', '1234567890', '0123456789'];
    const others = [
      '012345678',
      '000000000',
      '7',
      '8',
      '77',
      '123456789012',
      '123456789013',
      '1234567890123',
    ];
    const texts = [...ids, ...others, '12A456789', '１２３', null];
    const f2 = prepareFeatures(texts.map((nationalId) => record({ nationalId })));
    const comparator = pairComparator(f2, DEFAULT_COMPARISON);
    for (let i = 0; i < texts.length; i++) {
      for (let j = 0; j < texts.length; j++) {
        expect([texts[i], texts[j], comparator.compare(i, j)]).toEqual([
          texts[i],
          texts[j],
          comparePair(f2, i, j, DEFAULT_COMPARISON),
        ]);
      }
    }
  });
});
