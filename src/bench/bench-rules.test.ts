/**
 * @module bench/bench-rules.test
 * The rules benchmark runs end to end on a small population: every variant runs, the compiled
 * outputs equal the hand-written loop's and DuckDB's sums, and the result has its fields. Tests
 * never assert on time.
 */
import { describe, expect, it } from 'vitest';
import { benchRules, formatRulesBench, type RulesBenchResult } from './bench-rules.js';

const NUMBER_FIELDS = [
  'persons',
  'runs',
  'threads',
  'compiled_seconds',
  'compiled_single_thread_seconds',
  'handwritten_seconds',
  'duckdb_seconds',
  'duckdb_materialise_seconds',
  'persons_per_second',
  'ratio_compiled_single_vs_handwritten',
  'speedup_cores',
  'ratio_duckdb_vs_compiled',
  'bandwidth_gb_per_s',
  'peak_rss_mib',
] as const satisfies readonly (keyof RulesBenchResult)[];

describe('benchRules', () => {
  it('runs every variant on 20,000 persons and checks the outputs', async () => {
    const result = await benchRules({ persons: 20000, runs: 1 });
    for (const field of NUMBER_FIELDS) {
      expect(typeof result[field], field).toBe('number');
      expect(Number.isFinite(result[field]), field).toBe(true);
      expect(result[field], field).toBeGreaterThan(0);
    }
    expect(result.persons).toBe(20000);
    expect(result.runs).toBe(1);
    expect(result.period).toBe('2024-05');
    expect(result.outputs_checked).toBe(true);
    expect(formatRulesBench(result)).toContain('hand-written');
  });
});
