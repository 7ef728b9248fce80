/**
 * @module law/law-tests.test
 * Runs the YAML law tests (src/law/tests) as part of the test suite, one test per case, on the
 * explain and columnar backends; and checks the typed parameter tree is up to date.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARAMETER_TYPES_FILE, parameterTypesSource } from '../cli/commands/law.js';
import { loadLawTests, parseLawTestFile, runLawTest } from '../rules/testing/run-law-tests.js';
import { cambodiaLaw, LAW_TESTS_DIR } from './law.js';

const law = cambodiaLaw();
const cases = loadLawTests(LAW_TESTS_DIR);

describe('YAML law tests', () => {
  it('there are law tests for every contribution scheme', () => {
    expect(cases.length).toBeGreaterThan(40);
  });
  for (const c of cases) {
    it(`${c.file}:${c.line} ${c.name}`, () => {
      const result = runLawTest(law, c);
      expect(result.error).toBeUndefined();
      expect(result.failures).toEqual([]);
    });
  }

  it('a wrong expectation fails, on both backends', () => {
    const [wrong] = parseLawTestFile(
      '- name: A deliberately wrong expectation\n  period: 2024-05\n  input: { wage: 1500000 }\n  output: { contributory_wage: 1 }\n',
      'probe.yaml',
    );
    const result = runLawTest(law, wrong!);
    expect(result.failures.map((f) => f.backend)).toEqual(['explain', 'columnar']);
  });

  it('a malformed case is refused with its file and line', () => {
    expect(() =>
      parseLawTestFile('- name: short\n  period: 2024-05\n  input: {}\n  output: { wage: 1 }\n', 'bad.yaml'),
    ).toThrow(/bad\.yaml:1: .*sentence/);
  });
});

describe('typed parameter tree', () => {
  it('src/law/parameters.types.ts matches the parameter files (run `samaki law types`)', () => {
    expect(readFileSync(PARAMETER_TYPES_FILE, 'utf8')).toBe(parameterTypesSource());
  });
});
