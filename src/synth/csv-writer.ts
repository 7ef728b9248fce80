/**
 * @module synth/csv-writer
 * A small, fast CSV writer: rows are encoded into a reused buffer and written synchronously in
 * megabyte pieces. RFC 4180 quoting: a field holding a comma, a double quote or a line break is
 * quoted, inner quotes doubled. Lines end with `\n`. UTF-8, with a byte-order mark when asked
 * (the NFV register has one).
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const NEEDS_QUOTES = /[",\n\r]/;

/** One field as CSV: quoted only when needed. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const CHUNK = 1 << 20;

export class CsvWriter {
  readonly #fd: number;
  // Rows are encoded into one reused buffer and written when it is nearly full: cheaper than
  // building a long string and encoding it at each write.
  readonly #buffer = Buffer.allocUnsafe(CHUNK + (1 << 16));
  #used = 0;
  rows = 0;

  constructor(path: string, header: readonly string[], options: { bom?: boolean } = {}) {
    this.#fd = openSync(path, 'w');
    if (options.bom) this.#used = this.#buffer.write('\uFEFF', 0, 'utf8');
    this.row(header);
    this.rows = 0;
  }

  /** A row of fields (quoted as needed). */
  row(fields: readonly string[]): void {
    let line = '';
    for (let i = 0; i < fields.length; i++) line += (i ? ',' : '') + csvField(fields[i]!);
    this.line(line);
  }

  /** A row already joined, whose fields need no quoting (numbers, codes, dates). */
  line(text: string): void {
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
    if (this.#used + 3 * text.length + 1 > this.#buffer.length) {
      this.flush();
      if (3 * text.length + 1 > this.#buffer.length) {
        writeSync(this.#fd, `${text}\n`, null, 'utf8');
        this.rows++;
        return;
      }
    }
    this.#used += this.#buffer.write(text, this.#used, 'utf8');
    this.#buffer[this.#used++] = 10;
    this.rows++;
    if (this.#used > CHUNK) this.flush();
  }

  flush(): void {
    if (this.#used) writeSync(this.#fd, this.#buffer, 0, this.#used);
    this.#used = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.#fd);
  }
}
