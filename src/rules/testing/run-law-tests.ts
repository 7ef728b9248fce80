/**
 * @module rules/testing/run-law-tests
 * Runs law tests written as YAML, OpenFisca style: each case has a name written as a sentence, a
 * period, inputs and expected outputs. Every case is evaluated twice, by the explain backend and
 * by the compiled columnar backend, and must give the expected value in both.
 *
 *   - name: In May 2024 a worker paid 1,500,000 riel has a contributory wage at the 1,200,000 ceiling
 *     period: 2024-05
 *     input: { wage: 1500000 }
 *     output: { contributory_wage: 1200000 }
 *
 * `input` is either inputs of one person (each set on its variable's entity: the person, its
 * household, its employer) or a situation `{ persons, households, employers }`. An output is a
 * number / boolean / text when its entity has one instance, else a map from instance key to value.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { SamakiError } from '../../kernel/errors.js';
import { parsePeriod } from '../../kernel/period.js';
import { compileColumnar, runColumnar } from '../backends/columnar.js';
import { createEvaluator, providedInputs } from '../backends/explain.js';
import type { Value } from '../expr/expr.js';
import type { Law } from '../law.js';
import { instancesOf, parseSituation, type Situation } from '../situation/situation.js';
import { columnValue, situationToPopulation } from '../situation/to-population.js';

export type LawTestCase = {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly period: string;
  readonly input: Record<string, unknown>;
  readonly output: Record<string, unknown>;
  readonly absoluteErrorMargin: number;
};

export type LawTestFailure = {
  readonly variable: string;
  readonly key: string;
  readonly backend: 'explain' | 'columnar';
  readonly expected: Value;
  readonly actual: Value;
};

export type LawTestResult = {
  readonly testCase: LawTestCase;
  readonly failures: readonly LawTestFailure[];
  readonly error?: string;
};

const CASE_KEYS = ['name', 'period', 'input', 'output', 'absolute_error_margin', 'description'];

/** Reads every `*.yaml` law test file under `dir` (recursively). */
export function loadLawTests(dir: string): LawTestCase[] {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d).sort()) {
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.yaml')) files.push(full);
    }
  };
  walk(dir);
  return files.flatMap((f) => parseLawTestFile(readFileSync(f, 'utf8'), relative(process.cwd(), f) || f));
}

export function parseLawTestFile(source: string, file: string): LawTestCase[] {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines });
  const bad = (line: number, reason: string): never => {
    throw new SamakiError('law_test_invalid', { file, line, reason });
  };
  if (doc.errors[0]) bad(doc.errors[0].linePos?.[0]?.line ?? 1, doc.errors[0].message.split('\n')[0]!);
  if (!isSeq(doc.contents)) bad(1, 'a law test file is a list of cases');
  const seq = doc.contents as unknown as { items: unknown[] };
  return seq.items.map((item) => {
    const line = lines.linePos((item as { range?: number[] }).range?.[0] ?? 0).line;
    if (!isMap(item)) bad(line, 'each case is a map with name, period, input, output');
    const raw = (item as { toJSON(): unknown }).toJSON() as Record<string, unknown>;
    for (const k of Object.keys(raw))
      if (!CASE_KEYS.includes(k)) bad(line, `unknown key "${k}" (allowed: ${CASE_KEYS.join(', ')})`);
    if (typeof raw.name !== 'string' || raw.name.length < 10)
      bad(line, 'each case needs a name written as a sentence');
    const period = String(raw.period ?? '');
    if (!/^\d{4}(-\d{2})?$/.test(period)) bad(line, `period "${period}" must be YYYY-MM or YYYY`);
    const isObject = (x: unknown): x is Record<string, unknown> =>
      typeof x === 'object' && x !== null && !Array.isArray(x);
    if (!isObject(raw.input)) bad(line, 'input must be a map');
    if (!isObject(raw.output) || Object.keys(raw.output).length === 0)
      bad(line, 'output must be a non-empty map');
    const margin = raw.absolute_error_margin ?? 0;
    if (typeof margin !== 'number' || margin < 0)
      bad(line, 'absolute_error_margin must be a non-negative number');
    return {
      file,
      line,
      name: raw.name as string,
      period,
      input: raw.input as Record<string, unknown>,
      output: raw.output as Record<string, unknown>,
      absoluteErrorMargin: margin as number,
    };
  });
}

/** Builds the situation of a case: a full situation, or one person's inputs. */
export function situationOfCase(law: Law, input: Record<string, unknown>, file: string): Situation {
  if ('persons' in input || 'households' in input || 'employers' in input)
    return parseSituation(law, input, file);
  const byEntity: Record<string, Record<string, unknown>> = { person: {}, household: {}, employer: {} };
  for (const [name, value] of Object.entries(input)) {
    const v = law.variable(name);
    byEntity[v.entity]![name] = value;
  }
  return parseSituation(
    law,
    {
      persons: { person: byEntity.person },
      households: { household: { members: ['person'], ...byEntity.household } },
      employers: { employer: { members: ['person'], ...byEntity.employer } },
    },
    file,
  );
}

export function runLawTest(law: Law, testCase: LawTestCase): LawTestResult {
  try {
    const situation = situationOfCase(law, testCase.input, testCase.file);
    const period = parsePeriod(testCase.period);
    const targets = Object.keys(testCase.output);
    for (const t of targets) law.variable(t);
    const provided = providedInputs(situation);
    const plan = law.plan(period, targets, provided);
    const evaluator = createEvaluator(plan, situation);
    const compiled = compileColumnar(law, period, targets, provided);
    const population = situationToPopulation(law, situation);
    const ws = runColumnar(compiled, population);
    const failures: LawTestFailure[] = [];
    for (const [name, expectedRaw] of Object.entries(testCase.output)) {
      const variable = law.variable(name);
      const keys = instancesOf(situation, variable.entity).keys;
      const expected: Record<string, unknown> =
        typeof expectedRaw === 'object' && expectedRaw !== null
          ? (expectedRaw as Record<string, unknown>)
          : { [keys[0]!]: expectedRaw };
      if (typeof expectedRaw !== 'object' && keys.length !== 1) {
        throw new SamakiError('law_test_invalid', {
          file: testCase.file,
          line: testCase.line,
          reason: `${name} has ${keys.length} instances; give a value per key`,
        });
      }
      for (const [key, want] of Object.entries(expected)) {
        const index = keys.indexOf(key);
        if (index < 0) {
          throw new SamakiError('law_test_invalid', {
            file: testCase.file,
            line: testCase.line,
            reason: `no ${variable.entity} "${key}"`,
          });
        }
        const explained = evaluator.value(variable, index);
        const column = ws.columns[name];
        const compiledValue = column ? columnValue(law, name, column, index) : explained;
        for (const [backend, actual] of [
          ['explain', explained],
          ['columnar', compiledValue],
        ] as const) {
          if (!matches(want as Value, actual, testCase.absoluteErrorMargin)) {
            failures.push({ variable: name, key, backend, expected: want as Value, actual });
          }
        }
      }
    }
    return { testCase, failures };
  } catch (error) {
    return { testCase, failures: [], error: error instanceof Error ? error.message : String(error) };
  }
}

function matches(expected: Value, actual: Value, margin: number): boolean {
  if (typeof expected === 'number' && typeof actual === 'number')
    return Math.abs(expected - actual) <= margin;
  return expected === actual;
}
