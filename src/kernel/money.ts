/**
 * @module kernel/money
 * Money is integer riel. This module only formats it; rounding is decided by the law
 * (a parameter), never by floating-point accidents here.
 */

/** Formats riel with thousands separators: 1200000 -> "1,200,000". */
export function formatRiel(amount: number): string {
  const rounded = Number.isInteger(amount) ? amount : Math.round(amount * 100) / 100;
  return rounded.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
