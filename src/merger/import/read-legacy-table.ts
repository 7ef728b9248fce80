/**
 * @module merger/import/read-legacy-table
 * Streams the rows of one legacy file (CSV or the first sheet of an XLSX workbook) to a callback,
 * after checking the things that make the whole file unusable: it must exist, be valid UTF-8
 * (CSV) or a readable workbook (XLSX), and start with exactly the expected header. Those refuse
 * the whole file with an error naming file, row and column, before any row is used. Row-level
 * problems (a truncated row, an unterminated quote) are reported per row and the rest of the file
 * is read.
 *
 * Files are streamed, never read whole: the full-country NSSF contribution file is larger than
 * the longest string V8 allows.
 */
import { createReadStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { SamakiError } from '../../kernel/errors.js';

/** A cell as read: text from CSV; text, number or Date (date-formatted cell) from XLSX. */
export type Cell = string | number | Date | null;

/** A problem confined to one row (or one cell) of a legacy file. */
export interface RowProblem {
  file: string;
  /** 1-based; the header is row 1. */
  row: number;
  /** The column's header name, or null when the whole row is unusable. */
  column: string | null;
  reason: string;
}

export interface TableSpec {
  /** Full path of the file. */
  path: string;
  /** Exact header names, in order. */
  columns: readonly string[];
}

/**
 * Calls `onRow(cells, row)` for every data row that has exactly the expected number of cells;
 * returns the rows that could not be read as row problems. Throws `legacy_file_missing`,
 * `legacy_file_encoding`, `legacy_file_unreadable` or `legacy_bad_header` for a file that
 * cannot be used at all; in that case `onRow` may have been called for earlier rows, so callers
 * must not write anything until every file has been read.
 */
export async function readLegacyTable(
  spec: TableSpec,
  onRow: (cells: Cell[], row: number) => void,
): Promise<RowProblem[]> {
  if (!existsSync(spec.path)) throw new SamakiError('legacy_file_missing', { file: spec.path });
  return spec.path.toLowerCase().endsWith('.xlsx') ? readXlsx(spec, onRow) : readCsv(spec, onRow);
}

async function readCsv(spec: TableSpec, onRow: (cells: Cell[], row: number) => void): Promise<RowProblem[]> {
  const file = basename(spec.path);
  const problems: RowProblem[] = [];
  let headerError: SamakiError | null = null;
  let row = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(Readable.from(decodeUtf8(spec.path, file)), {
      skipEmptyLines: true,
      // Whole chunks rather than a callback per row: several times faster on millions of rows.
      chunk: (results, parser) => {
        const bad = new Map<number, string>();
        for (const e of results.errors)
          if (e.row !== undefined)
            bad.set(e.row, `${bad.has(e.row) ? `${bad.get(e.row)}; ` : ''}${e.message}`);
        const rows = results.data;
        for (let k = 0; k < rows.length; k++) {
          row++;
          const record = rows[k]!;
          if (row === 1) {
            headerError = checkHeader(
              spec,
              file,
              record.map((c) => c.trim()),
            );
            if (headerError) return parser.abort();
            continue;
          }
          const error = bad.get(k);
          if (error !== undefined) {
            problems.push({
              file,
              row,
              column: null,
              reason: `the row cannot be read as CSV (${error}); it is probably truncated`,
            });
            continue;
          }
          if (record.length !== spec.columns.length) {
            problems.push({
              file,
              row,
              column: record.length < spec.columns.length ? (spec.columns[record.length] ?? null) : null,
              reason: `the row has ${record.length} of the ${spec.columns.length} columns; it is truncated or has stray separators`,
            });
            continue;
          }
          onRow(record, row);
        }
      },
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    });
  });
  if (headerError) throw headerError;
  if (row === 0) {
    throw new SamakiError('legacy_bad_header', {
      file,
      row: 1,
      column: spec.columns[0] ?? '',
      found: '(empty file)',
      expected: spec.columns.join(', '),
    });
  }
  return problems;
}

/**
 * The file's text in chunks, checked as UTF-8 (a byte that is not UTF-8 refuses the whole file,
 * naming the row it is on) and without a byte-order mark.
 */
async function* decodeUtf8(path: string, file: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let line = 1;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    let text: string;
    try {
      text = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      throw new SamakiError('legacy_file_encoding', { file, row: line + firstBadLine(chunk as Buffer) });
    }
    line += countNewlines(text);
    if (text.length > 0) yield text;
  }
  const tail = decoder.decode();
  if (tail.length > 0) yield tail;
}

async function readXlsx(spec: TableSpec, onRow: (cells: Cell[], row: number) => void): Promise<RowProblem[]> {
  const file = basename(spec.path);
  const problems: RowProblem[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(spec.path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let seenHeader = false;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1).map(cellValue);
        if (!seenHeader) {
          seenHeader = true;
          const error = checkHeader(
            spec,
            file,
            values.map((v) => (typeof v === 'string' ? v.trim() : String(v ?? ''))),
          );
          if (error) throw error;
          continue;
        }
        while (values.length < spec.columns.length) values.push(null);
        if (
          values.length > spec.columns.length &&
          values.slice(spec.columns.length).some((v) => v !== null)
        ) {
          problems.push({
            file,
            row: row.number,
            column: null,
            reason: `the row has cells beyond the ${spec.columns.length} columns of the header`,
          });
          continue;
        }
        onRow(values.slice(0, spec.columns.length), row.number);
      }
      break; // only the first sheet holds the register
    }
  } catch (error) {
    if (error instanceof SamakiError) throw error;
    throw new SamakiError(
      'legacy_file_unreadable',
      { file, reason: error instanceof Error ? error.message : String(error) },
      { cause: error },
    );
  }
  if (!seenHeader)
    throw new SamakiError('legacy_bad_header', {
      file,
      row: 1,
      column: spec.columns[0] ?? '',
      found: '(empty sheet)',
      expected: spec.columns.join(', '),
    });
  return problems;
}

function checkHeader(spec: TableSpec, file: string, found: string[]): SamakiError | null {
  for (let i = 0; i < Math.max(found.length, spec.columns.length); i++) {
    if (found[i] !== spec.columns[i]) {
      return new SamakiError('legacy_bad_header', {
        file,
        row: 1,
        column: spec.columns[i] ?? found[i] ?? '',
        found: found[i] === undefined ? '(nothing)' : `"${found[i]}"`,
        expected: spec.columns.join(', '),
      });
    }
  }
  return null;
}

/** exceljs cell values: plain values, Dates, rich text, formulas with results, hyperlinks. */
function cellValue(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellValue(v.result);
    if (typeof v.text === 'string') return v.text;
  }
  return String(value);
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Lines before the first invalid UTF-8 sequence of a chunk (0-based within the chunk). */
function firstBadLine(chunk: Buffer): number {
  const text = new TextDecoder('utf-8').decode(chunk);
  const bad = text.indexOf('\uFFFD');
  return countNewlines(bad === -1 ? text : text.slice(0, bad));
}
