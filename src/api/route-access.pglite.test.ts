/**
 * Role isolation on every route, checked against the rules written out here by hand (not
 * read from the routes): each role a route must refuse gets 403, no or a bad token gets 401, an
 * employer sees only its own employer and a member only their own record. A test also fails when
 * the API gains a route this table does not cover.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiFixture, openApiFixture, type UserKey } from './test-support/api-fixture.js';

/** The users of the fixture; employerB and memberY are the "other" employer and member. */
const USERS: readonly UserKey[] = [
  'admin',
  'officer',
  'supervisor',
  'auditor',
  'analyst',
  'employerA',
  'employerB',
  'memberX',
  'memberY',
];
const STAFF: readonly UserKey[] = ['officer', 'supervisor', 'auditor', 'admin'];
const EVERYONE = USERS;

interface RouteCase {
  /** As the OpenAPI document names it. */
  route: string;
  url: (f: ApiFixture) => string;
  /** Who is let through: everyone else must get 403. */
  allowed: readonly UserKey[];
  /** Calling it as an allowed user changes the session (logout): skip that half. */
  skipAllowed?: boolean;
}

const A = (f: ApiFixture) => `/employers/${f.employerA}`;
const X = (f: ApiFixture) => `/members/${f.memberX}`;
const CLAIM = (f: ApiFixture) => `${X(f)}/claims/${f.claimX}`;

const ROUTES: readonly RouteCase[] = [
  { route: 'POST /auth/logout', url: () => '/auth/logout', allowed: EVERYONE, skipAllowed: true },
  { route: 'GET /auth/me', url: () => '/auth/me', allowed: EVERYONE },
  { route: 'POST /employers', url: () => '/employers', allowed: ['officer', 'admin'] },
  {
    route: 'POST /employers/{employerId}/workers',
    url: (f) => `${A(f)}/workers`,
    allowed: ['employerA', 'officer', 'admin'],
  },
  {
    route: 'POST /employers/{employerId}/workers/{memberId}/end',
    url: (f) => `${A(f)}/workers/${f.memberX}/end`,
    allowed: ['employerA', 'officer', 'admin'],
  },
  {
    route: 'GET /employers/{employerId}/workers',
    url: (f) => `${A(f)}/workers`,
    allowed: ['employerA', ...STAFF],
  },
  {
    route: 'POST /employers/{employerId}/declarations',
    url: (f) => `${A(f)}/declarations`,
    allowed: ['employerA', 'officer'],
  },
  {
    route: 'POST /employers/{employerId}/declarations/upload',
    url: (f) => `${A(f)}/declarations/upload?month=2025-05`,
    allowed: ['employerA', 'officer'],
  },
  {
    route: 'GET /employers/{employerId}/declarations/template.xlsx',
    url: (f) => `${A(f)}/declarations/template.xlsx`,
    allowed: ['employerA', ...STAFF],
  },
  {
    route: 'GET /employers/{employerId}/declarations/template.csv',
    url: (f) => `${A(f)}/declarations/template.csv`,
    allowed: ['employerA', ...STAFF],
  },
  {
    route: 'GET /employers/{employerId}/declarations',
    url: (f) => `${A(f)}/declarations`,
    allowed: ['employerA', ...STAFF],
  },
  {
    route: 'GET /employers/{employerId}/declarations/{declarationId}',
    url: (f) => `${A(f)}/declarations/1`,
    allowed: ['employerA', ...STAFF],
  },
  { route: 'POST /employers/{employerId}/payments', url: (f) => `${A(f)}/payments`, allowed: ['officer'] },
  {
    route: 'GET /employers/{employerId}/statement',
    url: (f) => `${A(f)}/statement`,
    allowed: ['employerA', ...STAFF],
  },
  {
    route: 'GET /members/{memberId}/record',
    url: (f) => `/members/${f.memberX}/record`,
    allowed: ['memberX', ...STAFF],
  },
  // Benefit claims: the member claims, appeals and withdraws on their own record only; officers
  // and supervisors decide; staff read (audited); the Council's analysts never see a claim.
  {
    route: 'POST /members/{memberId}/claims',
    url: (f) => `${X(f)}/claims`,
    allowed: ['memberX', 'officer', 'supervisor'],
  },
  { route: 'GET /members/{memberId}/claims', url: (f) => `${X(f)}/claims`, allowed: ['memberX', ...STAFF] },
  {
    route: 'GET /members/{memberId}/claims/{claimId}',
    url: (f) => CLAIM(f),
    allowed: ['memberX', ...STAFF],
  },
  {
    route: 'POST /members/{memberId}/claims/{claimId}/review',
    url: (f) => `${CLAIM(f)}/review`,
    allowed: ['officer', 'supervisor'],
  },
  {
    route: 'POST /members/{memberId}/claims/{claimId}/approve',
    url: (f) => `${CLAIM(f)}/approve`,
    allowed: ['officer', 'supervisor'],
  },
  {
    route: 'POST /members/{memberId}/claims/{claimId}/reject',
    url: (f) => `${CLAIM(f)}/reject`,
    allowed: ['officer', 'supervisor'],
  },
  {
    route: 'POST /members/{memberId}/claims/{claimId}/appeal',
    url: (f) => `${CLAIM(f)}/appeal`,
    allowed: ['memberX', 'officer', 'supervisor'],
  },
  {
    route: 'POST /members/{memberId}/claims/{claimId}/withdraw',
    url: (f) => `${CLAIM(f)}/withdraw`,
    allowed: ['memberX', 'officer', 'supervisor'],
  },
  {
    route: 'GET /members/{memberId}/entitlements',
    url: (f) => `${X(f)}/entitlements`,
    allowed: ['memberX', ...STAFF],
  },
  {
    route: 'POST /members/{memberId}/events',
    url: (f) => `${X(f)}/events`,
    allowed: ['officer', 'supervisor'],
  },
  // Paying benefits. The member may not change their own bank account (fraud risk): staff only.
  { route: 'PUT /members/{memberId}/payee', url: (f) => `${X(f)}/payee`, allowed: ['officer', 'supervisor'] },
  { route: 'POST /payment-runs', url: () => '/payment-runs', allowed: ['officer', 'supervisor'] },
  { route: 'GET /payment-runs', url: () => '/payment-runs', allowed: STAFF },
  {
    route: 'GET /payment-runs/{runId}/bank-file',
    url: (f) => `/payment-runs/${f.runId}/bank-file`,
    allowed: ['officer', 'supervisor'],
  },
  {
    route: 'POST /payment-runs/returns',
    url: () => '/payment-runs/returns?file=return.csv',
    allowed: ['officer', 'supervisor'],
  },
  { route: 'PUT /price-index/{month}', url: () => '/price-index/2025-05', allowed: ['supervisor', 'admin'] },
  { route: 'GET /fund/check', url: () => '/fund/check', allowed: ['supervisor', 'auditor', 'admin'] },
  { route: 'GET /fund/summary', url: () => '/fund/summary?month=2025-05', allowed: ['analyst', ...STAFF] },
  { route: 'GET /audit', url: () => '/audit', allowed: ['auditor', 'admin'] },
];

const PUBLIC_ROUTES = ['GET /health', 'POST /auth/login'];

let f: ApiFixture;
beforeAll(async () => {
  f = await openApiFixture();
}, 120_000);
afterAll(async () => {
  await f?.close();
});

const methodOf = (c: RouteCase) => c.route.split(' ')[0] as 'GET' | 'POST' | 'PUT';
/** An empty JSON body for the routes that take one. */
const emptyBody = (c: RouteCase) => (methodOf(c) === 'GET' ? undefined : {});

describe.each(ROUTES)('$route', (c) => {
  it('answers 401 without credentials, and with an unknown token', async () => {
    const none = await f.as(null, { method: methodOf(c), url: c.url(f) });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.json()).toMatchObject({ status: 401, code: 'auth_required' });
    const forged = await f.app.inject({
      method: methodOf(c),
      url: c.url(f),
      headers: { authorization: 'Bearer not-a-session' },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ code: 'auth_invalid' });
  });

  const refused = USERS.filter((u) => !c.allowed.includes(u));
  if (refused.length > 0)
    it.each(refused)('refuses %s with 403', async (user) => {
      const response = await f.as(user, {
        method: methodOf(c),
        url: c.url(f),
        payload: emptyBody(c),
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({
        status: 403,
        code: 'forbidden',
        type: 'urn:samaki:problem:forbidden',
      });
    });

  if (!c.skipAllowed)
    it.each(c.allowed)('lets %s through', async (user) => {
      // An empty body: allowed callers reach validation (400/415/422) or the answer, never 401/403
      // nor a server fault, and an invalid request changes nothing.
      const response = await f.as(user, {
        method: methodOf(c),
        url: c.url(f),
        payload: emptyBody(c),
      });
      expect([401, 403]).not.toContain(response.statusCode);
      expect(response.statusCode).toBeLessThan(500);
    });
});

describe('isolation between tenants', () => {
  it("keeps employer B out of every route of employer A, and A out of B's", async () => {
    for (const c of ROUTES.filter(
      (r) => r.allowed.includes('employerA') && !r.allowed.includes('employerB'),
    )) {
      const response = await f.as('employerB', { method: methodOf(c), url: c.url(f) });
      expect(response.statusCode, c.route).toBe(403);
    }
    const own = await f.as('employerB', { method: 'GET', url: `/employers/${f.employerB}/workers` });
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((w: { memberId: number }) => w.memberId)).toEqual([f.memberY]);
    const other = await f.as('employerA', { method: 'GET', url: `/employers/${f.employerB}/statement` });
    expect(other.statusCode).toBe(403);
  });

  it("keeps member Y out of member X's record, and lets each read their own", async () => {
    expect((await f.as('memberY', { method: 'GET', url: `/members/${f.memberX}/record` })).statusCode).toBe(
      403,
    );
    expect((await f.as('memberX', { method: 'GET', url: `/members/${f.memberY}/record` })).statusCode).toBe(
      403,
    );
    // A member of the same employer is still someone else.
    expect((await f.as('memberX', { method: 'GET', url: `/members/${f.memberX2}/record` })).statusCode).toBe(
      403,
    );
    const own = await f.as('memberY', { method: 'GET', url: `/members/${f.memberY}/record` });
    expect(own.statusCode).toBe(200);
    expect(own.json().memberId).toBe(f.memberY);
  });

  it("keeps a member's claims and pensions to that member: another number never reaches them", async () => {
    for (const url of [
      `/members/${f.memberX}/claims`,
      `/members/${f.memberX}/claims/${f.claimX}`,
      `/members/${f.memberX}/entitlements`,
    ])
      expect((await f.as('memberY', { method: 'GET', url })).statusCode, url).toBe(403);
    // Claims are numbered per member: X's claim number under Y's own member number is no claim.
    const mine = await f.as('memberY', { method: 'GET', url: `/members/${f.memberY}/claims/${f.claimX}` });
    expect(mine.statusCode).toBe(404);
    expect(mine.json()).toMatchObject({ code: 'claim_not_found' });
    expect(
      (await f.as('memberY', { method: 'POST', url: `/members/${f.memberX}/claims/${f.claimX}/withdraw` }))
        .statusCode,
    ).toBe(403);
    const own = await f.as('memberX', { method: 'GET', url: `/members/${f.memberX}/claims` });
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((c: { claimId: number }) => c.claimId)).toContain(f.claimX);
  });

  it('does not take an identifier written differently for the own one', async () => {
    expect(
      (await f.as('employerA', { method: 'GET', url: `/employers/${f.employerA}abc/workers` })).statusCode,
    ).toBe(403);
    expect((await f.as('memberX', { method: 'GET', url: `/members/${f.memberX}.0/record` })).statusCode).toBe(
      403,
    );
  });
});

describe('coverage of this table', () => {
  it('covers every secured route of the OpenAPI document, and the rest are public on purpose', async () => {
    const document = (await f.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const secured: string[] = [];
    const open: string[] = [];
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        (Array.isArray(operation.security) && operation.security.length === 0 ? open : secured).push(name);
      }
    expect(secured.sort()).toEqual(ROUTES.map((r) => r.route).sort());
    expect(open.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });
});
