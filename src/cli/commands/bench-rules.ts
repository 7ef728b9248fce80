/**
 * @module cli/commands/bench-rules
 * `samaki bench rules [--persons N] [--runs N] [--json]`: see src/bench/bench-rules.ts.
 */
import { SamakiError } from '../../kernel/errors.js';
import type { Io } from '../io.js';

export async function benchRulesCommand(
  io: Io,
  opts: { persons: string; runs: string; json?: boolean },
): Promise<void> {
  const persons = Number(opts.persons.replace(/_/g, ''));
  const runs = Number(opts.runs);
  if (!Number.isInteger(persons) || persons <= 0)
    throw new SamakiError('bench_bad_persons', { value: opts.persons });
  if (!Number.isInteger(runs) || runs <= 0)
    throw new SamakiError('cli_usage', {
      reason: `--runs must be a positive whole number (got "${opts.runs}").`,
    });
  const { benchRules, formatRulesBench } = await import('../../bench/bench-rules.js');
  const result = await benchRules({ persons, runs, log: (line) => io.err(line) });
  io.out(opts.json ? JSON.stringify(result) : formatRulesBench(result));
}
