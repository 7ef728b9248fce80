/**
 * @module merger/legacy-record
 * One imported legacy member record, after parsing and validation but before linkage: the same
 * shape whichever register it came from. Linkage (`src/merger/linkage`) compares these; the
 * import (`src/merger/import`) produces them.
 */
import type { Branch, LegacySource } from './legacy-formats.js';

export interface LegacyRecord {
  /** Which register. */
  source: LegacySource;
  /** The register's own identifier (`nssf_no`, `Officer ID`, NFV `លេខសម្គាល់`), as written. */
  recordId: string;
  /** 1-based row in the source file (header is row 1), for error messages and review. */
  row: number;
  /** Name in Khmer script as written (NFC-normalised, spaces collapsed), or null. */
  nameKhmer: string | null;
  /** Romanised name as written (trimmed, spaces collapsed, original case), or null. */
  nameLatin: string | null;
  sex: 'M' | 'F' | null;
  /** ISO `YYYY-MM-DD`, or null when missing or impossible. */
  birthDate: string | null;
  /** National ID card number, digits only, or null. */
  nationalId: string | null;
  /**
   * First and last month (month index, year × 12 + month − 1) of the record's contribution or
   * service spells in its register, or null when it has none: a worker registered again after
   * changing employer has two records whose spans follow each other.
   */
  activeFrom?: number | null;
  activeTo?: number | null;
}

/** One spell of legacy contributions (or service) for one record and branch. */
export interface LegacySpell {
  source: LegacySource;
  recordId: string;
  branch: Branch;
  /** Inclusive months as `YYYY-MM`. */
  from: string;
  to: string;
  /** Monthly wage or basic salary in riel, when the register gives one. */
  wage: number | null;
}
