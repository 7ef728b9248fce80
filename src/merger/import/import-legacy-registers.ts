/**
 * @module merger/import/import-legacy-registers
 * Reads the three legacy registers of a folder (`nssf/`, `nssf-c/`, `nfv/`; see
 * `legacy-formats.ts`) into validated `LegacyRecord`s and `LegacySpell`s, without writing
 * anything. What is refused, and how:
 *
 * - a whole file: missing, not UTF-8, unreadable workbook, wrong header. `importLegacyRegisters`
 *   throws before anything is stored, so a refused file leaves the database as it was;
 * - one row: truncated, a bad or duplicate identifier, an impossible date, an unknown code, a
 *   spell for a record the register does not have. The row is reported in `rejected` with file,
 *   row, column and reason, and every other row is imported;
 * - one cell, corrected: a date whose day and month were swapped, an ID card number of the wrong
 *   length (dropped, as if missing). The row is imported and the correction reported in
 *   `corrections`.
 *
 * Nothing is dropped silently: every data row of every file is either imported or rejected.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SamakiError } from '../../kernel/errors.js';
import {
  type Branch,
  isValidNssfNumber,
  isValidOfficerId,
  khmerDigitsToLatin,
  type LegacySource,
  NFV,
  NSSF,
  NSSF_C,
} from '../legacy-formats.js';
import type { LegacyRecord, LegacySpell } from '../legacy-record.js';
import {
  type DateOrder,
  excelDateToIso,
  monthIndex,
  type ParsedDate,
  parseLegacyDate,
  parseLegacyMonth,
} from './legacy-dates.js';
import { type Cell, type RowProblem, readLegacyTable } from './read-legacy-table.js';

export interface ImportProblem extends RowProblem {
  source: LegacySource;
}

export interface ImportedFile {
  source: LegacySource;
  file: string;
  sha256: string;
  /** Data rows (the header not counted). */
  rows: number;
  accepted: number;
  rejected: number;
}

export interface ImportedRegisters {
  records: LegacyRecord[];
  spells: LegacySpell[];
  rejected: ImportProblem[];
  corrections: ImportProblem[];
  files: ImportedFile[];
}

/** Reads and validates the three registers under `dir`. Throws when a whole file is refused. */
export async function importLegacyRegisters(
  dir: string,
  options: { keepSpells?: boolean } = {},
): Promise<ImportedRegisters> {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new SamakiError('merge_folder_missing', { dir });
  const out: ImportedRegisters = { records: [], spells: [], rejected: [], corrections: [], files: [] };
  for (const source of ['nssf', 'nssf-c', 'nfv'] as const) {
    await importSource(dir, source, out, options.keepSpells ?? true);
  }
  return out;
}

const FORMATS = { nssf: NSSF, 'nssf-c': NSSF_C, nfv: NFV } as const;

/** How one register's member row becomes a record: one function per format below. */
type MemberMapper = (
  cells: Cell[],
  note: (column: string, reason: string, rejected: boolean) => void,
) => Omit<LegacyRecord, 'source' | 'row'> | null;
type SpellMapper = (
  cells: Cell[],
  note: (column: string, reason: string) => void,
) => Omit<LegacySpell, 'source'> | null;

/**
 * Without `keepSpells` (the linkage benchmark) the contribution file is still read and validated,
 * and each record still gets its active span, but no spell is kept.
 */
async function importSource(
  dir: string,
  source: LegacySource,
  out: ImportedRegisters,
  keepSpells: boolean,
): Promise<void> {
  const format = FORMATS[source];
  const membersPath = join(dir, format.folder, format.members.file);
  const spellsPath = join(dir, format.folder, format.contributions.file);
  const mapMember = MEMBER_MAPPERS[source];
  const mapSpell = SPELL_MAPPERS[source];
  const firstRowOf = new Map<string, number>();
  const indexOf = new Map<string, number>();

  const members = fileTally(source, membersPath);
  const memberProblems = await readLegacyTable(
    { path: membersPath, columns: format.members.columns },
    (cells, row) => {
      members.rows++;
      let rejected = false;
      const record = mapMember(cells, (column, reason, reject) => {
        const problem = { source, file: members.file, row, column, reason };
        if (reject) {
          rejected = true;
          out.rejected.push(problem);
        } else out.corrections.push(problem);
      });
      if (rejected || record === null) return void members.rejected++;
      const first = firstRowOf.get(record.recordId);
      if (first !== undefined) {
        members.rejected++;
        out.rejected.push({
          source,
          file: members.file,
          row,
          column: format.members.columns[0],
          reason: `the identifier ${record.recordId} is already used on row ${first}`,
        });
        return;
      }
      firstRowOf.set(record.recordId, row);
      indexOf.set(record.recordId, out.records.length);
      members.accepted++;
      out.records.push({ source, row, ...record, activeFrom: null, activeTo: null });
    },
  );
  members.rows += memberProblems.length;
  members.rejected += memberProblems.length;
  out.rejected.push(...memberProblems.map((p) => ({ source, ...p })));

  const spells = fileTally(source, spellsPath);
  const spellProblems = await readLegacyTable(
    { path: spellsPath, columns: format.contributions.columns },
    (cells, row) => {
      spells.rows++;
      let rejected = false;
      const spell = mapSpell(cells, (column, reason) => {
        rejected = true;
        out.rejected.push({ source, file: spells.file, row, column, reason });
      });
      if (rejected || spell === null) return void spells.rejected++;
      if (!firstRowOf.has(spell.recordId)) {
        spells.rejected++;
        out.rejected.push({
          source,
          file: spells.file,
          row,
          column: format.contributions.columns[0],
          reason: `no accepted member ${spell.recordId} in ${members.file}`,
        });
        return;
      }
      spells.accepted++;
      const record = out.records[indexOf.get(spell.recordId)!]!;
      const from = monthIndex(spell.from);
      const to = monthIndex(spell.to);
      if (record.activeFrom == null || from < record.activeFrom) record.activeFrom = from;
      if (record.activeTo == null || to > record.activeTo) record.activeTo = to;
      if (keepSpells) out.spells.push({ source, ...spell });
    },
  );
  spells.rows += spellProblems.length;
  spells.rejected += spellProblems.length;
  out.rejected.push(...spellProblems.map((p) => ({ source, ...p })));

  members.sha256 = await sha256File(membersPath);
  spells.sha256 = await sha256File(spellsPath);
  out.files.push(members, spells);
}

function fileTally(source: LegacySource, path: string): ImportedFile {
  return {
    source,
    file: path.slice(path.lastIndexOf('/') + 1),
    sha256: '',
    rows: 0,
    accepted: 0,
    rejected: 0,
  };
}

const MEMBER_MAPPERS: Record<LegacySource, MemberMapper> = {
  nssf: (c, note) => {
    const recordId = text(c[0]);
    if (!isValidNssfNumber(recordId))
      return reject(note, 'nssf_no', `"${recordId}" is not a 10-digit NSSF number with a valid check digit`);
    return member(
      recordId,
      c[2],
      c[3],
      sexFrom(c[4], { M: 'M', F: 'F' }, 'sex', note),
      c[5],
      'DMY',
      'date_of_birth',
      c[1],
      'id_card_no',
      note,
    );
  },
  'nssf-c': (c, note) => {
    const recordId = text(c[0]);
    if (!isValidOfficerId(recordId))
      return reject(
        note,
        'Officer ID',
        `"${recordId}" is not an officer identifier (CS + 7 digits + check letter)`,
      );
    return member(
      recordId,
      c[1],
      c[2],
      sexFrom(c[3], { Male: 'M', Female: 'F' }, 'Gender', note),
      c[4],
      'MDY',
      'Birth date',
      c[5],
      'National ID',
      note,
    );
  },
  nfv: (c, note) => {
    const recordId = text(c[0]);
    if (!/^NFV[0-9]{6}$/.test(recordId))
      return reject(
        note,
        NFV.members.columns[0],
        `"${recordId}" is not a veteran identifier (NFV + 6 digits)`,
      );
    const [, name, sex, birth, id] = NFV.members.columns;
    return member(
      recordId,
      c[1],
      null,
      sexFrom(c[2], { ប្រុស: 'M', ស្រី: 'F' }, sex, note),
      c[3],
      'DMY',
      birth,
      c[4],
      id,
      note,
      name,
    );
  },
};

const SPELL_MAPPERS: Record<LegacySource, SpellMapper> = {
  nssf: (c, note) =>
    spell(
      text(c[0]),
      branchFrom(c[2], NSSF.branchCodes, 'branch', note),
      c[3],
      c[4],
      'from_month',
      'to_month',
      c[5],
      'wage_khr',
      note,
    ),
  'nssf-c': (c, note) =>
    spell(
      text(c[0]),
      branchFrom(c[1], NSSF_C.branchCodes, 'branch', note),
      c[2],
      c[3],
      'from',
      'to',
      c[4],
      'basic_salary_khr',
      note,
    ),
  nfv: (c, note) =>
    spell(
      text(c[0]),
      'pension',
      c[1],
      c[2],
      NFV.contributions.columns[1],
      NFV.contributions.columns[2],
      null,
      '',
      note,
    ),
};

/** A cell that may be absent (a short row never reaches the mappers, but the types allow it). */
type In = Cell | undefined;

function member(
  recordId: string,
  khmer: In,
  latin: In,
  sex: 'M' | 'F' | null | undefined,
  birth: In,
  order: DateOrder,
  birthColumn: string,
  id: In,
  idColumn: string,
  note: (column: string, reason: string, rejected: boolean) => void,
  nameColumn = 'name_kh',
): Omit<LegacyRecord, 'source' | 'row'> | null {
  if (sex === undefined) return null;
  const nameKhmer = cleanName(khmer);
  const nameLatin = cleanName(latin);
  if (nameKhmer === null && nameLatin === null)
    return reject(note, nameColumn, 'the record has no name in either script');
  let birthDate: string | null = null;
  if (birth !== null && text(birth) !== '') {
    const parsed = readDate(birth, order);
    if (!parsed.ok) return reject(note, birthColumn, parsed.reason);
    if (parsed.swapped)
      note(
        birthColumn,
        `"${text(birth)}" is impossible as written; read with day and month exchanged (${parsed.iso})`,
        false,
      );
    birthDate = parsed.iso;
  }
  let nationalId: string | null = null;
  const idText = khmerDigitsToLatin(text(id)).replace(/[\s.-]/g, '');
  if (idText !== '') {
    if (/^[0-9]{9}$/.test(idText)) nationalId = idText;
    else note(idColumn, `"${text(id)}" is not a 9-digit ID card number; treated as missing`, false);
  }
  return { recordId, nameKhmer, nameLatin, sex, birthDate, nationalId };
}

function spell(
  recordId: string,
  branch: Branch | undefined,
  fromCell: In,
  toCell: In,
  fromColumn: string,
  toColumn: string,
  wageCell: In,
  wageColumn: string,
  note: (column: string, reason: string) => void,
): Omit<LegacySpell, 'source'> | null {
  if (branch === undefined) return null;
  const from = parseLegacyMonth(text(fromCell));
  if (!from.ok) return reject(note, fromColumn, from.reason);
  const to = parseLegacyMonth(text(toCell));
  if (!to.ok) return reject(note, toColumn, to.reason);
  if (to.month < from.month)
    return reject(note, toColumn, `the spell ends (${to.month}) before it starts (${from.month})`);
  let wage: number | null = null;
  const wageText = text(wageCell);
  if (wageText !== '') {
    wage = Number(wageText);
    if (!Number.isSafeInteger(wage) || wage < 0)
      return reject(note, wageColumn, `"${wageText}" is not a whole number of riel`);
  }
  return { recordId, branch, from: from.month, to: to.month, wage };
}

function readDate(cell: In, order: DateOrder): ParsedDate {
  if (cell instanceof Date) return excelDateToIso(cell);
  // A number in a date column is an Excel serial day count whose cell lost its date format.
  if (typeof cell === 'number') return excelDateToIso(new Date(Math.round((cell - 25569) * 86_400_000)));
  return parseLegacyDate(cell ?? '', order);
}

function sexFrom(
  cell: In,
  codes: Readonly<Record<string, 'M' | 'F'>>,
  column: string,
  note: (column: string, reason: string, rejected: boolean) => void,
): 'M' | 'F' | null | undefined {
  const value = text(cell);
  if (value === '') return null;
  const sex = codes[value];
  if (sex === undefined) {
    note(column, `"${value}" is not one of ${Object.keys(codes).join(', ')}`, true);
    return undefined;
  }
  return sex;
}

function branchFrom(
  cell: In,
  codes: Readonly<Record<string, Branch>>,
  column: string,
  note: (column: string, reason: string) => void,
): Branch | undefined {
  const value = text(cell);
  const branch = codes[value];
  if (branch === undefined) note(column, `"${value}" is not one of ${Object.keys(codes).join(', ')}`);
  return branch;
}

function reject(
  note: (column: string, reason: string, rejected: boolean) => void,
  column: string,
  reason: string,
): null {
  note(column, reason, true);
  return null;
}

function text(cell: In): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

function cleanName(cell: In): string | null {
  const value = text(cell)
    .normalize('NFC')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return value === '' ? null : value;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
