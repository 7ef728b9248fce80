/**
 * @module fund/declaration-file/cell-address
 * Excel's names of columns and cells (A, B, …, Z, AA; "C7"). Problems name cells this way for CSV
 * files too, because employers open both in Excel.
 */

/** The letter(s) of a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const remainder = (n - 1) % 26;
    letters = String.fromCharCode(65 + remainder) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** The cell at a 0-based column index and a 1-based row: (2, 7) → "C7". */
export function cellAddress(columnIndex: number, row: number): string {
  return `${columnLetter(columnIndex)}${row}`;
}
