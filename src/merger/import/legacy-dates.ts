/**
 * @module merger/import/legacy-dates
 * Dates and months as the three legacy registers write them, read into ISO `YYYY-MM-DD` and
 * `YYYY-MM`. Each register has its own order of day and month; clerks sometimes swapped them.
 * A date that is impossible in the register's order but a real date with day and month
 * exchanged is read the exchanged way and flagged, because that is the usual typing error and
 * rejecting the row would lose a member's insured periods; a date impossible either way is an
 * error.
 */
import { daysInMonth } from '../../kernel/period.js';
import { khmerDigitsToLatin } from '../legacy-formats.js';

export type DateOrder = 'DMY' | 'MDY';

export type ParsedDate = { ok: true; iso: string; swapped: boolean } | { ok: false; reason: string };

const DATE_TEXT = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const MONTH_TEXT = /^(\d{1,2})[/-](\d{4})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** Earliest and latest plausible years for a legacy date (births from 1900, nothing in the future). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2030;

/** Reads `D/M/YYYY`, `D-M-YYYY` or `D.M.YYYY` (or month first for `MDY`), in Latin or Khmer digits. */
export function parseLegacyDate(text: string, order: DateOrder): ParsedDate {
  const t = khmerDigitsToLatin(text.trim());
  const m = DATE_TEXT.exec(t);
  if (!m)
    return {
      ok: false,
      reason: `"${text}" is not a date written ${order === 'DMY' ? 'DD/MM/YYYY' : 'MM/DD/YYYY'}`,
    };
  const a = Number(m[1]);
  const b = Number(m[2]);
  const year = Number(m[3]);
  const [day, month] = order === 'DMY' ? [a, b] : [b, a];
  if (year < MIN_YEAR || year > MAX_YEAR)
    return { ok: false, reason: `year ${year} is outside ${MIN_YEAR}-${MAX_YEAR}` };
  if (isRealDate(year, month, day)) return { ok: true, iso: iso(year, month, day), swapped: false };
  if (isRealDate(year, day, month)) return { ok: true, iso: iso(year, day, month), swapped: true };
  return { ok: false, reason: `"${text}" is not a real date (day ${day}, month ${month})` };
}

/** An Excel date cell (read as a JS Date at UTC midnight by exceljs) to ISO. */
export function excelDateToIso(value: Date): ParsedDate {
  if (Number.isNaN(value.getTime())) return { ok: false, reason: 'the date cell holds no valid date' };
  const year = value.getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR)
    return { ok: false, reason: `year ${year} is outside ${MIN_YEAR}-${MAX_YEAR}` };
  return { ok: true, iso: iso(year, value.getUTCMonth() + 1, value.getUTCDate()), swapped: false };
}

export type ParsedMonth = { ok: true; month: string } | { ok: false; reason: string };

/** Reads `YYYY-MM`, `MM/YYYY` or `MM-YYYY`, in Latin or Khmer digits. */
export function parseLegacyMonth(text: string): ParsedMonth {
  const t = khmerDigitsToLatin(text.trim());
  let year: number;
  let month: number;
  const isoMatch = ISO_MONTH.exec(t);
  const m = isoMatch ? null : MONTH_TEXT.exec(t);
  if (isoMatch) {
    year = Number(isoMatch[1]);
    month = Number(isoMatch[2]);
  } else if (m) {
    month = Number(m[1]);
    year = Number(m[2]);
  } else {
    return { ok: false, reason: `"${text}" is not a month (YYYY-MM, MM/YYYY or MM-YYYY)` };
  }
  if (month < 1 || month > 12) return { ok: false, reason: `"${text}": month ${month} does not exist` };
  if (year < MIN_YEAR || year > MAX_YEAR)
    return { ok: false, reason: `year ${year} is outside ${MIN_YEAR}-${MAX_YEAR}` };
  return { ok: true, month: `${year}-${pad2(month)}` };
}

/** Months since year 0 of a `YYYY-MM` text: a compact integer for interval arithmetic. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** The `YYYY-MM` text of a month index. */
export function monthText(index: number): string {
  return `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
