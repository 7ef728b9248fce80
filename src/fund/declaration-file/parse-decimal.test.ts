import { describe, expect, it } from 'vitest';
import { columnLetter } from './cell-address.js';
import { parseDecimal } from './parse-decimal.js';

describe('parseDecimal', () => {
  it.each([
    ['1250000', false, '1250000', ''],
    ['1,250,000', false, '1250000', ''],
    ['  1,250,000.50 ', false, '1250000', '5'],
    ['១២៥០០០០', false, '1250000', ''],
    ['១,២៥០,០០០', false, '1250000', ''],
    ['\u200B350.29\u200B', false, '350', '29'],
    ['0012', false, '12', ''],
    ['.5', false, '0', '5'],
    ['12.', false, '12', ''],
    ['-3', true, '3', ''],
    ['-0', false, '0', ''],
    ['+7', false, '7', ''],
  ])('reads the text %j', (text, negative, whole, fraction) => {
    expect(parseDecimal(text)).toEqual({ negative, whole, fraction });
  });

  it.each([
    '',
    ' ',
    'abc',
    '1,25',
    '12,5000',
    '1.250.000',
    '1 250 000',
    '$350',
    '350 USD',
    '(5)',
    '.',
    '-',
    '1e5',
  ])('refuses the text %j', (text) => {
    expect(parseDecimal(text)).toBeNull();
  });

  it('reads numeric cells at the 15 significant digits Excel shows', () => {
    expect(parseDecimal(0.29)).toEqual({ negative: false, whole: '0', fraction: '29' });
    expect(parseDecimal(0.1 + 0.2)).toEqual({ negative: false, whole: '0', fraction: '3' });
    expect(parseDecimal(1.15)).toEqual({ negative: false, whole: '1', fraction: '15' });
    expect(parseDecimal(1_250_000)).toEqual({ negative: false, whole: '1250000', fraction: '' });
    expect(parseDecimal(-12.5)).toEqual({ negative: true, whole: '12', fraction: '5' });
    expect(parseDecimal(1e21)).toEqual({ negative: false, whole: '1000000000000000000000', fraction: '' });
    expect(parseDecimal(1e-7)?.fraction).toBe('0000001');
    expect(parseDecimal(Number.NaN)).toBeNull();
    expect(parseDecimal(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('keeps every cent from 0.00 to 999.99 exact', () => {
    const wrong: number[] = [];
    for (let cents = 0; cents < 100_000; cents++) {
      const d = parseDecimal(cents / 100)!;
      if (Number(d.whole) * 100 + Number(d.fraction.padEnd(2, '0')) !== cents) wrong.push(cents);
    }
    expect(wrong).toEqual([]);
  });
});

describe('columnLetter', () => {
  it('names columns as Excel does', () => {
    expect([0, 2, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'C',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});
