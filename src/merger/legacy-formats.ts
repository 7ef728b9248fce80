/**
 * @module merger/legacy-formats
 * The three legacy registers as the single fund receives them, one export per operator, each in
 * its own shape. This file is the contract between the synthetic generator (`src/synth`, which
 * writes these files) and the merger's import (`src/merger/import`, which reads them).
 *
 * Real exports of NSSF, NSSF-C and NFV are not public. The shapes below are assumptions made to
 * exercise what a real merger meets (own column names, own date formats, Khmer headers and
 * numerals, Excel date cells, ID formatting), recorded in ARCHITECTURE.md. The member-number
 * formats and their check digits are assumptions too; the national ID card number has no public
 * check digit (REFERENCE.md has none), so it is compared as digits only.
 *
 * Months in contribution files are inclusive: `from`..`to` both count.
 */

export const LEGACY_SOURCES = ['nssf', 'nssf-c', 'nfv'] as const;
export type LegacySource = (typeof LEGACY_SOURCES)[number];

/** The branches of social security a legacy month can count for (C102 names). */
export const BRANCHES = ['employment_injury', 'health', 'pension'] as const;
export type Branch = (typeof BRANCHES)[number];

/**
 * NSSF (private sector). Folder `nssf/`, UTF-8 CSV without BOM, comma-separated, RFC 4180 quoting.
 *
 * `members.csv`:
 * - `nssf_no`: 10 digits, the last a Luhn check digit over the first nine (assumption).
 * - `id_card_no`: the national ID card number, 9 digits, or empty.
 * - `name_kh`: the name in Khmer script, family name first, one space between names.
 * - `name_en`: the romanised name, UPPER CASE, family name first; may be empty.
 * - `sex`: `M` or `F`.
 * - `date_of_birth`, `registration_date`: `DD/MM/YYYY`.
 * - `employer_no`: the employer's NSSF number (`E` + 7 digits) at registration.
 *
 * `contributions.csv`: one row per spell of a member with one employer for one branch.
 * - `nssf_no`, `employer_no`, `branch` (`OR` occupational risk, `HC` health care, `PEN` pension),
 *   `from_month`, `to_month` (`YYYY-MM`), `wage_khr` (monthly wage in riel, integer).
 */
export const NSSF = {
  folder: 'nssf',
  members: {
    file: 'members.csv',
    columns: [
      'nssf_no',
      'id_card_no',
      'name_kh',
      'name_en',
      'sex',
      'date_of_birth',
      'employer_no',
      'registration_date',
    ],
  },
  contributions: {
    file: 'contributions.csv',
    columns: ['nssf_no', 'employer_no', 'branch', 'from_month', 'to_month', 'wage_khr'],
  },
  branchCodes: { OR: 'employment_injury', HC: 'health', PEN: 'pension' },
} as const satisfies LegacyFormat;

/**
 * NSSF-C (civil servants). Folder `nssf-c/`.
 *
 * `officers.xlsx`, first sheet `Officers`, header in row 1:
 * - `Officer ID`: `CS` + 7 digits + one check letter `A`–`K`: the nine-weight mod-11 of the digits
 *   (assumption; see `nssfcCheckLetter`).
 * - `Name (Khmer)`, `Name (Latin)`: family name first; Latin in Title Case.
 * - `Gender`: `Male` or `Female`.
 * - `Birth date`, `Service start`: Excel date cells; clerks sometimes typed text instead, as
 *   `MM/DD/YYYY` (the register's own convention).
 * - `National ID`: 9 digits, often written in groups (`123 456 789` or `123-456-789`), or empty.
 * - `Ministry`: the employing ministry.
 *
 * `contributions.csv` (UTF-8 CSV; too many rows for one sheet at full scale):
 * - `officer_id`, `branch` (`pension`, `health`, `occupational risk`), `from` and `to` as
 *   `MM/YYYY`, `basic_salary_khr` (integer riel).
 */
export const NSSF_C = {
  folder: 'nssf-c',
  members: {
    file: 'officers.xlsx',
    sheet: 'Officers',
    columns: [
      'Officer ID',
      'Name (Khmer)',
      'Name (Latin)',
      'Gender',
      'Birth date',
      'National ID',
      'Ministry',
      'Service start',
    ],
  },
  contributions: {
    file: 'contributions.csv',
    columns: ['officer_id', 'branch', 'from', 'to', 'basic_salary_khr'],
  },
  branchCodes: { pension: 'pension', health: 'health', 'occupational risk': 'employment_injury' },
} as const satisfies LegacyFormat;

/**
 * NFV (veterans). Folder `nfv/`, UTF-8 CSV with a byte-order mark, headers in Khmer.
 *
 * `veterans.csv`:
 * - `លេខសម្គាល់` (identifier): `NFV` + 6 digits.
 * - `គោត្តនាម និងនាម` (family name and name): Khmer script only.
 * - `ភេទ` (sex): `ប្រុស` (male) or `ស្រី` (female).
 * - `ថ្ងៃខែឆ្នាំកំណើត` (date of birth): `DD-MM-YYYY` in Khmer numerals (០–៩).
 * - `លេខអត្តសញ្ញាណប័ណ្ណ` (ID card number): Khmer or Latin digits, or empty.
 * - `ខេត្ត` (province): the province in Khmer.
 *
 * `service.csv`: periods of service that count for the veterans' pension.
 * - `លេខសម្គាល់`, `ចាប់ពី` (from) and `ដល់` (to) as `MM-YYYY` in Khmer numerals.
 */
export const NFV = {
  folder: 'nfv',
  members: {
    file: 'veterans.csv',
    columns: ['លេខសម្គាល់', 'គោត្តនាម និងនាម', 'ភេទ', 'ថ្ងៃខែឆ្នាំកំណើត', 'លេខអត្តសញ្ញាណប័ណ្ណ', 'ខេត្ត'],
  },
  contributions: {
    file: 'service.csv',
    columns: ['លេខសម្គាល់', 'ចាប់ពី', 'ដល់'],
  },
  branchCodes: { pension: 'pension' },
} as const satisfies LegacyFormat;

/**
 * The synthetic ground truth, written only by the generator: `truth/ground_truth.csv` with
 * `source` (`nssf`, `nssf-c`, `nfv`), `record_id` (the register's own identifier) and `person_id`
 * (the true person). The merger reads it only to report precision, recall and F1.
 */
export const GROUND_TRUTH = {
  folder: 'truth',
  file: 'ground_truth.csv',
  columns: ['source', 'record_id', 'person_id'],
} as const;

interface LegacyFormat {
  folder: string;
  members: { file: string; sheet?: string; columns: readonly string[] };
  contributions: { file: string; columns: readonly string[] };
  branchCodes: Readonly<Record<string, Branch>>;
}

/** Khmer digits ០..៩ (U+17E0..U+17E9) to Latin digits; other characters unchanged. */
export function khmerDigitsToLatin(text: string): string {
  return text.replace(/[\u17E0-\u17E9]/g, (d) => String(d.charCodeAt(0) - 0x17e0));
}

/** Latin digits to Khmer digits (for writing NFV files). */
export function latinDigitsToKhmer(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0x17e0 + Number(d)));
}

/** The Luhn check digit of a string of digits (NSSF member numbers, employer numbers). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a 10-digit NSSF member number carries a valid Luhn check digit. */
export function isValidNssfNumber(value: string): boolean {
  return /^[0-9]{10}$/.test(value) && luhnCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

/** The check letter of a 7-digit NSSF-C officer number: weights 8..2, mod 11, A..K. */
export function nssfcCheckLetter(digits: string): string {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (digits.charCodeAt(i) - 48) * (8 - i);
  return String.fromCharCode(65 + (sum % 11));
}

/** Whether an officer identifier (`CS` + 7 digits + check letter) is well formed. */
export function isValidOfficerId(value: string): boolean {
  const m = /^CS([0-9]{7})([A-K])$/.exec(value);
  return m !== null && nssfcCheckLetter(m[1]!) === m[2];
}
