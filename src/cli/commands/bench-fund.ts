/**
 * @module cli/commands/bench-fund
 * `samaki bench fund [--workers N] [--employers N] [--no-pglite] [--json]`: see
 * src/bench/bench-fund.ts. The PostgreSQL part runs on the server named by DATABASE_URL.
 */
import { SamakiError } from '../../kernel/errors.js';
import type { Io } from '../io.js';

export async function benchFundCommand(
  io: Io,
  opts: { workers: string; employers?: string; pglite: boolean; json?: boolean },
): Promise<void> {
  const workers = Number(opts.workers);
  if (!Number.isSafeInteger(workers) || workers < 1 || workers > 20_000_000)
    throw new SamakiError('cli_usage', {
      reason: `--workers must be a whole number from 1 to 20,000,000 (got "${opts.workers}").`,
    });
  const employers = opts.employers === undefined ? undefined : Number(opts.employers);
  if (employers !== undefined && !(Number.isSafeInteger(employers) && employers >= 1 && employers <= workers))
    throw new SamakiError('cli_usage', {
      reason: `--employers must be a whole number from 1 to the number of workers (got "${opts.employers}").`,
    });
  const { benchFund, formatFundBench } = await import('../../bench/bench-fund.js');
  const url = io.env.DATABASE_URL;
  const result = await benchFund({
    workers,
    ...(employers !== undefined ? { employers } : {}),
    ...(url ? { postgresUrl: url } : {}),
    pglite: opts.pglite,
    onProgress: (line) => io.err(line),
  });
  io.out(opts.json ? JSON.stringify(result) : formatFundBench(result));
}
