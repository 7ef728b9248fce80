/**
 * @module fund/declaration-file/read-declaration-file
 * Reads an employer's monthly wage declaration from a spreadsheet file (XLSX or CSV, in the
 * published template) into declaration lines. The file is accepted whole or refused whole: when
 * anything is wrong, every problem is listed, by row, column and Excel cell, with what to do, and
 * no line is returned, so the employer corrects everything at once and nothing half-declared is
 * ever received.
 *
 * What employers' files hold is accepted as they mean it: numbers as numeric cells or as text
 * with thousands separators ("1,250,000"), Khmer numerals, spaces around values, a UTF-8
 * byte-order mark, CRLF line ends, blank rows, columns in any order, optional columns left out.
 */
import { cellAddress, columnLetter } from './cell-address.js';
import type { DeclarationFileProblem, DeclarationFileProblemCode } from './declaration-file-problem.js';
import {
  DECLARATION_COLUMNS,
  DECLARATION_SHEET,
  DECLARED_EMPLOYMENT_KINDS,
  type DeclarationColumnKey,
  type DeclaredEmploymentKind,
  MAX_DECLARATION_ROWS,
} from './declaration-template.js';
import { cleanCellText, type Decimal, parseDecimal } from './parse-decimal.js';
import {
  readSpreadsheetRows,
  type SpreadsheetCell,
  SpreadsheetFileError,
  type SpreadsheetRow,
  type UnusableCell,
} from './read-spreadsheet-rows.js';

export type { DeclarationFileProblem, DeclarationFileProblemCode } from './declaration-file-problem.js';

/** One worker's line of the declaration. */
export interface DeclarationFileLine {
  /** The spreadsheet row it came from (the header is row 1). */
  row: number;
  /** Digits, as written (Khmer numerals as ASCII digits). */
  memberNo: string;
  name: string | null;
  /** Whole riel. */
  wageKhr: number;
  /** The part paid in US dollars, in whole cents. */
  wageUsdCents: number;
  daysWorked: number | null;
  employmentKind: DeclaredEmploymentKind;
}

export type DeclarationFileResult =
  | {
      ok: true;
      lines: DeclarationFileLine[];
      /**
       * The Excel letter of each column in this file (columns may be in any order, and optional
       * ones left out), so that later checks of the lines can name the right cells too.
       */
      columns: Partial<Record<DeclarationColumnKey, string>>;
    }
  | { ok: false; problems: DeclarationFileProblem[] };

/** Problems listed at most; a last one says how many more there are. */
export const MAX_LISTED_PROBLEMS = 1000;

const KEYS = DECLARATION_COLUMNS.map((c) => c.key);
/** Member numbers are read as safe integers downstream. */
const MAX_MEMBER_DIGITS = 15;
/** More digits than this in riel (a quadrillion) is a slip of the keyboard, and beyond exact doubles. */
const MAX_RIEL_DIGITS = 15;
const MAX_DOLLAR_DIGITS = 13;

/** A problem, and the column it is in (for listing problems left to right within a row). */
interface Placed {
  index: number;
  problem: DeclarationFileProblem;
}

/** The header: where each known column is, and which columns have no name. */
interface Header {
  row: number;
  at: Map<DeclarationColumnKey, number>;
  /** The known columns in the file's order, so a row's problems read left to right. */
  order: DeclarationColumnKey[];
  /** Indexes of columns with an empty header cell. */
  unnamed: Set<number>;
  /** Columns from this index on have no header. */
  width: number;
}

/**
 * Reads the declaration file. `maxRows` (default 200,000) is the most rows of workers accepted;
 * a longer file is refused without reading its rows further.
 */
export async function readDeclarationFile(
  bytes: Uint8Array,
  format: 'xlsx' | 'csv',
  options: { maxRows?: number } = {},
): Promise<DeclarationFileResult> {
  const maxRows = options.maxRows ?? MAX_DECLARATION_ROWS;
  const listed: Placed[] = [];
  let problemCount = 0;
  const add = (index: number, problem: DeclarationFileProblem) => {
    problemCount++;
    // Rows arrive in order, so the first problems found are the first to list.
    if (listed.length < MAX_LISTED_PROBLEMS) listed.push({ index, problem });
  };
  const lines: DeclarationFileLine[] = [];
  /** The rows of each member number (without leading zeros: 0012 and 12 are one member). */
  const rowsOfMember = new Map<string, number[]>();
  let header: Header | null = null;
  let dataRows = 0;

  try {
    for await (const row of readSpreadsheetRows(bytes, format, DECLARATION_SHEET)) {
      if (row.unreadable === undefined && row.cells.every(isBlank)) continue;
      if (header === null) {
        const read = readHeader(row, add);
        if (read === null) return refused(listed, problemCount);
        header = read;
        // Without a required column no row can be read; the header problems are all there is to say.
        if (DECLARATION_COLUMNS.some((c) => c.required && !read.at.has(c.key)))
          return refused(listed, problemCount);
        continue;
      }
      dataRows++;
      if (dataRows > maxRows)
        return refusedWith({
          row: row.row,
          column: null,
          cell: null,
          code: 'too_many_rows',
          message: `row ${row.row}: the file has more than ${maxRows} rows of workers, the most one declaration file may hold; check that nothing stray is below the last worker, and if every row is a worker, ask the fund how to declare them`,
        });
      const { memberNo, line } = readLine(row, header, add);
      if (memberNo !== undefined) {
        const member = memberNo.replace(/^0+/, '');
        const rows = rowsOfMember.get(member);
        if (rows === undefined) rowsOfMember.set(member, [row.row]);
        else rows.push(row.row);
      }
      // Once anything is wrong no line will be returned; stop keeping them.
      if (line !== null && problemCount === 0) lines.push(line);
    }
  } catch (error) {
    if (!(error instanceof SpreadsheetFileError)) throw error;
    return refusedWith({
      row: error.row,
      column: null,
      cell: null,
      code: error.code,
      message: error.message,
    });
  }

  if (header === null)
    return refusedWith({
      row: null,
      column: null,
      cell: null,
      code: 'file_empty',
      message: `the file is empty: fill in the template, with its header (${KEYS.join(', ')}) on row 1 and one row per worker below it`,
    });
  if (dataRows === 0)
    return refusedWith({
      row: null,
      column: null,
      cell: null,
      code: 'file_empty',
      message: 'the file has the header but no workers: add one row per worker below it',
    });

  const memberIndex = header.at.get('member_no')!;
  const twice: Placed[] = [];
  for (const rows of rowsOfMember.values()) {
    if (rows.length < 2) continue;
    for (const row of rows)
      twice.push({
        index: memberIndex,
        problem: cellProblem(
          row,
          'member_no',
          memberIndex,
          'member_twice',
          `the same member is on rows ${rows.join(', ')}; declare each worker once, on one row, with the whole wage of the month`,
        ),
      });
  }
  if (problemCount + twice.length === 0) return { ok: true, lines, columns: lettersOf(header) };
  return refused([...listed, ...twice], problemCount + twice.length);
}

function refusedWith(problem: DeclarationFileProblem): DeclarationFileResult {
  return { ok: false, problems: [problem] };
}

/**
 * The problems in row order, then left to right, the first `MAX_LISTED_PROBLEMS` of them, and a
 * last problem saying how many more there are. `placed` holds at least the first ones of `count`.
 */
function refused(placed: Placed[], count: number): DeclarationFileResult {
  const sorted = placed.sort((a, b) => (a.problem.row ?? 0) - (b.problem.row ?? 0) || a.index - b.index);
  const problems = sorted.slice(0, MAX_LISTED_PROBLEMS).map((p) => p.problem);
  if (count > MAX_LISTED_PROBLEMS) {
    const more = count - MAX_LISTED_PROBLEMS;
    problems.push({
      row: null,
      column: null,
      cell: null,
      code: 'too_many_problems',
      message: `${more} more problem${more === 1 ? ' is' : 's are'} not listed; correct the ${MAX_LISTED_PROBLEMS} above (the same mistake is often repeated down a column) and send the file again`,
    });
  }
  return { ok: false, problems };
}

/** The header, or null when the row is not one (its problem is then added). */
function readHeader(
  row: SpreadsheetRow,
  add: (index: number, problem: DeclarationFileProblem) => void,
): Header | null {
  const names = row.cells.map((cell) => cleanCellText(textOf(cell)));
  if (!names.some((name) => keyOf(name) !== undefined)) {
    add(-1, {
      row: row.row,
      column: null,
      cell: null,
      code: 'header_missing',
      message: `row ${row.row} is not the template's header: the first row must name the columns ${KEYS.join(', ')} (download the template to start from it)`,
    });
    return null;
  }
  const header: Header = { row: row.row, at: new Map(), order: [], unnamed: new Set(), width: names.length };
  names.forEach((name, index) => {
    const key = keyOf(name);
    // Cells under an unknown or a second column are not read: the header problem says why.
    if (name === '') header.unnamed.add(index);
    else if (key === undefined) {
      const hint = closestKey(name);
      add(index, {
        row: row.row,
        column: name,
        cell: cellAddress(index, row.row),
        code: 'column_unknown',
        message: `${cellAddress(index, row.row)}: the template has no column "${name}"${hint === null ? '' : ` (did you mean ${hint}?)`}; its columns are ${KEYS.join(', ')}: rename the column or delete it`,
      });
    } else if (header.at.has(key)) {
      add(index, {
        row: row.row,
        column: key,
        cell: cellAddress(index, row.row),
        code: 'column_duplicate',
        message: `${cellAddress(index, row.row)}: the column ${key} is already in ${cellAddress(header.at.get(key)!, row.row)}; keep one of them`,
      });
    } else {
      header.at.set(key, index);
      header.order.push(key);
    }
  });
  for (const column of DECLARATION_COLUMNS)
    if (column.required && !header.at.has(column.key))
      add(Number.MAX_SAFE_INTEGER, {
        row: row.row,
        column: column.key,
        cell: null,
        code: 'column_missing',
        message: `row ${row.row}: the required column ${column.key} is missing; add it to the header (the template's columns are ${KEYS.join(', ')})`,
      });
  return header;
}

/** The Excel letter of each column of the file. */
function lettersOf(header: Header): Partial<Record<DeclarationColumnKey, string>> {
  const letters: Partial<Record<DeclarationColumnKey, string>> = {};
  for (const [key, index] of header.at) letters[key] = columnLetter(index);
  return letters;
}

/**
 * One row of workers: its line, or null when it has problems (added); and its member number when
 * that is valid, so a row with another problem still counts in the search for members twice.
 */
function readLine(
  row: SpreadsheetRow,
  header: Header,
  add: (index: number, problem: DeclarationFileProblem) => void,
): { memberNo: string | undefined; line: DeclarationFileLine | null } {
  if (row.unreadable !== undefined) {
    add(-1, {
      row: row.row,
      column: null,
      cell: null,
      code: 'row_unreadable',
      message: `row ${row.row} cannot be split into cells (${row.unreadable}): a quote (") is probably not closed; correct the row, or save the file again from Excel`,
    });
    return { memberNo: undefined, line: null };
  }
  let ok = true;
  const problem = (key: DeclarationColumnKey, code: DeclarationFileProblemCode, message: string) => {
    const index = header.at.get(key)!;
    add(index, cellProblem(row.row, key, index, code, message));
    ok = false;
  };
  const cellIn = (key: DeclarationColumnKey): SpreadsheetCell => {
    const index = header.at.get(key);
    return index === undefined ? null : (row.cells[index] ?? null);
  };

  // Values in columns without a name would be silently lost; the employer must say what they are.
  for (let index = 0; index < row.cells.length; index++) {
    const cell = row.cells[index] ?? null;
    if ((index < header.width && !header.unnamed.has(index)) || isBlank(cell)) continue;
    add(index, {
      row: row.row,
      column: null,
      cell: cellAddress(index, row.row),
      code: 'cell_without_column',
      message: `${cellAddress(index, row.row)}: this cell holds ${shown(cell)}, but its column has no name in the header; delete the value, or name the column`,
    });
    ok = false;
  }

  const values: {
    memberNo?: string;
    name?: string | null;
    wageKhr?: number;
    cents?: number;
    days?: number | null;
    kind?: DeclaredEmploymentKind;
  } = {};
  for (const key of header.order) {
    const cell = cellIn(key);
    if (isUnusable(cell)) {
      problem(
        key,
        'formula_error',
        `the cell shows ${cell.unusable.startsWith('=') ? `a formula without a value (${cell.unusable})` : `the error ${cell.unusable}`}; correct the formula, or type the value, and save the file in Excel again`,
      );
      continue;
    }
    switch (key) {
      case 'member_no':
        values.memberNo = memberNoOf(cell, problem);
        break;
      case 'name': {
        // As written: a name's Khmer numerals, if any, are the employer's business.
        const text = textOf(cell).trim();
        values.name = text === '' ? null : text;
        break;
      }
      case 'wage_khr':
        values.wageKhr = rielOf(cell, problem);
        break;
      case 'wage_usd':
        values.cents = centsOf(cell, problem);
        break;
      case 'days_worked':
        values.days = daysOf(cell, problem);
        break;
      case 'employment_kind':
        values.kind = kindOf(cell, problem);
        break;
    }
  }
  if (!ok) return { memberNo: values.memberNo, line: null };
  return {
    memberNo: values.memberNo,
    line: {
      row: row.row,
      memberNo: values.memberNo!,
      name: values.name ?? null,
      wageKhr: values.wageKhr!,
      wageUsdCents: values.cents ?? 0,
      daysWorked: values.days ?? null,
      employmentKind: values.kind ?? 'wage',
    },
  };
}

type Report = (key: DeclarationColumnKey, code: DeclarationFileProblemCode, message: string) => void;

function memberNoOf(cell: SpreadsheetCell, problem: Report): string | undefined {
  if (isBlank(cell)) {
    problem(
      'member_no',
      'required',
      "the member number is missing; type the worker's member number at the fund",
    );
    return undefined;
  }
  const digits =
    typeof cell === 'number'
      ? Number.isSafeInteger(cell) && cell >= 0
        ? String(cell)
        : ''
      : cleanCellText(textOf(cell));
  if (!/^\d+$/.test(digits) || digits.length > MAX_MEMBER_DIGITS || /^0+$/.test(digits)) {
    const scientific = /^\d+(\.\d+)?e\+?\d+$/i.test(cleanCellText(textOf(cell)));
    problem(
      'member_no',
      'member_no_invalid',
      scientific
        ? `${shown(cell)} is a member number that Excel turned into a rounded number; format the column as Text, type the member numbers again and save the file again`
        : `${shown(cell)} is not a member number: a member number is digits only (at most ${MAX_MEMBER_DIGITS}), as on the member card`,
    );
    return undefined;
  }
  return digits;
}

/**
 * A number cell: its decimal digits, or undefined when empty (`required` reports that), or a
 * problem reported (null).
 */
function numberOf(
  key: DeclarationColumnKey,
  cell: SpreadsheetCell,
  what: string,
  problem: Report,
): Decimal | null | undefined {
  if (isBlank(cell)) return undefined;
  const decimal = typeof cell === 'number' || typeof cell === 'string' ? parseDecimal(cell) : null;
  if (decimal === null) {
    problem(
      key,
      'not_a_number',
      cell instanceof Date
        ? `the cell holds a date (${cell.toISOString().slice(0, 10)}), not ${what}; format the column as Number and type the value again`
        : `${shown(cell)} is not a number; type ${what} as digits only, such as ${key === 'wage_usd' ? '350.50' : key === 'days_worked' ? '26' : '1250000 or 1,250,000'}, with no currency sign or words`,
    );
    return null;
  }
  if (decimal.negative) {
    problem(key, 'negative', `${shown(cell)} is negative, and ${what} cannot be; type 0 or more`);
    return null;
  }
  return decimal;
}

function rielOf(cell: SpreadsheetCell, problem: Report): number | undefined {
  const what = 'the wage in riel';
  const decimal = numberOf('wage_khr', cell, what, problem);
  if (decimal === undefined)
    problem(
      'wage_khr',
      'required',
      `${what} is missing; type it in whole riel, or 0 if the whole wage was paid in dollars`,
    );
  if (!decimal) return undefined;
  if (decimal.fraction !== '') {
    problem(
      'wage_khr',
      'not_whole_number',
      `${shown(cell)} is not a whole number of riel; round the wage to whole riel`,
    );
    return undefined;
  }
  if (decimal.whole.length > MAX_RIEL_DIGITS) {
    problem(
      'wage_khr',
      'too_large',
      `${shown(cell)} is far too large for a monthly wage in riel; check the number`,
    );
    return undefined;
  }
  return Number(decimal.whole);
}

function centsOf(cell: SpreadsheetCell, problem: Report): number | undefined {
  const decimal = numberOf('wage_usd', cell, 'the wage in US dollars', problem);
  if (decimal === undefined) return 0;
  if (decimal === null) return undefined;
  if (decimal.fraction.length > 2) {
    problem(
      'wage_usd',
      'too_many_decimals',
      `${shown(cell)} has more than 2 decimals (Excel may show it rounded); type the dollars to the cent, with at most 2 decimals`,
    );
    return undefined;
  }
  if (decimal.whole.length > MAX_DOLLAR_DIGITS) {
    problem(
      'wage_usd',
      'too_large',
      `${shown(cell)} is far too large for a monthly wage in dollars; check the number`,
    );
    return undefined;
  }
  // Integer arithmetic on the digits: 0.29 is 29 cents exactly, not Math.round(28.999…).
  return Number(decimal.whole) * 100 + Number(decimal.fraction.padEnd(2, '0'));
}

function daysOf(cell: SpreadsheetCell, problem: Report): number | null | undefined {
  const decimal = numberOf('days_worked', cell, 'the days worked', problem);
  if (decimal === undefined) return null;
  if (decimal === null) return undefined;
  if (decimal.fraction !== '') {
    problem(
      'days_worked',
      'not_whole_number',
      `${shown(cell)} is not a whole number of days; type whole days, from 0 to 31`,
    );
    return undefined;
  }
  if (decimal.whole.length > 2 || Number(decimal.whole) > 31) {
    problem(
      'days_worked',
      'days_out_of_range',
      `${shown(cell)} days is more than a month has; type the days worked, from 0 to 31`,
    );
    return undefined;
  }
  return Number(decimal.whole);
}

function kindOf(cell: SpreadsheetCell, problem: Report): DeclaredEmploymentKind | undefined {
  if (isBlank(cell)) return 'wage';
  const text = cleanCellText(textOf(cell)).toLowerCase();
  const kind = DECLARED_EMPLOYMENT_KINDS.find((k) => k === text);
  if (kind === undefined)
    problem(
      'employment_kind',
      'employment_kind_invalid',
      `${shown(cell)} is not a kind of employment; type one of ${DECLARED_EMPLOYMENT_KINDS.join(', ')}, or leave the cell empty for wage`,
    );
  return kind;
}

function cellProblem(
  row: number,
  key: DeclarationColumnKey,
  index: number,
  code: DeclarationFileProblemCode,
  message: string,
): DeclarationFileProblem {
  const cell = cellAddress(index, row);
  return { row, column: key, cell, code, message: `${cell} (${key}): ${message}` };
}

const BLANK = /^[\s\u200B-\u200D\u2060\uFEFF]*$/;

function isBlank(cell: SpreadsheetCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && BLANK.test(cell));
}

function isUnusable(cell: SpreadsheetCell): cell is UnusableCell {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date);
}

/** A cell as text: dates as YYYY-MM-DD. */
function textOf(cell: SpreadsheetCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') return cell.unusable;
  return String(cell);
}

/** A cell's value quoted for a message, cut short when long. */
function shown(cell: SpreadsheetCell): string {
  const text = textOf(cell).trim();
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

/** The column a header names, forgiving case and spaces or hyphens for underscores ("Member No"). */
function keyOf(name: string): DeclarationColumnKey | undefined {
  const normal = name.toLowerCase().replace(/[\s-]+/g, '_');
  return KEYS.find((key) => key === normal);
}

/** The template's column a misspelt header most likely meant, if one is close. */
function closestKey(name: string): DeclarationColumnKey | null {
  const wanted = name.toLowerCase().replace(/[\s-]+/g, '_');
  let best: DeclarationColumnKey | null = null;
  let bestDistance = 3;
  for (const key of KEYS) {
    const distance = editDistance(wanted, key);
    if (distance < bestDistance) {
      best = key;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length]!;
}
