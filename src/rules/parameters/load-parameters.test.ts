/** @module rules/parameters/load-parameters.test: loader errors, valid tree, valueAt, scales. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ErrorCode, SamakiError } from '../../kernel/errors.js';
import { loadParameters, parseParameterFile } from './load-parameters.js';
import { type DatedValue, type Scale, valueAt } from './parameter.js';
import { evaluateScale, marginalRate, singleAmount } from './scale.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const INVALID = join(FIXTURES, 'invalid');

/** Runs `fn`, which must throw a SamakiError, and returns the error. */
function samakiErrorOf(fn: () => unknown): SamakiError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SamakiError);
    return error as SamakiError;
  }
  throw new Error('expected a SamakiError, but nothing was thrown');
}

type Expected = { code: ErrorCode; line: number; key?: string; says?: string };

/** Every invalid fixture, the error it must raise, the line it must name, and the key it must name. */
const INVALID_CASES: Record<string, Expected> = {
  'unknown-key.yaml': { code: 'parameter_unknown_key', line: 7, key: 'refernce', says: 'Allowed here' },
  'bad-date.yaml': { code: 'parameter_bad_date', line: 6, key: '2023-02-30' },
  'duplicate-date.yaml': { code: 'parameter_duplicate_date', line: 7, key: '2023-01-01' },
  'missing-reference.yaml': { code: 'parameter_missing_reference', line: 8, key: '2024-01-01' },
  'yaml-syntax.yaml': { code: 'parameter_yaml_syntax', line: 6, says: 'multiple documents' },
  'bad-value.yaml': { code: 'parameter_bad_value', line: 7, key: '2023-01-01', says: 'finite number' },
  'unsorted-brackets.yaml': { code: 'parameter_bad_value', line: 12, key: '2023-01-01', says: 'increase' },
  'missing-values.yaml': { code: 'parameter_missing_field', line: 2, key: 'values' },
  'bad-confidence.yaml': { code: 'parameter_bad_value', line: 8, key: 'confidence', says: 'unverified' },
  'mixed-types.yaml': { code: 'parameter_bad_value', line: 3, key: 'values', says: 'same type' },
  'missing-description.yaml': { code: 'parameter_missing_field', line: 2, key: 'description' },
  'empty-text.yaml': { code: 'parameter_bad_value', line: 3, key: 'unit', says: 'non-empty text' },
  'duplicate-key.yaml': { code: 'parameter_bad_value', line: 4, key: 'unit', says: 'appears twice' },
  'not-a-map.yaml': { code: 'parameter_bad_value', line: 2, key: '(file)', says: 'map of keys' },
  'bad-label.yaml': { code: 'parameter_bad_value', line: 3, key: 'label', says: 'en:' },
  'label-without-en.yaml': { code: 'parameter_missing_field', line: 4, key: 'en' },
  'bad-kind.yaml': { code: 'parameter_bad_value', line: 3, key: 'kind', says: 'single_amount_scale' },
  'thresholds-on-value.yaml': {
    code: 'parameter_bad_value',
    line: 4,
    key: 'thresholds',
    says: 'only scales',
  },
  'bad-thresholds.yaml': { code: 'parameter_bad_value', line: 4, key: 'thresholds', says: 'exclusive' },
  'empty-values.yaml': { code: 'parameter_bad_value', line: 4, key: 'values', says: 'YYYY-MM-DD' },
  'entry-not-a-map.yaml': { code: 'parameter_bad_value', line: 5, key: '2023-01-01', says: 'reference' },
  'missing-value.yaml': { code: 'parameter_missing_field', line: 6, key: 'value', says: '2023-01-01' },
  'missing-brackets.yaml': { code: 'parameter_missing_field', line: 6, key: 'brackets', says: '2023-01-01' },
  'brackets-not-a-list.yaml': { code: 'parameter_bad_value', line: 7, key: '2023-01-01', says: 'a list' },
  'bracket-not-a-map.yaml': { code: 'parameter_bad_value', line: 9, key: '2023-01-01', says: 'a map' },
  'bracket-missing-amount.yaml': { code: 'parameter_bad_value', line: 9, key: '2023-01-01', says: 'amount' },
  'bracket-bad-threshold.yaml': {
    code: 'parameter_bad_value',
    line: 9,
    key: '2023-01-01',
    says: 'threshold',
  },
  'bracket-wrong-field.yaml': { code: 'parameter_unknown_key', line: 8, key: 'amount', says: 'rate' },
};

describe('parseParameterFile: one invalid fixture per loader error', () => {
  it('has an expected error for every fixture file, and a fixture for every expected error', () => {
    expect(readdirSync(INVALID).sort()).toEqual(Object.keys(INVALID_CASES).sort());
  });

  for (const [file, expected] of Object.entries(INVALID_CASES)) {
    it(`${file}: ${expected.code} at line ${expected.line}`, () => {
      const source = readFileSync(join(INVALID, file), 'utf8');
      const display = `fixtures/invalid/${file}`;
      const error = samakiErrorOf(() => parseParameterFile(source, display, 'fixture'));
      expect(error.code).toBe(expected.code);
      expect(error.details.file).toBe(display);
      expect(error.details.line).toBe(expected.line);
      // The English message names the file and the line, as `file:line:`, and the key.
      expect(error.message.startsWith(`${display}:${expected.line}: `)).toBe(true);
      if (expected.key !== undefined) {
        expect(error.details.key).toBe(expected.key);
        expect(error.message).toContain(expected.key);
      }
      if (expected.says !== undefined) expect(error.message).toContain(expected.says);
      // The Khmer message carries the same place.
      expect(error.localized('km').startsWith(`${display}:${expected.line}: `)).toBe(true);
    });
  }
});

describe('parseParameterFile: YAML syntax errors name the bad line', () => {
  // Kept inline: a fixture file with a YAML syntax error would make `biome check .` (which parses
  // YAML) fail. Each case: the source, the line the error must name, a word of the parser's reason.
  const cases: [string, string, number, string][] = [
    ['nested mapping on one line', 'description: x\nvalues:\n  2023-01-01: value: 1\n', 3, 'Nested mappings'],
    ['misaligned mapping items', 'description: x\nvalues:\n    a: 1\n  b: 2\n', 4, 'same column'],
    ['tab as indentation', 'description: x\nvalues:\n\t2023-01-01: 1\n', 3, 'Tabs'],
    ['reserved character', 'description: x\nunit: @KHR\n', 2, 'reserved character'],
    ['unclosed flow sequence', 'description: x\nvalues: [1, 2\nunit: KHR\n', 3, 'end with a ]'],
  ];
  for (const [what, source, line, reason] of cases) {
    it(`${what}: line ${line}`, () => {
      const error = samakiErrorOf(() => parseParameterFile(source, 'inline.yaml', 'fixture'));
      expect(error.code).toBe('parameter_yaml_syntax');
      expect(error.details.line).toBe(line);
      expect(error.message.startsWith(`inline.yaml:${line}: this is not valid YAML (`)).toBe(true);
      expect(error.message).toContain(reason);
    });
  }
});

describe('loadParameters on the valid fixture tree', () => {
  const tree = loadParameters(join(FIXTURES, 'valid'));

  it('names parameters by their path, and folders by their index.yaml', () => {
    expect([...tree.parameters.keys()].sort()).toEqual(['benefits.bands', 'benefits.rate', 'income_tax']);
    expect([...tree.nodes.keys()].sort()).toEqual(['', 'benefits']);
  });

  it('reads index labels and descriptions', () => {
    expect(tree.nodes.get('')).toEqual({
      name: '',
      description: 'Fixture parameter tree for the loader tests',
      label: { en: 'Fixture parameters', km: 'ប៉ារ៉ាម៉ែត្រសាកល្បង' },
    });
    expect(tree.nodes.get('benefits')?.label).toEqual({ en: 'Benefits', km: 'អត្ថប្រយោជន៍' });
  });

  it('sorts dated values by start date and keeps reference, confidence, note and line', () => {
    const rate = tree.parameters.get('benefits.rate')!;
    expect(rate.kind).toBe('value');
    expect(rate.unit).toBe('/1');
    expect(rate.label).toEqual({ en: 'Benefit rate' });
    expect(rate.values.map((v) => [v.start, v.value])).toEqual([
      ['2023-01-01', 0.5],
      ['2024-07-01', 0.7],
    ]);
    const [first, second] = rate.values;
    expect(first).toMatchObject({
      reference: 'Fixture Prakas 1, Article 3',
      confidence: 'confirmed',
      line: 11,
    });
    expect(first?.note).toBeUndefined();
    expect(second).toMatchObject({
      reference: 'Fixture Prakas 2, Article 3',
      confidence: 'secondary',
      note: 'raised in mid-2024',
      line: 6,
    });
  });

  it('reads scale brackets, kind and threshold rule', () => {
    const bands = tree.parameters.get('benefits.bands')!;
    expect(bands.kind).toBe('single_amount_scale');
    expect(bands.kind !== 'value' && bands.thresholds).toBe('exclusive');
    const scale = bands.values[0]?.value as Scale;
    expect(scale).toEqual({
      kind: 'single_amount_scale',
      thresholds: 'exclusive',
      brackets: [
        { threshold: 0, amount: 200 },
        { threshold: 200, amount: 250 },
        { threshold: 300, amount: 300 },
      ],
    });
    expect(bands.values[0]?.confidence).toBe('derived');

    const tax = tree.parameters.get('income_tax')!;
    expect(tax.kind).toBe('marginal_rate_scale');
    expect(tax.kind !== 'value' && tax.thresholds).toBe('inclusive');
    expect((tax.values[0]!.value as Scale).brackets).toEqual([
      { threshold: 0, rate: 0 },
      { threshold: 1000, rate: 0.1 },
      { threshold: 5000, rate: 0.2 },
    ]);
  });
});

describe('loadParameters refuses bad trees', () => {
  it('refuses a file whose name is not a snake_case parameter name', () => {
    const error = samakiErrorOf(() => loadParameters(join(FIXTURES, 'bad-name')));
    expect(error.code).toBe('parameter_bad_value');
    expect(error.details.key).toBe('Bad-Name');
    expect(error.details.line).toBe(1);
    expect(String(error.details.file)).toMatch(/bad-name[/\\]Bad-Name\.yaml$/);
    expect(error.message).toContain('Bad-Name.yaml:1:');
    expect(error.message).toContain('snake_case');
  });

  it('refuses an index.yaml with a key other than description and label', () => {
    const error = samakiErrorOf(() => loadParameters(join(FIXTURES, 'bad-index')));
    expect(error.code).toBe('parameter_unknown_key');
    expect(error.details).toMatchObject({ line: 4, key: 'unit', allowed: 'description, label' });
    expect(error.message).toMatch(/benefits[/\\]index\.yaml:4: unknown key "unit"/);
  });
});

describe('valueAt', () => {
  const values: DatedValue<number>[] = [
    { start: '2022-10-01', value: 1, reference: 'A', confidence: 'confirmed', line: 1 },
    { start: '2027-10-01', value: 2, reference: 'B', confidence: 'derived', line: 2 },
  ];

  it('is undefined before the first start date', () => {
    expect(valueAt(values, '2022-09-30')).toBeUndefined();
  });

  it('takes a value from its start date on, and keeps it until the day before the next', () => {
    expect(valueAt(values, '2022-10-01')?.value).toBe(1);
    expect(valueAt(values, '2022-10-02')?.value).toBe(1);
    expect(valueAt(values, '2027-09-30')?.value).toBe(1);
    expect(valueAt(values, '2027-10-01')?.value).toBe(2);
    expect(valueAt(values, '2027-10-02')?.value).toBe(2);
    expect(valueAt(values, '2099-12-31')?.value).toBe(2);
  });

  it('is undefined for an empty series', () => {
    expect(valueAt([], '2024-01-01')).toBeUndefined();
  });
});

describe('scale evaluation', () => {
  const brackets = [
    { threshold: 100, amount: 10 },
    { threshold: 200, amount: 20 },
    { threshold: 300, amount: 30 },
  ];
  const inclusive: Scale = { kind: 'single_amount_scale', thresholds: 'inclusive', brackets };
  const exclusive: Scale = { kind: 'single_amount_scale', thresholds: 'exclusive', brackets };

  it('singleAmount, inclusive: a bracket applies from its threshold on (base >= threshold)', () => {
    expect(singleAmount(inclusive, 50)).toBe(0);
    expect(singleAmount(inclusive, 99.99)).toBe(0);
    expect(singleAmount(inclusive, 100)).toBe(10);
    expect(singleAmount(inclusive, 199)).toBe(10);
    expect(singleAmount(inclusive, 200)).toBe(20);
    expect(singleAmount(inclusive, 300)).toBe(30);
    expect(singleAmount(inclusive, 1_000_000)).toBe(30);
  });

  it('singleAmount, exclusive: a bracket applies above its threshold (base > threshold)', () => {
    expect(singleAmount(exclusive, 50)).toBe(0);
    expect(singleAmount(exclusive, 100)).toBe(0);
    expect(singleAmount(exclusive, 100.01)).toBe(10);
    expect(singleAmount(exclusive, 200)).toBe(10);
    expect(singleAmount(exclusive, 201)).toBe(20);
    expect(singleAmount(exclusive, 300)).toBe(20);
    expect(singleAmount(exclusive, 301)).toBe(30);
    expect(singleAmount(exclusive, 1_000_000)).toBe(30);
  });

  const tax: Scale = {
    kind: 'marginal_rate_scale',
    thresholds: 'inclusive',
    brackets: [
      { threshold: 0, rate: 0 },
      { threshold: 1000, rate: 0.1 },
      { threshold: 5000, rate: 0.2 },
    ],
  };

  it('marginalRate taxes each part of the base at its bracket rate', () => {
    expect(marginalRate(tax, 0)).toBe(0);
    expect(marginalRate(tax, -50)).toBe(0);
    expect(marginalRate(tax, 1000)).toBe(0);
    expect(marginalRate(tax, 2000)).toBeCloseTo(100, 10);
    expect(marginalRate(tax, 5000)).toBeCloseTo(400, 10);
    expect(marginalRate(tax, 6000)).toBeCloseTo(600, 10);
  });

  it('marginalRate is 0 below a first threshold above 0', () => {
    const above: Scale = { ...tax, brackets: [{ threshold: 500, rate: 0.5 }] };
    expect(marginalRate(above, 400)).toBe(0);
    expect(marginalRate(above, 500)).toBe(0);
    expect(marginalRate(above, 700)).toBe(100);
  });

  it('evaluateScale dispatches on the scale kind', () => {
    expect(evaluateScale(inclusive, 200)).toBe(20);
    expect(evaluateScale(tax, 2000)).toBeCloseTo(100, 10);
  });
});
