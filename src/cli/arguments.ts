/**
 * @module cli/arguments
 * Checks of command-line arguments shared by the commands, each failing with a usage error that
 * names the option and what it should be.
 */
import { SamakiError } from '../kernel/errors.js';
import { parsePeriod } from '../kernel/period.js';

export function usage(reason: string): SamakiError {
  return new SamakiError('cli_usage', { reason });
}

export function positiveInt(value: string, what: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) <= 0)
    throw usage(`${what} must be a whole number above 0 (got "${value}")`);
  return Number(value);
}

/** A `YYYY-MM` month. */
export function monthArg(value: string): string {
  const p = parsePeriod(value);
  if (p.unit !== 'month') throw new SamakiError('period_bad', { value });
  return value;
}
