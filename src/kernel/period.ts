/**
 * @module kernel/period
 * Periods and dates as values. A month is written `YYYY-MM`, a year `YYYY`, a date `YYYY-MM-DD`.
 * The engine never reads the clock: every computation is given its period.
 */
import { SamakiError } from './errors.js';

export type PeriodUnit = 'month' | 'year';

export type Period = {
  readonly unit: PeriodUnit;
  readonly year: number;
  /** 1-12 for a month; undefined for a year. */
  readonly month?: number;
};

const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM` or `YYYY`; throws `period_bad` otherwise. */
export function parsePeriod(text: string): Period {
  const m = MONTH.exec(text);
  if (m) {
    const month = Number(m[2]);
    if (month >= 1 && month <= 12) return Object.freeze({ unit: 'month', year: Number(m[1]), month });
  }
  const y = YEAR.exec(text);
  if (y) return Object.freeze({ unit: 'year', year: Number(y[1]) });
  throw new SamakiError('period_bad', { value: text });
}

export function formatPeriod(period: Period): string {
  return period.unit === 'year' ? String(period.year) : `${period.year}-${pad2(period.month ?? 1)}`;
}

/** The first day of the period, `YYYY-MM-DD`: the instant at which parameters are read. */
export function periodStart(period: Period): string {
  return `${period.year}-${pad2(period.month ?? 1)}-01`;
}

/** True when `text` is a real calendar date written `YYYY-MM-DD` (2023-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const d = DATE.exec(text);
  if (!d) return false;
  const year = Number(d[1]);
  const month = Number(d[2]);
  const day = Number(d[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
