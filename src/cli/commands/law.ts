/**
 * @module cli/commands/law
 * `samaki law test` runs the YAML law tests on the explain and columnar backends;
 * `samaki law variables` lists the law's variables; `samaki law types` regenerates the typed
 * parameter tree that formulas use.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cambodiaLaw, LAW_TESTS_DIR } from '../../law/law.js';
import { generateParameterTypes } from '../../rules/parameters/parameter-types.js';
import { loadLawTests, runLawTest } from '../../rules/testing/run-law-tests.js';
import type { Io } from '../io.js';

/** Returns the exit code: 0 when every case passes, 1 otherwise. */
export function lawTestCommand(io: Io, options: { dir?: string; json?: boolean }): number {
  const law = cambodiaLaw();
  const cases = loadLawTests(options.dir ?? LAW_TESTS_DIR);
  const results = cases.map((c) => runLawTest(law, c));
  const failed = results.filter((r) => r.error || r.failures.length > 0);
  if (options.json) {
    io.out(
      JSON.stringify({
        passed: results.length - failed.length,
        failed: failed.length,
        failures: failed.map((r) => ({
          file: r.testCase.file,
          line: r.testCase.line,
          name: r.testCase.name,
          error: r.error,
          failures: r.failures,
        })),
      }),
    );
  } else {
    for (const r of failed) {
      io.out(`FAIL ${r.testCase.file}:${r.testCase.line} ${r.testCase.name}`);
      if (r.error) io.out(`  ${r.error}`);
      for (const f of r.failures) {
        io.out(
          `  ${f.variable}[${f.key}] (${f.backend}): expected ${String(f.expected)}, got ${String(f.actual)}`,
        );
      }
    }
    io.out(`law tests: ${results.length - failed.length} passed, ${failed.length} failed`);
  }
  return failed.length === 0 ? 0 : 1;
}

export function lawVariablesCommand(io: Io, options: { json?: boolean }): void {
  const law = cambodiaLaw();
  const rows = [...law.variables.values()].map((v) => ({
    name: v.name,
    entity: v.entity,
    period: v.period,
    type: v.type,
    unit: v.unit,
    input: v.isInput,
    formulas: v.formulas.map((f) => f.start),
    label: v.label,
    reference: v.reference,
  }));
  if (options.json) {
    io.out(JSON.stringify(rows, null, 2));
    return;
  }
  for (const r of rows) {
    const kind = r.input ? 'input' : `formulas from ${r.formulas.join(', ')}`;
    io.out(`${r.name} (${r.entity}, per ${r.period}${r.unit ? `, ${r.unit}` : ''}) — ${r.label.en}; ${kind}`);
  }
}

export const PARAMETER_TYPES_FILE = fileURLToPath(
  new URL('../../../src/law/parameters.types.ts', import.meta.url),
);

export function parameterTypesSource(): string {
  return generateParameterTypes(cambodiaLaw().parameters, '../rules/expr/expr.js');
}

export function lawTypesCommand(io: Io): void {
  writeFileSync(PARAMETER_TYPES_FILE, parameterTypesSource());
  io.out(`wrote ${PARAMETER_TYPES_FILE}`);
}
