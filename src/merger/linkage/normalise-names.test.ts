import { describe, expect, it } from 'vitest';
import {
  khmerSkeleton,
  latinNameKey,
  latinPhoneticKey,
  normaliseKhmerName,
  normaliseLatinName,
  splitName,
} from './normalise-names.js';

/** Romanisation variants of the same Khmer word: each pair MUST get the same key. */
const SAME_WORD: ReadonlyArray<readonly [string, string]> = [
  ['Sok', 'Sokh'],
  ['Sok', 'Sukh'],
  ['Chan', 'Chann'],
  ['Srey', 'Srei'],
  ['Pisey', 'Pisei'],
  ['Chey', 'Chay'],
  ['Ly', 'Lee'],
  ['Ly', 'Li'],
  ['Nuon', 'Noun'],
  ['Chanthou', 'Chantho'],
  ['Oeun', 'Eun'],
  ['Oum', 'Um'],
  ['Ouk', 'Uk'],
  ['Vanna', 'Vana'],
  ['Sovann', 'Sovan'],
  ['Rottha', 'Rotha'],
  ['Chhim', 'Chim'],
  ['Chhea', 'Chea'],
  ['Chea', 'Chia'],
  ['Vuthy', 'Vuthi'],
  ['Bopha', 'Bupha'],
  ['Sokhom', 'Sokhum'],
  ['Mao', 'Mau'],
  ['Kuoy', 'Kouy'],
  ['Sophea', 'Sophia'],
  ['Seth', 'Set'],
  ['Wanna', 'Vanna'],
  ['Sreymom', 'Sreimom'],
];

/** Distinct common names: each pair must NOT share a key. */
const DIFFERENT_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['Sok', 'Sam'],
  ['Sok', 'Sak'],
  ['Chan', 'Chea'],
  ['Heng', 'Hang'],
  ['Kim', 'Keo'],
  ['Kim', 'Kem'],
  ['Dara', 'Dary'],
  ['Dara', 'Dora'],
  ['Sophea', 'Sopheap'],
  ['Sokha', 'Sokhom'],
  ['Vanna', 'Vannak'],
  ['Pisey', 'Piseth'],
  ['Seng', 'Sang'],
  ['Meas', 'Mao'],
  ['Chhay', 'Chhim'],
  ['Thida', 'Tida'],
  ['Rathana', 'Ratana'],
  ['Srey', 'Sary'],
  ['Nary', 'Neary'],
];

describe('normaliseLatinName', () => {
  it.each([
    ['SOK  DARA', 'sok dara'],
    ['  Chan-Sophea ', 'chan sophea'],
    ["Ke'o Pich.", 'keo pich'],
    ['Nguyễn Văn', 'nguyen van'],
    ['', ''],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseLatinName(raw)).toBe(expected);
  });

  it('is empty for null', () => {
    expect(normaliseLatinName(null)).toBe('');
  });
});

describe('splitName', () => {
  it('takes the first word as family name and joins the rest', () => {
    expect(splitName('sok srey mom')).toEqual({ family: 'sok', given: 'sreymom' });
    expect(splitName('chan')).toEqual({ family: 'chan', given: '' });
    expect(splitName('')).toEqual({ family: '', given: '' });
  });
});

describe('latinPhoneticKey', () => {
  it.each(SAME_WORD)('%s and %s share a key', (a, b) => {
    expect(latinPhoneticKey(normaliseLatinName(a))).toBe(latinPhoneticKey(normaliseLatinName(b)));
  });

  it.each(DIFFERENT_WORDS)('%s and %s keep distinct keys', (a, b) => {
    expect(latinPhoneticKey(normaliseLatinName(a))).not.toBe(latinPhoneticKey(normaliseLatinName(b)));
  });

  it('keeps a leading y as a consonant and reads a final y as a vowel', () => {
    expect(latinPhoneticKey('yin')).toBe('yin');
    expect(latinPhoneticKey('ly')).toBe('li');
  });

  it('does not collapse a list of 40 common given names into fewer than 36 keys', () => {
    const names = [
      'dara',
      'sophea',
      'sopheap',
      'sokha',
      'sokhom',
      'vanna',
      'vannak',
      'pisey',
      'piseth',
      'rathana',
      'thida',
      'bopha',
      'chantha',
      'chanthou',
      'sovann',
      'sreymom',
      'sreyneang',
      'sreypov',
      'kosal',
      'vibol',
      'visal',
      'rithy',
      'sothea',
      'sophal',
      'sophorn',
      'leakhena',
      'malis',
      'narin',
      'nary',
      'phalla',
      'ratha',
      'samnang',
      'sambath',
      'kanha',
      'kunthea',
      'makara',
      'mealea',
      'chenda',
      'davy',
      'veasna',
    ];
    expect(new Set(names.map(latinPhoneticKey)).size).toBeGreaterThanOrEqual(36);
  });
});

describe('latinNameKey', () => {
  it('keys a whole name as family key and given key', () => {
    expect(latinNameKey(normaliseLatinName('SOKH Srey Mom'))).toBe(
      latinNameKey(normaliseLatinName('Sok Sreimom')),
    );
    expect(latinNameKey('chan dara')).not.toBe(latinNameKey('dara chan'));
    expect(latinNameKey('')).toBe('');
  });
});

describe('normaliseKhmerName', () => {
  it('applies NFC, drops zero-width characters and collapses spaces', () => {
    expect(normaliseKhmerName('  សុខ\u200B   ដារ៉ា\u200D ')).toBe('សុខ ដារ៉ា');
    // Two vowel signs typed for one that looks the same: េ + ី is ើ, េ + ា is ោ.
    expect(normaliseKhmerName('\u1780\u17C1\u17B8')).toBe('\u1780\u17BE');
    expect(normaliseKhmerName('\u1780\u17C1\u17B6')).toBe('\u1780\u17C4');
    expect(normaliseKhmerName('A\u0301')).toBe('\u00C1');
    expect(normaliseKhmerName(null)).toBe('');
  });
});

describe('khmerSkeleton', () => {
  it('keeps consonants, drops vowel signs, register shifters, coeng and spaces', () => {
    expect(khmerSkeleton('សុខ ដារ៉ា')).toBe('សខដរ');
    expect(khmerSkeleton('ស្រី')).toBe('សរ');
  });

  it('gives the same skeleton when only a vowel sign differs', () => {
    expect(khmerSkeleton('ដារ៉ា')).toBe(khmerSkeleton('ដារា'));
    expect(khmerSkeleton('សុខា')).toBe(khmerSkeleton('សុខ'));
  });

  it('keeps consonant typos apart', () => {
    expect(khmerSkeleton('ចាន់')).not.toBe(khmerSkeleton('ចាប់'));
  });
});
