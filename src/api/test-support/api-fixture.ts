/**
 * @module api/test-support/api-fixture
 * One database and one app per test file: two employers (A and B) with a worker each, and a
 * signed-in user of every role, employers and members on both sides, so tests can check that A
 * never sees B; a benefit claim of member X and a benefit payment run (with nothing due), so the
 * routes under them have something to find. The clock is a variable the tests move.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { addUser } from '../../access/add-user.js';
import type { Role } from '../../access/roles.js';
import { migrateToLatest } from '../../db/migrate.js';
import { type Database, openDatabase } from '../../db/open-database.js';
import { submitClaim } from '../../fund/benefits/claims.js';
import { runBenefitPayments } from '../../fund/payments/run-benefit-payments.js';
import { registerEmployer } from '../../registry/register-employer.js';
import { registerWorker } from '../../registry/register-worker.js';
import { buildApp } from '../build-app.js';

export const TODAY = '2025-06-15';
export const START = new Date('2025-06-15T08:00:00Z');

export type UserKey =
  | 'admin'
  | 'officer'
  | 'supervisor'
  | 'auditor'
  | 'analyst'
  | 'employerA'
  | 'employerB'
  | 'memberX'
  | 'memberY';

export interface ApiFixture {
  database: Database;
  app: FastifyInstance;
  clock: { now: Date };
  employerA: number;
  employerB: number;
  /** A worker of A, and a second one. */
  memberX: number;
  memberX2: number;
  /** A worker of B. */
  memberY: number;
  /** A claim of member X, submitted (a sickness benefit for May 2025). */
  claimX: number;
  /** A benefit payment run for May 2025, with nothing due. */
  runId: number;
  tokens: Record<UserKey, string>;
  roles: Record<UserKey, Role>;
  passwords: Record<UserKey, string>;
  /** `app.inject` as the user (or with no credentials). */
  as(user: UserKey | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let persons = 0;
function person(given: string) {
  persons++;
  return {
    familyNameKm: 'សុខ',
    givenNameKm: given,
    nameLatin: `SOK ${given.toUpperCase()}`,
    sex: 'F' as const,
    birthDate: '1992-03-04',
    nationalId: String(200_000_000 + persons),
    province: 12,
  };
}

export async function openApiFixture(): Promise<ApiFixture> {
  const database = await openDatabase({
    dataDir: join(mkdtempSync(join(tmpdir(), 'samaki-api-')), 'pglite'),
  });
  await migrateToLatest(database.db);
  const ctx = { actor: 'fixture', today: TODAY };
  const employer = (name: string) =>
    registerEmployer(
      database,
      {
        kind: 'enterprise',
        name,
        sector: 'garment',
        province: 12,
        startedOn: '2025-01-01',
        registeredOn: '2025-01-01',
      },
      ctx,
    );
  const worker = (employerId: number, given: string) =>
    registerWorker(
      database,
      { employerId, person: person(given), startDate: '2025-01-01', registeredOn: '2025-01-02' },
      ctx,
    );
  const a = await employer('Factory A');
  const b = await employer('Factory B');
  const x = await worker(a.employerId, 'xavy');
  const x2 = await worker(a.employerId, 'xana');
  const y = await worker(b.employerId, 'yuth');
  const claim = await submitClaim(
    database,
    {
      memberId: x.memberId,
      variable: 'sickness_benefit',
      month: '2025-05',
      eventDate: '2025-05-12',
      facts: { sickness_days: 5 },
      evidence: [{ kind: 'medical_certificate', reference: 'MC-2025-001' }],
    },
    { username: 'fixture', role: 'fund_officer' },
  );
  const run = await runBenefitPayments(database, '2025-05', {
    actor: 'fixture',
    today: '2025-05-31',
    idempotencyKey: 'fixture-run-2025-05',
  });

  const users: Record<UserKey, { username: string; role: Role; employerId?: number; memberId?: number }> = {
    admin: { username: 'admin', role: 'admin' },
    officer: { username: 'officer', role: 'fund_officer' },
    supervisor: { username: 'supervisor', role: 'supervisor' },
    auditor: { username: 'auditor', role: 'auditor' },
    analyst: { username: 'analyst', role: 'council_analyst' },
    employerA: { username: 'employer-a', role: 'employer', employerId: a.employerId },
    employerB: { username: 'employer-b', role: 'employer', employerId: b.employerId },
    memberX: { username: 'member-x', role: 'member', memberId: x.memberId },
    memberY: { username: 'member-y', role: 'member', memberId: y.memberId },
  };
  const passwords = {} as Record<UserKey, string>;
  const roles = {} as Record<UserKey, Role>;
  for (const [key, user] of Object.entries(users) as [UserKey, (typeof users)[UserKey]][]) {
    passwords[key] = `${user.username}-secret`;
    roles[key] = user.role;
    await addUser(database, { ...user, password: passwords[key] }, { actor: 'fixture' });
  }

  const clock = { now: START };
  const app = buildApp({ database, today: () => TODAY, now: () => clock.now });
  await app.ready();
  const tokens = {} as Record<UserKey, string>;
  for (const [key, user] of Object.entries(users) as [UserKey, (typeof users)[UserKey]][]) {
    const response = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: user.username, password: passwords[key] },
    });
    if (response.statusCode !== 200) throw new Error(`login of ${user.username} failed: ${response.body}`);
    tokens[key] = response.json<{ token: string }>().token;
  }
  return {
    database,
    app,
    clock,
    employerA: a.employerId,
    employerB: b.employerId,
    memberX: x.memberId,
    memberX2: x2.memberId,
    memberY: y.memberId,
    claimX: claim.claimId,
    runId: run.runId,
    tokens,
    roles,
    passwords,
    as: (user, options) =>
      app.inject({
        ...options,
        headers: {
          ...(options.headers ?? {}),
          ...(user === null ? {} : { authorization: `Bearer ${tokens[user]}` }),
        },
      }),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
