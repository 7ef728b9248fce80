/**
 * @module db/migrations/0003-create-merger-tables
 * The merger of the three legacy registers into the fund's member register: what was imported
 * (runs, files, records, rejected rows, spells), what it became (members and the legacy records
 * each member came from), the clerical review queue, and the totalised insured periods.
 *
 * Provenance is structural: a member is nothing but the set of legacy records linked to it
 * (`member_record`), so splitting a wrong merge moves records to a new member and loses nothing.
 * Months are `YYYY-MM` text, which sorts and compares in calendar order.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One run per distinct set of input files: the same files again are recognised by `file_set`
  // (sha256 over the files' own hashes) and change nothing.
  await sql`
    create table merge_run (
      id bigint generated always as identity primary key,
      file_set text not null unique check (file_set ~ '^[0-9a-f]{64}$'),
      from_dir text not null,
      actor text not null,
      started_at timestamptz not null default now(),
      report jsonb not null check (jsonb_typeof(report) = 'object')
    )`.execute(db);

  await sql`
    create table legacy_file (
      merge_run_id bigint not null references merge_run (id),
      source text not null check (source in ('nssf', 'nssf-c', 'nfv')),
      file text not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      rows integer not null check (rows >= 0),
      accepted integer not null check (accepted >= 0),
      rejected integer not null check (rejected >= 0),
      primary key (merge_run_id, source, file),
      check (accepted + rejected = rows)
    )`.execute(db);

  await sql`
    create table legacy_rejected_row (
      id bigint generated always as identity primary key,
      merge_run_id bigint not null references merge_run (id),
      source text not null,
      file text not null,
      row integer not null,
      column_name text,
      reason text not null
    )`.execute(db);

  // The latest accepted version of each legacy record, keyed as its register keys it.
  await sql`
    create table legacy_record (
      source text not null check (source in ('nssf', 'nssf-c', 'nfv')),
      record_id text not null,
      merge_run_id bigint not null references merge_run (id),
      row integer not null,
      name_khmer text,
      name_latin text,
      sex text check (sex in ('M', 'F')),
      birth_date date,
      national_id text check (national_id ~ '^[0-9]{9}$'),
      primary key (source, record_id),
      check (name_khmer is not null or name_latin is not null)
    )`.execute(db);

  await sql`
    create table legacy_spell (
      source text not null,
      record_id text not null,
      branch text not null check (branch in ('employment_injury', 'health', 'pension')),
      from_month text not null check (from_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      to_month text not null check (to_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      wage bigint check (wage >= 0),
      check (from_month <= to_month),
      foreign key (source, record_id) references legacy_record (source, record_id)
    )`.execute(db);
  await sql`create index legacy_spell_record on legacy_spell (source, record_id)`.execute(db);

  await sql`
    create table member (
      member_id bigint generated always as identity primary key,
      merge_run_id bigint not null references merge_run (id),
      created_at timestamptz not null default now()
    )`.execute(db);

  // Which member each legacy record belongs to, and why. No foreign key to member: on Citus the
  // two are distributed on different columns (record_id, member_id); the services keep them in
  // step, and the storage tests check it.
  await sql`
    create table member_record (
      source text not null,
      record_id text not null,
      member_id bigint not null,
      linked_by text not null check (linked_by in ('single', 'auto', 'review', 'split')),
      score double precision,
      linked_at timestamptz not null default now(),
      primary key (source, record_id),
      foreign key (source, record_id) references legacy_record (source, record_id)
    )`.execute(db);
  await sql`create index member_record_member on member_record (member_id)`.execute(db);

  // Pairs the linkage could not decide. A decided pair is never queued again: an accepted pair
  // is always linked and a rejected pair never is, whatever later runs score.
  await sql`
    create table link_review (
      id bigint generated always as identity primary key,
      merge_run_id bigint not null references merge_run (id),
      source_a text not null,
      record_a text not null,
      source_b text not null,
      record_b text not null,
      score double precision not null,
      probability double precision not null check (probability between 0 and 1),
      evidence jsonb not null check (jsonb_typeof(evidence) = 'array'),
      status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
      decided_by text,
      decided_at timestamptz,
      unique (source_a, record_a, source_b, record_b),
      check ((status = 'pending') = (decided_by is null)),
      check ((status = 'pending') = (decided_at is null))
    )`.execute(db);
  await sql`create index link_review_pending on link_review (status, probability desc)`.execute(db);

  // Totalisation: each member's months per branch, each month once, with the registers that
  // hold it (`sources`, comma-separated in a fixed order).
  await sql`
    create table insured_period (
      member_id bigint not null references member (member_id),
      branch text not null check (branch in ('employment_injury', 'health', 'pension')),
      from_month text not null check (from_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      to_month text not null check (to_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      months integer not null check (months > 0),
      sources text not null,
      primary key (member_id, branch, from_month),
      check (from_month <= to_month)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'insured_period',
    'link_review',
    'member_record',
    'member',
    'legacy_spell',
    'legacy_record',
    'legacy_rejected_row',
    'legacy_file',
    'merge_run',
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db);
  }
}
