/**
 * @module cli/commands/bench-benefits
 * `samaki bench benefits [--pensioners N] [--claims N] [--decisions N] [--pglite] [--json]`: see
 * src/bench/bench-benefits.ts. The PostgreSQL part runs on the server named by DATABASE_URL.
 */
import { positiveInt } from '../arguments.js';
import type { Io } from '../io.js';

export async function benchBenefitsCommand(
  io: Io,
  opts: { pensioners: string; claims: string; decisions: string; pglite?: boolean; json?: boolean },
): Promise<void> {
  const { benchBenefits, formatBenefitsBench } = await import('../../bench/bench-benefits.js');
  const url = io.env.DATABASE_URL;
  const result = await benchBenefits({
    pensioners: positiveInt(opts.pensioners, '--pensioners'),
    claims: positiveInt(opts.claims, '--claims'),
    decisions: positiveInt(opts.decisions, '--decisions'),
    ...(url ? { postgresUrl: url } : {}),
    pglite: opts.pglite === true,
    onProgress: (line) => io.err(line),
  });
  io.out(opts.json ? JSON.stringify(result) : formatBenefitsBench(result));
}
