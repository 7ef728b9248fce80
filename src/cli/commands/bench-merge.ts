/**
 * @module cli/commands/bench-merge
 * `samaki bench merge [--scale S] [--seed N] [--from DIR] [--json]`: see src/bench/bench-merge.ts.
 */
import { resolve } from 'node:path';
import { SamakiError } from '../../kernel/errors.js';
import type { Io } from '../io.js';

export async function benchMergeCommand(
  io: Io,
  opts: { scale: string; seed: string; from?: string; json?: boolean },
): Promise<void> {
  const scale = Number(opts.scale);
  const seed = Number(opts.seed);
  if (!(scale > 0 && scale <= 1.5))
    throw new SamakiError('cli_usage', {
      reason: `--scale must be a number above 0 and at most 1.5 (got "${opts.scale}").`,
    });
  if (!Number.isSafeInteger(seed))
    throw new SamakiError('cli_usage', { reason: `--seed must be a whole number (got "${opts.seed}").` });
  const { benchMerge, formatMergeBench } = await import('../../bench/bench-merge.js');
  const result = await benchMerge({
    scale,
    seed,
    ...(opts.from ? { from: resolve(io.cwd, opts.from) } : {}),
    onProgress: (line) => io.err(line),
  });
  io.out(opts.json ? JSON.stringify(result) : formatMergeBench(result));
}
