/**
 * @module access/add-user
 * Adds a user of the API (`samaki users add`, and the demo users of `samaki start`): a user name,
 * a role, the employer or member the user is tied to, and the argon2 hash of the password. The
 * password itself is never stored or audited.
 */
import type { Database } from '../db/open-database.js';
import { writeAudit } from '../db/write-audit.js';
import { SamakiError } from '../kernel/errors.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js';
import { isRole, ROLES, type Role } from './roles.js';

export interface AddUserInput {
  username: string;
  role: string;
  password: string;
  /** Required for, and only for, role `employer`. */
  employerId?: number | null;
  /** Required for, and only for, role `member`. */
  memberId?: number | null;
}

export interface AddedUser {
  userId: number;
  username: string;
  role: Role;
  employerId: number | null;
  memberId: number | null;
}

/** Lower-case letters, digits, `_`, `.` and `-`; 2 to 64 characters (the table's check). */
const USERNAME = /^[a-z0-9][a-z0-9_.-]{1,63}$/;

/** User names are compared in lower case, so `Dara` and `dara` are one user. */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export async function addUser(
  database: Database,
  input: AddUserInput,
  options: { actor: string },
): Promise<AddedUser> {
  const bad = (reason: string) => new SamakiError('user_invalid', { reason });
  const username = normaliseUsername(input.username ?? '');
  if (!USERNAME.test(username))
    throw bad(
      `the user name "${input.username}" must have 2 to 64 characters: lower-case letters, digits, "_", "." or "-", starting with a letter or digit`,
    );
  if (!isRole(input.role)) throw bad(`"${input.role}" is not a role; the roles are ${ROLES.join(', ')}`);
  const role: Role = input.role;
  const password = input.password ?? '';
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH)
    throw bad(`the password must have ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`);
  const employerId = input.employerId ?? null;
  const memberId = input.memberId ?? null;
  if (role === 'employer' && employerId === null)
    throw bad('a user of role employer must name its employer (--employer)');
  if (role !== 'employer' && employerId !== null)
    throw bad(`only a user of role employer is tied to an employer, not a ${role}`);
  if (role === 'member' && memberId === null)
    throw bad('a user of role member must name their member number (--member)');
  if (role !== 'member' && memberId !== null)
    throw bad(`only a user of role member is tied to a member, not a ${role}`);

  const passwordHash = await hashPassword(password);
  try {
    return await insertUser(database, { username, role, employerId, memberId, passwordHash }, options);
  } catch (error) {
    // Two requests adding the same name at once: the second meets the unique key.
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION)
      throw new SamakiError('user_exists', { username });
    throw error;
  }
}

const UNIQUE_VIOLATION = '23505';

function insertUser(
  database: Database,
  user: {
    username: string;
    role: Role;
    employerId: number | null;
    memberId: number | null;
    passwordHash: string;
  },
  options: { actor: string },
): Promise<AddedUser> {
  const { username, role, employerId, memberId, passwordHash } = user;
  return database.db.transaction().execute(async (trx) => {
    if (employerId !== null) {
      const employer = await trx
        .selectFrom('employer')
        .select('employer_id')
        .where('employer_id', '=', employerId)
        .executeTakeFirst();
      if (!employer) throw new SamakiError('employer_not_found', { id: employerId });
    }
    if (memberId !== null) {
      const member = await trx
        .selectFrom('member')
        .select('member_id')
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      if (!member) throw new SamakiError('member_not_found', { id: memberId });
    }
    const existing = await trx
      .selectFrom('app_user')
      .select('user_id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (existing) throw new SamakiError('user_exists', { username });
    const row = await trx
      .insertInto('app_user')
      .values({ username, role, employer_id: employerId, member_id: memberId, password_hash: passwordHash })
      .returning('user_id')
      .executeTakeFirstOrThrow();
    const userId = Number(row.user_id);
    const added: AddedUser = { userId, username, role, employerId, memberId };
    await writeAudit(trx, {
      actor: options.actor,
      action: 'add',
      entity: 'app_user',
      entityId: userId,
      after: { username, role, employer_id: employerId, member_id: memberId },
    });
    return added;
  });
}
