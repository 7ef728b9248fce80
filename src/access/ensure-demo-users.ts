/**
 * @module access/ensure-demo-users
 * One demo user per role, with a published password, so someone trying Samaki (`samaki start`,
 * `samaki serve --demo-users`) can sign in to the API at once. The employer user is tied to an
 * employer with a worker, and the member user to that worker: the first such employer in the
 * database, or a demo employer and worker registered through the registry's own services.
 * Running it again adds only what is missing and never changes a password.
 *
 * The passwords are public: never run this against a database that holds real people.
 */
import type { Database } from '../db/open-database.js';
import { registerEmployer } from '../registry/register-employer.js';
import { registerWorker } from '../registry/register-worker.js';
import { addUser } from './add-user.js';
import type { Role } from './roles.js';

export interface DemoUser {
  username: string;
  role: Role;
  password: string;
  employerId: number | null;
  memberId: number | null;
  /** False when the user already existed (its password is then whatever it was). */
  created: boolean;
}

/** User name of each role's demo user; the password is the user name followed by `-demo`. */
export const DEMO_USERNAMES: Readonly<Record<Role, string>> = {
  admin: 'admin',
  fund_officer: 'officer',
  supervisor: 'supervisor',
  employer: 'employer',
  member: 'member',
  council_analyst: 'analyst',
  auditor: 'auditor',
};

const ACTOR = 'samaki demo users';

export async function ensureDemoUsers(
  database: Database,
  options: { today?: string } = {},
): Promise<DemoUser[]> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const existing = await database.db
    .selectFrom('app_user')
    .select(['username', 'role', 'employer_id', 'member_id'])
    .where('username', 'in', Object.values(DEMO_USERNAMES))
    .execute();
  const byName = new Map(existing.map((u) => [u.username, u]));
  let link: { employerId: number; memberId: number } | undefined;
  const users: DemoUser[] = [];
  for (const [role, username] of Object.entries(DEMO_USERNAMES) as [Role, string][]) {
    const password = `${username}-demo`;
    const found = byName.get(username);
    if (found) {
      users.push({
        username,
        role: found.role,
        password,
        employerId: found.employer_id === null ? null : Number(found.employer_id),
        memberId: found.member_id === null ? null : Number(found.member_id),
        created: false,
      });
      continue;
    }
    if (role === 'employer' || role === 'member') link ??= await demoEmployment(database, today);
    const added = await addUser(
      database,
      {
        username,
        role,
        password,
        employerId: role === 'employer' ? link!.employerId : null,
        memberId: role === 'member' ? link!.memberId : null,
      },
      { actor: ACTOR },
    );
    users.push({
      username,
      role,
      password,
      employerId: added.employerId,
      memberId: added.memberId,
      created: true,
    });
  }
  return users;
}

/** An employer with a current worker: the first in the database, or a demo one. */
async function demoEmployment(
  database: Database,
  today: string,
): Promise<{ employerId: number; memberId: number }> {
  const first = await database.db
    .selectFrom('employment')
    .select(['employer_id', 'member_id'])
    .where('end_date', 'is', null)
    .where('kind', '<>', 'self_employed')
    .orderBy('employer_id')
    .orderBy('employment_id')
    .limit(1)
    .executeTakeFirst();
  if (first) return { employerId: Number(first.employer_id), memberId: Number(first.member_id) };
  const startedOn = `${today.slice(0, 4)}-01-01`;
  const employer = await registerEmployer(
    database,
    {
      kind: 'enterprise',
      name: 'Samaki Demo Garment Co.',
      sector: 'garment',
      province: 12,
      startedOn,
      registeredOn: startedOn,
    },
    { actor: ACTOR, today },
  );
  const worker = await registerWorker(
    database,
    {
      employerId: employer.employerId,
      person: {
        familyNameKm: 'សុខ',
        givenNameKm: 'ដារា',
        nameLatin: 'SOK DARA',
        sex: 'F',
        birthDate: '1995-04-14',
        province: 12,
      },
      startDate: startedOn,
      registeredOn: startedOn,
    },
    { actor: ACTOR, today },
  );
  return { employerId: employer.employerId, memberId: worker.memberId };
}
