/**
 * @module merger/test-support/legacy-fixture
 * A hand-written set of the three legacy registers for tests: four people, seven records, with
 * the overlaps a real merger meets. Written independently of `src/synth` so the import is tested
 * against the format description, not against the generator.
 *
 * - person 1, Sok Dara: NSSF twice (re-registered after changing employer; the second record has
 *   no ID card number and the romanisation SOKH DARA) and NSSF-C (a civil servant with a private
 *   job). Pension months overlap between the two NSSF records (2023-01..2023-03).
 * - person 2, Chan Sreymom: NFV veteran who became a civil servant (NSSF-C).
 * - person 3, Kim Sophea: NSSF only; her birth date was typed with day and month swapped.
 * - person 4, Meas Vuthy: NFV only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { luhnCheckDigit, NFV, NSSF, NSSF_C, nssfcCheckLetter } from '../legacy-formats.js';

export const nssfNo = (nine: string): string => `${nine}${luhnCheckDigit(nine)}`;
export const officerId = (seven: string): string => `CS${seven}${nssfcCheckLetter(seven)}`;

export const FIXTURE_IDS = {
  dara1: nssfNo('100000001'),
  dara2: nssfNo('100000002'),
  sophea: nssfNo('100000003'),
  daraOfficer: officerId('0000001'),
  sreymomOfficer: officerId('0000002'),
  sreymomVeteran: 'NFV000001',
  vuthyVeteran: 'NFV000002',
} as const;

/** The true person of every fixture record, as `truth/ground_truth.csv` says. */
export const FIXTURE_TRUTH: readonly [string, string, number][] = [
  ['nssf', FIXTURE_IDS.dara1, 1],
  ['nssf', FIXTURE_IDS.dara2, 1],
  ['nssf-c', FIXTURE_IDS.daraOfficer, 1],
  ['nssf-c', FIXTURE_IDS.sreymomOfficer, 2],
  ['nfv', FIXTURE_IDS.sreymomVeteran, 2],
  ['nssf', FIXTURE_IDS.sophea, 3],
  ['nfv', FIXTURE_IDS.vuthyVeteran, 4],
];

export function csv(rows: readonly (readonly (string | number)[])[]): string {
  return `${rows.map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')).join('\n')}\n`;
}

/** Writes the fixture registers (and the ground truth) under `dir`. */
export async function writeLegacyFixture(dir: string): Promise<void> {
  const { dara1, dara2, sophea, daraOfficer, sreymomOfficer, sreymomVeteran, vuthyVeteran } = FIXTURE_IDS;
  for (const f of [NSSF.folder, NSSF_C.folder, NFV.folder, 'truth'])
    mkdirSync(join(dir, f), { recursive: true });

  writeFileSync(
    join(dir, NSSF.folder, NSSF.members.file),
    csv([
      NSSF.members.columns,
      [dara1, '123456789', 'សុខ ដារ៉ា', 'SOK DARA', 'M', '15/03/1980', 'E0000011', '02/05/2012'],
      [dara2, '', 'សុខ ដារ៉ា', 'SOKH DARA', 'M', '15/03/1980', 'E0000029', '01/01/2020'],
      [sophea, '345678912', 'គីម សុភា', 'KIM SOPHEA', 'F', '07/21/1990', 'E0000011', '10/06/2015'],
    ]),
  );
  writeFileSync(
    join(dir, NSSF.folder, NSSF.contributions.file),
    csv([
      NSSF.contributions.columns,
      [dara1, 'E0000011', 'OR', '2012-05', '2019-12', 800000],
      [dara1, 'E0000011', 'PEN', '2022-10', '2023-03', 1200000],
      [dara2, 'E0000029', 'OR', '2020-01', '2025-12', 1300000],
      [dara2, 'E0000029', 'PEN', '2023-01', '2025-12', 1300000],
      [sophea, 'E0000011', 'HC', '2016-01', '2025-12', 900000],
    ]),
  );

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(NSSF_C.members.sheet);
  sheet.addRow([...NSSF_C.members.columns]);
  sheet.addRow([
    daraOfficer,
    'សុខ ដារ៉ា',
    'Sok Dara',
    'Male',
    new Date(Date.UTC(1980, 2, 15)),
    '123 456 789',
    'Ministry of Education',
    new Date(Date.UTC(2005, 0, 1)),
  ]);
  // A clerk typed this birth date as text, in the register's MM/DD/YYYY order.
  sheet.addRow([
    sreymomOfficer,
    'ចាន់ ស្រីមុំ',
    'Chan Sreymom',
    'Female',
    '11/02/1975',
    '234-567-891',
    'Ministry of Health',
    new Date(Date.UTC(1998, 5, 1)),
  ]);
  sheet.getColumn(5).numFmt = 'yyyy-mm-dd';
  sheet.getColumn(8).numFmt = 'yyyy-mm-dd';
  await workbook.xlsx.writeFile(join(dir, NSSF_C.folder, NSSF_C.members.file));
  writeFileSync(
    join(dir, NSSF_C.folder, NSSF_C.contributions.file),
    csv([
      NSSF_C.contributions.columns,
      [daraOfficer, 'pension', '01/2005', '12/2025', 1000000],
      [sreymomOfficer, 'pension', '06/1998', '12/2025', 1100000],
      [sreymomOfficer, 'occupational risk', '02/2017', '12/2025', 1100000],
    ]),
  );

  writeFileSync(
    join(dir, NFV.folder, NFV.members.file),
    `\uFEFF${csv([
      NFV.members.columns,
      [sreymomVeteran, 'ចាន់ ស្រីមុំ', 'ស្រី', '០២-១១-១៩៧៥', '២៣៤៥៦៧៨៩១', 'ភ្នំពេញ'],
      [vuthyVeteran, 'មាស វុទ្ធី', 'ប្រុស', '៣០-០១-១៩៦៥', '', 'បាត់ដំបង'],
    ])}`,
  );
  writeFileSync(
    join(dir, NFV.folder, NFV.contributions.file),
    `\uFEFF${csv([
      NFV.contributions.columns,
      // Military service overlapping her first civil-service months: counted once.
      [sreymomVeteran, '០១-១៩៩៣', '១២-១៩៩៨'],
      [vuthyVeteran, '០១-១៩៨៥', '១២-២០០៥'],
    ])}`,
  );

  writeFileSync(
    join(dir, 'truth', 'ground_truth.csv'),
    csv([['source', 'record_id', 'person_id'], ...FIXTURE_TRUTH]),
  );
}
