/**
 * @module fund/declaration-file/parse-decimal
 * Numbers as employers put them in a spreadsheet, read exactly as decimal digits: Excel numeric
 * cells, and text such as "1,250,000", " 350.50 " or "១២៥០០០០" (Khmer numerals). Keeping the
 * digits, rather than a binary double, is what turns $0.29 into 29 cents and not 28.999….
 */

/** A decimal number as its digits. */
export interface Decimal {
  negative: boolean;
  /** The digits before the point, without leading zeros ("0" when there are none). */
  whole: string;
  /** The digits after the point, without trailing zeros ("" when there are none). */
  fraction: string;
}

/**
 * Characters that do not show: Khmer text puts zero-width spaces (U+200B) between words, and
 * they come along when a number is copied out of a Khmer document.
 */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/** Khmer numerals (០–៩) as ASCII digits. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u17E0-\u17E9]/g, (digit) => String(digit.charCodeAt(0) - 0x17e0));
}

/** A text cell as it is meant: Khmer numerals as ASCII digits, invisible characters and surrounding space gone. */
export function cleanCellText(text: string): string {
  return asciiDigits(text.replace(INVISIBLE, '')).trim();
}

/**
 * Digits with an optional sign, thousands separated by commas in groups of three (or not at all),
 * and an optional decimal point. "1,25" and "1.250.000" are refused rather than guessed at.
 */
const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/;

/** The number a cell holds, or null when it is not a number. An empty cell is not a number either. */
export function parseDecimal(value: string | number): Decimal | null {
  const text = typeof value === 'number' ? numberDigits(value) : cleanCellText(value);
  if (text === null) return null;
  const match = NUMBER.exec(text);
  if (!match) return null;
  const wholeDigits = (match[2] ?? '').replaceAll(',', '');
  const fractionDigits = match[3] ?? '';
  if (wholeDigits === '' && fractionDigits === '') return null;
  const whole = wholeDigits.replace(/^0+/, '') || '0';
  const fraction = fractionDigits.replace(/0+$/, '');
  return { negative: match[1] === '-' && (whole !== '0' || fraction !== ''), whole, fraction };
}

/**
 * A numeric cell's value as plain decimal digits. Excel keeps and shows 15 significant digits, so
 * the value is read at that precision: a formula's 0.1 + 0.2 is stored as 0.30000000000000004
 * but the employer sees, and means, 0.3.
 */
function numberDigits(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const shown = Number(value.toPrecision(15));
  const text = String(shown);
  if (!/e/i.test(text)) return text;
  // String() switches to exponents from 1e21 and below 1e-6; spell those out.
  return Math.abs(shown) >= 1 ? BigInt(shown).toString() : shown.toFixed(20);
}
