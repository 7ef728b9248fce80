/**
 * @module db/migrations/0002-create-registry-tables
 * The registry of who is who: households and the persons in them, with names (Khmer script and
 * the usual romanisation), national ID, province and poverty class. `samaki synth --load` fills
 * them with the synthetic Cambodia; the registry module will own them later. SQL stays within
 * PostgreSQL 15 (STACK.md, gotcha 5).
 *
 * Citus: `person` is distributed by `person_id`. `household` has no person or employer key to be
 * distributed by, so it is a reference table (copied to every node; 3.6 million rows at full
 * scale); the foreign key from `person` to it is one Citus allows.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table household (
      household_id bigint primary key,
      province smallint not null check (province between 1 and 25),
      urban boolean not null,
      size smallint not null check (size >= 0),
      head_person_id bigint,
      -- 0 not poor, 1 IDPoor level 1, 2 IDPoor level 2 (REFERENCE.md §3.1).
      idpoor smallint not null default 0 check (idpoor in (0, 1, 2)),
      pmt_score smallint check (pmt_score >= 0)
    )`.execute(db);

  await sql`
    create table person (
      person_id bigint primary key,
      household_id bigint references household (household_id),
      family_name_km text not null,
      given_name_km text not null,
      name_latin text,
      sex char(1) not null check (sex in ('M', 'F')),
      birth_date date not null,
      death_date date,
      national_id text check (national_id ~ '^[0-9]{9}$'),
      province smallint not null check (province between 1 and 25),
      urban boolean not null,
      disability smallint not null default 0 check (disability in (0, 1, 2)),
      check (death_date is null or death_date >= birth_date)
    )`.execute(db);

  // Looking a person up by national ID card, and listing a household's members. The ID is not
  // unique: real registers hold the same number twice, and Citus would need person_id in the key.
  await sql`create index person_national_id on person (national_id)`.execute(db);
  await sql`create index person_household on person (household_id)`.execute(db);
}
