import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DECLARATION_COLUMNS, writeDeclarationTemplate } from './declaration-template.js';
import { readDeclarationFile } from './read-declaration-file.js';

const KEYS = ['member_no', 'name', 'wage_khr', 'wage_usd', 'days_worked', 'employment_kind'];
const KHMER = /[\u1780-\u17FF]/;

async function workbookOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

describe('the declaration template', () => {
  it('has the published columns, in order, each described in English and Khmer', () => {
    expect(DECLARATION_COLUMNS.map((c) => c.key)).toEqual(KEYS);
    expect(DECLARATION_COLUMNS.filter((c) => c.required).map((c) => c.key)).toEqual([
      'member_no',
      'wage_khr',
    ]);
    for (const column of DECLARATION_COLUMNS) {
      expect(column.description.en.length).toBeGreaterThan(10);
      expect(column.description.km).toMatch(KHMER);
    }
    expect(DECLARATION_COLUMNS.find((c) => c.key === 'employment_kind')).toMatchObject({
      type: 'choice',
      values: ['wage', 'casual', 'domestic', 'subcontracted'],
      default: 'wage',
    });
  });

  it('as CSV is the header alone, after a byte-order mark so Excel opens it as UTF-8', async () => {
    const bytes = await writeDeclarationTemplate('csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(`${KEYS.join(',')}\r\n`);
  });

  it('as XLSX has a Declaration sheet with a bold header and set widths, and bilingual Instructions', async () => {
    const workbook = await workbookOf(await writeDeclarationTemplate('xlsx'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Declaration', 'Instructions']);
    const sheet = workbook.getWorksheet('Declaration')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(KEYS);
    expect(sheet.rowCount).toBe(1);
    for (let c = 1; c <= KEYS.length; c++) {
      expect(sheet.getRow(1).getCell(c).font?.bold).toBe(true);
      expect(sheet.getColumn(c).width).toBeGreaterThanOrEqual(10);
    }
    // Member numbers are text, so Excel keeps leading zeros and never writes 1.23457E+11.
    expect(sheet.getColumn(1).numFmt).toBe('@');
    expect(sheet.getCell('F2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"wage,casual,domestic,subcontracted"'],
    });

    const instructions = workbook.getWorksheet('Instructions')!;
    const rows = instructions.getSheetValues().slice(2) as unknown[][];
    for (const column of DECLARATION_COLUMNS) {
      const row = rows.find((r) => r?.[1] === column.key);
      expect(row?.[3]).toBe(column.description.en);
      expect(row?.[4]).toBe(column.description.km);
    }
  });

  it('read back empty, is refused as a file without workers', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const result = await readDeclarationFile(await writeDeclarationTemplate(format), format);
      expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['file_empty']);
    }
  });
});
