/**
 * The API end to end on PGlite, through `app.inject`: signing in and out and session expiry,
 * problem documents, declarations as JSON and as files, idempotent payments, the audit of staff
 * views and the audit log, the analysts' aggregates, and the OpenAPI document and its docs.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDeclarationTemplate } from '../fund/declaration-file/declaration-template.js';
import { type ApiFixture, openApiFixture, START } from './test-support/api-fixture.js';

let f: ApiFixture;
beforeAll(async () => {
  f = await openApiFixture();
}, 120_000);
afterAll(async () => {
  await f?.close();
});

const HOUR = 60 * 60 * 1000;
const A = () => `/employers/${f.employerA}`;

async function login(username: string, password: string) {
  return f.app.inject({ method: 'POST', url: '/auth/login', payload: { username, password } });
}

async function auditRows(entity: string, entityId: number) {
  return f.database.db
    .selectFrom('audit_log')
    .select(['actor', 'action'])
    .where('entity', '=', entity)
    .where('entity_id', '=', String(entityId))
    .where('action', '=', 'view')
    .orderBy('id')
    .execute();
}

describe('the public routes', () => {
  it('/health answers without credentials', async () => {
    const response = await f.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'pglite' });
  });

  it('an unknown route is a 404 problem, whoever asks', async () => {
    const response = await f.app.inject({ method: 'DELETE', url: '/audit?entity=member' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'route_not_found', status: 404, title: 'Not Found' });
    expect(response.json().detail).toContain('DELETE /audit');
  });
});

describe('signing in and out', () => {
  it('answers a token, its expiry and the role', async () => {
    const response = await login('Officer', f.passwords.officer);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      role: 'fund_officer',
      username: 'officer',
      employerId: null,
      memberId: null,
    });
    expect(body.expiresAt).toBe(new Date(START.getTime() + 8 * HOUR).toISOString());
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('refuses a wrong password with a 401 problem that names the scheme', async () => {
    const response = await login('officer', 'wrong-password');
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.json()).toMatchObject({ code: 'login_failed', problems: [] });
    expect(response.json()).not.toHaveProperty('token');
  });

  it('points at a missing field of the login body', async () => {
    const response = await f.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'officer' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'request_invalid', problems: [{ pointer: '/password' }] });
  });

  it('lets a session expire after eight hours by the injected clock', async () => {
    const token = (await login('supervisor', f.passwords.supervisor)).json().token as string;
    const me = () =>
      f.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${token}` } });
    try {
      f.clock.now = new Date(START.getTime() + 8 * HOUR - 1000);
      expect((await me()).json()).toMatchObject({ username: 'supervisor', role: 'supervisor' });
      f.clock.now = new Date(START.getTime() + 8 * HOUR);
      const expired = await me();
      expect(expired.statusCode).toBe(401);
      expect(expired.json().code).toBe('auth_invalid');
    } finally {
      f.clock.now = START;
    }
  });

  it('closes the session on logout: the token stops working, other sessions go on', async () => {
    const token = (await login('auditor', f.passwords.auditor)).json().token as string;
    const headers = { authorization: `Bearer ${token}` };
    expect((await f.app.inject({ method: 'GET', url: '/auth/me', headers })).statusCode).toBe(200);
    expect((await f.app.inject({ method: 'POST', url: '/auth/logout', headers })).statusCode).toBe(204);
    expect((await f.app.inject({ method: 'GET', url: '/auth/me', headers })).statusCode).toBe(401);
    expect((await f.as('auditor', { method: 'GET', url: '/auth/me' })).statusCode).toBe(200);
  });
});

describe('problem documents', () => {
  it('speak Khmer when asked, and say so', async () => {
    const response = await f.as('officer', {
      method: 'GET',
      url: '/employers/999999/statement',
      headers: { 'accept-language': 'km-KH, en;q=0.5' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-language']).toBe('km');
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'detail', 'problems', 'status', 'title', 'type']);
    expect(body).toMatchObject({
      type: 'urn:samaki:problem:employer_not_found',
      status: 404,
      code: 'employer_not_found',
    });
    expect(body.detail).toMatch(/[\u1780-\u17FF]/);
    const english = await f.as('officer', { method: 'GET', url: '/employers/999999/statement' });
    expect(english.headers['content-language']).toBe('en');
    expect(english.json().detail).toContain('There is no employer 999999');
  });

  it('point at each invalid field of a JSON body', async () => {
    const response = await f.as('officer', {
      method: 'POST',
      url: '/employers',
      payload: { kind: 'factory', name: 'X', sector: 'garment', startedOn: '1 May 2025' },
    });
    expect(response.statusCode).toBe(422);
    const pointers = response
      .json()
      .problems.map((p: { pointer: string }) => p.pointer)
      .sort();
    expect(pointers).toEqual(['/kind', '/startedOn']);
  });

  it('name the query field that is wrong (400)', async () => {
    const response = await f.as('analyst', { method: 'GET', url: '/fund/summary?month=2025-13' });
    expect(response.statusCode).toBe(400);
    expect(response.json().problems).toEqual([expect.objectContaining({ pointer: '/month', in: 'query' })]);
  });

  it('refuse malformed JSON as a bad request', async () => {
    const response = await f.as('officer', {
      method: 'POST',
      url: '/employers',
      headers: { 'content-type': 'application/json' },
      payload: '{"kind": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('request_rejected');
  });
});

describe('registration', () => {
  it('registers an employer and refuses the same business number twice (409)', async () => {
    const body = {
      kind: 'enterprise',
      name: 'New Co',
      sector: 'tourism',
      businessNo: 'MOC-0042',
      startedOn: '2025-06-01',
    };
    const first = await f.as('officer', { method: 'POST', url: '/employers', payload: body });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'enterprise', name: 'New Co', lateRegistration: false });
    expect(first.json().employerNo).toMatch(/^E[0-9]{7}$/);
    const second = await f.as('admin', {
      method: 'POST',
      url: '/employers',
      payload: { ...body, name: 'New Co again' },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('employer_duplicate');
  });

  it("asks an employer attaching an existing member for the worker's date of birth", async () => {
    const bare = await f.as('employerA', {
      method: 'POST',
      url: `${A()}/workers`,
      payload: { memberId: f.memberX, startDate: '2025-07-01' },
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().code).toBe('worker_invalid');
    const wrong = await f.as('employerA', {
      method: 'POST',
      url: `${A()}/workers`,
      payload: { memberId: f.memberX, memberBirthDate: '1900-01-01', startDate: '2025-07-01' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().detail).toContain('does not match');
  });

  it("lets an employer register and let go of its own worker, audited under the user's name", async () => {
    const hired = await f.as('employerA', {
      method: 'POST',
      url: `${A()}/workers`,
      payload: {
        person: {
          familyNameKm: 'កែវ',
          givenNameKm: 'ចន្ទា',
          sex: 'F',
          birthDate: '2000-01-01',
          nationalId: '300000001',
          province: 12,
        },
        startDate: '2025-06-10',
      },
    });
    expect(hired.statusCode).toBe(201);
    const { memberId } = hired.json();
    const ended = await f.as('employerA', {
      method: 'POST',
      url: `${A()}/workers/${memberId}/end`,
      payload: { endDate: '2025-06-14' },
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toEqual({ employerId: f.employerA, memberId, endDate: '2025-06-14' });
    const audit = await f.database.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('entity', '=', 'employment')
      .where('action', 'in', ['register', 'end'])
      .where('actor', '=', 'employer-a')
      .execute();
    expect(audit.map((r) => r.action).sort()).toEqual(['end', 'register']);
  });
});

describe('declarations', () => {
  const lines = () => [
    { memberId: f.memberX, wageKhr: 1_200_000 },
    { memberId: f.memberX2, wageKhr: 1_500_000 },
  ];

  it('need an Idempotency-Key, before anything else is looked at', async () => {
    const response = await f.as('employerA', {
      method: 'POST',
      url: `${A()}/declarations`,
      payload: { month: 'nope' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('idempotency_key_missing');
  });

  it('are received and posted; the same key again gives the same receipt; the month twice is a 409', async () => {
    const send = (key: string) =>
      f.as('employerA', {
        method: 'POST',
        url: `${A()}/declarations`,
        headers: { 'idempotency-key': key },
        payload: { month: '2025-04', lines: lines() },
      });
    const first = await send('decl-2025-04');
    expect(first.statusCode).toBe(201);
    const receipt = first.json();
    expect(receipt).toMatchObject({
      employerId: f.employerA,
      month: '2025-04',
      version: 1,
      status: 'posted',
      lines: 2,
      wageTotal: 2_700_000,
    });
    expect(receipt.total).toBeGreaterThan(0);
    const again = await send('decl-2025-04');
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(receipt);
    const twice = await send('another-key');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('declaration_exists');

    const list = await f.as('employerA', { method: 'GET', url: `${A()}/declarations` });
    expect(list.json().items.map((d: { declarationId: number }) => d.declarationId)).toContain(
      receipt.declarationId,
    );
    const shown = await f.as('supervisor', {
      method: 'GET',
      url: `${A()}/declarations/${receipt.declarationId}`,
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().lines).toHaveLength(2);
  });

  it('refuse a bad line with a pointer to it, and save nothing', async () => {
    const response = await f.as('employerA', {
      method: 'POST',
      url: `${A()}/declarations`,
      headers: { 'idempotency-key': 'decl-bad' },
      payload: {
        month: '2025-03',
        lines: [
          { memberId: f.memberX, wageKhr: 1_000_000 },
          { memberId: f.memberY, wageKhr: 900_000 },
        ],
      },
    });
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.code).toBe('declaration_invalid');
    expect(body.problems.map((p: { pointer: string }) => p.pointer)).toContain('/lines/1/memberId');
    const saved = await f.database.db
      .selectFrom('declaration')
      .select('declaration_id')
      .where('employer_id', '=', f.employerA)
      .where('month', '=', '2025-03')
      .execute();
    expect(saved).toEqual([]);
  });

  it('serve the blank templates as files', async () => {
    const xlsx = await f.as('employerA', { method: 'GET', url: `${A()}/declarations/template.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const csv = await f.as('employerA', { method: 'GET', url: `${A()}/declarations/template.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('declaration-template.csv');
  });
});

describe('declaration files', () => {
  /** The CSV template's header with one row per given line, columns filled by their key. */
  async function csvWith(rows: Record<string, string | number>[]): Promise<string> {
    const template = Buffer.from(await writeDeclarationTemplate('csv'))
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const header = template.split(/\r?\n/)[0]!;
    const keys = header.split(',').map((k) => k.trim().replace(/^"|"$/g, ''));
    return `${[header, ...rows.map((r) => keys.map((k) => String(r[k] ?? '')).join(','))].join('\n')}\n`;
  }

  it('refuse a file with a bad row whole, naming the row, column and cell (422)', async () => {
    const csv = await csvWith([
      { member_no: f.memberX, wage_khr: 1_000_000 },
      { member_no: f.memberX2, wage_khr: 'lots' },
    ]);
    const response = await f.as('employerA', {
      method: 'POST',
      url: `${A()}/declarations/upload?month=2025-02`,
      headers: { 'content-type': 'text/csv', 'idempotency-key': 'file-bad' },
      payload: csv,
    });
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.code).toBe('declaration_invalid');
    expect(body.problems[0]).toMatchObject({ row: 3, column: 'wage_khr' });
    expect(body.problems[0].cell).toMatch(/^[A-Z]+3$/);
    const saved = await f.database.db
      .selectFrom('declaration')
      .select('declaration_id')
      .where('employer_id', '=', f.employerA)
      .where('month', '=', '2025-02')
      .execute();
    expect(saved).toEqual([]);
  });

  it('accept the XLSX template filled in, and name the cell of a bad row in it', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await writeDeclarationTemplate('xlsx')) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Declaration')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const put = (r: number, values: Record<string, string | number>) => {
      for (const [key, value] of Object.entries(values))
        sheet.getRow(r).getCell(header.indexOf(key) + 1).value = value;
    };
    put(2, { member_no: String(f.memberX), wage_khr: 900_000 });
    put(3, { member_no: String(f.memberX2), wage_khr: -3 });
    const bad = Buffer.from(await workbook.xlsx.writeBuffer());
    const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const refused = await f.as('employerA', {
      method: 'POST',
      url: `${A()}/declarations/upload?month=2025-03`,
      headers: { 'content-type': xlsxType, 'idempotency-key': 'xlsx-bad' },
      payload: bad,
    });
    expect(refused.statusCode).toBe(422);
    const wageLetter = String.fromCharCode(65 + header.indexOf('wage_khr'));
    expect(refused.json().problems[0]).toMatchObject({ row: 3, column: 'wage_khr', cell: `${wageLetter}3` });
    put(3, { wage_khr: 950_000 });
    const accepted = await f.as('employerA', {
      method: 'POST',
      url: `${A()}/declarations/upload?month=2025-03`,
      headers: { 'content-type': xlsxType, 'idempotency-key': 'xlsx-good' },
      payload: Buffer.from(await workbook.xlsx.writeBuffer()),
    });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({
      month: '2025-03',
      lines: 2,
      wageTotal: 1_850_000,
      status: 'posted',
    });
  });

  it('accept a good CSV file as a declaration', async () => {
    const csv = await csvWith([
      { member_no: f.memberX, wage_khr: 1_000_000 },
      { member_no: f.memberX2, wage_khr: 1_100_000 },
    ]);
    const response = await f.as('officer', {
      method: 'POST',
      url: `${A()}/declarations/upload?month=2025-01`,
      headers: { 'content-type': 'text/csv; charset=utf-8', 'idempotency-key': 'file-good' },
      payload: csv,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ month: '2025-01', lines: 2, wageTotal: 2_100_000 });
    const row = await f.database.db
      .selectFrom('declaration')
      .select('source')
      .where('declaration_id', '=', response.json().declarationId)
      .executeTakeFirstOrThrow();
    expect(row.source).toBe('csv');
  });

  it('refuse a body that is not a spreadsheet (415)', async () => {
    const response = await f.as('employerA', {
      method: 'POST',
      url: `${A()}/declarations/upload?month=2025-02`,
      headers: { 'idempotency-key': 'file-json' },
      payload: { lines: [] },
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('upload_unsupported');
  });
});

describe('payments', () => {
  const pay = (key: string | undefined, amount = 50_000) =>
    f.as('officer', {
      method: 'POST',
      url: `${A()}/payments`,
      headers: key === undefined ? {} : { 'idempotency-key': key },
      payload: { amount, receivedOn: '2025-06-10', reference: 'ABA-778899' },
    });

  it('take effect once per Idempotency-Key: the same request again gives the same answer', async () => {
    const count = async () =>
      (
        await f.database.db
          .selectFrom('payment')
          .select('payment_id')
          .where('employer_id', '=', f.employerA)
          .execute()
      ).length;
    const before = await count();
    const first = await pay('pay-1');
    expect(first.statusCode).toBe(201);
    const second = await pay('pay-1');
    expect(second.statusCode).toBe(201);
    expect(second.body).toBe(first.body);
    expect(await count()).toBe(before + 1);
    expect(first.json()).toMatchObject({ employerId: f.employerA, amount: 50_000 });

    const conflict = await pay('pay-1', 60_000);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().code).toBe('idempotency_conflict');
    expect(await count()).toBe(before + 1);
  });

  it('are refused without an Idempotency-Key', async () => {
    const response = await pay(undefined);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('idempotency_key_missing');
  });

  it("show on the employer's statement", async () => {
    const response = await f.as('employerA', { method: 'GET', url: `${A()}/statement` });
    expect(response.statusCode).toBe(200);
    expect(response.json().entries.some((e: { kind: string }) => e.kind === 'payment')).toBe(true);
    expect(response.headers['cache-control']).toBe('no-store');
  });
});

describe('the audit of staff views', () => {
  it("records each time staff open a member's record, and not when members read their own", async () => {
    const before = await auditRows('member', f.memberX);
    expect((await f.as('officer', { method: 'GET', url: `/members/${f.memberX}/record` })).statusCode).toBe(
      200,
    );
    expect((await f.as('auditor', { method: 'GET', url: `/members/${f.memberX}/record` })).statusCode).toBe(
      200,
    );
    expect((await f.as('memberX', { method: 'GET', url: `/members/${f.memberX}/record` })).statusCode).toBe(
      200,
    );
    const after = await auditRows('member', f.memberX);
    expect(after.slice(before.length)).toEqual([
      { actor: 'officer', action: 'view' },
      { actor: 'auditor', action: 'view' },
    ]);
  });

  it("records each time staff open an employer's workers, and not when the employer does", async () => {
    const before = await auditRows('employer_workers', f.employerA);
    expect((await f.as('supervisor', { method: 'GET', url: `${A()}/workers` })).statusCode).toBe(200);
    expect((await f.as('employerA', { method: 'GET', url: `${A()}/workers` })).statusCode).toBe(200);
    const after = await auditRows('employer_workers', f.employerA);
    expect(after.slice(before.length)).toEqual([{ actor: 'supervisor', action: 'view' }]);
  });

  it('does not record a view that failed', async () => {
    const before = await auditRows('member', 987654);
    expect((await f.as('officer', { method: 'GET', url: '/members/987654/record' })).statusCode).toBe(404);
    expect(await auditRows('member', 987654)).toEqual(before);
  });
});

describe('the audit log', () => {
  it('is read by the auditor, newest first, one record at a time, page by page', async () => {
    await f.as('admin', { method: 'GET', url: `/members/${f.memberX2}/record` });
    await f.as('supervisor', { method: 'GET', url: `/members/${f.memberX2}/record` });
    const first = await f.as('auditor', {
      method: 'GET',
      url: `/audit?entity=member&entityId=${f.memberX2}&limit=1`,
    });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(1);
    expect(page1.items[0]).toMatchObject({
      actor: 'supervisor',
      action: 'view',
      entity: 'member',
      entityId: String(f.memberX2),
    });
    expect(page1.nextCursor).toBe(page1.items[0].id);
    const second = await f.as('auditor', {
      method: 'GET',
      url: `/audit?entity=member&entityId=${f.memberX2}&limit=1&cursor=${page1.nextCursor}`,
    });
    const page2 = second.json();
    expect(page2.items[0]).toMatchObject({ actor: 'admin', action: 'view' });
    expect(page2.items[0].id).toBeLessThan(page1.items[0].id);
  });

  it('has no route that changes or deletes it', async () => {
    const document = (await f.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(document.paths['/audit'])).toEqual(['get']);
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST'] as const) {
      const response = await f.as('admin', { method, url: '/audit', payload: {} });
      expect(response.statusCode, method).toBe(404);
    }
  });
});

describe('aggregates for analysts', () => {
  it('count and sum a month without a single person or member number', async () => {
    const response = await f.as('analyst', { method: 'GET', url: '/fund/summary?month=2025-04' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      month: '2025-04',
      employers: 1,
      declarations: 1,
      posted: 1,
      lines: 2,
      members: 2,
      wageTotal: 2_700_000,
    });
    const c = body.contributions;
    expect(c.total).toBe(c.employmentInjury + c.health + c.pension + c.selfEmployedHealth);
    expect(body.employerShare + body.workerShare).toBe(c.total);
    expect(c.total).toBeGreaterThan(0);
    expect(response.body).not.toMatch(/memberId|xavy|XAVY|សុខ/);
  });

  it('are zero for a month nobody declared', async () => {
    const body = (await f.as('analyst', { method: 'GET', url: '/fund/summary?month=2019-01' })).json();
    expect(body).toMatchObject({ employers: 0, lines: 0, wageTotal: 0, contributions: { total: 0 } });
  });
});

describe('the ledger check', () => {
  it('holds after the declarations and payments above', async () => {
    const response = await f.as('supervisor', { method: 'GET', url: '/fund/check' });
    expect(response.statusCode).toBe(200);
    expect(response.json().ok).toBe(true);
  });
});

describe('OpenAPI and the docs', () => {
  it('is OpenAPI 3.1 and documents problems, security and the upload body', async () => {
    const response = await f.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.schemas.Problem).toBeDefined();
    const upload = document.paths['/employers/{employerId}/declarations/upload'].post;
    expect(Object.keys(upload.requestBody.content)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
    ]);
    expect(upload.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['month', 'employerId', 'idempotency-key']),
    );
    const payment = document.paths['/employers/{employerId}/payments'].post;
    expect(Object.keys(payment.responses)).toEqual(
      expect.arrayContaining(['201', '401', '403', '409', '422']),
    );
    expect(Object.keys(payment.responses['409'].content)).toEqual(['application/problem+json']);
    expect(payment.parameters).toContainEqual(
      expect.objectContaining({ in: 'header', name: 'idempotency-key', required: true }),
    );
  });

  it('are browsable at /docs without credentials or network: every script is served from here', async () => {
    const page = await f.app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const sources = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source).not.toMatch(/^(https?:)?\/\//);
    const bundle = await f.app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
    const initializer = await f.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' });
    expect(initializer.body).toContain('"validatorUrl":null');
  });
});
