/**
 * @module registry/employer-number
 * The employer number printed on registration certificates: `E`, the employer's identifier in 6
 * digits, and a Luhn check digit, so a mistyped number is caught before it reaches a payment
 * (the format the NSSF register uses, `src/merger/legacy-formats.ts`).
 */
import { luhnCheckDigit } from '../merger/legacy-formats.js';

export function employerNumber(employerId: number): string {
  const digits = String(employerId).padStart(6, '0');
  if (digits.length > 6)
    throw new RangeError(`employer ${employerId} does not fit a 6-digit employer number`);
  return `E${digits}${luhnCheckDigit(digits)}`;
}

/** The employer identifier of a well-formed number with a valid check digit, else null. */
export function employerIdOf(employerNo: string): number | null {
  const m = /^E([0-9]{6})([0-9])$/.exec(employerNo.trim().toUpperCase());
  if (!m || luhnCheckDigit(m[1]!) !== Number(m[2])) return null;
  const id = Number(m[1]);
  return id > 0 ? id : null;
}
