/**
 * @module synth/error-rates
 * Every kind of error the generator puts into the legacy registers, and how often, in one place.
 * A rate is the probability for one member record (one rendering of a person by one register),
 * unless said otherwise. Real error rates of NSSF, NSSF-C and NFV are not known; these are
 * assumptions chosen to give the merger every difficulty it will meet, at rates it must survive
 * (ARCHITECTURE.md). `generateSynth` takes overrides, so a test or a benchmark can raise them.
 */

export type ErrorRates = {
  /** Each part of a romanised name is written with a variant other than the usual one. */
  romanisationVariant: number;
  /** One typing error in the romanised name. */
  latinTypo: number;
  /** One typing error in the Khmer name (a look-alike letter or sign, or a dropped diacritic). */
  khmerTypo: number;
  /** Romanised name written given name first. */
  givenNameFirst: number;
  /** NSSF: the romanised name left empty. */
  missingLatinName: number;
  /** Day and month of the birth date exchanged. */
  swappedDayMonth: number;
  /** Birth year one year off. */
  birthYearOff: number;
  /** Sex written wrong. */
  sexFlipped: number;
  /** A person who has a national ID card, recorded without its number. */
  missingNationalId: number;
  /** National ID with one digit wrong or two neighbouring digits exchanged. */
  mistypedNationalId: number;
  /** Register number (NSSF member number, NSSF-C officer ID) with a wrong check digit or letter. */
  badCheckCharacter: number;
  /** A second record of the same person in the same register (a clerical duplicate, no spells). */
  duplicateRecord: { nssf: number; nssfC: number; nfv: number };
  /** NSSF: on a change of employer, the worker is registered again under a new number (spells split). */
  reregistrationOnEmployerChange: number;
  /** NSSF-C: birth date typed as text `MM/DD/YYYY` instead of a date cell. */
  textBirthDate: number;
  /** NSSF-C: service start typed as text `MM/DD/YYYY` instead of a date cell. */
  textServiceStart: number;
  /** NSSF-C: national ID written in groups, `123 456 789` or `123-456-789` (each half of this). */
  groupedNationalId: number;
  /** NFV: national ID written in Latin rather than Khmer digits. */
  latinDigitsInNfv: number;
  /** NFV: additional share of veterans recorded without a national ID (older records). */
  nfvMissingNationalId: number;
};

export const DEFAULT_ERROR_RATES: ErrorRates = {
  romanisationVariant: 0.3,
  latinTypo: 0.02,
  khmerTypo: 0.015,
  givenNameFirst: 0.01,
  missingLatinName: 0.02,
  swappedDayMonth: 0.015,
  birthYearOff: 0.005,
  sexFlipped: 0.002,
  missingNationalId: 0.08,
  mistypedNationalId: 0.015,
  badCheckCharacter: 0.003,
  duplicateRecord: { nssf: 0.004, nssfC: 0.003, nfv: 0.006 },
  reregistrationOnEmployerChange: 0.05,
  textBirthDate: 0.1,
  textServiceStart: 0.03,
  groupedNationalId: 0.5,
  latinDigitsInNfv: 0.4,
  nfvMissingNationalId: 0.15,
};

/** The default rates with some replaced. */
export function errorRates(overrides: Partial<ErrorRates> = {}): ErrorRates {
  return {
    ...DEFAULT_ERROR_RATES,
    ...overrides,
    duplicateRecord: { ...DEFAULT_ERROR_RATES.duplicateRecord, ...overrides.duplicateRecord },
  };
}
