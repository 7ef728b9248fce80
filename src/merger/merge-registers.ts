/**
 * @module merger/merge-registers
 * The merge service: imports the three legacy registers of a folder, links their records into
 * persons, and stores the fund's member register with provenance, the clerical review queue and
 * the totalised insured periods, in one transaction.
 *
 * - Idempotent: a run is identified by the hashes of its input files; the same files again
 *   return the stored report and change nothing.
 * - Refusals are atomic: a file refused whole (missing, not UTF-8, bad header) stops the merge
 *   before anything is written.
 * - Stable members: a later run with corrected files keeps every record's member; new records
 *   join the member their cluster already has, or a new one. Clerical decisions are respected:
 *   an accepted pair is always linked, a rejected pair is never linked directly.
 */
import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { bulkInsert } from '../db/bulk-insert.js';
import type { Database } from '../db/open-database.js';
import type { JsonObject, JsonValue, Schema } from '../db/schema.js';
import { type ImportedRegisters, importLegacyRegisters } from './import/import-legacy-registers.js';
import type { LegacyRecord } from './legacy-record.js';
import { DisjointSets } from './linkage/cluster.js';
import { evaluateLinkage, type LinkageQuality } from './linkage/evaluate-linkage.js';
import { countOpenReviews } from './member-register.js';
import { readGroundTruth } from './read-ground-truth.js';
import { type LinkOutcome, runLinkage } from './run-linkage.js';
import { type SpellInput, totaliseInsuredPeriods } from './totalise-insured-periods.js';

export interface MergeOptions {
  /** Who runs the merge (recorded on the run and in the audit log). */
  actor: string;
  /** Progress messages for long runs (stderr in the CLI). */
  onProgress?: (message: string) => void;
  /** The linker; the Fellegi-Sunter linkage by default (tests inject a fixed one). */
  link?: (records: readonly LegacyRecord[]) => LinkOutcome;
}

export interface MergeReport extends JsonObject {
  run_id: number;
  /** True when these exact files were merged before: nothing was changed. */
  unchanged: boolean;
  from: string;
  /** Accepted member records. */
  records: number;
  /** Members (persons) holding the records of these files. */
  persons: number;
  /** Members made of more than one legacy record. */
  clusters: number;
  /** Records linked to another record automatically (above the auto-merge threshold). */
  auto_merged: number;
  /** Pairs waiting in the clerical review queue (all runs). */
  review: number;
  /** Rows refused (member and contribution files), each stored with file, row, column, reason. */
  rejected_rows: number;
  /** Cells read with a correction (swapped day and month, unusable ID number). */
  corrections: number;
  spells: number;
  insured_periods: number;
  by_source: JsonObject;
  files: JsonValue[];
  linkage: JsonObject;
  timings_ms: JsonObject;
}

export type MergeResult = MergeReport & Partial<Record<'precision' | 'recall' | 'f1', number>>;

/** Merges the legacy registers under `fromDir` into the member register. */
export async function mergeRegisters(
  database: Database,
  fromDir: string,
  options: MergeOptions,
): Promise<MergeResult> {
  const progress = options.onProgress ?? (() => {});
  const t0 = performance.now();
  progress(`reading the legacy registers in ${fromDir}`);
  const imported = await importLegacyRegisters(fromDir);
  const tImport = performance.now();
  const fileSet = hashFileSet(imported);

  const previous = await database.db
    .selectFrom('merge_run')
    .select(['id', 'report'])
    .where('file_set', '=', fileSet)
    .executeTakeFirst();
  if (previous) return { ...(previous.report as MergeResult), run_id: previous.id, unchanged: true };

  progress(`linking ${imported.records.length.toLocaleString('en')} records`);
  const decisions = await readDecisions(database, imported.records);
  const linkage = (options.link ?? runLinkage)(imported.records);
  const tLink = performance.now();

  progress('storing the member register');
  const result = await database.db.transaction().execute(async (trx) => {
    const existing = await readMembership(trx, imported.records);
    const plan = planMembers(imported.records, linkage, decisions, existing);
    const report = buildReport(fromDir, imported, linkage, plan);
    const run = await trx
      .insertInto('merge_run')
      .values({ file_set: fileSet, from_dir: fromDir, actor: options.actor, report: JSON.stringify(report) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeImport(database, trx, run.id, imported);
    const firstMember = await reserveMemberNumbers(trx, plan.newMembers);
    const memberIds = plan.memberOf.map((m) => (m >= 0 ? m : firstMember + (-m - 1)));
    await writeMembers(database, trx, run.id, imported, plan, memberIds, firstMember);
    const queued = await writeReviewQueue(trx, run.id, imported.records, linkage, decisions, memberIds);
    const periods = await writeInsuredPeriods(database, trx, imported, memberIds);
    const final: MergeResult = { ...report, run_id: run.id, review: queued, insured_periods: periods };
    final.persons = new Set(memberIds).size;
    const truth = readGroundTruth(fromDir, imported.records);
    if (truth) Object.assign(final, qualityFields(evaluateLinkage(Int32Array.from(memberIds), truth)));
    final.timings_ms = {
      import: Math.round(tImport - t0),
      link: Math.round(tLink - tImport),
      store: Math.round(performance.now() - tLink),
    };
    await trx
      .updateTable('merge_run')
      .set({ report: JSON.stringify(final) })
      .where('id', '=', run.id)
      .execute();
    await trx
      .insertInto('audit_log')
      .values({
        actor: options.actor,
        action: 'merge',
        entity: 'merge_run',
        entity_id: String(run.id),
        after: JSON.stringify({
          file_set: fileSet,
          records: final.records,
          persons: final.persons,
          review: final.review,
        }),
      })
      .execute();
    return final;
  });
  progress(
    `done: ${result.persons.toLocaleString('en')} persons from ${result.records.toLocaleString('en')} records`,
  );
  return result;
}

function hashFileSet(imported: ImportedRegisters): string {
  const hash = createHash('sha256');
  for (const f of [...imported.files].sort((a, b) =>
    `${a.source}/${a.file}`.localeCompare(`${b.source}/${b.file}`),
  )) {
    hash.update(`${f.source}/${f.file}:${f.sha256}\n`);
  }
  return hash.digest('hex');
}

const keyOf = (source: string, recordId: string): string => `${source}\u0000${recordId}`;

interface Decisions {
  /** Record index pairs a reviewer accepted (always linked). */
  accepted: [number, number][];
  /** `a|b` keys of record index pairs a reviewer rejected (never linked directly). */
  rejected: Set<string>;
  /** `a|b` keys of every decided pair (never queued again). */
  decided: Set<string>;
}

async function readDecisions(database: Database, records: readonly LegacyRecord[]): Promise<Decisions> {
  const index = new Map(records.map((r, i) => [keyOf(r.source, r.recordId), i]));
  const rows = await database.db
    .selectFrom('link_review')
    .select(['source_a', 'record_a', 'source_b', 'record_b', 'status'])
    .where('status', '<>', 'pending')
    .execute();
  const decisions: Decisions = { accepted: [], rejected: new Set(), decided: new Set() };
  for (const r of rows) {
    const a = index.get(keyOf(r.source_a, r.record_a));
    const b = index.get(keyOf(r.source_b, r.record_b));
    if (a === undefined || b === undefined) continue;
    decisions.decided.add(pairKey(a, b));
    if (r.status === 'accepted') decisions.accepted.push([a, b]);
    else decisions.rejected.add(pairKey(a, b));
  }
  return decisions;
}

const pairKey = (a: number, b: number): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The member each record already belongs to (from earlier runs), or -1. */
async function readMembership(
  trx: Transaction<Schema>,
  records: readonly LegacyRecord[],
): Promise<Int32Array> {
  const memberOf = new Int32Array(records.length).fill(-1);
  const any = await trx.selectFrom('member_record').select('member_id').limit(1).executeTakeFirst();
  if (!any) return memberOf;
  const index = new Map(records.map((r, i) => [keyOf(r.source, r.recordId), i]));
  const rows = await trx.selectFrom('member_record').select(['source', 'record_id', 'member_id']).execute();
  for (const row of rows) {
    const i = index.get(keyOf(row.source, row.record_id));
    if (i !== undefined) memberOf[i] = row.member_id;
  }
  return memberOf;
}

interface MemberPlan {
  /** Per record: an existing member number (≥ 0), or -(k+1) for the k-th new member. */
  memberOf: number[];
  newMembers: number;
  /** How each record got its member. */
  linkedBy: ('single' | 'auto' | 'review')[];
  clusters: number;
  autoMerged: number;
}

function planMembers(
  records: readonly LegacyRecord[],
  linkage: LinkOutcome,
  decisions: Decisions,
  existing: Int32Array,
): MemberPlan {
  const n = records.length;
  const uf = new DisjointSets(n);
  const byReview = new Uint8Array(n);
  for (const p of linkage.autoPairs) if (!decisions.rejected.has(pairKey(p.a, p.b))) uf.union(p.a, p.b);
  for (const [a, b] of decisions.accepted) {
    uf.union(a, b);
    byReview[a] = 1;
    byReview[b] = 1;
  }
  const members = new Map<number, number[]>(); // root -> records
  for (let i = 0; i < n; i++) {
    const root = uf.find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  }
  const plan: MemberPlan = {
    memberOf: new Array(n),
    newMembers: 0,
    linkedBy: new Array(n),
    clusters: 0,
    autoMerged: 0,
  };
  for (const list of members.values()) {
    const known = new Set<number>();
    for (const i of list) if (existing[i]! >= 0) known.add(existing[i]!);
    if (list.length > 1) {
      plan.clusters++;
    }
    // Exactly one earlier member: the cluster joins it. None: a new member. Several: earlier
    // runs (or a reviewer's split) kept them apart, so only records without a member join, to
    // the first; the members themselves are not merged without a review.
    const target = known.size === 0 ? -++plan.newMembers : Math.min(...known);
    for (const i of list) {
      plan.memberOf[i] = existing[i]! < 0 ? target : existing[i]!;
      plan.linkedBy[i] = list.length === 1 ? 'single' : byReview[i] ? 'review' : 'auto';
      if (list.length > 1 && !byReview[i]) plan.autoMerged++;
    }
  }
  return plan;
}

function buildReport(
  fromDir: string,
  imported: ImportedRegisters,
  linkage: LinkOutcome,
  plan: MemberPlan,
): MergeReport {
  const bySource: JsonObject = {};
  for (const r of imported.records)
    bySource[r.source] = ((bySource[r.source] as number | undefined) ?? 0) + 1;
  return {
    run_id: 0,
    unchanged: false,
    from: fromDir,
    records: imported.records.length,
    persons: 0,
    clusters: plan.clusters,
    auto_merged: plan.autoMerged,
    review: 0,
    rejected_rows: imported.rejected.length,
    corrections: imported.corrections.length,
    spells: imported.spells.length,
    insured_periods: 0,
    by_source: bySource,
    files: imported.files.map((f) => ({ ...f })),
    linkage: linkage.summary,
    timings_ms: {},
  };
}

async function writeImport(
  database: Database,
  trx: Transaction<Schema>,
  runId: number,
  imported: ImportedRegisters,
): Promise<void> {
  if (imported.files.length > 0)
    await trx
      .insertInto('legacy_file')
      .values(imported.files.map((f) => ({ merge_run_id: runId, ...f })))
      .execute();
  await bulkInsert(
    trx,
    database.kind,
    'legacy_rejected_row',
    ['merge_run_id', 'source', 'file', 'row', 'column_name', 'reason'],
    imported.rejected.map((r) => [runId, r.source, r.file, r.row, r.column, r.reason]),
  );
  // Later runs replace the records they bring (corrected files) and their spells.
  const sources = [...new Set(imported.records.map((r) => r.source))];
  if (
    sources.length > 0 &&
    (await trx.selectFrom('legacy_record').select('source').limit(1).executeTakeFirst())
  ) {
    await stageAndReplace(database, trx, imported);
  } else {
    await bulkInsert(
      trx,
      database.kind,
      'legacy_record',
      RECORD_COLUMNS,
      imported.records.map((r) => recordRow(runId, r)),
    );
  }
  await bulkInsert(
    trx,
    database.kind,
    'legacy_spell',
    ['source', 'record_id', 'branch', 'from_month', 'to_month', 'wage'],
    imported.spells.map((s) => [s.source, s.recordId, s.branch, s.from, s.to, s.wage]),
  );

  async function stageAndReplace(
    db: Database,
    t: Transaction<Schema>,
    data: ImportedRegisters,
  ): Promise<void> {
    await sql`create temporary table incoming_record (like legacy_record) on commit drop`.execute(t);
    await bulkInsert(
      t,
      db.kind,
      'incoming_record',
      RECORD_COLUMNS,
      data.records.map((r) => recordRow(runId, r)),
    );
    await sql`delete from legacy_spell s using incoming_record i where s.source = i.source and s.record_id = i.record_id`.execute(
      t,
    );
    await sql`
      insert into legacy_record select * from incoming_record
      on conflict (source, record_id) do update set
        merge_run_id = excluded.merge_run_id, row = excluded.row, name_khmer = excluded.name_khmer,
        name_latin = excluded.name_latin, sex = excluded.sex, birth_date = excluded.birth_date,
        national_id = excluded.national_id`.execute(t);
  }
}

const RECORD_COLUMNS = [
  'merge_run_id',
  'source',
  'record_id',
  'row',
  'name_khmer',
  'name_latin',
  'sex',
  'birth_date',
  'national_id',
];

function recordRow(runId: number, r: LegacyRecord): (string | number | null)[] {
  return [runId, r.source, r.recordId, r.row, r.nameKhmer, r.nameLatin, r.sex, r.birthDate, r.nationalId];
}

/** Reserves `count` consecutive member numbers; returns the first. */
async function reserveMemberNumbers(trx: Transaction<Schema>, count: number): Promise<number> {
  if (count === 0) return 0;
  const { rows } = await sql<{ last: number }>`
    select setval(pg_get_serial_sequence('member', 'member_id'),
                  nextval(pg_get_serial_sequence('member', 'member_id')) + ${count - 1})::int8 as last`.execute(
    trx,
  );
  return Number(rows[0]!.last) - count + 1;
}

async function writeMembers(
  database: Database,
  trx: Transaction<Schema>,
  runId: number,
  imported: ImportedRegisters,
  plan: MemberPlan,
  memberIds: number[],
  firstMember: number,
): Promise<void> {
  const fresh = function* () {
    for (let k = 0; k < plan.newMembers; k++) yield [firstMember + k, runId];
  };
  await bulkInsert(trx, database.kind, 'member', ['member_id', 'merge_run_id'], fresh());
  const links = function* () {
    for (let i = 0; i < imported.records.length; i++) {
      const r = imported.records[i]!;
      yield [r.source, r.recordId, memberIds[i]!, plan.linkedBy[i]!, null];
    }
  };
  // Records already linked by an earlier run keep their link (and its history).
  await sql`create temporary table incoming_link (like member_record including defaults) on commit drop`.execute(
    trx,
  );
  await bulkInsert(
    trx,
    database.kind,
    'incoming_link',
    ['source', 'record_id', 'member_id', 'linked_by', 'score'],
    links(),
  );
  await sql`insert into member_record select * from incoming_link on conflict (source, record_id) do nothing`.execute(
    trx,
  );
}

async function writeReviewQueue(
  trx: Transaction<Schema>,
  runId: number,
  records: readonly LegacyRecord[],
  linkage: LinkOutcome,
  decisions: Decisions,
  memberIds: readonly number[],
): Promise<number> {
  const rows = [];
  for (const p of linkage.reviewPairs) {
    // Already one member (through other links), or already decided: nothing to ask.
    if (memberIds[p.a] === memberIds[p.b] || decisions.decided.has(pairKey(p.a, p.b))) continue;
    const [a, b] = recordOrder(records[p.a]!, records[p.b]!);
    rows.push({
      merge_run_id: runId,
      source_a: a.source,
      record_a: a.recordId,
      source_b: b.source,
      record_b: b.recordId,
      score: p.score,
      probability: p.probability,
      evidence: JSON.stringify(linkage.explain(p.a, p.b)),
    });
  }
  for (let i = 0; i < rows.length; i += 2000) {
    await trx
      .insertInto('link_review')
      .values(rows.slice(i, i + 2000))
      .onConflict((oc) => oc.columns(['source_a', 'record_a', 'source_b', 'record_b']).doNothing())
      .execute();
  }
  return countOpenReviews(trx);
}

function recordOrder(a: LegacyRecord, b: LegacyRecord): [LegacyRecord, LegacyRecord] {
  return keyOf(a.source, a.recordId) <= keyOf(b.source, b.recordId) ? [a, b] : [b, a];
}

/**
 * Recomputes the insured periods of every member holding a record of this import. A record that
 * an earlier run imported but these files no longer contain keeps its member link, but its months
 * are not counted again until its register sends it.
 */
async function writeInsuredPeriods(
  database: Database,
  trx: Transaction<Schema>,
  imported: ImportedRegisters,
  memberIds: readonly number[],
): Promise<number> {
  const indexOf = new Map(imported.records.map((r, i) => [keyOf(r.source, r.recordId), i]));
  const spellsOf = new Map<number, SpellInput[]>();
  for (const s of imported.spells) {
    const member = memberIds[indexOf.get(keyOf(s.source, s.recordId))!]!;
    const list = spellsOf.get(member);
    if (list) list.push(s);
    else spellsOf.set(member, [s]);
  }
  await sql`delete from insured_period where member_id in (select member_id from incoming_link)`.execute(trx);
  let count = 0;
  const rows = function* () {
    for (const [member, spells] of spellsOf) {
      for (const p of totaliseInsuredPeriods(spells)) {
        count++;
        yield [member, p.branch, p.from, p.to, p.months, p.sources.join(',')];
      }
    }
  };
  await bulkInsert(
    trx,
    database.kind,
    'insured_period',
    ['member_id', 'branch', 'from_month', 'to_month', 'months', 'sources'],
    rows(),
  );
  return count;
}

function qualityFields(q: LinkageQuality): { precision: number; recall: number; f1: number } {
  return { precision: round6(q.precision), recall: round6(q.recall), f1: round6(q.f1) };
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
