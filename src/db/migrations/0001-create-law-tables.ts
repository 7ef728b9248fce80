/**
 * @module db/migrations/0001-create-law-tables
 * The first tables: the versions of the law that were loaded, the log of evaluated (explained)
 * cases, and the append-only audit log. SQL stays within PostgreSQL 15, the server Debian ships,
 * although PGlite runs PostgreSQL 18 (STACK.md, gotcha 5).
 *
 * Migrations take `Kysely<unknown>` on purpose: they describe the database as it was when they
 * were written, not the current `Schema`.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A reference table: small, read everywhere. The fingerprint is part of the key because a
  // version name can be reloaded with corrected parameter values; both loads must stay visible.
  await sql`
    create table law_version (
      version text not null,
      fingerprint text not null check (fingerprint ~ '^[0-9a-f]{64}$'),
      variables integer not null check (variables >= 0),
      parameters integer not null check (parameters >= 0),
      loaded_at timestamptz not null default now(),
      primary key (version, fingerprint)
    )`.execute(db);

  // Every explained decision keeps what is needed to re-derive it years later: inputs, trace,
  // law version and the hash of the parameter values used (DESIGN.md, "The central idea").
  // The unique key makes recording the same evaluation twice a no-op.
  await sql`
    create table evaluated_case (
      id bigint generated always as identity primary key,
      case_key text not null,
      variable text not null,
      period text not null check (period ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
      entity text not null,
      entity_key text not null,
      value jsonb not null check (jsonb_typeof(value) in ('number', 'boolean', 'string')),
      inputs jsonb not null check (jsonb_typeof(inputs) = 'object'),
      trace jsonb not null,
      law_version text not null,
      parameter_hash text not null,
      evaluated_at timestamptz not null default now(),
      constraint evaluated_case_once
        unique (case_key, variable, period, entity_key, law_version, parameter_hash)
    )`.execute(db);

  await sql`
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor text not null,
      action text not null,
      entity text not null,
      entity_id text not null,
      before jsonb,
      after jsonb
    )`.execute(db);

  // Auditors read the history of one record.
  await sql`create index audit_log_entity on audit_log (entity, entity_id, id)`.execute(db);

  // Append-only is enforced by the database, not only by the services, so no code path (a
  // hand-written query, a future service, a psql session) can rewrite history. TRUNCATE bypasses
  // row triggers, hence the statement-level trigger too.
  await sql`
    create function audit_log_refuse_change() returns trigger
    language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % is not allowed', tg_op
        using hint = 'Record a correction as a new audit row.';
    end
    $$`.execute(db);
  await sql`
    create trigger audit_log_append_only
      before update or delete on audit_log
      for each row execute function audit_log_refuse_change()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate
      before truncate on audit_log
      for each statement execute function audit_log_refuse_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_log`.execute(db);
  await sql`drop function audit_log_refuse_change()`.execute(db);
  await sql`drop table evaluated_case`.execute(db);
  await sql`drop table law_version`.execute(db);
}
