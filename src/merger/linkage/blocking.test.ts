import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LegacyRecord } from '../legacy-record.js';
import {
  type BlockingRuleName,
  candidatePairs,
  compositeKeys,
  DEFAULT_BLOCKING_RULES,
  GroupScratch,
  groupKeys,
  type KeyColumn,
  sortByKeys,
} from './blocking.js';
import { prepareFeatures } from './record-features.js';
import { awkwardRecords, referenceCandidatePairs } from './test-support/reference-linkage.js';
import {
  changeDigit,
  changeOneComponent,
  createRandom,
  khmerTypo,
  latinTypo,
  swapDayMonth,
  syntheticRegisters,
  transposeDigits,
} from './test-support/synthetic-people.js';

/** A record with every field present (synthetic, without errors). */
function cleanRecord(seed: number): LegacyRecord {
  for (let s = seed; ; s += 7919) {
    const { records } = syntheticRegisters({ people: 1, seed: s, errorScale: 0 });
    const r = records[0]!;
    if (r.nationalId !== null) return r;
  }
}

type Corruption = (r: LegacyRecord, random: () => number) => LegacyRecord;

const CORRUPTIONS: Record<string, Corruption> = {
  'Latin typo': (r, rnd) => ({ ...r, nameLatin: r.nameLatin && latinTypo(r.nameLatin, rnd) }),
  'Latin missing': (r) => ({ ...r, nameLatin: null }),
  'Latin spelled as one word': (r) => ({
    ...r,
    nameLatin: r.nameLatin?.replace(/ (\S+)$/, '$1') ?? null,
  }),
  'Khmer typo': (r, rnd) => ({ ...r, nameKhmer: r.nameKhmer && khmerTypo(r.nameKhmer, rnd) }),
  'Khmer missing': (r) => ({ ...r, nameKhmer: null }),
  'day and month swapped': (r) => ({ ...r, birthDate: r.birthDate && swapDayMonth(r.birthDate) }),
  'one date component changed': (r, rnd) => ({
    ...r,
    birthDate: r.birthDate && changeOneComponent(r.birthDate, rnd),
  }),
  'birth date missing': (r) => ({ ...r, birthDate: null }),
  'sex flipped': (r) => ({ ...r, sex: r.sex === 'M' ? 'F' : 'M' }),
  'sex missing': (r) => ({ ...r, sex: null }),
  'ID digit changed': (r, rnd) => ({ ...r, nationalId: r.nationalId && changeDigit(r.nationalId, rnd) }),
  'ID digits transposed': (r, rnd) => ({
    ...r,
    nationalId: r.nationalId && transposeDigits(r.nationalId, rnd),
  }),
  'ID missing': (r) => ({ ...r, nationalId: null }),
};

function isPair(records: readonly LegacyRecord[], i: number, j: number): boolean {
  const pairs = candidatePairs(prepareFeatures(records));
  for (let p = 0; p < pairs.count; p++) if (pairs.left[p] === i && pairs.right[p] === j) return true;
  return false;
}

describe('candidatePairs', () => {
  it('keeps a duplicate with any ONE field corrupted in a block with its original (property)', () => {
    const others = syntheticRegisters({ people: 30, seed: 99 }).records;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(...Object.keys(CORRUPTIONS)),
        fc.integer({ min: 1, max: 1_000_000 }),
        (seed, corruption, corruptionSeed) => {
          const original = cleanRecord(seed);
          const duplicate = CORRUPTIONS[corruption]!(original, createRandom(corruptionSeed));
          expect(isPair([original, ...others, duplicate], 0, others.length + 1)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('lists each pair once, with the bits of every rule that produced it', () => {
    const a: LegacyRecord = {
      source: 'nssf',
      recordId: '1',
      row: 2,
      nameKhmer: 'សុខ ដារ៉ា',
      nameLatin: 'SOK DARA',
      sex: 'M',
      birthDate: '1980-03-07',
      nationalId: '123456789',
    };
    const pairs = candidatePairs(
      prepareFeatures([
        a,
        { ...a, recordId: '2' },
        { ...a, nameKhmer: 'ចាន់ សុផា', nameLatin: 'CHAN SOPHEA', nationalId: null },
      ]),
    );
    expect(pairs.count).toBe(1);
    expect([pairs.left[0], pairs.right[0]]).toEqual([0, 1]);
    expect(pairs.ruleBits[0]).toBe((1 << DEFAULT_BLOCKING_RULES.length) - 1);
    expect(pairs.stats[0]!.newPairs).toBe(1);
    expect(pairs.stats.slice(1).every((s) => s.newPairs === 0 && s.pairs === 1)).toBe(true);
  });

  it('skips blocks over the size limit and counts them', () => {
    const base: LegacyRecord = {
      source: 'nssf',
      recordId: '',
      row: 2,
      nameKhmer: null,
      nameLatin: null,
      sex: 'F',
      birthDate: null,
      nationalId: '111111111',
    };
    const records = Array.from({ length: 12 }, (_, i) => ({ ...base, recordId: String(i) }));
    const pairs = candidatePairs(prepareFeatures(records), { rules: ['national-id'], maxBlockSize: 10 });
    expect(pairs.count).toBe(0);
    expect(pairs.stats[0]).toMatchObject({ skippedBlocks: 1, skippedRecords: 12, skippedPairs: 66 });
    const allowed = candidatePairs(prepareFeatures(records), { rules: ['national-id'], maxBlockSize: 12 });
    expect(allowed.count).toBe(66);
  });

  it('pairs a record without birth date only through the missing-birth-date rules', () => {
    const a: LegacyRecord = {
      source: 'nssf',
      recordId: '1',
      row: 2,
      nameKhmer: 'សុខ ដារ៉ា',
      nameLatin: 'SOK DARA',
      sex: 'M',
      birthDate: '1980-03-07',
      nationalId: null,
    };
    const records = [a, { ...a, birthDate: null }, { ...a, birthDate: '1990-01-02' }];
    const f = prepareFeatures(records);
    expect(candidatePairs(f).count).toBe(0);
    const pairs = candidatePairs(f, { rules: ['khmer-name+missing-birth-date'] });
    expect(pairs.count).toBe(2);
    expect(Array.from(pairs.left)).toEqual([0, 1]);
    expect(Array.from(pairs.right)).toEqual([1, 2]);
  });
});

describe('sortByKeys', () => {
  it('orders by the first column, then the next, leaving out records without a key', () => {
    const order = sortByKeys({
      columns: [
        { values: Int32Array.of(2, 1, 2, -1, 1), range: 3 },
        { values: Int32Array.of(0, 1, 0, 0, 0), range: 2 },
      ],
    });
    expect(Array.from(order)).toEqual([4, 1, 0, 2]);
  });
});

const ALL_RULES: readonly BlockingRuleName[] = [
  'national-id',
  'birth-date+khmer-family+given-first',
  'birth-date+khmer-family+given-last',
  'birth-date+khmer-given',
  'birth-date+latin-name',
  'khmer-name+birth-year-month',
  'khmer-name+birth-year-day',
  'khmer-name+day-month',
  'latin-name+birth-year-month',
  'latin-name+birth-year-day',
  'latin-name+day-month',
  'khmer-name+missing-birth-date',
  'latin-name+missing-birth-date',
  'birth-date+sex',
];

describe('candidatePairs against the plain reference', () => {
  // Synthetic registers, awkward records, and a crowd of namesakes born the same day (blocks of
  // hundreds, with and without birth dates).
  const { records } = syntheticRegisters({ people: 3000, seed: 21 });
  const crowd: LegacyRecord[] = Array.from({ length: 160 }, (_, k) => ({
    source: 'nssf',
    recordId: `c${k}`,
    row: k + 2,
    nameKhmer: k % 9 === 0 ? 'សុខ ដារា' : 'សុខ ដារ៉ា',
    nameLatin: k % 4 === 0 ? null : 'SOK DARA',
    sex: k % 10 === 0 ? null : 'M',
    birthDate: k % 6 === 0 ? null : '1980-03-07',
    nationalId: k % 3 === 0 ? '123456789' : null,
  }));
  const features = prepareFeatures([...records, ...crowd, ...awkwardRecords(), ...records.slice(0, 500)]);

  it.each([
    ['the default rules', DEFAULT_BLOCKING_RULES, undefined],
    ['every rule', ALL_RULES, undefined],
    ['every rule, small blocks only', ALL_RULES, 40],
    ['every rule, pairs only', ALL_RULES, 2],
    ['one rule', ['khmer-name+missing-birth-date'] as const, 100],
    ['no rule', [] as const, undefined],
  ] as const)('gives the same pairs, rule bits and statistics for %s', (_name, rules, maxBlockSize) => {
    const options = { rules, ...(maxBlockSize === undefined ? {} : { maxBlockSize }) };
    const actual = candidatePairs(features, options);
    const expected = referenceCandidatePairs(features, options);
    expect(actual.count).toBe(expected.count);
    expect(Array.from(actual.left)).toEqual(Array.from(expected.left));
    expect(Array.from(actual.right)).toEqual(Array.from(expected.right));
    expect(Array.from(actual.ruleBits)).toEqual(Array.from(expected.ruleBits));
    expect(actual.stats).toEqual(expected.stats);
    expect(actual.rules).toEqual(expected.rules);
  });
});

describe('groupKeys', () => {
  it('groups exactly the records that agree on every column, also when the key must be renumbered', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: -1, max: 4 }),
            fc.integer({ min: -1, max: 3 }),
            fc.integer({ min: -1, max: 2 }),
          ),
          {
            maxLength: 300,
          },
        ),
        fc.constantFrom(2 ** 53, 40, 6),
        (rows, limit) => {
          const n = rows.length;
          // Wide ranges, so that a small limit forces renumbering between columns.
          const columns: KeyColumn[] = [0, 1, 2].map((c) => ({
            values: Int32Array.from(rows, (row) => (row[c]! < 0 ? -1 : row[c]! * 1000 + c)),
            range: 5000,
          }));
          const scratch = new GroupScratch(n);
          const keys = new Float64Array(n);
          compositeKeys(columns, n, keys, scratch, limit);
          const groupOf = new Int32Array(n);
          const groups = groupKeys(keys, n, groupOf, scratch);
          const sizes = new Array<number>(groups).fill(0);
          for (let r = 0; r < n; r++) {
            const missing = rows[r]!.some((v) => v < 0);
            expect(groupOf[r]! < 0).toBe(missing);
            if (!missing) sizes[groupOf[r]!]!++;
            for (let s = 0; s < r; s++) {
              if (missing || groupOf[s]! < 0) continue;
              expect(groupOf[r] === groupOf[s]).toBe(rows[r]!.every((v, c) => v === rows[s]![c]));
            }
          }
          for (let g = 0; g < groups; g++) expect(scratch.size[g]).toBe(sizes[g]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
