/**
 * @module synth/registers
 * The three legacy registers, written exactly as `src/merger/legacy-formats.ts` specifies, with
 * the errors of `error-rates.ts`, and the ground truth that says which person each record is.
 *
 * - NSSF (`nssf/`): every person who was ever a private-sector employee of a registered firm since
 *   2008, living or deceased. One member record from the first registered job; a change of
 *   employer sometimes gives a new member number, and the later spells go to it. Contribution
 *   spells per branch: occupational risk (OR) from registration; health care (HC) from 2016-04,
 *   the first month after Prakas 109 of 17 March 2016 (the law's own date,
 *   `nssf/health/contribution_rate`, REFERENCE.md B2.2; the brief said 2016-01); pension (PEN)
 *   from 2022-10 (§2.2). One row per employment spell and branch, with the wage of the spell's
 *   last month (the wage path month by month is in `careers.parquet`): splitting rows at every
 *   wage change would double a file of 17 million rows. Members are listed in order of
 *   registration.
 * - NSSF-C (`nssf-c/`): civil servants in service on or after 2008-01 (in service, retired, left,
 *   died). Pension spells cover the whole service; health and occupational risk from 2017-02
 *   (Royal Kret NS/RKT/0217/078 of 1 February 2017, §2.7). Officers in order of service start.
 * - NFV (`nfv/`): veterans, with their periods of military or police service.
 *
 * Each record renders its person independently (romanisation, typing errors, date and ID
 * errors), so two registers rarely spell a person the same way. Clerical duplicates are a
 * second record of the same person with its own errors and no spells.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  GROUND_TRUTH,
  latinDigitsToKhmer,
  luhnCheckDigit,
  NFV,
  NSSF,
  NSSF_C,
  nssfcCheckLetter,
} from '../merger/legacy-formats.js';
import {
  CAREERS_START,
  dayOf,
  monthNumberOf,
  monthOf,
  pad2,
  REFERENCE_DAY,
  yearOfMonth,
  ymdOf,
} from './calendar.js';
import { CsvWriter } from './csv-writer.js';
import { type Employers, MINISTRIES } from './employers.js';
import type { ErrorRates } from './error-rates.js';
import { khmerName, khmerTypo, latinName, latinTypo } from './names.js';
import { province } from './provinces.js';
import { type Rng, rngFor } from './random.js';
import { wageAt } from './wages.js';
import { SPELL_KIND, type Spells, type Work } from './work.js';
import { FEMALE, MALE, NONE, type Persons, SECTOR } from './world.js';

/** First month of health-care contributions (Prakas 109 of 17 March 2016 applies from 2016-04). */
export const HC_START = monthOf(2016, 4);
/** First month of pension contributions (Sub-decree 32; contributions from 1 October 2022, §2.2). */
export const PEN_START = monthOf(2022, 10);
/** First month of public servants' health and occupational-risk schemes (Royal Kret of 1 February 2017, §2.7). */
export const PUBLIC_HC_OR_START = monthOf(2017, 2);

export type RegisterStats = {
  records: number;
  persons: number;
  duplicates: number;
  /** NSSF: second member numbers given on a change of employer. */
  reregistrations: number;
  spells: number;
  /** Applied errors by kind. */
  errors: Record<string, number>;
};

export type RegistersResult = {
  nssf: RegisterStats;
  nssfC: RegisterStats;
  nfv: RegisterStats;
  truthRows: number;
};

type World = { persons: Persons; employers: Employers; work: Work; spells: Spells };

const emptyStats = (): RegisterStats => ({
  records: 0,
  persons: 0,
  duplicates: 0,
  reregistrations: 0,
  spells: 0,
  errors: {},
});

function count(stats: RegisterStats, kind: string): void {
  stats.errors[kind] = (stats.errors[kind] ?? 0) + 1;
}

/** A person as one record of one register writes them. */
type Rendering = {
  nameKh: string;
  /** Family name first, in the register's case; empty when left out. */
  nameLatin: string;
  sex: number;
  year: number;
  month: number;
  /** Day as written: after an exchange with the month it may be above 12. */
  day: number;
  nationalId: string;
};

function render(
  world: World,
  p: number,
  r: Rng,
  rates: ErrorRates,
  stats: RegisterStats,
  options: { latin: boolean; missingIdRate: number },
): Rendering {
  const { persons } = world;
  const family = persons.familyName[p]!;
  const given = persons.givenName[p]!;
  let nameKh = khmerName(family, given);
  if (r.chance(rates.khmerTypo)) {
    nameKh = khmerTypo(nameKh, r);
    count(stats, 'khmer_typo');
  }
  let nameLatin = '';
  if (options.latin) {
    nameLatin = latinName(family, given, r, rates.romanisationVariant);
    if (r.chance(rates.givenNameFirst)) {
      const [f, ...g] = nameLatin.split(' ');
      nameLatin = `${g.join(' ')} ${f}`;
      count(stats, 'given_name_first');
    }
    if (r.chance(rates.latinTypo)) {
      nameLatin = latinTypo(nameLatin, r);
      count(stats, 'latin_typo');
    }
  }
  let sex = persons.sex[p]!;
  if (r.chance(rates.sexFlipped)) {
    sex = sex === MALE ? FEMALE : MALE;
    count(stats, 'sex_flipped');
  }
  const birth = ymdOf(persons.birthDay[p]!);
  let { year, month, day } = birth;
  if (r.chance(rates.birthYearOff)) {
    year += r.chance(0.5) ? 1 : -1;
    // 29 February of a year that has none: the clerk's date stays a real one.
    if (month === 2 && day === 29 && !realDate(year, 2, 29)) day = 28;
    count(stats, 'birth_year_off');
  }
  if (r.chance(rates.swappedDayMonth) && day !== month) {
    [day, month] = [month, day];
    count(stats, 'swapped_day_month');
  }
  let nationalId = '';
  const nid = persons.nationalId[p]!;
  if (nid !== NONE) {
    if (r.chance(options.missingIdRate)) count(stats, 'missing_national_id');
    else {
      nationalId = String(nid).padStart(9, '0');
      if (r.chance(rates.mistypedNationalId)) {
        nationalId = mistype(nationalId, r);
        count(stats, 'mistyped_national_id');
      }
    }
  }
  return { nameKh, nameLatin, sex, year, month, day, nationalId };
}

/** One digit changed, or two neighbouring digits exchanged. */
function mistype(digits: string, r: Rng): string {
  const i = r.int(digits.length - 1);
  if (r.chance(0.5) && digits[i] !== digits[i + 1]) {
    return digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
  }
  const j = r.int(digits.length);
  const d = (Number(digits[j]) + 1 + r.int(9)) % 10;
  return digits.slice(0, j) + d + digits.slice(j + 1);
}

/** A bijection of [0, range) that looks random: (a·k + b) mod range, a coprime with range. */
function scrambler(r: Rng, range: number): (k: number) => number {
  let a = 1 + r.int(range - 1);
  while (gcd(a, range) !== 1) a++;
  const b = r.int(range);
  // a·k may pass 2^53 for large k; split k to stay exact.
  return (k) => (((a * Math.floor(k / 1000)) % range) * 1000 + a * (k % 1000) + b) % range;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

const ymd = (y: number, m: number, d: number) => `${pad2(d)}/${pad2(m)}/${y}`;

/** Month texts by month index from 1970, built once: contribution files have millions of rows. */
function monthTable(format: (month: number) => string): (month: number) => string {
  const first = monthOf(1970, 1);
  const texts = Array.from({ length: monthOf(2031, 1) - first }, (_, k) => format(first + k));
  return (month) => texts[month - first] ?? format(month);
}

/** Writes the three registers and the ground truth into `dir`. */
export async function writeRegisters(
  dir: string,
  world: World,
  seed: number,
  rates: ErrorRates,
): Promise<RegistersResult> {
  for (const folder of [NSSF.folder, NSSF_C.folder, NFV.folder, GROUND_TRUTH.folder]) {
    mkdirSync(join(dir, folder), { recursive: true });
  }
  const truth = new CsvWriter(join(dir, GROUND_TRUTH.folder, GROUND_TRUTH.file), GROUND_TRUTH.columns);
  const nssf = writeNssf(dir, world, seed, rates, truth);
  const nssfC = await writeNssfC(dir, world, seed, rates, truth);
  const nfv = writeNfv(dir, world, seed, rates, truth);
  truth.close();
  return { nssf, nssfC, nfv, truthRows: truth.rows };
}

function writeNssf(
  dir: string,
  world: World,
  seed: number,
  rates: ErrorRates,
  truth: CsvWriter,
): RegisterStats {
  const { persons, employers, spells } = world;
  const stats = emptyStats();
  const r = rngFor(seed, 'registers.nssf');
  // Member records: person, employer at registration, registration day, duplicate flag.
  const recPerson: number[] = [];
  const recEmployer: number[] = [];
  const recDay: number[] = [];
  const recOriginal: number[] = [];
  /** The member record each spell is declared under (NONE when not registered). */
  const spellRecord = new Int32Array(spells.count).fill(NONE);
  const regStart = new Int32Array(spells.count);
  for (let p = 0; p < persons.count; p++) {
    let current = NONE;
    let currentEmployer = NONE;
    let any = false;
    for (let k = spells.byPerson[p]!; k < spells.byPerson[p + 1]!; k++) {
      const s = spells.order[k]!;
      if (spells.kind[s] !== SPELL_KIND.private) continue;
      const e = spells.employer[s]!;
      if (employers.registered[e] === NONE) continue;
      const from = Math.max(spells.start[s]!, employers.registered[e]!, CAREERS_START);
      if (from > spells.end[s]!) continue;
      regStart[s] = from;
      const changed = current !== NONE && e !== currentEmployer;
      if (current === NONE || (changed && r.chance(rates.reregistrationOnEmployerChange))) {
        if (current !== NONE) stats.reregistrations++;
        current = recPerson.length;
        recPerson.push(p);
        recEmployer.push(e);
        recDay.push(dayOf(yearOfMonth(from), monthNumberOf(from), 1) + r.int(28));
        recOriginal.push(NONE);
        if (r.chance(rates.duplicateRecord.nssf)) {
          recPerson.push(p);
          recEmployer.push(e);
          recDay.push(Math.min(REFERENCE_DAY, recDay[current]! + r.int(400)));
          recOriginal.push(current);
          stats.duplicates++;
        }
      }
      currentEmployer = e;
      spellRecord[s] = current;
      any = true;
    }
    if (any) stats.persons++;
  }
  const R = recPerson.length;
  // Registration order: by day, records of one day in random order.
  const order = Int32Array.from({ length: R }, (_, i) => i);
  r.shuffle(order);
  const sorted = countingSortBy(order, (i) => recDay[i]! - dayOf(2008, 1, 1));
  const numbers = new Array<string>(R);
  const serialOf = scrambler(r, 900_000_000);
  for (let i = 0; i < R; i++) {
    const base = String(100_000_000 + serialOf(i));
    let check = luhnCheckDigit(base);
    if (r.chance(rates.badCheckCharacter)) {
      check = (check + 1 + r.int(9)) % 10;
      count(stats, 'bad_check_digit');
    }
    numbers[i] = base + check;
  }
  const employerNumbers = Array.from({ length: employers.count }, (_, e) => {
    const serial = String(employers.serial[e]!);
    return `E${serial}${luhnCheckDigit(serial)}`;
  });
  const employerNo = (e: number) => employerNumbers[e]!;

  const members = new CsvWriter(join(dir, NSSF.folder, NSSF.members.file), NSSF.members.columns);
  const rr = rngFor(seed, 'registers.nssf.render');
  for (const i of sorted) {
    const p = recPerson[i]!;
    const id = render(world, p, rr, rates, stats, { latin: true, missingIdRate: rates.missingNationalId });
    let nameEn = id.nameLatin.toUpperCase();
    if (rr.chance(rates.missingLatinName)) {
      nameEn = '';
      count(stats, 'missing_latin_name');
    }
    const reg = ymdOf(recDay[i]!);
    members.row([
      numbers[i]!,
      id.nationalId,
      id.nameKh,
      nameEn,
      id.sex === MALE ? 'M' : 'F',
      ymd(id.year, id.month, id.day),
      employerNo(recEmployer[i]!),
      ymd(reg.year, reg.month, reg.day),
    ]);
    truth.line(`nssf,${numbers[i]},${p + 1}`);
  }
  members.close();
  stats.records = R;

  // Contributions: members in file order, each member's spells in time order.
  const contributions = new CsvWriter(
    join(dir, NSSF.folder, NSSF.contributions.file),
    NSSF.contributions.columns,
  );
  const m = monthTable((month) => `${yearOfMonth(month)}-${pad2(monthNumberOf(month))}`);
  for (const i of sorted) {
    if (recOriginal[i] !== NONE) continue;
    const p = recPerson[i]!;
    for (let k = spells.byPerson[p]!; k < spells.byPerson[p + 1]!; k++) {
      const s = spells.order[k]!;
      if (spellRecord[s] !== i) continue;
      const e = spells.employer[s]!;
      const en = employerNo(e);
      const sector = employers.sector[e]!;
      const factor = spells.factor[s]!;
      const from = regStart[s]!;
      const to = spells.end[s]!;
      const lastWage = wageAt(sector, factor, to);
      contributions.line(`${numbers[i]},${en},OR,${m(from)},${m(to)},${lastWage}`);
      stats.spells++;
      if (to >= HC_START) {
        contributions.line(`${numbers[i]},${en},HC,${m(Math.max(from, HC_START))},${m(to)},${lastWage}`);
        stats.spells++;
      }
      if (to >= PEN_START) {
        contributions.line(`${numbers[i]},${en},PEN,${m(Math.max(from, PEN_START))},${m(to)},${lastWage}`);
        stats.spells++;
      }
    }
  }
  contributions.close();
  return stats;
}

/** Indices ordered by a small non-negative integer key, keeping the given order among equals. */
function countingSortBy(items: Int32Array, keyOf: (i: number) => number): Int32Array {
  let max = 0;
  for (const i of items) max = Math.max(max, keyOf(i));
  const start = new Int32Array(max + 2);
  for (const i of items) start[keyOf(i) + 1]! += 1;
  for (let k = 0; k <= max; k++) start[k + 1]! += start[k]!;
  const out = new Int32Array(items.length);
  for (const i of items) out[start[keyOf(i)]!++] = i;
  return out;
}

async function writeNssfC(
  dir: string,
  world: World,
  seed: number,
  rates: ErrorRates,
  truth: CsvWriter,
): Promise<RegisterStats> {
  const { persons, spells, work } = world;
  const stats = emptyStats();
  const r = rngFor(seed, 'registers.nssf-c');
  const officers: number[] = [];
  const firstStart: number[] = [];
  const original: number[] = [];
  for (let p = 0; p < persons.count; p++) {
    let first = NONE;
    let last = NONE;
    for (let k = spells.byPerson[p]!; k < spells.byPerson[p + 1]!; k++) {
      const s = spells.order[k]!;
      if (spells.kind[s] !== SPELL_KIND.civilService) continue;
      if (first === NONE) first = spells.start[s]!;
      last = Math.max(last, spells.end[s]!);
    }
    if (first === NONE || last < CAREERS_START) continue;
    stats.persons++;
    officers.push(p);
    firstStart.push(first);
    original.push(NONE);
    if (r.chance(rates.duplicateRecord.nssfC)) {
      officers.push(p);
      firstStart.push(first);
      original.push(officers.length - 2);
      stats.duplicates++;
    }
  }
  const R = officers.length;
  const order = Int32Array.from({ length: R }, (_, i) => i);
  r.shuffle(order);
  const sorted = countingSortBy(order, (i) => firstStart[i]! - monthOf(1970, 1));
  const serialOf = scrambler(r, 9_000_000);
  const ids = new Array<string>(R);
  for (let i = 0; i < R; i++) {
    const digits = String(1_000_000 + serialOf(i));
    let letter = nssfcCheckLetter(digits);
    if (r.chance(rates.badCheckCharacter)) {
      letter = String.fromCharCode(65 + ((letter.charCodeAt(0) - 65 + 1 + r.int(10)) % 11));
      count(stats, 'bad_check_letter');
    }
    ids[i] = `CS${digits}${letter}`;
  }

  const file = join(dir, NSSF_C.folder, NSSF_C.members.file);
  // Fixed document dates, and zip-entry times fixed after writing (`fixZipTimes`), make the
  // workbook byte-identical for the same seed.
  const fixed = new Date(Date.UTC(2025, 11, 31));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.created = fixed;
  workbook.modified = fixed;
  workbook.creator = 'Samaki synthetic generator';
  const sheet = workbook.addWorksheet(NSSF_C.members.sheet);
  const dateFormat = 'mm/dd/yyyy';
  sheet.columns = NSSF_C.members.columns.map((header, c) => ({
    header,
    key: `c${c}`,
    width: [12, 24, 24, 8, 12, 14, 48, 12][c]!,
    ...(header === 'Birth date' || header === 'Service start' ? { style: { numFmt: dateFormat } } : {}),
  }));
  const rr = rngFor(seed, 'registers.nssf-c.render');
  const title = (s: string) => s.replace(/\S+/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase());
  const mdyText = (y: number, m: number, d: number) => `${pad2(m)}/${pad2(d)}/${y}`;
  for (const i of sorted) {
    const p = officers[i]!;
    const id = render(world, p, rr, rates, stats, { latin: true, missingIdRate: rates.missingNationalId });
    let birth: Date | string;
    if (rr.chance(rates.textBirthDate)) {
      birth = mdyText(id.year, id.month, id.day);
      count(stats, 'text_birth_date');
    } else if (id.month <= 12 && id.day <= 31 && realDate(id.year, id.month, id.day)) {
      birth = new Date(Date.UTC(id.year, id.month - 1, id.day));
    } else {
      // A swapped date that is impossible as a date: the clerk could only type it as text.
      birth = mdyText(id.year, id.month, id.day);
      count(stats, 'text_birth_date');
    }
    const startMonth = firstStart[i]!;
    const startDay = 1 + rr.int(28);
    const start: Date | string = rr.chance(rates.textServiceStart)
      ? mdyText(yearOfMonth(startMonth), monthNumberOf(startMonth), startDay)
      : new Date(Date.UTC(yearOfMonth(startMonth), monthNumberOf(startMonth) - 1, startDay));
    let nationalId = id.nationalId;
    if (nationalId && rr.chance(rates.groupedNationalId)) {
      const sep = rr.chance(0.5) ? ' ' : '-';
      nationalId = `${nationalId.slice(0, 3)}${sep}${nationalId.slice(3, 6)}${sep}${nationalId.slice(6)}`;
    }
    const ministry = work.ministry[p]! > 0 ? MINISTRIES[work.ministry[p]! - 1]!.name : '';
    sheet
      .addRow([
        ids[i]!,
        id.nameKh,
        title(id.nameLatin),
        id.sex === MALE ? 'Male' : 'Female',
        birth,
        nationalId,
        ministry,
        start,
      ])
      .commit();
    truth.line(`nssf-c,${ids[i]},${p + 1}`);
  }
  sheet.commit();
  await workbook.commit();
  fixZipTimes(file);
  stats.records = R;

  const contributions = new CsvWriter(
    join(dir, NSSF_C.folder, NSSF_C.contributions.file),
    NSSF_C.contributions.columns,
  );
  const my = monthTable((month) => `${pad2(monthNumberOf(month))}/${yearOfMonth(month)}`);
  for (const i of sorted) {
    if (original[i] !== NONE) continue;
    const p = officers[i]!;
    for (let k = spells.byPerson[p]!; k < spells.byPerson[p + 1]!; k++) {
      const s = spells.order[k]!;
      if (spells.kind[s] !== SPELL_KIND.civilService) continue;
      const from = spells.start[s]!;
      const to = spells.end[s]!;
      const salary = wageAt(SECTOR.publicService, spells.factor[s]!, to);
      contributions.line(`${ids[i]},pension,${my(from)},${my(to)},${salary}`);
      stats.spells++;
      if (to >= PUBLIC_HC_OR_START) {
        const a = my(Math.max(from, PUBLIC_HC_OR_START));
        contributions.line(`${ids[i]},health,${a},${my(to)},${salary}`);
        contributions.line(`${ids[i]},occupational risk,${a},${my(to)},${salary}`);
        stats.spells += 2;
      }
    }
  }
  contributions.close();
  return stats;
}

/**
 * Sets the modification time of every entry of a zip file to 2025-12-31 00:00 (MS-DOS format, in
 * the local and the central headers): the zip writer under exceljs stamps entries with the
 * current time, which would make two runs differ.
 */
export function fixZipTimes(path: string): void {
  const zip = readFileSync(path);
  const time = 0; // 00:00:00
  const date = ((2025 - 1980) << 9) | (12 << 5) | 31;
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${path}: not a zip file (no end of central directory)`);
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let k = 0; k < entries; k++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${path}: bad central directory entry ${k}`);
    zip.writeUInt16LE(time, at + 12);
    zip.writeUInt16LE(date, at + 14);
    const local = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(local) === 0x04034b50) {
      zip.writeUInt16LE(time, local + 10);
      zip.writeUInt16LE(date, local + 12);
    }
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  writeFileSync(path, zip);
}

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function writeNfv(
  dir: string,
  world: World,
  seed: number,
  rates: ErrorRates,
  truth: CsvWriter,
): RegisterStats {
  const { persons, spells, work } = world;
  const stats = emptyStats();
  const r = rngFor(seed, 'registers.nfv');
  const veterans: number[] = [];
  const original: number[] = [];
  for (let p = 0; p < persons.count; p++) {
    if (!work.veteran[p]) continue;
    stats.persons++;
    veterans.push(p);
    original.push(NONE);
    if (r.chance(rates.duplicateRecord.nfv)) {
      veterans.push(p);
      original.push(veterans.length - 2);
      stats.duplicates++;
    }
  }
  const R = veterans.length;
  const order = Int32Array.from({ length: R }, (_, i) => i);
  r.shuffle(order);
  const serialOf = scrambler(r, 900_000);
  const ids = Array.from({ length: R }, (_, i) => `NFV${100_000 + serialOf(i)}`);
  const khmer = latinDigitsToKhmer;
  const members = new CsvWriter(join(dir, NFV.folder, NFV.members.file), NFV.members.columns, { bom: true });
  const rr = rngFor(seed, 'registers.nfv.render');
  for (const i of order) {
    const p = veterans[i]!;
    const id = render(world, p, rr, rates, stats, {
      latin: false,
      missingIdRate: rates.missingNationalId + rates.nfvMissingNationalId,
    });
    let nationalId = id.nationalId;
    if (nationalId && !rr.chance(rates.latinDigitsInNfv)) nationalId = khmer(nationalId);
    members.row([
      ids[i]!,
      id.nameKh,
      id.sex === MALE ? 'ប្រុស' : 'ស្រី',
      khmer(`${pad2(id.day)}-${pad2(id.month)}-${id.year}`),
      nationalId,
      province(persons.province[p]!).km,
    ]);
    truth.line(`nfv,${ids[i]},${p + 1}`);
  }
  members.close();
  stats.records = R;
  const service = new CsvWriter(join(dir, NFV.folder, NFV.contributions.file), NFV.contributions.columns, {
    bom: true,
  });
  const my = monthTable((month) => khmer(`${pad2(monthNumberOf(month))}-${yearOfMonth(month)}`));
  for (const i of order) {
    if (original[i] !== NONE) continue;
    const p = veterans[i]!;
    for (let k = spells.byPerson[p]!; k < spells.byPerson[p + 1]!; k++) {
      const s = spells.order[k]!;
      if (spells.kind[s] !== SPELL_KIND.military) continue;
      service.line(`${ids[i]},${my(spells.start[s]!)},${my(spells.end[s]!)}`);
      stats.spells++;
    }
  }
  service.close();
  return stats;
}
