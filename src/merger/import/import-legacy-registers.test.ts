import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { SamakiError } from '../../kernel/errors.js';
import { NFV, NSSF, NSSF_C } from '../legacy-formats.js';
import { FIXTURE_IDS, writeLegacyFixture } from '../test-support/legacy-fixture.js';
import { importLegacyRegisters } from './import-legacy-registers.js';

let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'samaki-legacy-'));
  await writeLegacyFixture(dir);
});

const nssfMembers = () => join(dir, NSSF.folder, NSSF.members.file);

async function refusal(): Promise<SamakiError> {
  const error = await importLegacyRegisters(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SamakiError);
  return error as SamakiError;
}

describe('importLegacyRegisters', () => {
  it('reads every record of the three formats into one shape', async () => {
    const imported = await importLegacyRegisters(dir);
    expect(imported.rejected).toEqual([]);
    expect(imported.records).toHaveLength(7);
    const byId = new Map(imported.records.map((r) => [r.recordId, r]));
    expect(byId.get(FIXTURE_IDS.dara1)).toMatchObject({
      source: 'nssf',
      row: 2,
      nameKhmer: 'សុខ ដារ៉ា',
      nameLatin: 'SOK DARA',
      sex: 'M',
      birthDate: '1980-03-15',
      nationalId: '123456789',
    });
    expect(byId.get(FIXTURE_IDS.dara2)?.nationalId).toBeNull();
    // The active span covers every branch's spells: OR from 2012-05, pension until 2023-03.
    expect(byId.get(FIXTURE_IDS.dara1)).toMatchObject({ activeFrom: 2012 * 12 + 4, activeTo: 2023 * 12 + 2 });
    expect(byId.get(FIXTURE_IDS.vuthyVeteran)).toMatchObject({
      activeFrom: 1985 * 12,
      activeTo: 2005 * 12 + 11,
    });
    // An Excel date cell, a grouped ID with spaces.
    expect(byId.get(FIXTURE_IDS.daraOfficer)).toMatchObject({
      source: 'nssf-c',
      birthDate: '1980-03-15',
      nationalId: '123456789',
      nameLatin: 'Sok Dara',
    });
    // A date typed as text in the NSSF-C order MM/DD/YYYY; an ID with dashes.
    expect(byId.get(FIXTURE_IDS.sreymomOfficer)).toMatchObject({
      birthDate: '1975-11-02',
      nationalId: '234567891',
      sex: 'F',
    });
    // Khmer numerals, Khmer sex codes, no Latin name.
    expect(byId.get(FIXTURE_IDS.sreymomVeteran)).toMatchObject({
      source: 'nfv',
      birthDate: '1975-11-02',
      nationalId: '234567891',
      sex: 'F',
      nameLatin: null,
    });
    expect(byId.get(FIXTURE_IDS.vuthyVeteran)).toMatchObject({
      birthDate: '1965-01-30',
      nationalId: null,
      sex: 'M',
    });
    expect(imported.spells).toHaveLength(10);
    expect(imported.spells.find((s) => s.recordId === FIXTURE_IDS.vuthyVeteran)).toMatchObject({
      branch: 'pension',
      from: '1985-01',
      to: '2005-12',
      wage: null,
    });
    expect(imported.spells.filter((s) => s.branch === 'employment_injury')).toHaveLength(3);
    expect(imported.files.map((f) => [f.file, f.rows, f.accepted, f.rejected])).toEqual([
      ['members.csv', 3, 3, 0],
      ['contributions.csv', 5, 5, 0],
      ['officers.xlsx', 2, 2, 0],
      ['contributions.csv', 3, 3, 0],
      ['veterans.csv', 2, 2, 0],
      ['service.csv', 2, 2, 0],
    ]);
    expect(imported.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
  });

  it('reads a date impossible as DD/MM/YYYY with day and month exchanged, and says so', async () => {
    const imported = await importLegacyRegisters(dir);
    const sophea = imported.records.find((r) => r.recordId === FIXTURE_IDS.sophea);
    expect(sophea?.birthDate).toBe('1990-07-21');
    expect(imported.corrections).toEqual([
      expect.objectContaining({
        source: 'nssf',
        file: 'members.csv',
        row: 4,
        column: 'date_of_birth',
        reason: expect.stringContaining('day and month exchanged'),
      }),
    ]);
  });

  it('names the impossible date itself when it is the only fault of the row', async () => {
    const { nssfNo } = await import('../test-support/legacy-fixture.js');
    appendFileSync(
      nssfMembers(),
      `${nssfNo('100000005')},,គីម សុខា,KIM SOKHA,F,31/02/1988,E0000011,01/01/2020\n`,
    );
    const imported = await importLegacyRegisters(dir);
    expect(imported.records).toHaveLength(7);
    expect(imported.rejected).toEqual([
      {
        source: 'nssf',
        file: 'members.csv',
        row: 5,
        column: 'date_of_birth',
        reason: expect.stringContaining('not a real date'),
      },
    ]);
    expect(imported.files[0]).toMatchObject({ rows: 4, accepted: 3, rejected: 1 });
  });

  it('rejects a truncated row and keeps reading the file', async () => {
    appendFileSync(nssfMembers(), '1000000068,,គីម\n');
    const { nssfNo } = await import('../test-support/legacy-fixture.js');
    appendFileSync(
      nssfMembers(),
      `${nssfNo('100000007')},,ហេង ចន្ទា,HENG CHANTHA,F,01/01/1995,E0000011,01/01/2020\n`,
    );
    const imported = await importLegacyRegisters(dir);
    expect(imported.records).toHaveLength(8);
    expect(imported.rejected).toEqual([
      expect.objectContaining({
        file: 'members.csv',
        row: 5,
        column: 'name_en',
        reason: expect.stringContaining('3 of the 8 columns'),
      }),
    ]);
  });

  it('rejects a row cut inside a quoted field (a file truncated mid-row)', async () => {
    appendFileSync(nssfMembers(), '1000000076,,"សុខ');
    const imported = await importLegacyRegisters(dir);
    expect(imported.records).toHaveLength(7);
    expect(imported.rejected).toEqual([
      expect.objectContaining({
        file: 'members.csv',
        column: null,
        reason: expect.stringContaining('truncated'),
      }),
    ]);
  });

  it('rejects bad identifiers, unknown codes, duplicates and spells of unknown members', async () => {
    const { nssfNo } = await import('../test-support/legacy-fixture.js');
    appendFileSync(
      nssfMembers(),
      [
        '1000000019,,ហេង ចន្ទា,HENG CHANTHA,F,01/01/1995,E0000011,01/01/2020', // check digit wrong
        `${nssfNo('100000008')},,ហេង ចន្ទា,HENG CHANTHA,X,01/01/1995,E0000011,01/01/2020`, // sex X
        `${FIXTURE_IDS.dara1},,សុខ ដារ៉ា,SOK DARA,M,15/03/1980,E0000011,01/01/2020`, // duplicate
        '',
      ].join('\n'),
    );
    appendFileSync(
      join(dir, NSSF.folder, NSSF.contributions.file),
      `${nssfNo('100000009')},E0000011,OR,2020-01,2020-12,500000\n${FIXTURE_IDS.dara1},E0000011,XX,2020-01,2020-12,500000\n`,
    );
    const imported = await importLegacyRegisters(dir);
    expect(imported.records).toHaveLength(7);
    expect(imported.rejected.map((r) => [r.file, r.row, r.column])).toEqual([
      ['members.csv', 5, 'nssf_no'],
      ['members.csv', 6, 'sex'],
      ['members.csv', 7, 'nssf_no'],
      ['contributions.csv', 7, 'nssf_no'],
      ['contributions.csv', 8, 'branch'],
    ]);
    expect(imported.rejected[2]?.reason).toContain('already used on row 2');
  });

  it('refuses a whole CSV file with a wrong header, naming file, row 1 and the column', async () => {
    const text = readFileSync(nssfMembers(), 'utf8').replace('date_of_birth', 'dob');
    writeFileSync(nssfMembers(), text);
    const error = await refusal();
    expect(error.code).toBe('legacy_bad_header');
    expect(error.details).toMatchObject({
      file: 'members.csv',
      row: 1,
      column: 'date_of_birth',
      found: '"dob"',
    });
    expect(error.message).toContain('nothing was imported');
  });

  it('refuses a whole XLSX workbook with a wrong header', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Officers').addRow(['Officer', 'Name (Khmer)']);
    await workbook.xlsx.writeFile(join(dir, NSSF_C.folder, NSSF_C.members.file));
    const error = await refusal();
    expect(error.code).toBe('legacy_bad_header');
    expect(error.details).toMatchObject({ file: 'officers.xlsx', row: 1, column: 'Officer ID' });
  });

  it('refuses a workbook that is not an XLSX file', async () => {
    writeFileSync(join(dir, NSSF_C.folder, NSSF_C.members.file), 'this is not a zip archive');
    const error = await refusal();
    expect(error.code).toBe('legacy_file_unreadable');
    expect(error.details.file).toBe('officers.xlsx');
  });

  it('refuses a whole file that is not UTF-8, naming the row of the first bad byte', async () => {
    const good = readFileSync(join(dir, NFV.folder, NFV.members.file));
    writeFileSync(
      join(dir, NFV.folder, NFV.members.file),
      Buffer.concat([good, Buffer.from([0x4e, 0x46, 0x56, 0xff, 0xfe, 0x0a])]),
    );
    const error = await refusal();
    expect(error.code).toBe('legacy_file_encoding');
    expect(error.details).toMatchObject({ file: 'veterans.csv', row: 4 });
  });

  it('refuses a missing file and a missing folder', async () => {
    writeFileSync(join(dir, NFV.folder, 'service.csv.bak'), '');
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, NFV.folder, NFV.contributions.file));
    expect((await refusal()).code).toBe('legacy_file_missing');
    await expect(importLegacyRegisters(join(dir, 'nowhere'))).rejects.toMatchObject({
      code: 'merge_folder_missing',
    });
  });
});
