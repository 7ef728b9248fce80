/**
 * @module fund/declaration-file/declaration-template
 * The published template of the monthly wage declaration that employers fill in, mostly in Excel:
 * its columns as data (what the API docs and the web app show, and what the reader checks), and
 * the empty template itself, as an XLSX workbook (a `Declaration` sheet, and an `Instructions`
 * sheet in English and Khmer) or as CSV.
 */
import ExcelJS from 'exceljs';
import { columnLetter } from './cell-address.js';

/** The kinds of employment a declaration file may state (the self-employed declare otherwise). */
export const DECLARED_EMPLOYMENT_KINDS = ['wage', 'casual', 'domestic', 'subcontracted'] as const;
export type DeclaredEmploymentKind = (typeof DECLARED_EMPLOYMENT_KINDS)[number];

export type DeclarationColumnKey =
  | 'member_no'
  | 'name'
  | 'wage_khr'
  | 'wage_usd'
  | 'days_worked'
  | 'employment_kind';

export interface DeclarationColumn {
  /** The header of the column, exactly. */
  key: DeclarationColumnKey;
  /** Whether every row must have a value in it (an optional column may also be left out). */
  required: boolean;
  /** digits: an identifier of digits; integer and decimal: numbers; choice: one of `values`. */
  type: 'digits' | 'text' | 'integer' | 'decimal' | 'choice';
  /** Bounds of a number, inclusive. */
  min?: number;
  max?: number;
  /** Most digits after the point, for a decimal. */
  decimals?: number;
  /** The allowed values of a choice. */
  values?: readonly string[];
  /** What an empty cell (or a missing column) means. */
  default?: string | number;
  description: { en: string; km: string };
}

/** The template's columns, in the template's order. */
export const DECLARATION_COLUMNS: readonly DeclarationColumn[] = [
  {
    key: 'member_no',
    required: true,
    type: 'digits',
    description: {
      en: "The worker's member number at the fund, as on the member card: digits only.",
      km: 'លេខសមាជិករបស់កម្មករនៅបេឡាជាតិ ដូចនៅលើកាតសមាជិក៖ តែលេខប៉ុណ្ណោះ។',
    },
  },
  {
    key: 'name',
    required: false,
    type: 'text',
    description: {
      en: "The worker's name as you know it, to help you read the file. The fund does not check it.",
      km: 'ឈ្មោះកម្មករ ដូចដែលអ្នកស្គាល់ ដើម្បីងាយស្រួលអានឯកសារ។ បេឡាជាតិមិនពិនិត្យឈ្មោះនេះទេ។',
    },
  },
  {
    key: 'wage_khr',
    required: true,
    type: 'integer',
    min: 0,
    description: {
      en: 'The gross wage paid in riel for the month, in whole riel (1250000 or 1,250,000). Write 0 if the whole wage was paid in dollars.',
      km: 'ប្រាក់ឈ្នួលសរុបដែលបានបើកជាប្រាក់រៀលសម្រាប់ខែនេះ ជាចំនួនរៀលគត់ (1250000 ឬ 1,250,000)។ សរសេរ 0 បើប្រាក់ឈ្នួលទាំងអស់បានបើកជាដុល្លារ។',
    },
  },
  {
    key: 'wage_usd',
    required: false,
    type: 'decimal',
    min: 0,
    decimals: 2,
    default: 0,
    description: {
      en: 'The part of the wage paid in US dollars, with at most 2 decimals (350.50). Empty means 0.',
      km: 'ផ្នែកនៃប្រាក់ឈ្នួលដែលបានបើកជាដុល្លារអាមេរិក មិនលើសពី ២ ខ្ទង់ក្រោយចំណុចទសភាគ (350.50)។ ទុកទទេមានន័យថា 0។',
    },
  },
  {
    key: 'days_worked',
    required: false,
    type: 'integer',
    min: 0,
    max: 31,
    description: {
      en: 'The days worked in the month, a whole number from 0 to 31.',
      km: 'ចំនួនថ្ងៃធ្វើការក្នុងខែ ជាចំនួនគត់ពី 0 ដល់ 31។',
    },
  },
  {
    key: 'employment_kind',
    required: false,
    type: 'choice',
    values: DECLARED_EMPLOYMENT_KINDS,
    default: 'wage',
    description: {
      en: 'wage (an employee; the default when empty), casual (a casual or daily worker), domestic (a domestic worker) or subcontracted (a worker of a subcontractor).',
      km: 'wage (និយោជិត ជាលំនាំដើមបើទុកទទេ), casual (កម្មករបណ្ដោះអាសន្ន ឬកម្មករប្រចាំថ្ងៃ), domestic (ពលករតាមផ្ទះ) ឬ subcontracted (កម្មកររបស់អ្នកម៉ៅការបន្ត)។',
    },
  },
];

export const DECLARATION_SHEET = 'Declaration';
export const INSTRUCTIONS_SHEET = 'Instructions';

/** Rows a declaration file may hold (one per worker), unless the reader is told otherwise. */
export const MAX_DECLARATION_ROWS = 200_000;

/** General advice for the Instructions sheet, after the list of columns. */
const ADVICE: readonly { en: string; km: string }[] = [
  {
    en: 'Keep row 1 as it is. Write one row per worker, each member number once, with the whole wage of the month.',
    km: 'រក្សាជួរទី 1 ដដែល។ សរសេរមួយជួរសម្រាប់កម្មករម្នាក់ លេខសមាជិកនីមួយៗតែម្តង ជាមួយប្រាក់ឈ្នួលពេញមួយខែ។',
  },
  {
    en: 'Save as Excel Workbook (.xlsx), or as "CSV UTF-8". Plain "CSV" loses Khmer letters and is refused.',
    km: 'រក្សាទុកជា Excel Workbook (.xlsx) ឬជា "CSV UTF-8"។ "CSV" ធម្មតាបាត់អក្សរខ្មែរ ហើយនឹងត្រូវបដិសេធ។',
  },
  {
    en: 'If any row has a mistake, the whole file is refused with a list of every mistake: correct them all and send the file again.',
    km: 'បើជួរណាមួយមានកំហុស ឯកសារទាំងមូលនឹងត្រូវបដិសេធ ជាមួយបញ្ជីកំហុសទាំងអស់៖ សូមកែទាំងអស់ ហើយផ្ញើឯកសារម្តងទៀត។',
  },
];

/** The width of each column of the Declaration sheet, in characters. */
const WIDTHS: Readonly<Record<DeclarationColumnKey, number>> = {
  member_no: 14,
  name: 32,
  wage_khr: 16,
  wage_usd: 12,
  days_worked: 13,
  employment_kind: 18,
};

/**
 * Excel's number format for each column. Member numbers are identifiers, not quantities: as text
 * they keep their leading zeros and never turn into 1.23457E+11.
 */
const FORMATS: Partial<Record<DeclarationColumnKey, string>> = {
  member_no: '@',
  wage_khr: '#,##0',
  wage_usd: '#,##0.00',
};

/** exceljs writes worksheet-wide validation ranges, but its type declarations leave the member out. */
interface WithDataValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/** The empty template: the header row, and for XLSX the formats, the choices and the instructions. */
export async function writeDeclarationTemplate(format: 'xlsx' | 'csv'): Promise<Uint8Array> {
  const header = DECLARATION_COLUMNS.map((c) => c.key);
  // The byte-order mark makes Excel open the file as UTF-8, so Khmer names typed into it survive.
  if (format === 'csv') return new TextEncoder().encode(`\uFEFF${header.join(',')}\r\n`);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Samaki';
  // The template is the same whenever it is downloaded: no server clock in its properties.
  workbook.created = new Date(Date.UTC(2025, 0, 1));
  workbook.modified = workbook.created;

  const sheet = workbook.addWorksheet(DECLARATION_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = DECLARATION_COLUMNS.map((c) => ({
    header: c.key,
    key: c.key,
    width: WIDTHS[c.key],
    style: FORMATS[c.key] === undefined ? {} : { numFmt: FORMATS[c.key] },
  }));
  sheet.getRow(1).font = { bold: true };
  // A drop-down for the kind only. Number columns get no validation: Excel would refuse the
  // Khmer numerals typed into them, which the fund accepts.
  const kind = DECLARATION_COLUMNS.findIndex((c) => c.key === 'employment_kind');
  (sheet as unknown as WithDataValidations).dataValidations.add(
    `${columnLetter(kind)}2:${columnLetter(kind)}${MAX_DECLARATION_ROWS + 1}`,
    {
      type: 'list',
      allowBlank: true,
      formulae: [`"${DECLARED_EMPLOYMENT_KINDS.join(',')}"`],
      showErrorMessage: true,
      errorTitle: 'employment_kind',
      error: `Choose one of ${DECLARED_EMPLOYMENT_KINDS.join(', ')}, or leave the cell empty for wage.`,
    },
  );

  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  instructions.columns = [
    { header: 'column', key: 'key', width: 18 },
    { header: 'required / ចាំបាច់', key: 'required', width: 18 },
    { header: 'English', key: 'en', width: 70, style: { alignment: { wrapText: true, vertical: 'top' } } },
    { header: 'ខ្មែរ', key: 'km', width: 70, style: { alignment: { wrapText: true, vertical: 'top' } } },
  ];
  instructions.getRow(1).font = { bold: true };
  for (const c of DECLARATION_COLUMNS)
    instructions.addRow({
      key: c.key,
      required: c.required ? 'yes / ចាំបាច់' : 'no / មិនចាំបាច់',
      en: c.description.en,
      km: c.description.km,
    });
  instructions.addRow({});
  for (const advice of ADVICE) instructions.addRow({ en: advice.en, km: advice.km });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
