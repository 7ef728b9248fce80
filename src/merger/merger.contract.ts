/**
 * @module merger/merger.contract
 * The merger's storage behaviour, run on PGlite (`merger.pglite.test.ts`) and on a real
 * PostgreSQL 15 (`merger.postgres.test.ts`): the two take different bulk-write paths (COPY and
 * multi-row INSERT), so both must show the same results.
 *
 * The linker is injected: here it links by the fixture's ground truth and queues chosen pairs
 * for review, so these tests pin down what the service stores, whatever the statistical model
 * would score on seven records. The model itself is tested in `linkage/`, and end to end on the
 * generator's registers in `merge-registers.test.ts`.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import type { Database } from '../db/open-database.js';
import { NSSF } from './legacy-formats.js';
import type { LegacyRecord } from './legacy-record.js';
import {
  decideReview,
  listReviews,
  memberOfLegacyRecord,
  showMember,
  splitMember,
} from './member-register.js';
import { mergeRegisters } from './merge-registers.js';
import type { LinkOutcome, LinkPair } from './run-linkage.js';
import { csv, FIXTURE_IDS, nssfNo, writeLegacyFixture } from './test-support/legacy-fixture.js';

const { dara1, dara2, sophea, daraOfficer, sreymomOfficer, sreymomVeteran } = FIXTURE_IDS;

/** Links the fixture as a reviewer would want it: two sure pairs, three doubtful ones. */
function fixtureLinker(records: readonly LegacyRecord[]): LinkOutcome {
  const at = (id: string) => records.findIndex((r) => r.recordId === id);
  const pair = (x: string, y: string, probability: number): LinkPair => ({
    a: at(x),
    b: at(y),
    score: Math.log2(probability / (1 - probability)),
    probability,
  });
  return {
    autoPairs: [pair(dara1, daraOfficer, 0.999), pair(sreymomOfficer, sreymomVeteran, 0.998)],
    reviewPairs: [pair(dara1, dara2, 0.9), pair(dara2, daraOfficer, 0.7), pair(sophea, dara2, 0.6)],
    explain: (a, b) => [
      { field: 'latinName', a: records[a]!.nameLatin, b: records[b]!.nameLatin, level: 'test', weight: 1 },
    ],
    summary: { linker: 'fixture' },
  };
}

export function runMergerContract(name: string, open: () => Promise<Database>): void {
  describe(`merger contract: ${name}`, () => {
    let database: Database;
    let dir: string;
    const count = async (table: string) =>
      Number(
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db))
          .rows[0]!.n,
      );
    const snapshot = async () => {
      const tables = [
        'merge_run',
        'legacy_file',
        'legacy_record',
        'legacy_spell',
        'legacy_rejected_row',
        'member',
        'member_record',
        'link_review',
        'insured_period',
        'audit_log',
      ];
      return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)] as const)));
    };
    const merge = (from = dir) => mergeRegisters(database, from, { actor: 'clerk-1', link: fixtureLinker });

    beforeAll(async () => {
      database = await open();
      await migrateToLatest(database.db);
      dir = mkdtempSync(join(tmpdir(), 'samaki-merge-contract-'));
      await writeLegacyFixture(dir);
    });
    afterAll(async () => {
      await database?.close();
    });

    it('refuses a folder with a broken file and stores nothing', async () => {
      const broken = mkdtempSync(join(tmpdir(), 'samaki-merge-broken-'));
      cpSync(dir, broken, { recursive: true });
      writeFileSync(join(broken, NSSF.folder, NSSF.members.file), 'nssf_no;id_card_no\n');
      await expect(merge(broken)).rejects.toMatchObject({
        code: 'legacy_bad_header',
        details: { file: 'members.csv', row: 1 },
      });
      expect(Object.values(await snapshot()).every((n) => n === 0)).toBe(true);
    });

    it('stores every record under exactly one member, with provenance, the review queue and the ground-truth quality', async () => {
      const report = await merge();
      expect(report).toMatchObject({
        unchanged: false,
        records: 7,
        persons: 5,
        clusters: 2,
        auto_merged: 4,
        review: 3,
        rejected_rows: 0,
        corrections: 1,
        spells: 10,
      });
      // Against the truth: dara2 is still waiting in review, so one true pair set is missed.
      expect(report.precision).toBe(1);
      expect(report.recall).toBeLessThan(1);
      expect(await count('member_record')).toBe(7);
      const member = await showMember(
        database,
        await memberOfLegacyRecord(database, `nssf-c:${sreymomOfficer}`),
      );
      expect(member.records.map((r) => [r.source, r.record_id, r.linked_by])).toEqual([
        ['nfv', sreymomVeteran, 'auto'],
        ['nssf-c', sreymomOfficer, 'auto'],
      ]);
      expect(member.records[0]?.birth_date).toBe('1975-11-02');
      // Veteran service 1993-01..1998-12 and civil service from 1998-06: the overlap counts once.
      expect(member.insured_periods).toEqual([
        { branch: 'employment_injury', from: '2017-02', to: '2025-12', months: 107, sources: 'nssf-c' },
        { branch: 'pension', from: '1993-01', to: '1998-05', months: 65, sources: 'nfv' },
        { branch: 'pension', from: '1998-06', to: '1998-12', months: 7, sources: 'nssf-c,nfv' },
        { branch: 'pension', from: '1999-01', to: '2025-12', months: 324, sources: 'nssf-c' },
      ]);
      expect(member.months_by_branch.pension).toBe(65 + 7 + 324);
      const audit = await database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'merge')
        .execute();
      expect(audit).toMatchObject([{ actor: 'clerk-1', entity: 'merge_run' }]);
    });

    it('changes nothing when the same files are merged again', async () => {
      const before = await snapshot();
      const again = await merge();
      expect(again).toMatchObject({ unchanged: true, records: 7, persons: 5 });
      expect(await snapshot()).toEqual(before);
    });

    it('accepts a reviewed pair: the two members become one, with who and when', async () => {
      const pending = await listReviews(database);
      expect(pending.total).toBe(3);
      const item = pending.items.find((i) => [i.a.record_id, i.b.record_id].includes(dara1))!;
      expect(item.evidence).toEqual([expect.objectContaining({ field: 'latinName' })]);
      const memberOfDara2 = item.a.record_id === dara2 ? item.a.member_id : item.b.member_id;
      const decided = await decideReview(database, item.id, 'accept', 'clerk-2');
      expect(decided).toMatchObject({ status: 'accepted', decided_by: 'clerk-2' });
      expect(decided.a.member_id).toBe(decided.b.member_id);
      const member = await showMember(database, decided.a.member_id);
      expect(member.records.map((r) => r.record_id).sort()).toEqual([dara1, dara2, daraOfficer].sort());
      // OR: 2012-05..2019-12 (first employer) then 2020-01..2025-12 (second): 164 months, one period.
      expect(member.insured_periods.filter((p) => p.branch === 'employment_injury')).toEqual([
        { branch: 'employment_injury', from: '2012-05', to: '2025-12', months: 164, sources: 'nssf' },
      ]);
      // Pension: civil service 2005-01..2025-12 overlapped by both private jobs: 252 months, not more.
      expect(member.months_by_branch.pension).toBe(252);
      const absorbed = await showMember(database, memberOfDara2);
      expect(absorbed).toMatchObject({ merged_into: decided.a.member_id, records: [] });
      await expect(decideReview(database, item.id, 'reject', 'clerk-3')).rejects.toMatchObject({
        code: 'review_already_decided',
      });
    });

    it('rejects a reviewed pair and records the decision only', async () => {
      const [item] = (await listReviews(database)).items;
      const decided = await decideReview(database, item!.id, 'reject', 'clerk-2');
      expect(decided.status).toBe('rejected');
      expect(decided.a.member_id).not.toBe(decided.b.member_id);
      expect((await listReviews(database)).total).toBe(0);
      await expect(decideReview(database, 9999, 'accept', 'clerk-2')).rejects.toMatchObject({
        code: 'review_not_found',
      });
      await expect(decideReview(database, item!.id, 'accept', ' ')).rejects.toMatchObject({
        code: 'actor_missing',
      });
    });

    it('splits a wrong merge without losing a record or a month', async () => {
      const memberId = await memberOfLegacyRecord(database, `nssf:${dara2}`);
      const before = await showMember(database, memberId);
      const created = await splitMember(database, memberId, [`nssf:${dara2}`], 'clerk-4');
      const kept = await showMember(database, memberId);
      const split = await showMember(database, created);
      expect(split.records).toMatchObject([{ record_id: dara2, linked_by: 'split' }]);
      expect(kept.records.map((r) => r.record_id).sort()).toEqual([dara1, daraOfficer].sort());
      expect(split.months_by_branch).toEqual({ employment_injury: 72, health: 0, pension: 36 });
      expect(kept.months_by_branch.employment_injury).toBe(before.months_by_branch.employment_injury - 72);
      await expect(splitMember(database, memberId, [`nssf:${sophea}`], 'clerk-4')).rejects.toMatchObject({
        code: 'split_bad_records',
      });
      await expect(splitMember(database, created, [`nssf:${dara2}`], 'clerk-4')).rejects.toMatchObject({
        code: 'split_bad_records',
      });
      const audit = await database.db
        .selectFrom('audit_log')
        .select(['actor', 'action'])
        .where('action', 'like', 'member.%')
        .execute();
      expect(audit).toEqual([
        { actor: 'clerk-2', action: 'member.merge' },
        { actor: 'clerk-4', action: 'member.split' },
      ]);
    });

    it('keeps members and decisions when corrected files arrive', async () => {
      const next = mkdtempSync(join(tmpdir(), 'samaki-merge-next-'));
      cpSync(dir, next, { recursive: true });
      const newcomer = nssfNo('100000010');
      writeFileSync(
        join(next, NSSF.folder, NSSF.members.file),
        `${csv([[...NSSF.members.columns]])}${(await import('node:fs'))
          .readFileSync(join(dir, NSSF.folder, NSSF.members.file), 'utf8')
          .split('\n')
          .slice(1)
          .join(
            '\n',
          )}${csv([[newcomer, '', 'ហេង ចន្ទា', 'HENG CHANTHA', 'F', '01/01/1995', 'E0000011', '01/01/2020']])}`,
      );
      const dara2Member = await memberOfLegacyRecord(database, `nssf:${dara2}`);
      const report = await merge(next);
      expect(report).toMatchObject({ unchanged: false, records: 8, review: 0 });
      // The split stands although the accepted pair dara1-dara2 is still on record.
      expect(await memberOfLegacyRecord(database, `nssf:${dara2}`)).toBe(dara2Member);
      expect(await memberOfLegacyRecord(database, `nssf:${dara1}`)).not.toBe(dara2Member);
      expect(
        (await showMember(database, await memberOfLegacyRecord(database, `nssf:${newcomer}`))).records,
      ).toHaveLength(1);
      expect(await count('legacy_record')).toBe(8);
      expect(await count('legacy_spell')).toBe(10);
    });
  });
}
