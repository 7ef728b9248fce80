/**
 * @module db/schema
 * The database tables as Kysely types: what a row reads as, what an insert accepts, and what an
 * update may change. Migrations (`./migrations`) create these tables; keep the two in step.
 *
 * Types are the same on both drivers because `openDatabase` makes `pg` parse int8 and numeric as
 * numbers, as PGlite does (STACK.md, gotcha 4).
 */
import type { ColumnType, GeneratedAlways, Insertable, Selectable } from 'kysely';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * A jsonb column: read as parsed JSON, written as JSON text. Writes take text because the two
 * drivers serialise JS values differently (`pg` turns arrays into PostgreSQL arrays and sends a
 * bare string unquoted), while JSON text means the same thing to both.
 */
export type Jsonb<T extends JsonValue> = ColumnType<T, string, string>;

/** The value of an evaluated variable: the rules engine's scalar types. */
export type CaseValue = number | boolean | string;

/** A timestamp the database sets (`default now()`) and nobody changes. */
type SetByDatabase = ColumnType<Date, never, never>;

/** One loaded version of the law: its name and the fingerprint of every parameter value. */
export interface LawVersionTable {
  version: string;
  /** sha256 hex of all parameter values (`Law.fingerprint`). */
  fingerprint: string;
  variables: number;
  parameters: number;
  loaded_at: SetByDatabase;
}

/**
 * One explained decision: a variable evaluated for one entity and period, with the inputs, the
 * trace, the law version and the hash of the parameter values used, so it can be re-derived.
 */
export interface EvaluatedCaseTable {
  id: GeneratedAlways<number>;
  /** A stable key chosen by the caller (a claim, a declaration line, a law test case). */
  case_key: string;
  variable: string;
  /** `YYYY-MM` or `YYYY`. */
  period: string;
  entity: string;
  entity_key: string;
  value: Jsonb<CaseValue>;
  inputs: Jsonb<JsonObject>;
  trace: Jsonb<JsonValue>;
  law_version: string;
  parameter_hash: string;
  evaluated_at: SetByDatabase;
}

/** Append-only record of every change to business data (who, when, what, before, after). */
export interface AuditLogTable {
  id: GeneratedAlways<number>;
  at: SetByDatabase;
  // Update types are `never`: the table is append-only, and a trigger enforces it in the database.
  actor: ColumnType<string, string, never>;
  action: ColumnType<string, string, never>;
  entity: ColumnType<string, string, never>;
  entity_id: ColumnType<string, string, never>;
  before: ColumnType<JsonValue | null, string | null | undefined, never>;
  after: ColumnType<JsonValue | null, string | null | undefined, never>;
}

// The merger (migration 0003). Months are `YYYY-MM` text.

export type LegacySourceCode = 'nssf' | 'nssf-c' | 'nfv';
export type BranchCode = 'employment_injury' | 'health' | 'pension';

/** One merge of a set of legacy files; the same files again are the same run. */
export interface MergeRunTable {
  id: GeneratedAlways<number>;
  /** sha256 over the sorted hashes of the input files. */
  file_set: string;
  from_dir: string;
  actor: string;
  started_at: SetByDatabase;
  report: Jsonb<JsonObject>;
}

export interface LegacyFileTable {
  merge_run_id: number;
  source: LegacySourceCode;
  file: string;
  sha256: string;
  rows: number;
  accepted: number;
  rejected: number;
}

export interface LegacyRejectedRowTable {
  id: GeneratedAlways<number>;
  merge_run_id: number;
  source: LegacySourceCode;
  file: string;
  row: number;
  column_name: string | null;
  reason: string;
}

export interface LegacyRecordTable {
  source: LegacySourceCode;
  record_id: string;
  merge_run_id: number;
  row: number;
  name_khmer: string | null;
  name_latin: string | null;
  sex: 'M' | 'F' | null;
  /**
   * A `date`. The drivers read dates differently (`pg` as a local-midnight Date), so select it
   * as text, `sql<string | null>\`birth_date::text\``; written as `YYYY-MM-DD` text.
   */
  birth_date: ColumnType<unknown, string | null, string | null>;
  national_id: string | null;
}

export interface LegacySpellTable {
  source: LegacySourceCode;
  record_id: string;
  branch: BranchCode;
  from_month: string;
  to_month: string;
  wage: number | null;
}

export interface MemberTable {
  member_id: ColumnType<number, number | undefined, never>;
  merge_run_id: number;
  created_at: SetByDatabase;
  /** The member this one was merged into by a review decision, or null. */
  merged_into: ColumnType<number | null, number | null | undefined, number | null>;
}

export type LinkedBy = 'single' | 'auto' | 'review' | 'split';

export interface MemberRecordTable {
  source: LegacySourceCode;
  record_id: string;
  member_id: number;
  linked_by: LinkedBy;
  score: number | null;
  linked_at: ColumnType<Date, Date | undefined, Date>;
}

export type ReviewStatus = 'pending' | 'accepted' | 'rejected';

export interface LinkReviewTable {
  id: GeneratedAlways<number>;
  merge_run_id: number;
  source_a: LegacySourceCode;
  record_a: string;
  source_b: LegacySourceCode;
  record_b: string;
  score: number;
  probability: number;
  evidence: Jsonb<JsonValue[]>;
  status: ColumnType<ReviewStatus, ReviewStatus | undefined, ReviewStatus>;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface InsuredPeriodTable {
  member_id: number;
  branch: BranchCode;
  from_month: string;
  to_month: string;
  months: number;
  /** Registers holding these months, comma-separated: `nssf`, `nssf,nfv`, … */
  sources: string;
}

/** A household of the registry (migration 0002); loaded from the synthetic Cambodia today. */
export interface HouseholdTable {
  household_id: number;
  province: number;
  urban: boolean;
  size: number;
  head_person_id: number | null;
  /** 0 not poor, 1 IDPoor level 1, 2 IDPoor level 2. */
  idpoor: ColumnType<number, number | undefined, number>;
  pmt_score: number | null;
}

/** A person of the registry (migration 0002): names, national ID, province. */
export interface PersonTable {
  person_id: number;
  household_id: number | null;
  family_name_km: string;
  given_name_km: string;
  name_latin: string | null;
  sex: 'M' | 'F';
  /** `date` columns: read as a Date by both drivers, written as `YYYY-MM-DD`. */
  birth_date: ColumnType<Date, string, string>;
  death_date: ColumnType<Date | null, string | null, string | null>;
  national_id: string | null;
  province: number;
  urban: boolean;
  disability: ColumnType<number, number | undefined, number>;
}

export interface Schema {
  law_version: LawVersionTable;
  evaluated_case: EvaluatedCaseTable;
  audit_log: AuditLogTable;
  merge_run: MergeRunTable;
  legacy_file: LegacyFileTable;
  legacy_rejected_row: LegacyRejectedRowTable;
  legacy_record: LegacyRecordTable;
  legacy_spell: LegacySpellTable;
  member: MemberTable;
  member_record: MemberRecordTable;
  link_review: LinkReviewTable;
  insured_period: InsuredPeriodTable;
  household: HouseholdTable;
  person: PersonTable;
}

export type LawVersionRow = Selectable<LawVersionTable>;
export type EvaluatedCaseRow = Selectable<EvaluatedCaseTable>;
export type NewEvaluatedCaseRow = Insertable<EvaluatedCaseTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
