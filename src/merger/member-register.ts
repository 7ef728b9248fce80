/**
 * @module merger/member-register
 * The services that change the member register after a merge — a reviewer's decision on a
 * queued pair, and the split of a wrong merge — and the reads behind `samaki review` and
 * `samaki member`. Every change runs in one transaction, writes an audit row with who and when,
 * and recomputes the insured periods of the members it touched.
 */

import type { Selectable } from 'kysely';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/open-database.js';
import type { BranchCode, JsonValue, LegacySourceCode, LinkReviewTable, Schema } from '../db/schema.js';
import { writeAudit } from '../db/write-audit.js';
import { SamakiError } from '../kernel/errors.js';
import { totaliseInsuredPeriods } from './totalise-insured-periods.js';

export interface RecordView {
  source: LegacySourceCode;
  record_id: string;
  name_khmer: string | null;
  name_latin: string | null;
  sex: string | null;
  birth_date: string | null;
  national_id: string | null;
  member_id: number;
  linked_by: string;
}

export interface ReviewItem {
  id: number;
  status: string;
  score: number;
  probability: number;
  evidence: JsonValue[];
  a: RecordView;
  b: RecordView;
  decided_by: string | null;
  decided_at: string | null;
}

/**
 * Review items, most likely matches first. A pending pair whose two records already belong to one
 * member (a decision on another pair linked them) is no longer a question, and is not listed.
 */
export async function listReviews(
  database: Database,
  options: { limit?: number; status?: 'pending' | 'accepted' | 'rejected' } = {},
): Promise<{ total: number; items: ReviewItem[] }> {
  const status = options.status ?? 'pending';
  const open = reviewsWithStatus(database.db, status);
  const total = await open.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await open
    .selectAll('q')
    .orderBy('q.probability', 'desc')
    .orderBy('q.id')
    .limit(options.limit ?? 20)
    .execute();
  const items = [];
  for (const row of rows) items.push(await reviewItem(database.db, row));
  return { total: Number(total.n), items };
}

/** Number of pending pairs still open (records in different members). */
export async function countOpenReviews(db: Database['db'] | Transaction<Schema>): Promise<number> {
  const row = await reviewsWithStatus(db, 'pending')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function reviewsWithStatus(
  db: Database['db'] | Transaction<Schema>,
  status: 'pending' | 'accepted' | 'rejected',
) {
  const query = db
    .selectFrom('link_review as q')
    .innerJoin('member_record as ma', (j) =>
      j.onRef('ma.source', '=', 'q.source_a').onRef('ma.record_id', '=', 'q.record_a'),
    )
    .innerJoin('member_record as mb', (j) =>
      j.onRef('mb.source', '=', 'q.source_b').onRef('mb.record_id', '=', 'q.record_b'),
    )
    .where('q.status', '=', status);
  return status === 'pending' ? query.whereRef('ma.member_id', '<>', 'mb.member_id') : query;
}

export async function showReview(database: Database, id: number): Promise<ReviewItem> {
  const row = await database.db.selectFrom('link_review').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new SamakiError('review_not_found', { id });
  return reviewItem(database.db, row);
}

/**
 * Records a reviewer's decision. Accepting links the two records: the member holding the second
 * is merged into the member holding the first (its other records follow; its number is kept as
 * `merged_into`). Rejecting only records the decision, which later merges respect.
 */
export async function decideReview(
  database: Database,
  id: number,
  decision: 'accept' | 'reject',
  actor: string,
): Promise<ReviewItem> {
  requireActor(actor);
  await database.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('link_review')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new SamakiError('review_not_found', { id });
    if (row.status !== 'pending') {
      throw new SamakiError('review_already_decided', {
        id,
        status: row.status,
        by: row.decided_by ?? '',
        at: row.decided_at?.toISOString() ?? '',
      });
    }
    const status = decision === 'accept' ? 'accepted' : 'rejected';
    await trx
      .updateTable('link_review')
      .set({ status, decided_by: actor, decided_at: new Date() })
      .where('id', '=', id)
      .execute();
    await audit(
      trx,
      actor,
      `review.${decision}`,
      'link_review',
      String(id),
      { status: 'pending' },
      { status },
    );
    if (decision === 'reject') return;
    const a = await memberOfRecord(trx, row.source_a, row.record_a);
    const b = await memberOfRecord(trx, row.source_b, row.record_b);
    if (a === b) return;
    const moved = await trx
      .updateTable('member_record')
      .set({ member_id: a, linked_by: 'review', linked_at: new Date() })
      .where('member_id', '=', b)
      .returning(['source', 'record_id'])
      .execute();
    await trx.deleteFrom('insured_period').where('member_id', '=', b).execute();
    await trx.updateTable('member').set({ merged_into: a }).where('member_id', '=', b).execute();
    await audit(
      trx,
      actor,
      'member.merge',
      'member',
      String(b),
      { member_id: b, records: moved.map((r) => `${r.source}:${r.record_id}`) },
      { merged_into: a },
    );
    await retotalise(trx, [a]);
  });
  return showReview(database, id);
}

/**
 * Splits a wrong merge: the named records leave `memberId` for one new member, which keeps their
 * provenance (linked_by `split`). Both members' insured periods are recomputed. Returns the new
 * member's number.
 */
export async function splitMember(
  database: Database,
  memberId: number,
  recordKeys: readonly string[],
  actor: string,
): Promise<number> {
  requireActor(actor);
  const wanted = recordKeys.map((key) => {
    const at = key.indexOf(':');
    if (at <= 0)
      throw new SamakiError('split_bad_records', {
        id: memberId,
        reason: `"${key}" is not source:record_id`,
      });
    return { source: key.slice(0, at), recordId: key.slice(at + 1) };
  });
  if (wanted.length === 0)
    throw new SamakiError('split_bad_records', { id: memberId, reason: 'no record was named' });
  return database.db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom('member')
      .select(['member_id', 'merge_run_id'])
      .where('member_id', '=', memberId)
      .forUpdate()
      .executeTakeFirst();
    if (!member) throw new SamakiError('member_not_found', { id: memberId });
    const records = await trx
      .selectFrom('member_record')
      .select(['source', 'record_id'])
      .where('member_id', '=', memberId)
      .execute();
    const held = new Set(records.map((r) => `${r.source}:${r.record_id}`));
    const missing = wanted.filter((w) => !held.has(`${w.source}:${w.recordId}`));
    if (missing.length > 0) {
      throw new SamakiError('split_bad_records', {
        id: memberId,
        reason: `member ${memberId} does not hold ${missing.map((m) => `${m.source}:${m.recordId}`).join(', ')}`,
      });
    }
    const moving = new Set(wanted.map((w) => `${w.source}:${w.recordId}`));
    if (moving.size >= held.size)
      throw new SamakiError('split_bad_records', {
        id: memberId,
        reason: 'a split must leave at least one record with the member',
      });
    const created = await trx
      .insertInto('member')
      .values({ merge_run_id: member.merge_run_id })
      .returning('member_id')
      .executeTakeFirstOrThrow();
    for (const w of wanted) {
      await trx
        .updateTable('member_record')
        .set({ member_id: created.member_id, linked_by: 'split', linked_at: new Date() })
        .where('source', '=', w.source as LegacySourceCode)
        .where('record_id', '=', w.recordId)
        .execute();
    }
    // The split answers every open question between the records that left and those that stayed.
    const stayed = new Set([...held].filter((h) => !moving.has(h)));
    const open = await trx
      .selectFrom('link_review')
      .select(['id', 'source_a', 'record_a', 'source_b', 'record_b'])
      .where('status', '=', 'pending')
      .execute();
    const across = open
      .filter((q) => {
        const a = `${q.source_a}:${q.record_a}`;
        const b = `${q.source_b}:${q.record_b}`;
        return (moving.has(a) && stayed.has(b)) || (moving.has(b) && stayed.has(a));
      })
      .map((q) => q.id);
    if (across.length > 0) {
      await trx
        .updateTable('link_review')
        .set({ status: 'rejected', decided_by: actor, decided_at: new Date() })
        .where('id', 'in', across)
        .execute();
    }
    await audit(
      trx,
      actor,
      'member.split',
      'member',
      String(memberId),
      { records: [...held] },
      { new_member: created.member_id, moved: [...moving], reviews_rejected: across },
    );
    await retotalise(trx, [memberId, created.member_id]);
    return created.member_id;
  });
}

export interface MemberView {
  member_id: number;
  merged_into: number | null;
  records: RecordView[];
  insured_periods: { branch: BranchCode; from: string; to: string; months: number; sources: string }[];
  months_by_branch: Record<BranchCode, number>;
}

/** A member with its legacy records (provenance) and totalised insured periods. */
export async function showMember(database: Database, memberId: number): Promise<MemberView> {
  const member = await database.db
    .selectFrom('member')
    .select(['member_id', 'merged_into'])
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  if (!member) throw new SamakiError('member_not_found', { id: memberId });
  const records = await recordViews(database.db)
    .where('m.member_id', '=', memberId)
    .orderBy('m.source')
    .orderBy('m.record_id')
    .execute();
  const periods = await database.db
    .selectFrom('insured_period')
    .select(['branch', 'from_month as from', 'to_month as to', 'months', 'sources'])
    .where('member_id', '=', memberId)
    .orderBy('branch')
    .orderBy('from_month')
    .execute();
  const months = { employment_injury: 0, health: 0, pension: 0 };
  for (const p of periods) months[p.branch] += p.months;
  return {
    member_id: member.member_id,
    merged_into: member.merged_into,
    records,
    insured_periods: periods,
    months_by_branch: months,
  };
}

/** Finds the member of a legacy record (`source:record_id`). */
export async function memberOfLegacyRecord(database: Database, key: string): Promise<number> {
  const at = key.indexOf(':');
  const row = await database.db
    .selectFrom('member_record')
    .select('member_id')
    .where('source', '=', key.slice(0, at) as LegacySourceCode)
    .where('record_id', '=', key.slice(at + 1))
    .executeTakeFirst();
  if (!row) throw new SamakiError('member_not_found', { id: key });
  return row.member_id;
}

function recordViews(db: Database['db'] | Transaction<Schema>) {
  return db
    .selectFrom('member_record as m')
    .innerJoin('legacy_record as r', (j) =>
      j.onRef('r.source', '=', 'm.source').onRef('r.record_id', '=', 'm.record_id'),
    )
    .select([
      'm.source',
      'm.record_id',
      'r.name_khmer',
      'r.name_latin',
      'r.sex',
      'r.national_id',
      'm.member_id',
      'm.linked_by',
    ])
    .select(sql<string | null>`r.birth_date::text`.as('birth_date'));
}

async function reviewItem(db: Database['db'], row: Selectable<LinkReviewTable>): Promise<ReviewItem> {
  const view = async (source: LegacySourceCode, recordId: string) =>
    (await recordViews(db)
      .where('m.source', '=', source)
      .where('m.record_id', '=', recordId)
      .executeTakeFirstOrThrow()) as RecordView;
  return {
    id: row.id,
    status: row.status,
    score: row.score,
    probability: row.probability,
    evidence: row.evidence,
    a: await view(row.source_a, row.record_a),
    b: await view(row.source_b, row.record_b),
    decided_by: row.decided_by,
    decided_at: row.decided_at?.toISOString() ?? null,
  };
}

async function memberOfRecord(
  trx: Transaction<Schema>,
  source: LegacySourceCode,
  recordId: string,
): Promise<number> {
  const row = await trx
    .selectFrom('member_record')
    .select('member_id')
    .where('source', '=', source)
    .where('record_id', '=', recordId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row.member_id;
}

/** Recomputes the insured periods of the given members from their records' spells. */
async function retotalise(trx: Transaction<Schema>, memberIds: readonly number[]): Promise<void> {
  for (const memberId of memberIds) {
    const spells = await trx
      .selectFrom('legacy_spell as s')
      .innerJoin('member_record as m', (j) =>
        j.onRef('m.source', '=', 's.source').onRef('m.record_id', '=', 's.record_id'),
      )
      .select(['s.source', 's.branch', 's.from_month as from', 's.to_month as to'])
      .where('m.member_id', '=', memberId)
      .execute();
    await trx.deleteFrom('insured_period').where('member_id', '=', memberId).execute();
    const periods = totaliseInsuredPeriods(spells);
    if (periods.length > 0) {
      await trx
        .insertInto('insured_period')
        .values(
          periods.map((p) => ({
            member_id: memberId,
            branch: p.branch,
            from_month: p.from,
            to_month: p.to,
            months: p.months,
            sources: p.sources.join(','),
          })),
        )
        .execute();
    }
  }
}

async function audit(
  trx: Transaction<Schema>,
  actor: string,
  action: string,
  entity: string,
  entityId: string,
  before: JsonValue,
  after: JsonValue,
): Promise<void> {
  await writeAudit(trx, { actor, action, entity, entityId, before, after });
}

function requireActor(actor: string): void {
  if (actor.trim() === '') throw new SamakiError('actor_missing');
}
