/**
 * @module synth/calendar
 * Months and days as small integers, the generator's only time units. A month is
 * `year * 12 + (month - 1)` (the same index as the merger's `monthIndex`); a day is the number of
 * days since 1970-01-01 (UTC). The synthetic population is as of the reference month, 2025-12;
 * careers and registers run from 2008-01, when the NSSF occupational-risk scheme began
 * (REFERENCE.md §2.1).
 */

export const REFERENCE_YEAR = 2025;
export const REFERENCE_MONTH_NUMBER = 12;
/** The month the synthetic population describes: 2025-12. */
export const REFERENCE_MONTH = monthOf(REFERENCE_YEAR, REFERENCE_MONTH_NUMBER);
/** Ages are completed years on the last day of the reference month, 2025-12-31. */
export const REFERENCE_DAY = dayOf(REFERENCE_YEAR, 12, 31);
/** First month of the careers and of the legacy registers (NSSF occupational risk since 2008). */
export const CAREERS_START = monthOf(2008, 1);

export function monthOf(year: number, month: number): number {
  return year * 12 + month - 1;
}

export function yearOfMonth(m: number): number {
  return Math.floor(m / 12);
}

/** 1..12 */
export function monthNumberOf(m: number): number {
  return (m % 12) + 1;
}

/** `YYYY-MM` */
export function monthText(m: number): string {
  const mm = monthNumberOf(m);
  return `${yearOfMonth(m)}-${mm < 10 ? '0' : ''}${mm}`;
}

/** `YYYYMM` as an integer, for the columnar files. */
export function monthCode(m: number): number {
  return yearOfMonth(m) * 100 + monthNumberOf(m);
}

/** Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil; no Date objects). */
export function dayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export type Ymd = { year: number; month: number; day: number };

/** The civil date of a day number (Hinnant's civil_from_days). */
export function ymdOf(dayNumber: number): Ymd {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The month index of a day number. */
export function monthOfDay(dayNumber: number): number {
  const d = ymdOf(dayNumber);
  return d.year * 12 + d.month - 1;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
