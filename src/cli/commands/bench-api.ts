/**
 * @module cli/commands/bench-api
 * `samaki bench api [--seconds N] [--connections N] [--json]`: see src/bench/bench-api.ts. With
 * DATABASE_URL it runs on that PostgreSQL server, otherwise on PGlite.
 */
import { SamakiError } from '../../kernel/errors.js';
import type { Io } from '../io.js';

export async function benchApiCommand(
  io: Io,
  opts: { seconds: string; connections: string; json?: boolean },
): Promise<void> {
  const seconds = Number(opts.seconds);
  const connections = Number(opts.connections);
  if (!(Number.isInteger(seconds) && seconds >= 1 && seconds <= 600))
    throw new SamakiError('cli_usage', {
      reason: `--seconds must be a whole number from 1 to 600 (got "${opts.seconds}").`,
    });
  if (!(Number.isInteger(connections) && connections >= 1 && connections <= 1000))
    throw new SamakiError('cli_usage', {
      reason: `--connections must be a whole number from 1 to 1000 (got "${opts.connections}").`,
    });
  const { benchApi, formatApiBench } = await import('../../bench/bench-api.js');
  const url = io.env.DATABASE_URL;
  const result = await benchApi({
    seconds,
    connections,
    ...(url ? { postgresUrl: url } : {}),
    onProgress: (m) => io.err(m),
  });
  io.out(opts.json ? JSON.stringify(result) : formatApiBench(result));
  if (!result.checks.each_once || !result.checks.repeats_same_answer || !result.checks.ledger_ok)
    io.err('the checks after the load FAILED');
}
