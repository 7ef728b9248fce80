/**
 * A benefit from claim to bank, through HTTP only (`app.inject`) on PGlite: a member with two
 * years of contributions claims maternity; an officer has the law decide it; the member reads the
 * decision explained in English and in Khmer; above the approval threshold the officer is refused
 * and a supervisor approves; an officer also files an employment-injury pension for her. Staff
 * set her bank account (she may not), a payment run is made once per Idempotency-Key, its bank
 * file is downloaded, a bad return file is refused whole with its rows, a good one pays the
 * claims, and a recovery ends the pension. Rejection, appeal and withdrawal go through HTTP too.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../access/add-user.js';
import { receiveDeclaration } from '../fund/declarations/receive-declaration.js';
import { shiftMonth } from '../kernel/period.js';
import { registerEmployer } from '../registry/register-employer.js';
import { registerWorker } from '../registry/register-worker.js';
import { type ApiFixture, openApiFixture, TODAY } from './test-support/api-fixture.js';

let f: ApiFixture;
/** The claimant: a worker declared from July 2023 to May 2025 at 1,000,000 riel a month. */
let memberId = 0;
let memberToken = '';

const ctx = { actor: 'fixture', today: TODAY };
const evidence = [{ kind: 'medical_certificate', reference: 'MC-2025-0601' }];
/** 70 % × 975,000 riel (the contributory wage of 1,000,000) / 30 × 90 days: above the 2,000,000 threshold. */
const MATERNITY = 2_047_500;

beforeAll(async () => {
  f = await openApiFixture();
  const employer = await registerEmployer(
    f.database,
    {
      kind: 'enterprise',
      name: 'Tonle Garments',
      sector: 'garment',
      province: 12,
      startedOn: '2023-01-01',
      registeredOn: '2023-01-05',
    },
    ctx,
  );
  const worker = await registerWorker(
    f.database,
    {
      employerId: employer.employerId,
      person: {
        familyNameKm: 'ចាន់',
        givenNameKm: 'ស្រីមុំ',
        nameLatin: 'CHAN SREYMOM',
        sex: 'F',
        birthDate: '1995-04-02',
        nationalId: '300000001',
        province: 12,
      },
      startDate: '2023-07-01',
      registeredOn: '2023-07-01',
    },
    ctx,
  );
  memberId = worker.memberId;
  for (let month = '2023-07'; month <= '2025-05'; month = shiftMonth(month, 1))
    await receiveDeclaration(
      f.database,
      {
        employerId: employer.employerId,
        month,
        source: 'api',
        lines: [{ memberId, wageKhr: 1_000_000 }],
      },
      { ...ctx, post: true },
    );
  await addUser(
    f.database,
    { username: 'member-m', role: 'member', memberId, password: 'member-m-secret' },
    { actor: 'fixture' },
  );
  const login = await f.app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { username: 'member-m', password: 'member-m-secret' },
  });
  memberToken = login.json<{ token: string }>().token;
}, 300_000);
afterAll(async () => {
  await f?.close();
});

type Inject = Parameters<ApiFixture['as']>[1];
const asMember = (options: Inject) =>
  f.app.inject({
    ...options,
    headers: { ...(options.headers ?? {}), authorization: `Bearer ${memberToken}` },
  });
const M = () => `/members/${memberId}`;

const claims = { maternity: 0, pension: 0 };
let pensionAmount = 0;
let runId = 0;
let bankFile: Record<string, string>[] = [];

async function viewsOf(actor: string) {
  return f.database.db
    .selectFrom('audit_log')
    .select('id')
    .where('entity', '=', 'member')
    .where('entity_id', '=', String(memberId))
    .where('action', '=', 'view')
    .where('actor', '=', actor)
    .execute();
}

describe('a benefit claim from submission to the bank, through the API', () => {
  it('records the price index pensions follow (supervisors; not officers)', async () => {
    const payload = { cpi: 100, reference: 'Ministry of Planning CPI release, January 2025' };
    const officer = await f.as('officer', { method: 'PUT', url: '/price-index/2025-01', payload });
    expect(officer.statusCode).toBe(403);
    const set = await f.as('supervisor', { method: 'PUT', url: '/price-index/2025-01', payload });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ month: '2025-01', ...payload });
    const bad = await f.as('supervisor', {
      method: 'PUT',
      url: '/price-index/2025-13',
      payload: { cpi: -1, reference: '' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('lets the member submit a claim on her own record, with its facts and evidence', async () => {
    const refused = await asMember({
      method: 'POST',
      url: `${M()}/claims`,
      payload: {
        variable: 'maternity_benefit',
        month: '2025-06',
        eventDate: '2025-06-02',
        facts: {},
        evidence: [],
      },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'request_invalid', problems: [{ pointer: '/evidence' }] });
    const unknown = await asMember({
      method: 'POST',
      url: `${M()}/claims`,
      payload: { variable: 'lottery_win', month: '2025-06', eventDate: '2025-06-02', facts: {}, evidence },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().problems).toEqual([expect.objectContaining({ pointer: '/variable' })]);

    const response = await asMember({
      method: 'POST',
      url: `${M()}/claims`,
      payload: {
        variable: 'maternity_benefit',
        month: '2025-06',
        eventDate: '2025-06-02',
        facts: { maternity_leave_days: 90 },
        evidence,
      },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      memberId,
      variable: 'maternity_benefit',
      status: 'submitted',
      amount: null,
      decidedBy: null,
    });
    claims.maternity = response.json().claimId;
  });

  it('has the law decide it when an officer reviews it; the member cannot review her own claim', async () => {
    const url = `${M()}/claims/${claims.maternity}/review`;
    expect((await asMember({ method: 'POST', url })).statusCode).toBe(403);
    const response = await f.as('officer', { method: 'POST', url });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'in_review', amount: MATERNITY, decidedBy: 'officer' });
    const again = await f.as('officer', { method: 'POST', url });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'claim_wrong_state' });
  });

  it('shows the member the decision explained in plain words, in English and in Khmer', async () => {
    const url = `${M()}/claims/${claims.maternity}`;
    const viewsBefore = (await viewsOf('member-m')).length;
    const en = await asMember({ method: 'GET', url, headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-language']).toBe('en');
    const claim = en.json();
    expect(claim).toMatchObject({
      claimId: claims.maternity,
      status: 'in_review',
      eventDate: '2025-06-02',
      facts: { maternity_leave_days: 90 },
      evidence,
      submittedBy: 'member-m',
    });
    expect(claim.events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['submitted', 'in_review']);
    const decision = claim.decision;
    expect(decision).toMatchObject({
      caseKey: `claim:${memberId}/${claims.maternity}`,
      variable: 'maternity_benefit',
      period: '2025-06',
      value: MATERNITY,
      label: 'Maternity cash benefit for the month',
      valueText: '2,047,500 riel',
      locale: 'en',
    });
    expect(decision.parameterHash).toMatch(/^[0-9a-f]{64}$/);
    expect(decision.lawVersion).toEqual(expect.any(String));
    expect(decision.inputs).toMatchObject({ maternity_leave_days: 90 });
    expect(decision.trace).toMatchObject({ variable: 'maternity_benefit', value: MATERNITY });
    expect(decision.explanation).toMatch(
      /^maternity_benefit = 2,047,500 riel {2}— Maternity cash benefit for the month/,
    );
    // The parameters it used, with their legal references.
    expect(decision.explanation).toMatch(
      /· nssf\.benefits\.health\.maternity\.\S+ = .+\(from \d{4}-\d{2}-\d{2}/,
    );

    const km = await asMember({ method: 'GET', url, headers: { 'accept-language': 'km-KH, en;q=0.5' } });
    expect(km.statusCode).toBe(200);
    expect(km.headers['content-language']).toBe('km');
    expect(km.json().decision).toMatchObject({
      locale: 'km',
      label: 'ប្រាក់ឧបត្ថម្ភមាតុភាពសម្រាប់ខែ',
      value: MATERNITY,
    });
    expect(km.json().decision.explanation).toContain('— ប្រាក់ឧបត្ថម្ភមាតុភាពសម្រាប់ខែ');
    expect(km.json().decision.explanation).not.toContain('Maternity cash benefit for the month');
    // The member reading her own claim is not a staff view; an officer opening it is on record.
    expect((await viewsOf('member-m')).length).toBe(viewsBefore);
    const staff = await f.as('auditor', { method: 'GET', url });
    expect(staff.statusCode).toBe(200);
    expect(await viewsOf('auditor')).toHaveLength(1);
  });

  it('refuses the officer the approval above the threshold (403); a supervisor other than the decider approves', async () => {
    const url = `${M()}/claims/${claims.maternity}/approve`;
    const officer = await f.as('officer', { method: 'POST', url });
    expect(officer.statusCode).toBe(403);
    expect(officer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(officer.json()).toMatchObject({ status: 403, code: 'claim_needs_checker' });
    expect(officer.json().detail).toContain('2000000');
    expect((await asMember({ method: 'POST', url })).statusCode).toBe(403);
    const supervisor = await f.as('supervisor', { method: 'POST', url });
    expect(supervisor.statusCode).toBe(200);
    expect(supervisor.json()).toMatchObject({
      status: 'approved',
      decidedBy: 'officer',
      approvedBy: 'supervisor',
    });
  });

  it('lets an officer file a pension for the member, which opens an entitlement once approved', async () => {
    const filed = await f.as('officer', {
      method: 'POST',
      url: `${M()}/claims`,
      payload: {
        variable: 'employment_injury_permanent_pension',
        month: '2025-06',
        eventDate: '2025-05-20',
        facts: { incapacity_degree: 0.4 },
        evidence: [{ kind: 'medical_board_finding', reference: 'MB-2025-044' }],
      },
    });
    expect(filed.statusCode).toBe(201);
    claims.pension = filed.json().claimId;
    const reviewed = await f.as('officer', { method: 'POST', url: `${M()}/claims/${claims.pension}/review` });
    pensionAmount = reviewed.json().amount;
    expect(pensionAmount).toBeGreaterThan(0);
    expect(pensionAmount).toBeLessThan(2_000_000);
    // A pension is a commitment for life: whatever its amount, a second person approves it.
    const byOfficer = await f.as('officer', {
      method: 'POST',
      url: `${M()}/claims/${claims.pension}/approve`,
    });
    expect(byOfficer.statusCode).toBe(403);
    expect(byOfficer.json()).toMatchObject({ code: 'claim_needs_checker' });
    const approved = await f.as('supervisor', {
      method: 'POST',
      url: `${M()}/claims/${claims.pension}/approve`,
    });
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: 'supervisor' });

    const list = await asMember({ method: 'GET', url: `${M()}/entitlements` });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        claimId: claims.pension,
        variable: 'employment_injury_permanent_pension',
        branch: 'employment_injury',
        startMonth: '2025-06',
        dueThrough: null,
        inPayment: true,
        dues: [],
      }),
    ]);
  });

  it('rejects with a reason, takes the member’s appeal, and lets her withdraw a claim not yet decided', async () => {
    const submit = (variable: string) =>
      asMember({
        method: 'POST',
        url: `${M()}/claims`,
        payload: { variable, month: '2025-06', eventDate: '2025-06-01', facts: {}, evidence },
      });
    const unemployment = (await submit('unemployment_benefit')).json().claimId;
    await f.as('officer', { method: 'POST', url: `${M()}/claims/${unemployment}/review` });
    const noReason = await f.as('officer', {
      method: 'POST',
      url: `${M()}/claims/${unemployment}/reject`,
      payload: { reason: '  ' },
    });
    expect(noReason.statusCode).toBe(422);
    const rejected = await f.as('officer', {
      method: 'POST',
      url: `${M()}/claims/${unemployment}/reject`,
      payload: { reason: 'Cambodian law has no unemployment insurance yet' },
    });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Cambodian law has no unemployment insurance yet',
    });
    const appealed = await asMember({
      method: 'POST',
      url: `${M()}/claims/${unemployment}/appeal`,
      payload: { grounds: 'I was told the scheme starts this year' },
    });
    expect(appealed.statusCode).toBe(200);
    expect(appealed.json().status).toBe('appealed');

    const sickness = (await submit('sickness_benefit')).json().claimId;
    const withdrawn = await asMember({ method: 'POST', url: `${M()}/claims/${sickness}/withdraw` });
    expect(withdrawn.json().status).toBe('withdrawn');
    const late = await asMember({ method: 'POST', url: `${M()}/claims/${sickness}/withdraw` });
    expect(late.statusCode).toBe(409);

    const list = (await asMember({ method: 'GET', url: `${M()}/claims` })).json();
    expect(list.items.map((c: { claimId: number; status: string }) => [c.claimId, c.status])).toEqual([
      [sickness, 'withdrawn'],
      [unemployment, 'appealed'],
      [claims.pension, 'approved'],
      [claims.maternity, 'approved'],
    ]);
  });

  it('lets staff set the bank account, and not the member herself', async () => {
    const payload = { bank: 'ACLEDA', accountNo: '0001-2345-67', accountName: 'CHAN SREYMOM' };
    const own = await asMember({ method: 'PUT', url: `${M()}/payee`, payload });
    expect(own.statusCode).toBe(403);
    const bad = await f.as('officer', {
      method: 'PUT',
      url: `${M()}/payee`,
      payload: { ...payload, accountNo: 'x!' },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'payee_invalid' });
    const set = await f.as('officer', { method: 'PUT', url: `${M()}/payee`, payload });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ memberId, ...payload });
  });

  it('makes a payment run once per Idempotency-Key: the same key again answers the same run', async () => {
    const none = await f.as('officer', {
      method: 'POST',
      url: '/payment-runs',
      payload: { month: '2025-06' },
    });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'idempotency_key_missing' });
    const headers = { 'idempotency-key': 'benefits-2025-06-first' };
    const run = await f.as('officer', {
      method: 'POST',
      url: '/payment-runs',
      headers,
      payload: { month: '2025-06' },
    });
    expect(run.statusCode).toBe(201);
    expect(run.json()).toMatchObject({
      month: '2025-06',
      created: true,
      dues: 2,
      instructions: 2,
      held: 0,
      amount: MATERNITY + pensionAmount,
      dueByBranch: { maternity: MATERNITY, employment_injury: pensionAmount },
    });
    runId = run.json().runId;
    const again = await f.as('supervisor', {
      method: 'POST',
      url: '/payment-runs',
      headers,
      payload: { month: '2025-06' },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      runId,
      created: false,
      instructions: 2,
      amount: MATERNITY + pensionAmount,
    });
    const otherMonth = await f.as('officer', {
      method: 'POST',
      url: '/payment-runs',
      headers,
      payload: { month: '2025-07' },
    });
    expect(otherMonth.statusCode).toBe(409);

    const list = await f.as('auditor', { method: 'GET', url: '/payment-runs' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({
      runId,
      month: '2025-06',
      actor: 'officer',
      instructions: 2,
      payments: { instructed: 2, paid: 0, failed: 0, reversed: 0 },
    });
  });

  it('serves the run’s payment file for the banks as a CSV download', async () => {
    const response = await f.as('officer', { method: 'GET', url: `/payment-runs/${runId}/bank-file` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="payment-run-${runId}.csv"`);
    bankFile = Papa.parse<Record<string, string>>(response.body, { header: true, skipEmptyLines: true }).data;
    expect(bankFile.map((r) => [r.benefit, Number(r.amount_khr), r.account_no]).sort()).toEqual(
      [
        ['employment_injury_permanent_pension', pensionAmount, '0001-2345-67'],
        ['maternity_benefit', MATERNITY, '0001-2345-67'],
      ].sort(),
    );
    const downloads = await f.database.db
      .selectFrom('audit_log')
      .select('actor')
      .where('entity', '=', 'payment_run')
      .where('entity_id', '=', String(runId))
      .where('action', '=', 'download')
      .execute();
    expect(downloads).toEqual([{ actor: 'officer' }]);
    expect((await f.as('officer', { method: 'GET', url: '/payment-runs/999999/bank-file' })).statusCode).toBe(
      404,
    );
  });

  const returnFile = (rows: { key: string; amount: number; status: string }[]) =>
    [
      'instruction_key,amount_khr,status,settled_on,bank_reference,reason',
      ...rows.map((r) => `${r.key},${r.amount},${r.status},2025-06-14,ACL-${r.key},`),
    ].join('\n');
  const keyOf = (benefit: string) => bankFile.find((r) => r.benefit === benefit)!.instruction_key!;
  const postReturn = (csv: string, contentType = 'text/csv') =>
    f.as('officer', {
      method: 'POST',
      url: '/payment-runs/returns?file=acleda-2025-06-14.csv',
      headers: { 'content-type': contentType },
      payload: csv,
    });

  it('refuses a bad bank return file whole, naming each row at fault (422), and changes nothing', async () => {
    const bad = await postReturn(
      returnFile([
        { key: 'SMK-999-1-1', amount: 100, status: 'paid' },
        { key: keyOf('maternity_benefit'), amount: 1, status: 'paid' },
      ]),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.json()).toMatchObject({
      code: 'bank_return_invalid',
      problems: [
        expect.objectContaining({ row: 2, column: 'instruction_key', code: 'bank_return_row' }),
        expect.objectContaining({ row: 3, column: 'amount_khr', code: 'bank_return_row' }),
      ],
    });
    const noHeader = await postReturn('key,amount\nA,1\n');
    expect(noHeader.statusCode).toBe(422);
    expect(noHeader.json().problems.map((p: { column: string }) => p.column)).toEqual([
      'instruction_key',
      'amount_khr',
      'status',
      'settled_on',
    ]);
    const json = await f.as('officer', {
      method: 'POST',
      url: '/payment-runs/returns?file=x.csv',
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
    const claim = await asMember({ method: 'GET', url: `${M()}/claims/${claims.maternity}` });
    expect(claim.json().status).toBe('approved');
  });

  it('reconciles a good return file: the claims are paid, and the payments show on the pension', async () => {
    const csv = returnFile([
      { key: keyOf('maternity_benefit'), amount: MATERNITY, status: 'paid' },
      { key: keyOf('employment_injury_permanent_pension'), amount: pensionAmount, status: 'paid' },
    ]);
    const response = await postReturn(csv, 'text/csv; charset=utf-8');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      file: 'acleda-2025-06-14.csv',
      rows: 2,
      paid: 2,
      failed: 0,
      reversed: 0,
      unchanged: 0,
      paidAmount: MATERNITY + pensionAmount,
      reversedAmount: 0,
    });
    const repeated = await postReturn(csv);
    expect(repeated.json()).toMatchObject({ paid: 0, unchanged: 2 });

    const claim = (await asMember({ method: 'GET', url: `${M()}/claims/${claims.maternity}` })).json();
    expect(claim.status).toBe('paid');
    expect(claim.events.at(-1)).toMatchObject({ fromStatus: 'approved', toStatus: 'paid', actor: 'officer' });
    const pension = (await asMember({ method: 'GET', url: `${M()}/entitlements` })).json().items[0];
    expect(pension).toMatchObject({ dueThrough: '2025-06' });
    expect(pension.dues).toEqual([
      expect.objectContaining({
        month: '2025-06',
        amount: pensionAmount,
        runId,
        payments: [
          expect.objectContaining({
            status: 'paid',
            settledOn: '2025-06-14',
            attempt: 1,
            bankReference: `ACL-${keyOf('employment_injury_permanent_pension')}`,
          }),
        ],
      }),
    ]);
    const runs = (await f.as('supervisor', { method: 'GET', url: '/payment-runs?limit=1' })).json();
    expect(runs.items[0]).toMatchObject({ runId, payments: { instructed: 0, paid: 2 } });
    const check = await f.as('supervisor', { method: 'GET', url: '/fund/check' });
    expect(check.json().ok).toBe(true);
  });

  it('ends the pension on recovery, recorded by an officer (not the member)', async () => {
    const payload = {
      kind: 'recovery',
      date: '2025-06-14',
      evidence: { kind: 'medical_board_finding', reference: 'MB-2025-061' },
    };
    expect((await asMember({ method: 'POST', url: `${M()}/events`, payload })).statusCode).toBe(403);
    const response = await f.as('officer', { method: 'POST', url: `${M()}/events`, payload });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      memberId,
      kind: 'recovery',
      ended: [
        expect.objectContaining({ variable: 'employment_injury_permanent_pension', endMonth: '2025-06' }),
      ],
      claimsFiled: [],
    });
    const pension = (await asMember({ method: 'GET', url: `${M()}/entitlements` })).json().items[0];
    expect(pension).toMatchObject({ inPayment: false, endMonth: '2025-06', endReason: 'recovery' });
    const death = await f.as('officer', {
      method: 'POST',
      url: `${M()}/events`,
      payload: { ...payload, kind: 'death' },
    });
    expect(death.statusCode).toBe(422);
    expect(death.json()).toMatchObject({ code: 'life_event_invalid' });
  });
});
