import { describe, expect, it } from 'vitest';
import type { LegacyRecord } from '../legacy-record.js';
import { nationalIdValue, prepareFeatures, type RecordFeatures } from './record-features.js';
import { StringIds } from './string-table.js';
import { awkwardRecords, referencePrepareFeatures } from './test-support/reference-linkage.js';
import { syntheticRegisters } from './test-support/synthetic-people.js';

/** Every column, the key count and the string table of two encodings are the same. */
function expectSameFeatures(actual: RecordFeatures, expected: RecordFeatures): void {
  expect(actual.count).toBe(expected.count);
  expect(actual.keyCount).toBe(expected.keyCount);
  for (const [name, column] of Object.entries(expected)) {
    if (!ArrayBuffer.isView(column)) continue;
    const other = (actual as unknown as Record<string, ArrayLike<number>>)[name]!;
    expect(Array.from(other), name).toEqual(Array.from(column as unknown as ArrayLike<number>));
  }
  const a = actual.strings;
  const b = expected.strings;
  expect(a.size).toBe(b.size);
  for (let id = 0; id < b.size; id++) {
    expect(a.text(id)).toBe(b.text(id));
    expect(a.length(id)).toBe(b.length(id));
    expect(Array.from(a.codes().subarray(a.start(id), a.start(id) + a.length(id)))).toEqual(
      Array.from(b.codes().subarray(b.start(id), b.start(id) + b.length(id))),
    );
  }
}

describe('prepareFeatures', () => {
  it('encodes synthetic registers exactly as the plain reference does', () => {
    const { records } = syntheticRegisters({ people: 4000, seed: 5 });
    expectSameFeatures(prepareFeatures(records), referencePrepareFeatures(records));
  });

  it('encodes awkward records exactly as the plain reference does', () => {
    const records = awkwardRecords();
    expectSameFeatures(prepareFeatures(records), referencePrepareFeatures(records));
  });

  it('still does when its tables grow past their first capacity', () => {
    // Thousands of distinct long strings, seen again after the tables have grown.
    const records: LegacyRecord[] = Array.from({ length: 3000 }, (_, k) => ({
      source: 'nssf',
      recordId: String(k),
      row: k + 2,
      nameLatin: `Family${String.fromCharCode(97 + (k % 26))}${k % 2500} Given Name Number ${(k % 2500) * 7919}`,
      nameKhmer: `សុខ${'ក'.repeat(k % 40)} ដារ៉ា${k % 2600}`,
      sex: 'F',
      birthDate: '1990-01-01',
      nationalId: k % 4 !== 3 ? String(100000000 + (k % 2800)) : `ID-${k % 2900}-${'x'.repeat(k % 30)}`,
    }));
    expectSameFeatures(prepareFeatures(records), referencePrepareFeatures(records));
  });

  it('numbers national IDs of 1 to 12 digits by value and length', () => {
    expect(nationalIdValue('123456789')).toBe(9e12 + 123456789);
    expect(nationalIdValue('0123')).not.toBe(nationalIdValue('123'));
    expect(nationalIdValue('123456789012')).toBe(12e12 + 123456789012);
    for (const other of ['', '1234567890123', '12A', '１２３', ' 123', '-12'])
      expect(nationalIdValue(other)).toBe(-1);
  });
});

describe('StringIds', () => {
  it('numbers strings in order of first sight, through growth, telling apart look-alikes', () => {
    const ids = new StringIds(4);
    const texts = Array.from({ length: 5000 }, (_, k) => `${k % 3 === 0 ? 'ស' : 'a'}${k.toString(36)}`);
    texts.push('', 'a', 'á', 'a\u0301', '😀', '\uD83D');
    const seen = new Map<string, number>();
    for (const text of [...texts, ...texts.slice().reverse()]) {
      if (!seen.has(text)) seen.set(text, seen.size);
      expect(ids.add(text)).toBe(seen.get(text));
    }
    expect(ids.size).toBe(seen.size);
    expect(ids.get('not there')).toBe(-1);
    expect(ids.get('á')).toBe(seen.get('á'));
  });
});
