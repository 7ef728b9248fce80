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

/** True when `text` is a month written `YYYY-MM` (2025-13 is not). */
export function isMonth(text: string): boolean {
  const m = MONTH.exec(text);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
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

/** A `YYYY-MM` month shifted by `k` months (negative: earlier). */
export function shiftMonth(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + k;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to` (`YYYY-MM`): 0 for the same month, negative when `to` is earlier. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

/** The last day of a `YYYY-MM` month, ISO. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}
