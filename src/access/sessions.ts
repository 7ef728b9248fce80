/**
 * @module access/sessions
 * Signing in and out. A session is an opaque random token (256 bits) handed to the client once;
 * the database keeps only its sha256, so whoever reads the table cannot sign in with it. Sessions
 * expire after a fixed time; every check compares the expiry with the caller's clock, which tests
 * inject. Logins and logouts are audited; a failed login is audited when the user name exists.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/open-database.js';
import { writeAudit } from '../db/write-audit.js';
import { SamakiError } from '../kernel/errors.js';
import { normaliseUsername } from './add-user.js';
import { MAX_PASSWORD_LENGTH, verifyDecoy, verifyPassword } from './passwords.js';
import type { Role } from './roles.js';

/** How long a session lasts unless the caller says otherwise: one working day. */
export const DEFAULT_SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/** Who is signed in: what every authorisation decision reads. */
export interface SessionUser {
  userId: number;
  username: string;
  role: Role;
  employerId: number | null;
  memberId: number | null;
  expiresAt: string;
}

export interface OpenedSession extends SessionUser {
  /** Given to the client once; never stored. */
  token: string;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function logIn(
  database: Database,
  credentials: { username: string; password: string },
  options: { now: Date; ttlMs?: number },
): Promise<OpenedSession> {
  const username = normaliseUsername(String(credentials.username ?? ''));
  const password = String(credentials.password ?? '');
  const user = await database.db
    .selectFrom('app_user')
    .select(['user_id', 'username', 'role', 'employer_id', 'member_id', 'password_hash'])
    .where('username', '=', username)
    .executeTakeFirst();
  const ok =
    user !== undefined && password.length <= MAX_PASSWORD_LENGTH
      ? await verifyPassword(user.password_hash, password)
      : await verifyDecoy(password.slice(0, MAX_PASSWORD_LENGTH));
  if (!user || !ok) {
    if (user)
      await writeAudit(database.db, {
        actor: user.username,
        action: 'login_failed',
        entity: 'app_user',
        entityId: user.user_id,
      });
    throw new SamakiError('login_failed');
  }
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(options.now.getTime() + (options.ttlMs ?? DEFAULT_SESSION_TTL_MS));
  await database.db.transaction().execute(async (trx) => {
    // Sessions that have expired are of no use to anyone: drop them as new ones open.
    await trx.deleteFrom('app_session').where('expires_at', '<=', options.now).execute();
    await trx
      .insertInto('app_session')
      .values({
        token_hash: tokenHash(token),
        user_id: user.user_id,
        created_at: options.now,
        expires_at: expires,
      })
      .execute();
    await writeAudit(trx, {
      actor: user.username,
      action: 'login',
      entity: 'app_user',
      entityId: user.user_id,
      after: { expires_at: expires.toISOString() },
    });
  });
  return {
    token,
    userId: Number(user.user_id),
    username: user.username,
    role: user.role,
    employerId: user.employer_id === null ? null : Number(user.employer_id),
    memberId: user.member_id === null ? null : Number(user.member_id),
    expiresAt: expires.toISOString(),
  };
}

/** The user of an open, unexpired session, or null. */
export async function findSession(database: Database, token: string, now: Date): Promise<SessionUser | null> {
  if (token.length === 0 || token.length > 200) return null;
  const row = await database.db
    .selectFrom('app_session')
    .innerJoin('app_user', 'app_user.user_id', 'app_session.user_id')
    .select([
      'app_user.user_id',
      'app_user.username',
      'app_user.role',
      'app_user.employer_id',
      'app_user.member_id',
      'app_session.expires_at',
    ])
    .where('app_session.token_hash', '=', tokenHash(token))
    .where('app_session.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return null;
  return {
    userId: Number(row.user_id),
    username: row.username,
    role: row.role,
    employerId: row.employer_id === null ? null : Number(row.employer_id),
    memberId: row.member_id === null ? null : Number(row.member_id),
    expiresAt: new Date(row.expires_at).toISOString(),
  };
}

/** Closes the session of this token; the token is useless afterwards. */
export async function logOut(
  database: Database,
  token: string,
  user: { userId: number; username: string },
): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('app_session').where('token_hash', '=', tokenHash(token)).execute();
    await writeAudit(trx, {
      actor: user.username,
      action: 'logout',
      entity: 'app_user',
      entityId: user.userId,
    });
  });
}
