/**
 * @module cli/today
 * Today's date for the commands, the only place they read the clock: `SAMAKI_TODAY` (YYYY-MM-DD)
 * fixes it, for tests and for replaying a day.
 */
import { SamakiError } from '../kernel/errors.js';
import { isIsoDate } from '../kernel/period.js';
import type { Io } from './io.js';

/** A function giving today's date; a bad SAMAKI_TODAY is refused at once. */
export function todayOf(io: Io): () => string {
  const fixed = io.env.SAMAKI_TODAY;
  if (fixed !== undefined && !isIsoDate(fixed))
    throw new SamakiError('cli_usage', { reason: `SAMAKI_TODAY must be YYYY-MM-DD (got "${fixed}")` });
  return () => fixed ?? new Date().toISOString().slice(0, 10);
}

/** Today's date (see `todayOf`). */
export function today(io: Io): string {
  return todayOf(io)();
}
