import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import { type Database, openDatabase } from '../db/open-database.js';
import { isSamakiError, type SamakiError } from '../kernel/errors.js';
import { registerEmployer } from '../registry/register-employer.js';
import { registerWorker } from '../registry/register-worker.js';
import { addUser } from './add-user.js';
import { DEMO_USERNAMES, ensureDemoUsers } from './ensure-demo-users.js';
import { findSession, logIn, logOut, tokenHash } from './sessions.js';

const TODAY = '2025-06-15';
const NOON = new Date('2025-06-15T12:00:00Z');
const HOUR = 60 * 60 * 1000;

async function refusal(promise: Promise<unknown>): Promise<SamakiError> {
  try {
    await promise;
  } catch (error) {
    if (isSamakiError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

let database: Database;
let employerId: number;
let memberId: number;

beforeAll(async () => {
  database = await openDatabase({ dataDir: join(mkdtempSync(join(tmpdir(), 'samaki-access-')), 'pglite') });
  await migrateToLatest(database.db);
  const employer = await registerEmployer(
    database,
    {
      kind: 'enterprise',
      name: 'Access Test Co',
      sector: 'garment',
      startedOn: '2025-01-01',
      registeredOn: '2025-01-01',
    },
    { actor: 'test', today: TODAY },
  );
  employerId = employer.employerId;
  const worker = await registerWorker(
    database,
    {
      employerId,
      person: { familyNameKm: 'ចាន់', givenNameKm: 'សុភា', sex: 'F', birthDate: '1990-02-03', province: 12 },
      startDate: '2025-01-01',
      registeredOn: '2025-01-02',
    },
    { actor: 'test', today: TODAY },
  );
  memberId = worker.memberId;
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('addUser', () => {
  it('stores an argon2id hash, never the password, and audits the addition without the hash', async () => {
    const user = await addUser(
      database,
      { username: 'Officer.One', role: 'fund_officer', password: 'correct horse' },
      { actor: 'admin' },
    );
    expect(user).toMatchObject({
      username: 'officer.one',
      role: 'fund_officer',
      employerId: null,
      memberId: null,
    });
    const row = await database.db
      .selectFrom('app_user')
      .selectAll()
      .where('user_id', '=', user.userId)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('correct horse');
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'app_user')
      .where('entity_id', '=', String(user.userId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'admin', action: 'add' });
    expect(JSON.stringify(audit[0]!.after)).not.toContain('argon2');
  });

  it('ties an employer user to an existing employer and a member user to an existing member', async () => {
    const employer = await addUser(
      database,
      { username: 'factory', role: 'employer', password: 'password1', employerId },
      { actor: 'admin' },
    );
    expect(employer.employerId).toBe(employerId);
    const member = await addUser(
      database,
      { username: 'sophea', role: 'member', password: 'password1', memberId },
      { actor: 'admin' },
    );
    expect(member.memberId).toBe(memberId);
    expect(
      (
        await refusal(
          addUser(
            database,
            { username: 'ghost-co', role: 'employer', password: 'password1', employerId: 999_999 },
            { actor: 'admin' },
          ),
        )
      ).code,
    ).toBe('employer_not_found');
    expect(
      (
        await refusal(
          addUser(
            database,
            { username: 'ghost', role: 'member', password: 'password1', memberId: 999_999 },
            { actor: 'admin' },
          ),
        )
      ).code,
    ).toBe('member_not_found');
  });

  it.each([
    [{ username: 'x', role: 'admin', password: 'password1' }, 'user name'],
    [{ username: 'has space', role: 'admin', password: 'password1' }, 'user name'],
    [{ username: 'newuser', role: 'king', password: 'password1' }, 'not a role'],
    [{ username: 'newuser', role: 'admin', password: 'short' }, 'password'],
    [{ username: 'newuser', role: 'employer', password: 'password1' }, 'must name its employer'],
    [{ username: 'newuser', role: 'member', password: 'password1' }, 'must name their member'],
    [
      { username: 'newuser', role: 'auditor', password: 'password1', employerId: 1 },
      'only a user of role employer',
    ],
    [
      { username: 'newuser', role: 'employer', password: 'password1', employerId: 1, memberId: 1 },
      'only a user of role member',
    ],
  ])('refuses %o (%s) and saves nothing', async (input, reason) => {
    const error = await refusal(addUser(database, input, { actor: 'admin' }));
    expect(error.code).toBe('user_invalid');
    expect(error.message).toContain(reason);
    expect(
      await database.db.selectFrom('app_user').select('user_id').where('username', '=', 'newuser').execute(),
    ).toEqual([]);
  });

  it('refuses a second user of the same name, whatever its case', async () => {
    await addUser(database, { username: 'twin', role: 'auditor', password: 'password1' }, { actor: 'admin' });
    const error = await refusal(
      addUser(database, { username: 'TWIN', role: 'auditor', password: 'password2' }, { actor: 'admin' }),
    );
    expect(error.code).toBe('user_exists');
  });
});

describe('sessions', () => {
  beforeAll(async () => {
    await addUser(
      database,
      { username: 'dara', role: 'supervisor', password: 'sesame-open' },
      { actor: 'admin' },
    );
  });

  it('open with the right password, keep only the token hash, and expire on time', async () => {
    const session = await logIn(
      database,
      { username: 'Dara', password: 'sesame-open' },
      { now: NOON, ttlMs: HOUR },
    );
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session).toMatchObject({
      username: 'dara',
      role: 'supervisor',
      expiresAt: '2025-06-15T13:00:00.000Z',
    });
    const stored = await database.db.selectFrom('app_session').selectAll().execute();
    expect(stored.map((s) => s.token_hash)).toContain(tokenHash(session.token));
    expect(JSON.stringify(stored)).not.toContain(session.token);

    expect(await findSession(database, session.token, new Date(NOON.getTime() + HOUR - 1))).toMatchObject({
      username: 'dara',
    });
    expect(await findSession(database, session.token, new Date(NOON.getTime() + HOUR))).toBeNull();
    expect(await findSession(database, `${session.token}x`, NOON)).toBeNull();
  });

  it('refuse a wrong password or an unknown user alike, and audit the failure of a known user', async () => {
    expect(
      (await refusal(logIn(database, { username: 'dara', password: 'sesame-shut' }, { now: NOON }))).code,
    ).toBe('login_failed');
    expect(
      (await refusal(logIn(database, { username: 'nobody', password: 'sesame-open' }, { now: NOON }))).code,
    ).toBe('login_failed');
    const failures = await database.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('action', '=', 'login_failed')
      .execute();
    expect(failures).toEqual([{ actor: 'dara', action: 'login_failed' }]);
  });

  it('close on logout: the token stops working', async () => {
    const session = await logIn(database, { username: 'dara', password: 'sesame-open' }, { now: NOON });
    expect(await findSession(database, session.token, NOON)).not.toBeNull();
    await logOut(database, session.token, session);
    expect(await findSession(database, session.token, NOON)).toBeNull();
    const actions = await database.db
      .selectFrom('audit_log')
      .select('action')
      .where('actor', '=', 'dara')
      .where('action', 'in', ['login', 'logout'])
      .execute();
    expect(actions.map((a) => a.action)).toContain('logout');
  });
});

describe('ensureDemoUsers', () => {
  it('adds one user per role, tied to an employer and its worker, who can all sign in; a second run adds none', async () => {
    const users = await ensureDemoUsers(database, { today: TODAY });
    expect(users.map((u) => u.role).sort()).toEqual(Object.keys(DEMO_USERNAMES).sort());
    expect(users.every((u) => u.created)).toBe(true);
    const employer = users.find((u) => u.role === 'employer')!;
    const member = users.find((u) => u.role === 'member')!;
    expect(employer.employerId).toBe(employerId);
    expect(member.memberId).toBe(memberId);
    for (const user of users) {
      const session = await logIn(
        database,
        { username: user.username, password: user.password },
        { now: NOON },
      );
      expect(session.role).toBe(user.role);
    }
    const again = await ensureDemoUsers(database, { today: TODAY });
    expect(again.some((u) => u.created)).toBe(false);
    expect(again.map((u) => u.username)).toEqual(users.map((u) => u.username));
  });
});
