/**
 * @module fund/declaration-file/declaration-file-problem
 * What can be wrong with a declaration file, as stable codes: one list for the whole file and
 * its cells, so the API, the web app and the command line can show, filter and translate them.
 * Each problem also carries an English message that says what was wrong and what to do.
 */

export const DECLARATION_FILE_PROBLEM_CODES = [
  // The whole file.
  /** Not an XLSX workbook (corrupt, another format, an old .xls) or a CSV sent as XLSX. */
  'file_unreadable',
  /** A CSV file that is not UTF-8 (Excel's plain "CSV" is saved in the Windows code page). */
  'file_not_utf8',
  /** A workbook of several sheets, none of them named Declaration. */
  'sheet_missing',
  /** Nothing, or a header and no worker. */
  'file_empty',
  /** More rows of workers than one declaration file may hold. */
  'too_many_rows',
  /** The list stops after the first 1000 problems; this last one says how many more there are. */
  'too_many_problems',
  // The header.
  /** The first non-blank row is not the header (it names no column of the template). */
  'header_missing',
  'column_missing',
  'column_unknown',
  'column_duplicate',
  // A row or a cell.
  /** A CSV row that cannot be split into cells (an unterminated quote). */
  'row_unreadable',
  /** A value in a column that has no name in the header. */
  'cell_without_column',
  /** An Excel error (#N/A, #DIV/0!…) or a formula without a computed value. */
  'formula_error',
  'required',
  'not_a_number',
  'negative',
  'not_whole_number',
  'too_many_decimals',
  'too_large',
  'days_out_of_range',
  'member_no_invalid',
  /** The same member on several rows: every one of them is reported. */
  'member_twice',
  'employment_kind_invalid',
] as const;

export type DeclarationFileProblemCode = (typeof DECLARATION_FILE_PROBLEM_CODES)[number];

/** One problem of a declaration file. Rows and cells are as Excel shows them: the header is row 1. */
export interface DeclarationFileProblem {
  /** null for a problem of the whole file. */
  row: number | null;
  /** The column's key (`wage_khr`), or the header text of an unknown column; null for a whole row or file. */
  column: string | null;
  /** Excel's name of the cell, such as "C7" (for CSV files too); null when no one cell is at fault. */
  cell: string | null;
  code: DeclarationFileProblemCode;
  /** In English: what is wrong and what to do. */
  message: string;
}
