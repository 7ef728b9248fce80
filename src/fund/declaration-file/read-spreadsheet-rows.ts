/**
 * @module fund/declaration-file/read-spreadsheet-rows
 * The rows of an uploaded spreadsheet, one at a time, whatever its format: CSV text (UTF-8, with
 * or without a byte-order mark, separated by commas, semicolons or tabs), or one sheet of an XLSX
 * workbook. Workbooks are streamed: exceljs' full model of a 200,000-row sheet takes over a
 * gigabyte. A file that cannot be read at all throws a `SpreadsheetFileError`; what the cells
 * mean is the caller's business.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

/** A cell that holds no usable value: an Excel error (#N/A), or a formula that was never computed. */
export interface UnusableCell {
  /** What the cell holds, such as "#N/A" or "=VLOOKUP(A2,Staff!A:C,3)". */
  unusable: string;
}

/** A cell as read: text from CSV; text, number, boolean or date (a date-formatted cell) from XLSX. */
export type SpreadsheetCell = string | number | boolean | Date | UnusableCell | null;

export interface SpreadsheetRow {
  /** The row number Excel shows (1-based). */
  row: number;
  /** The cells from column A on; a missing cell is null or absent. */
  cells: SpreadsheetCell[];
  /** Why a CSV row could not be split into cells (an unterminated quote); its cells are then unreliable. */
  unreadable?: string;
}

/** The file as a whole cannot be read. */
export class SpreadsheetFileError extends Error {
  constructor(
    readonly code: 'file_unreadable' | 'file_not_utf8' | 'sheet_missing',
    message: string,
    /** The row (line) the problem is on, when there is one. */
    readonly row: number | null = null,
  ) {
    super(message);
    this.name = 'SpreadsheetFileError';
  }
}

/** Every XLSX file is a ZIP archive, and starts as one. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
/** The OLE2 container of Excel 97–2003 .xls workbooks. */
const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * The rows of a CSV file, or of the named sheet of a workbook (matched ignoring case; a workbook
 * of exactly one sheet is read whatever that sheet is called). Blank rows are yielded too, so
 * that the caller sees every row number.
 */
export function readSpreadsheetRows(
  bytes: Uint8Array,
  format: 'xlsx' | 'csv',
  sheetName: string,
): AsyncGenerator<SpreadsheetRow> {
  return format === 'csv' ? csvRows(bytes) : xlsxRows(bytes, sheetName);
}

// The CSV file is already in memory (an upload), and Papa parses a string in one go faster than
// in steps; the generator only hands the rows out one at a time.
async function* csvRows(bytes: Uint8Array): AsyncGenerator<SpreadsheetRow> {
  if (startsWith(bytes, ZIP_SIGNATURE))
    throw new SpreadsheetFileError(
      'file_unreadable',
      'the file is an XLSX workbook, not CSV text: send it as XLSX, or save it from Excel as "CSV UTF-8 (Comma delimited)"',
    );
  let text: string;
  try {
    // fatal: a byte that is not UTF-8 refuses the file rather than becoming "�" in a name.
    // The byte-order mark, when there is one, is dropped (ignoreBOM is false).
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const line = firstLineNotUtf8(bytes);
    throw new SpreadsheetFileError(
      'file_not_utf8',
      `line ${line} of the file is not UTF-8 text, so its letters cannot be read; in Excel, use "Save As" and choose "CSV UTF-8 (Comma delimited)" (plain "CSV" is saved in another encoding), or send the workbook as XLSX`,
      line,
    );
  }
  const parsed = Papa.parse<string[]>(text, { delimiter: delimiterOf(text), skipEmptyLines: false });
  const unreadable = new Map<number, string>();
  for (const error of parsed.errors)
    if (error.row !== undefined && !unreadable.has(error.row)) unreadable.set(error.row, error.message);
  for (let i = 0; i < parsed.data.length; i++) {
    const reason = unreadable.get(i);
    const row: SpreadsheetRow = { row: i + 1, cells: parsed.data[i] ?? [] };
    if (reason !== undefined) row.unreadable = reason;
    yield row;
  }
}

/**
 * The separator of a CSV file, read from its first line (the header, which has no separator of its
 * own inside): Excel writes semicolons where the system's list separator is one.
 */
function delimiterOf(text: string): string {
  const end = text.indexOf('\n');
  const first = end === -1 ? text : text.slice(0, end);
  for (const candidate of [',', ';', '\t']) if (first.includes(candidate)) return candidate;
  return ',';
}

async function* xlsxRows(bytes: Uint8Array, sheetName: string): AsyncGenerator<SpreadsheetRow> {
  // exceljs' reader never settles on an empty stream; an empty file simply has no rows.
  if (bytes.length === 0) return;
  if (startsWith(bytes, OLE2_SIGNATURE))
    throw new SpreadsheetFileError(
      'file_unreadable',
      'the file is an old Excel 97-2003 workbook (.xls): open it in Excel and save it as "Excel Workbook (.xlsx)"',
    );
  if (!startsWith(bytes, ZIP_SIGNATURE))
    throw new SpreadsheetFileError(
      'file_unreadable',
      'the file is not an XLSX workbook (it may be CSV text, or another kind of file): send the filled-in template as .xlsx, or as CSV',
    );
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
    // Styles tell date cells from numbers; shared strings hold most of the text.
    { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' },
  );
  const skipped: string[] = [];
  let found = false;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name?: string }).name;
      // The list of sheets comes from xl/workbook.xml, which every common writer puts before the
      // sheets themselves in the archive.
      const sheets = (reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets ?? [];
      const wanted = name?.trim().toLowerCase() === sheetName.toLowerCase() || sheets.length === 1;
      if (!wanted) {
        skipped.push(name ?? '?');
        for await (const _row of worksheet) {
          // Read through the sheet: exceljs reads the archive in order, and the one we want may follow.
        }
        continue;
      }
      found = true;
      for await (const row of worksheet) {
        const values = row.values as readonly unknown[];
        const cells: SpreadsheetCell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
        yield { row: row.number, cells };
      }
      break;
    }
  } catch (error) {
    if (error instanceof SpreadsheetFileError) throw error;
    throw new SpreadsheetFileError(
      'file_unreadable',
      `the file is not a readable XLSX workbook (${error instanceof Error ? error.message : String(error)}): open it in Excel, save it again as "Excel Workbook (.xlsx)" and send it again`,
    );
  }
  if (found) return;
  if (skipped.length === 0)
    throw new SpreadsheetFileError(
      'file_unreadable',
      'the file has no worksheet, so it is not an Excel workbook: send the filled-in template as .xlsx, or as CSV',
    );
  throw new SpreadsheetFileError(
    'sheet_missing',
    `the workbook has no sheet named "${sheetName}" (its sheets: ${skipped.join(', ')}): put the declaration on a sheet named "${sheetName}", as in the template, or send a workbook of one sheet`,
  );
}

/** exceljs cell values: plain values, dates, rich text, formulas with their results, errors, hyperlinks. */
function cellOf(value: unknown): SpreadsheetCell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as {
      error?: unknown;
      richText?: { text: string }[];
      formula?: string;
      sharedFormula?: string;
      result?: unknown;
      text?: unknown;
    };
    if (v.error !== undefined) return { unusable: String(v.error) };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (v.formula !== undefined || v.sharedFormula !== undefined)
      // The streaming reader drops an error result (#DIV/0!) and keeps only the formula.
      return v.result === undefined || v.result === null
        ? { unusable: `=${v.formula ?? v.sharedFormula}` }
        : cellOf(v.result);
    if (typeof v.text === 'string') return v.text;
  }
  return { unusable: String(value) };
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

/** The 1-based line of the first byte sequence that is not UTF-8. */
function firstLineNotUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  // Decode line by line (a newline byte is never inside a UTF-8 sequence) until one fails.
  for (let end = bytes.indexOf(0x0a); ; end = bytes.indexOf(0x0a, start)) {
    const stop = end === -1 ? bytes.length : end;
    try {
      decoder.decode(bytes.subarray(start, stop));
    } catch {
      return line;
    }
    if (end === -1) return line;
    line++;
    start = end + 1;
  }
}
