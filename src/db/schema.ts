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
  /** Null for a member registered by an employer rather than brought in by the merger. */
  merge_run_id: number | null;
  /** The registry person, when known (migration 0004). */
  person_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: SetByDatabase;
  /** The member this one was merged into by a review decision, or null. */
  merged_into: ColumnType<number | null, number | null | undefined, number | null>;
  /** The date of death, once recorded (migration 0007). */
  died_on: NullableDateColumn;
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
  urban: boolean | null;
  disability: ColumnType<number, number | undefined, number>;
}

// The fund (migration 0004). Money is integer riel; months are `YYYY-MM` text.

/** A `date` column: read as a Date by both drivers, written as `YYYY-MM-DD`. */
type DateColumn = ColumnType<Date, string, string>;
type NullableDateColumn = ColumnType<Date | null, string | null | undefined, string | null>;

export const EMPLOYER_KINDS = [
  'enterprise',
  'public_institution',
  'household',
  'value_chain_lead',
  'self_employed',
] as const;
export type EmployerKind = (typeof EMPLOYER_KINDS)[number];

export const EMPLOYMENT_KINDS = ['wage', 'casual', 'domestic', 'self_employed', 'subcontracted'] as const;
export type EmploymentKind = (typeof EMPLOYMENT_KINDS)[number];

/** Every contributor, the self-employed person included (kind `self_employed`). */
export interface EmployerTable {
  employer_id: ColumnType<number, number | undefined, never>;
  employer_no: string;
  kind: EmployerKind;
  name: string;
  sector: string;
  province: number | null;
  lead_employer_id: number | null;
  business_no: string | null;
  started_on: DateColumn;
  registered_on: DateColumn;
  registration_deadline: DateColumn;
  late_registration: boolean;
  closed_on: NullableDateColumn;
  created_at: SetByDatabase;
}

export interface EmploymentTable {
  employer_id: number;
  employment_id: ColumnType<number, number | undefined, never>;
  member_id: number;
  kind: EmploymentKind;
  sector: string;
  via_employer_id: number | null;
  start_date: DateColumn;
  end_date: NullableDateColumn;
  registered_on: DateColumn;
  registration_deadline: DateColumn;
  late_registration: boolean;
}

export type AffiliationEndReason = 'missed_contributions' | 'stopped' | 'became_employee';

export interface SelfEmployedAffiliationTable {
  member_id: number;
  affiliation_id: ColumnType<number, number | undefined, never>;
  employer_id: number;
  started_on: DateColumn;
  ended_on: NullableDateColumn;
  end_reason: AffiliationEndReason | null;
}

export interface ExchangeRateTable {
  month: string;
  riel_per_usd: number;
  reference: string;
}

export type DeclarationStatus = 'received' | 'posted' | 'superseded';
export type DeclarationSource = 'api' | 'xlsx' | 'csv' | 'batch';

export interface DeclarationTable {
  employer_id: number;
  declaration_id: ColumnType<number, number | undefined, never>;
  month: string;
  version: number;
  amends_id: number | null;
  status: DeclarationStatus;
  source: DeclarationSource;
  idempotency_key: string | null;
  actor: string;
  received_at: SetByDatabase;
  posted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  lines: number;
  wage_total: number;
  employer_total: number | null;
  worker_total: number | null;
  law_version: string | null;
  parameter_hash: string | null;
}

export interface DeclarationLineTable {
  employer_id: number;
  declaration_id: number;
  line_no: number;
  member_id: number;
  employment_kind: EmploymentKind;
  wage_khr: number;
  wage_usd_cents: number;
  days_worked: number | null;
  contributory_wage: number | null;
  pension_contributory_wage: number | null;
  employment_injury: number | null;
  health_employer: number | null;
  health_worker: number | null;
  pension_employer: number | null;
  pension_worker: number | null;
  self_employed_health: number | null;
}

export const LEDGER_ACCOUNTS = [
  'employer_receivable',
  'bank',
  'penalty_income',
  'contribution_income:employment_injury',
  'contribution_income:health',
  'contribution_income:pension',
  'contribution_income:self_employed_health',
] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number];
export type JournalEntryKind = 'contribution_due' | 'reversal' | 'payment' | 'penalty';

export interface JournalEntryTable {
  employer_id: number;
  entry_id: ColumnType<number, number | undefined, never>;
  kind: JournalEntryKind;
  month: string | null;
  declaration_id: number | null;
  payment_id: number | null;
  /** Penalty entries: the month of delay charged. */
  assessed_for: string | null;
  posted_at: SetByDatabase;
  actor: string;
  memo: string;
}

export interface JournalLineTable {
  employer_id: number;
  entry_id: number;
  line_no: number;
  account: LedgerAccount;
  debit: ColumnType<number, number | undefined, never>;
  credit: ColumnType<number, number | undefined, never>;
}

export interface PaymentTable {
  employer_id: number;
  payment_id: ColumnType<number, number | undefined, never>;
  received_on: DateColumn;
  amount: number;
  reference: string;
  actor: string;
  created_at: SetByDatabase;
}

export type DebtKind = 'contribution' | 'penalty';

export interface PaymentAllocationTable {
  employer_id: number;
  allocation_id: ColumnType<number, number | undefined, never>;
  payment_id: number;
  debt_month: string;
  debt_kind: DebtKind;
  /** Negative: a release of an earlier allocation (the month's debt was amended down). */
  amount: number;
  allocated_at: SetByDatabase;
}

export interface InsuranceRecordTable {
  member_id: number;
  month: string;
  employer_id: number;
  declaration_id: number;
  wage_khr: number;
  contributory_wage: number;
  employment_injury: boolean;
  health: boolean;
  pension: boolean;
  self_employed_health: boolean;
}

export interface IdempotencyRequestTable {
  employer_id: number;
  key: string;
  operation: string;
  request_hash: string;
  response: Jsonb<JsonValue>;
  created_at: SetByDatabase;
}

// Access to the API (migration 0005).

export const ROLES = [
  'admin',
  'fund_officer',
  'supervisor',
  'employer',
  'member',
  'council_analyst',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** A user of the API: an employer user is tied to one employer, a member user to one member. */
export interface AppUserTable {
  user_id: GeneratedAlways<number>;
  username: string;
  role: Role;
  employer_id: number | null;
  member_id: number | null;
  /** argon2id in the PHC string format; the password itself is never stored. */
  password_hash: string;
  created_at: SetByDatabase;
}

/** An open session: the sha256 (hex) of the token the client holds, and when it expires. */
export interface AppSessionTable {
  token_hash: string;
  user_id: number;
  created_at: ColumnType<Date, Date, never>;
  expires_at: ColumnType<Date, Date, never>;
}

// Benefit claims (migration 0006).

export const CLAIM_STATUSES = [
  'submitted',
  'in_review',
  'approved',
  'rejected',
  'appealed',
  'withdrawn',
  'paid',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export interface ClaimTable {
  member_id: number;
  claim_id: ColumnType<number, number | undefined, never>;
  variable: string;
  month: string;
  event_date: DateColumn;
  facts: Jsonb<JsonObject>;
  evidence: Jsonb<JsonValue[]>;
  status: ClaimStatus;
  decision_case_key: string | null;
  amount: ColumnType<JsonValue | null, string | null | undefined, string | null>;
  decided_by: string | null;
  approved_by: string | null;
  rejection_reason: string | null;
  submitted_by: string;
  submitted_at: SetByDatabase;
}

export interface ClaimEventTable {
  member_id: number;
  event_id: ColumnType<number, number | undefined, never>;
  claim_id: number;
  at: SetByDatabase;
  actor: string;
  from_status: ClaimStatus | null;
  to_status: ClaimStatus;
  note: string | null;
}

// Paying benefits (migration 0007).

export interface MemberPayeeTable {
  member_id: number;
  bank: string;
  account_no: string;
  account_name: string;
  updated_by: string;
  /** Set by the database on insert; an update sets it (an ISO timestamp). */
  updated_at: ColumnType<Date, never, string>;
}

export interface PriceIndexTable {
  month: string;
  cpi: number;
  reference: string;
}

export type EntitlementEndReason = 'death' | 'recovery' | 'return_to_work';

export interface EntitlementTable {
  member_id: number;
  entitlement_id: ColumnType<number, number | undefined, never>;
  claim_id: number;
  variable: string;
  branch: string;
  inputs: Jsonb<JsonObject>;
  start_month: string;
  due_through: string | null;
  end_month: string | null;
  end_reason: EntitlementEndReason | null;
  created_at: SetByDatabase;
}

export interface PaymentRunTable {
  run_id: ColumnType<number, number | undefined, never>;
  month: string;
  idempotency_key: string;
  actor: string;
  created_at: SetByDatabase;
  dues: number;
  instructions: number;
  amount: number;
  held: number;
  without_amount: number;
  law_version: string;
  parameter_hash: string;
}

export interface BenefitDueTable {
  member_id: number;
  due_id: ColumnType<number, number | undefined, never>;
  entitlement_id: number | null;
  claim_id: number | null;
  month: string;
  variable: string;
  branch: string;
  amount: number;
  run_id: number;
}

export const BENEFIT_PAYMENT_STATUSES = ['instructed', 'paid', 'failed', 'reversed'] as const;
export type BenefitPaymentStatus = (typeof BENEFIT_PAYMENT_STATUSES)[number];

export interface BenefitPaymentTable {
  member_id: number;
  instruction_id: ColumnType<number, number | undefined, never>;
  due_id: number;
  run_id: number;
  attempt: number;
  idempotency_key: string;
  amount: number;
  bank: string;
  account_no: string;
  account_name: string;
  status: BenefitPaymentStatus;
  bank_reference: string | null;
  reason: string | null;
  settled_on: NullableDateColumn;
}

export type BenefitJournalEntryKind = 'benefit_due' | 'benefit_paid' | 'benefit_reversed';

export interface BenefitJournalEntryTable {
  entry_id: ColumnType<number, number | undefined, never>;
  kind: BenefitJournalEntryKind;
  run_id: number;
  month: string;
  posted_at: SetByDatabase;
  actor: string;
  memo: string;
}

export interface BenefitJournalLineTable {
  entry_id: number;
  line_no: number;
  account: string;
  debit: number;
  credit: number;
}

// Grievances of social assistance (migration 0008).

export const GRIEVANCE_CHANNELS = ['in_person', 'phone', 'hotline', 'commune_council', 'online'] as const;
export const GRIEVANCE_CATEGORIES = ['targeting', 'enrolment', 'payment', 'conduct', 'other'] as const;
export type GrievanceStatus = 'lodged' | 'assigned' | 'escalated' | 'resolved';

export interface GrievanceTable {
  grievance_id: ColumnType<number, number | undefined, never>;
  household_id: number;
  person_id: number | null;
  lodged_by: string;
  on_behalf: boolean;
  channel: (typeof GRIEVANCE_CHANNELS)[number];
  category: (typeof GRIEVANCE_CATEGORIES)[number];
  description: string;
  status: GrievanceStatus;
  assigned_to: string | null;
  level: ColumnType<number, number | undefined, number>;
  lodged_on: DateColumn;
  due_on: DateColumn;
  resolved_on: NullableDateColumn;
  answer: string | null;
}

export interface GrievanceEventTable {
  event_id: ColumnType<number, number | undefined, never>;
  grievance_id: number;
  at: SetByDatabase;
  actor: string;
  from_status: GrievanceStatus | null;
  to_status: GrievanceStatus;
  note: string | null;
}

// Enrolment in social assistance (migration 0009).

export interface AssistanceEnrolmentTable {
  enrolment_id: ColumnType<number, number | undefined, never>;
  household_id: number;
  programme: 'family_package';
  enrolled_month: string;
  reason: string;
  exited_month: string | null;
  exit_reason: string | null;
  actor: string;
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
  employer: EmployerTable;
  employment: EmploymentTable;
  self_employed_affiliation: SelfEmployedAffiliationTable;
  exchange_rate: ExchangeRateTable;
  declaration: DeclarationTable;
  declaration_line: DeclarationLineTable;
  journal_entry: JournalEntryTable;
  journal_line: JournalLineTable;
  payment: PaymentTable;
  payment_allocation: PaymentAllocationTable;
  insurance_record: InsuranceRecordTable;
  idempotency_request: IdempotencyRequestTable;
  claim: ClaimTable;
  claim_event: ClaimEventTable;
  member_payee: MemberPayeeTable;
  price_index: PriceIndexTable;
  entitlement: EntitlementTable;
  payment_run: PaymentRunTable;
  benefit_due: BenefitDueTable;
  benefit_payment: BenefitPaymentTable;
  benefit_journal_entry: BenefitJournalEntryTable;
  benefit_journal_line: BenefitJournalLineTable;
  grievance: GrievanceTable;
  grievance_event: GrievanceEventTable;
  assistance_enrolment: AssistanceEnrolmentTable;
  app_user: AppUserTable;
  app_session: AppSessionTable;
}

export type LawVersionRow = Selectable<LawVersionTable>;
export type EvaluatedCaseRow = Selectable<EvaluatedCaseTable>;
export type NewEvaluatedCaseRow = Insertable<EvaluatedCaseTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
