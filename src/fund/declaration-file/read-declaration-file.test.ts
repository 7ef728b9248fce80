import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeDeclarationTemplate } from './declaration-template.js';
import { type DeclarationFileResult, readDeclarationFile } from './read-declaration-file.js';

const KEYS = ['member_no', 'name', 'wage_khr', 'wage_usd', 'days_worked', 'employment_kind'];
const HEADER = KEYS.join(',');

/** CSV bytes of the given lines, joined by \n. */
const csv = (...lines: string[]) => new TextEncoder().encode(`${lines.join('\n')}\n`);

type XlsxValue = ExcelJS.CellValue;

/** The XLSX template with these rows added to its Declaration sheet, from row 2. */
async function xlsxFromTemplate(rows: XlsxValue[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await writeDeclarationTemplate('xlsx')) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Declaration')!;
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A workbook of the given sheets, each a list of rows. */
async function xlsx(sheets: Record<string, XlsxValue[][]>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Each problem as [row, column, cell, code]. */
function problemsOf(result: DeclarationFileResult): (string | number | null)[][] {
  if (result.ok) throw new Error(`expected the file to be refused; it gave ${result.lines.length} lines`);
  return result.problems.map((p) => [p.row, p.column, p.cell, p.code]);
}

function linesOf(result: DeclarationFileResult) {
  if (!result.ok)
    throw new Error(`expected the file to be accepted: ${JSON.stringify(result.problems, null, 1)}`);
  return result.lines;
}

const line = (
  row: number,
  memberNo: string,
  wageKhr: number,
  more: Partial<Record<string, unknown>> = {},
) => ({
  row,
  memberNo,
  name: null,
  wageKhr,
  wageUsdCents: 0,
  daysWorked: null,
  employmentKind: 'wage',
  ...more,
});

describe('readDeclarationFile, files that are accepted', () => {
  it('reads the XLSX template filled in with numeric and text cells', async () => {
    const bytes = await xlsxFromTemplate([
      ['1001', 'SOK Dara', 1_250_000, null, 26, null],
      [1002, 'ចាន់ ធា', '1,250,000', 0.29, '26', 'casual'],
      ['0012', null, 0, 350.5, 0, 'Domestic '],
      [
        { richText: [{ text: '10' }, { text: '03' }] },
        '  Keo  ',
        { formula: '1000*2', result: 2000 },
        null,
        null,
        'subcontracted',
      ],
      [' ១០០៥\u200B', 'សុខ', '៨៥០,០០០', '១២.៥', '២៦', null],
    ]);
    const result = await readDeclarationFile(bytes, 'xlsx');
    expect(linesOf(result)).toEqual([
      line(2, '1001', 1_250_000, { name: 'SOK Dara', daysWorked: 26 }),
      line(3, '1002', 1_250_000, {
        name: 'ចាន់ ធា',
        wageUsdCents: 29,
        daysWorked: 26,
        employmentKind: 'casual',
      }),
      line(4, '0012', 0, { wageUsdCents: 35050, daysWorked: 0, employmentKind: 'domestic' }),
      line(5, '1003', 2000, { name: 'Keo', employmentKind: 'subcontracted' }),
      line(6, '1005', 850_000, { name: 'សុខ', wageUsdCents: 1250, daysWorked: 26 }),
    ]);
    expect(result.ok && result.columns).toEqual({
      member_no: 'A',
      name: 'B',
      wage_khr: 'C',
      wage_usd: 'D',
      days_worked: 'E',
      employment_kind: 'F',
    });
  });

  it('reads the CSV template filled in', async () => {
    const template = new TextDecoder().decode(await writeDeclarationTemplate('csv'));
    const bytes = new TextEncoder().encode(
      `\uFEFF${template}1001,SOK Dara,1250000,,26,\r\n1002,,900000,10,,casual\r\n`,
    );
    expect(linesOf(await readDeclarationFile(bytes, 'csv'))).toEqual([
      line(2, '1001', 1_250_000, { name: 'SOK Dara', daysWorked: 26 }),
      line(3, '1002', 900_000, { wageUsdCents: 1000, employmentKind: 'casual' }),
    ]);
  });

  it('accepts a byte-order mark, CRLF, Khmer numerals, thousands separators, spaces and blank rows', async () => {
    const text = [
      `\uFEFF${HEADER}`,
      ' ១០០៣ , ដារា ,"៨៥០,០០០", ១២.៥០ ,២៦, wage ',
      ',,,,,',
      '1004,,"1,250,000",,,',
      '',
      ',,,,,',
      '   ',
      '',
    ].join('\r\n');
    const result = await readDeclarationFile(new TextEncoder().encode(text), 'csv');
    expect(linesOf(result)).toEqual([
      line(2, '1003', 850_000, { name: 'ដារា', wageUsdCents: 1250, daysWorked: 26 }),
      line(4, '1004', 1_250_000),
    ]);
  });

  it('accepts columns in another order and optional columns left out, and says where each is', async () => {
    const result = await readDeclarationFile(csv('wage_khr,Member No ,Days-Worked', '500000,1001,20'), 'csv');
    expect(linesOf(result)).toEqual([line(2, '1001', 500_000, { daysWorked: 20 })]);
    expect(result.ok && result.columns).toEqual({ wage_khr: 'A', member_no: 'B', days_worked: 'C' });
  });

  it('accepts semicolon-separated CSV, as Excel writes it in some locales', async () => {
    const result = await readDeclarationFile(
      csv('member_no;wage_khr;wage_usd', '1001;"1,250,000";3.5'),
      'csv',
    );
    expect(linesOf(result)).toEqual([line(2, '1001', 1_250_000, { wageUsdCents: 350 })]);
  });

  it('numbers CSV rows as Excel does when a quoted name spans two lines', async () => {
    const result = await readDeclarationFile(csv(HEADER, '1001,"SOK\nDara",100,,,', '1002,X,200,,,'), 'csv');
    expect(linesOf(result).map((l) => [l.row, l.name])).toEqual([
      [2, 'SOK\nDara'],
      [3, 'X'],
    ]);
  });

  it('turns two-decimal dollars into cents exactly, from numeric cells and from text', async () => {
    const dollars = [0.29, 0.57, 1.15, 4.35, 8.2, 19.99, 1234.1, 0.1 + 0.2, 1_000_000.01];
    const cents = [29, 57, 115, 435, 820, 1999, 123410, 30, 100_000_001];
    const bytes = await xlsxFromTemplate(dollars.map((usd, i) => [1000 + i, null, 0, usd]));
    expect(linesOf(await readDeclarationFile(bytes, 'xlsx')).map((l) => l.wageUsdCents)).toEqual(cents);
    const text = csv(
      HEADER,
      ...['0.29', '0.57', '1.15', '4.35', '8.20', '19.99', '1,234.1', '.3', '1,000,000.01'].map(
        (usd, i) => `${1000 + i},,0,${JSON.stringify(usd)},,`,
      ),
    );
    expect(linesOf(await readDeclarationFile(text, 'csv')).map((l) => l.wageUsdCents)).toEqual(cents);
  });

  it('reads the sheet named Declaration wherever it is, or the only sheet of a workbook', async () => {
    const rows = [
      ['member_no', 'wage_khr'],
      ['1001', 700_000],
    ];
    const elsewhere = await xlsx({ Instructions: [['read me']], declaration: rows, Notes: [['x']] });
    expect(linesOf(await readDeclarationFile(elsewhere, 'xlsx'))).toEqual([line(2, '1001', 700_000)]);
    const only = await xlsx({ Sheet1: rows });
    expect(linesOf(await readDeclarationFile(only, 'xlsx'))).toEqual([line(2, '1001', 700_000)]);
  });

  it('reads a 50,000-row CSV file', async () => {
    const rows = Array.from(
      { length: 50_000 },
      (_, i) => `${i + 1},Worker ${i},"${(300_000 + i).toLocaleString('en')}",${i % 7}.25,26,`,
    );
    const lines = linesOf(await readDeclarationFile(csv(HEADER, ...rows), 'csv'));
    expect(lines).toHaveLength(50_000);
    expect(lines[49_999]).toEqual(
      line(50_001, '50000', 349_999, { name: 'Worker 49999', wageUsdCents: 525, daysWorked: 26 }),
    );
  });

  it('reads a 20,000-row workbook', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [
      String(i + 1),
      `Worker ${i}`,
      300_000 + i,
      null,
      26,
    ]);
    const lines = linesOf(await readDeclarationFile(await xlsx({ Declaration: [KEYS, ...rows] }), 'xlsx'));
    expect(lines).toHaveLength(20_000);
    expect(lines[19_999]).toEqual(line(20_001, '20000', 319_999, { name: 'Worker 19999', daysWorked: 26 }));
  });
});

describe('readDeclarationFile, problems in rows', () => {
  it('refuses the whole file for one bad row among good ones', async () => {
    const result = await readDeclarationFile(
      csv(HEADER, '1001,A,500000,,,', '1002,B,lots,,,', '1003,C,500000,,,'),
      'csv',
    );
    expect(problemsOf(result)).toEqual([[3, 'wage_khr', 'C3', 'not_a_number']]);
    expect(result).not.toHaveProperty('lines');
  });

  it('names the row, column, cell and code of every problem, in order', async () => {
    const result = await readDeclarationFile(
      csv(
        HEADER,
        ',A,500000,,,',
        'X12,B,500000,,,',
        '1.23457E+11,C,500000,,,',
        '0000,D,500000,,,',
        '1005,E,,,,',
        '1006,F,abc,,,',
        '1007,G,-1,,,',
        '1008,H,12.5,,,',
        '1009,I,"1,25",,,',
        '1010,J,9999999999999999,,,',
        '1011,K,100,1.234,,',
        '1012,L,100,-3,,',
        '1013,M,100,$5,,',
        '1014,N,100,,32,',
        '1015,O,100,,2.5,',
        '1016,P,100,,-1,',
        '1017,Q,100,,,boss',
        '1018,R,100,,,Wage',
        'Y,S,-5,0.001,40,x',
      ),
      'csv',
    );
    expect(problemsOf(result)).toEqual([
      [2, 'member_no', 'A2', 'required'],
      [3, 'member_no', 'A3', 'member_no_invalid'],
      [4, 'member_no', 'A4', 'member_no_invalid'],
      [5, 'member_no', 'A5', 'member_no_invalid'],
      [6, 'wage_khr', 'C6', 'required'],
      [7, 'wage_khr', 'C7', 'not_a_number'],
      [8, 'wage_khr', 'C8', 'negative'],
      [9, 'wage_khr', 'C9', 'not_whole_number'],
      [10, 'wage_khr', 'C10', 'not_a_number'],
      [11, 'wage_khr', 'C11', 'too_large'],
      [12, 'wage_usd', 'D12', 'too_many_decimals'],
      [13, 'wage_usd', 'D13', 'negative'],
      [14, 'wage_usd', 'D14', 'not_a_number'],
      [15, 'days_worked', 'E15', 'days_out_of_range'],
      [16, 'days_worked', 'E16', 'not_whole_number'],
      [17, 'days_worked', 'E17', 'negative'],
      [18, 'employment_kind', 'F18', 'employment_kind_invalid'],
      [20, 'member_no', 'A20', 'member_no_invalid'],
      [20, 'wage_khr', 'C20', 'negative'],
      [20, 'wage_usd', 'D20', 'too_many_decimals'],
      [20, 'days_worked', 'E20', 'days_out_of_range'],
      [20, 'employment_kind', 'F20', 'employment_kind_invalid'],
    ]);
    for (const p of result.ok ? [] : result.problems)
      expect(p.message.startsWith(`${p.cell} (${p.column}): `)).toBe(true);
  });

  it('writes messages that name the cell, quote the value and say what to do', async () => {
    const result = await readDeclarationFile(csv(HEADER, '1001,A,abc,,,', '1.23457E+11,B,1,,,'), 'csv');
    expect(result.ok ? [] : result.problems.map((p) => p.message)).toEqual([
      'C2 (wage_khr): "abc" is not a number; type the wage in riel as digits only, such as 1250000 or 1,250,000, with no currency sign or words',
      'A3 (member_no): "1.23457E+11" is a member number that Excel turned into a rounded number; format the column as Text, type the member numbers again and save the file again',
    ]);
  });

  it('reports a member declared twice on every row, even rows with other problems', async () => {
    const result = await readDeclarationFile(
      csv(HEADER, '1001,A,100,,,', '1002,B,100,,,', '01001,C,x,,,', '1002,D,100,,,', '1001,E,100,,,'),
      'csv',
    );
    expect(problemsOf(result)).toEqual([
      [2, 'member_no', 'A2', 'member_twice'],
      [3, 'member_no', 'A3', 'member_twice'],
      [4, 'member_no', 'A4', 'member_twice'],
      [4, 'wage_khr', 'C4', 'not_a_number'],
      [5, 'member_no', 'A5', 'member_twice'],
      [6, 'member_no', 'A6', 'member_twice'],
    ]);
    expect(result.ok ? '' : result.problems[0]!.message).toContain('rows 2, 4, 6');
  });

  it('refuses Excel errors, formulas without values and dates where numbers belong', async () => {
    const bytes = await xlsx({
      Declaration: [
        KEYS,
        ['1001', null, { error: '#N/A' }],
        ['1002', null, { formula: 'VLOOKUP(A3,Staff!A:B,2)' }],
        ['1003', null, new Date(Date.UTC(2025, 0, 31))],
        ['1004', null, 100, null, true],
      ],
    });
    expect(problemsOf(await readDeclarationFile(bytes, 'xlsx'))).toEqual([
      [2, 'wage_khr', 'C2', 'formula_error'],
      [3, 'wage_khr', 'C3', 'formula_error'],
      [4, 'wage_khr', 'C4', 'not_a_number'],
      [5, 'days_worked', 'E5', 'not_a_number'],
    ]);
  });

  it('refuses values in columns that have no name in the header', async () => {
    const result = await readDeclarationFile(
      csv('member_no,,wage_khr', '1001,,100', '1002,x,100', '1003,,100,,note'),
      'csv',
    );
    expect(problemsOf(result)).toEqual([
      [3, null, 'B3', 'cell_without_column'],
      [4, null, 'E4', 'cell_without_column'],
    ]);
  });

  it('refuses a CSV row with an unterminated quote', async () => {
    const result = await readDeclarationFile(csv(HEADER, '1001,A,100,,,', '1002,"B,100,,,'), 'csv');
    expect(problemsOf(result)).toEqual([[3, null, null, 'row_unreadable']]);
  });

  it('lists the first 1000 problems and says how many more there are', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `${i % 2 === 0 ? 7 : i + 1},,x,,,`);
    const result = await readDeclarationFile(csv(HEADER, ...rows), 'csv');
    const problems = problemsOf(result);
    expect(problems).toHaveLength(1001);
    // Each even row (odd i) has a bad wage; each odd row also repeats member 7.
    expect(problems.slice(0, 4)).toEqual([
      [2, 'member_no', 'A2', 'member_twice'],
      [2, 'wage_khr', 'C2', 'not_a_number'],
      [3, 'wage_khr', 'C3', 'not_a_number'],
      [4, 'member_no', 'A4', 'member_twice'],
    ]);
    expect(problems[999]).toEqual([668, 'member_no', 'A668', 'member_twice']);
    expect(problems[1000]).toEqual([null, null, null, 'too_many_problems']);
    expect(result.ok ? '' : result.problems[1000]!.message).toMatch(/^800 more problems are not listed/);
  });
});

describe('readDeclarationFile, problems with the whole file', () => {
  it('refuses a header with an unknown, a repeated or a missing column', async () => {
    const result = await readDeclarationFile(
      csv('member_no,wage_kr,name,name,days', '1001,100,A,A,2'),
      'csv',
    );
    expect(problemsOf(result)).toEqual([
      [1, 'wage_kr', 'B1', 'column_unknown'],
      [1, 'name', 'D1', 'column_duplicate'],
      [1, 'days', 'E1', 'column_unknown'],
      [1, 'wage_khr', null, 'column_missing'],
    ]);
    expect(result.ok ? '' : result.problems[0]!.message).toContain('did you mean wage_khr?');
  });

  it('refuses an unknown column and still checks the rows', async () => {
    const result = await readDeclarationFile(
      csv(`${HEADER},remarks`, '1001,A,100,,,,ok', '1002,B,x,,,,'),
      'csv',
    );
    expect(problemsOf(result)).toEqual([
      [1, 'remarks', 'G1', 'column_unknown'],
      [3, 'wage_khr', 'C3', 'not_a_number'],
    ]);
  });

  it('refuses a file whose first row is not the header', async () => {
    expect(problemsOf(await readDeclarationFile(csv('1001,SOK,100,,,', '1002,CHAN,100,,,'), 'csv'))).toEqual([
      [1, null, null, 'header_missing'],
    ]);
    const titled = await xlsx({
      Declaration: [['Wages of March 2025'], [...HEADER.split(',')], ['1001', null, 5]],
    });
    expect(problemsOf(await readDeclarationFile(titled, 'xlsx'))).toEqual([
      [1, null, null, 'header_missing'],
    ]);
  });

  it('refuses an empty file, and one with a header but no workers', async () => {
    for (const text of ['', '\uFEFF', '\r\n\r\n', `${HEADER}\r\n`, `${HEADER}\r\n,,,,,\r\n\r\n`])
      expect(problemsOf(await readDeclarationFile(new TextEncoder().encode(text), 'csv'))).toEqual([
        [null, null, null, 'file_empty'],
      ]);
    expect(problemsOf(await readDeclarationFile(new Uint8Array(), 'xlsx'))).toEqual([
      [null, null, null, 'file_empty'],
    ]);
    expect(problemsOf(await readDeclarationFile(await xlsx({ Declaration: [] }), 'xlsx'))).toEqual([
      [null, null, null, 'file_empty'],
    ]);
  });

  it('refuses CSV that is not UTF-8, naming the line', async () => {
    // "Phnom Penh" with é in Windows-1252, as Excel's plain "CSV" saves it.
    const bytes = new Uint8Array([
      ...csv(HEADER, '1001,A,100,,,'),
      ...[0x31, 0x30, 0x30, 0x32, 0x2c, 0xe9, 0x2c, 0x31, 0x0a],
    ]);
    expect(problemsOf(await readDeclarationFile(bytes, 'csv'))).toEqual([[3, null, null, 'file_not_utf8']]);
    const utf16 = new Uint8Array([0xff, 0xfe, 0x6d, 0x00, 0x65, 0x00]);
    expect(problemsOf(await readDeclarationFile(utf16, 'csv'))).toEqual([[1, null, null, 'file_not_utf8']]);
  });

  it('refuses a file that is not a readable workbook', async () => {
    const good = await xlsx({ Declaration: [KEYS, ['1001', null, 100]] });
    const damaged = good.slice();
    for (let i = 200; i < 400; i++) damaged[i]! ^= 0x55;
    for (const bytes of [
      csv(HEADER, '1001,A,100,,,'),
      good.subarray(0, good.length / 2),
      damaged,
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
    ])
      expect(problemsOf(await readDeclarationFile(bytes, 'xlsx'))).toEqual([
        [null, null, null, 'file_unreadable'],
      ]);
    // And a workbook sent as CSV.
    expect(problemsOf(await readDeclarationFile(good, 'csv'))).toEqual([
      [null, null, null, 'file_unreadable'],
    ]);
  });

  it('refuses a workbook of several sheets, none named Declaration', async () => {
    const bytes = await xlsx({ January: [['member_no', 'wage_khr']], Instructions: [] });
    const result = await readDeclarationFile(bytes, 'xlsx');
    expect(problemsOf(result)).toEqual([[null, null, null, 'sheet_missing']]);
    expect(result.ok ? '' : result.problems[0]!.message).toContain('January, Instructions');
  });

  it('refuses more rows than allowed, at the first row too many', async () => {
    const rows = Array.from({ length: 11 }, (_, i) => `${i + 1},,100,,,`);
    expect(problemsOf(await readDeclarationFile(csv(HEADER, ...rows), 'csv', { maxRows: 10 }))).toEqual([
      [12, null, null, 'too_many_rows'],
    ]);
    expect(
      linesOf(await readDeclarationFile(csv(HEADER, ...rows.slice(0, 10)), 'csv', { maxRows: 10 })),
    ).toHaveLength(10);
    const workbook = await xlsx({
      Declaration: [KEYS, ...Array.from({ length: 2000 }, (_, i) => [String(i + 1), null, 100])],
    });
    expect(problemsOf(await readDeclarationFile(workbook, 'xlsx', { maxRows: 1000 }))).toEqual([
      [1002, null, null, 'too_many_rows'],
    ]);
  });
});
