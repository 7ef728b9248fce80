/**
 * @module db/migrations/0005-create-access-tables
 * Who may use the HTTP API: users with a role and an argon2 password hash, and their sessions.
 * A session is an opaque random token given to the client once; only its sha256 is stored, so a
 * copy of the database does not let anyone sign in.
 *
 * Citus (see `db/distribution.ts`): both are small reference tables. A user of role `employer`
 * names its employer and a `member` user its member, but without foreign keys: a reference table
 * may not point at a distributed one. The service `addUser` checks that they exist.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table app_user (
      user_id bigint generated always as identity primary key,
      username text not null unique check (username ~ '^[a-z0-9][a-z0-9_.-]{1,63}$'),
      role text not null check (role in
        ('admin', 'fund_officer', 'supervisor', 'employer', 'member', 'council_analyst', 'auditor')),
      employer_id bigint,
      member_id bigint,
      -- argon2id, in the PHC string format ($argon2id$v=19$m=…,t=…,p=…$salt$hash).
      password_hash text not null check (password_hash like '$argon2%'),
      created_at timestamptz not null default now(),
      -- An employer user sees one employer, a member user one member; nobody else is tied to either.
      check ((role = 'employer') = (employer_id is not null)),
      check ((role = 'member') = (member_id is not null))
    )`.execute(db);

  await sql`
    create table app_session (
      token_hash text primary key check (token_hash ~ '^[0-9a-f]{64}$'),
      user_id bigint not null references app_user (user_id),
      -- Both from the API's clock (tests inject one), so expiry is decided by one clock.
      created_at timestamptz not null,
      expires_at timestamptz not null,
      check (expires_at > created_at)
    )`.execute(db);
  await sql`create index app_session_user on app_session (user_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table app_session`.execute(db);
  await sql`drop table app_user`.execute(db);
}
