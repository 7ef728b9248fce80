/**
 * @module db/storage.contract
 * The storage contract: one suite of behaviours every database behind `openDatabase` must show,
 * run against each implementation (PGlite in `pglite.test.ts`, PostgreSQL in `postgres.test.ts`).
 * No mocks: each run uses a real, fresh database. Tests use keys unique to the run, so they do
 * not depend on each other's rows.
 */
import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCitusReadiness, tableDistribution } from './distribution.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';
import type { Database } from './open-database.js';
import {
  type EvaluatedCaseInput,
  type LawVersionInput,
  recordEvaluatedCases,
  recordLawVersion,
} from './record-evaluated-cases.js';
import type { Schema } from './schema.js';

const ACTOR = 'contract-test';

export function runStorageContract(name: string, open: () => Promise<Database>): void {
  describe(`storage contract: ${name}`, () => {
    let database: Database | undefined;
    let applied: string[] = [];
    const db = (): Kysely<Schema> => {
      if (!database) throw new Error('the database did not open; see the error of beforeAll');
      return database.db;
    };

    beforeAll(async () => {
      database = await open();
      applied = await migrateToLatest(database.db);
    });

    afterAll(async () => {
      await database?.close();
    });

    /** A prefix unique to one test, so its rows are told apart from every other test's. */
    const uniqueKey = (label: string) => `${label}-${randomUUID()}`;

    const lawVersion = (version: string, fingerprintSeed = version): LawVersionInput => ({
      version,
      fingerprint: sha256(fingerprintSeed),
      variables: 12,
      parameters: 34,
    });

    const evaluatedCase = (
      caseKey: string,
      overrides: Partial<EvaluatedCaseInput> = {},
    ): EvaluatedCaseInput => ({
      caseKey,
      variable: 'nssf_pension_contribution',
      period: '2024-05',
      entity: 'person',
      entityKey: 'P-1',
      value: 48_000,
      inputs: { wage: 1_200_000 },
      trace: [{ step: 'wage', value: 1_200_000 }],
      lawVersion: 'khm-2024.1',
      parameterHash: sha256('params'),
      ...overrides,
    });

    const caseRows = (caseKeyPrefix: string) =>
      db()
        .selectFrom('evaluated_case')
        .selectAll()
        .where('case_key', 'like', `${caseKeyPrefix}%`)
        .orderBy('id')
        .execute();

    const auditRowsFor = (entity: string, entityIds: readonly string[]) =>
      entityIds.length === 0
        ? Promise.resolve([])
        : db()
            .selectFrom('audit_log')
            .selectAll()
            .where('entity', '=', entity)
            .where('entity_id', 'in', entityIds)
            .orderBy('id')
            .execute();

    describe('migrations', () => {
      it('apply every migration to a fresh database', () => {
        expect(applied).toEqual(Object.keys(migrations));
      });

      it('are idempotent: running them twice more applies nothing and fails nothing', async () => {
        expect(await migrateToLatest(db())).toEqual([]);
        expect(await migrateToLatest(db())).toEqual([]);
        const { rows } = await sql<{ table_name: string }>`
          select table_name::text as table_name from information_schema.tables
           where table_schema = current_schema() order by 1`.execute(db());
        expect(rows.map((r) => r.table_name)).toEqual(
          expect.arrayContaining(['audit_log', 'evaluated_case', 'law_version']),
        );
      });
    });

    describe('law versions', () => {
      it('are recorded once, with one audit row, however often they are recorded', async () => {
        const version = uniqueKey('law');
        expect(await recordLawVersion(db(), lawVersion(version), ACTOR)).toEqual({ inserted: true });
        expect(await recordLawVersion(db(), lawVersion(version), ACTOR)).toEqual({ inserted: false });
        const rows = await db()
          .selectFrom('law_version')
          .selectAll()
          .where('version', '=', version)
          .execute();
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ fingerprint: sha256(version), variables: 12, parameters: 34 });
        expect(rows[0]?.loaded_at).toBeInstanceOf(Date);
        const audit = await auditRowsFor('law_version', [`${version}@${sha256(version)}`]);
        expect(audit).toHaveLength(1);
        expect(audit[0]).toMatchObject({ actor: ACTOR, action: 'load' });
        expect(audit[0]?.after).toMatchObject({ version, variables: 12 });
      });

      it('keep both loads of one version name with different parameter values', async () => {
        const version = uniqueKey('law');
        await recordLawVersion(db(), lawVersion(version, 'first'));
        expect(await recordLawVersion(db(), lawVersion(version, 'second'))).toEqual({ inserted: true });
        const rows = await db()
          .selectFrom('law_version')
          .select('fingerprint')
          .where('version', '=', version)
          .execute();
        expect(rows.map((r) => r.fingerprint).sort()).toEqual([sha256('first'), sha256('second')].sort());
      });

      it('refuse a fingerprint that is not a sha256 and write nothing', async () => {
        const version = uniqueKey('law');
        await expect(recordLawVersion(db(), { ...lawVersion(version), fingerprint: 'abc' })).rejects.toThrow(
          /fingerprint/,
        );
        const rows = await db()
          .selectFrom('law_version')
          .selectAll()
          .where('version', '=', version)
          .execute();
        expect(rows).toEqual([]);
      });
    });

    describe('evaluated cases', () => {
      it('are inserted once; a re-run reports them as existing and writes no duplicate', async () => {
        const key = uniqueKey('case');
        const cases = [1, 2, 3].map((n) => evaluatedCase(`${key}-${n}`, { entityKey: `P-${n}` }));
        expect(await recordEvaluatedCases(db(), ACTOR, cases)).toEqual({ inserted: 3, existing: 0 });
        expect(await recordEvaluatedCases(db(), ACTOR, cases)).toEqual({ inserted: 0, existing: 3 });

        const rows = await caseRows(key);
        expect(rows.map((r) => r.case_key)).toEqual([`${key}-1`, `${key}-2`, `${key}-3`]);
        const audit = await auditRowsFor(
          'evaluated_case',
          rows.map((r) => String(r.id)),
        );
        expect(audit).toHaveLength(3);
        for (const [i, entry] of audit.entries()) {
          expect(entry).toMatchObject({ actor: ACTOR, action: 'evaluate', before: null });
          expect(entry.after).toMatchObject({ id: rows[i]?.id, case_key: `${key}-${i + 1}`, value: 48_000 });
        }
      });

      it('count a mix of new and known cases, and treat another parameter hash as a new case', async () => {
        const key = uniqueKey('case');
        const first = evaluatedCase(`${key}-a`);
        await recordEvaluatedCases(db(), ACTOR, [first]);
        const result = await recordEvaluatedCases(db(), ACTOR, [
          first,
          evaluatedCase(`${key}-b`),
          { ...first, parameterHash: sha256('other params') },
        ]);
        expect(result).toEqual({ inserted: 2, existing: 1 });
        expect(await caseRows(key)).toHaveLength(3);
      });

      it('write batches larger than one statement completely, and idempotently', async () => {
        const key = uniqueKey('batch');
        const cases = Array.from({ length: 1_203 }, (_, n) => evaluatedCase(`${key}-${n}`, { value: n }));
        expect(await recordEvaluatedCases(db(), ACTOR, cases)).toEqual({ inserted: 1_203, existing: 0 });
        expect(await recordEvaluatedCases(db(), ACTOR, cases)).toEqual({ inserted: 0, existing: 1_203 });
        const [count] = await db()
          .selectFrom('evaluated_case')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('case_key', 'like', `${key}%`)
          .execute();
        expect(count?.n).toBe(1_203);
      });

      it('refuse an invalid case before writing any case of the batch', async () => {
        const key = uniqueKey('case');
        const cases = [evaluatedCase(`${key}-ok`), evaluatedCase(`${key}-bad`, { period: '2024-13' })];
        await expect(recordEvaluatedCases(db(), ACTOR, cases)).rejects.toThrow(/#2 .*period/);
        await expect(
          recordEvaluatedCases(db(), ACTOR, [evaluatedCase(`${key}-nan`, { value: Number.NaN })]),
        ).rejects.toThrow(/value/);
        await expect(recordEvaluatedCases(db(), '', [evaluatedCase(`${key}-anon`)])).rejects.toThrow(/actor/);
        expect(await caseRows(key)).toEqual([]);
      });
    });

    describe('jsonb', () => {
      it('round-trips numbers, booleans, strings and nested objects unchanged', async () => {
        const key = uniqueKey('json');
        const inputs = {
          wage: 1_200_000,
          rate: 0.04,
          insured: true,
          name: 'សុខ ស្រីមុំ',
          household: {
            members: [
              { age: 34, sex: 'F' },
              { age: 3, sex: 'M' },
            ],
            poor: null,
          },
          empty: {},
          list: [1, 'two', false, null, [3]],
        };
        const trace = {
          steps: [{ op: 'clamp', args: [1_200_000, 400_000, 1_200_000] }],
          note: 'quote " and \\',
        };
        const values = [48_000, -1.5, 0, true, false, 'eligible', '', '{"not": "json"}'] as const;
        const cases = values.map((value, n) => evaluatedCase(`${key}-${n}`, { value, inputs, trace }));
        await recordEvaluatedCases(db(), ACTOR, cases);

        const rows = await db()
          .selectFrom('evaluated_case')
          .select(['case_key', 'value', 'inputs', 'trace'])
          .where('case_key', 'like', `${key}%`)
          .execute();
        rows.sort((a, b) => Number(a.case_key.split('-').pop()) - Number(b.case_key.split('-').pop()));
        expect(rows.map((r) => r.value)).toEqual([...values]);
        for (const row of rows) {
          expect(row.inputs).toEqual(inputs);
          expect(row.trace).toEqual(trace);
        }
        // PostgreSQL stores the types, not just the text: a JSON string is not a JSON number.
        const { rows: kinds } = await sql<{ kind: string }>`
          select jsonb_typeof(value) as kind from evaluated_case
           where case_key like ${`${key}%`} order by id`.execute(db());
        expect(kinds.map((k) => k.kind)).toEqual([
          'number',
          'number',
          'number',
          'boolean',
          'boolean',
          'string',
          'string',
          'string',
        ]);
      });
    });

    describe('audit log', () => {
      const someAuditRow = async () => {
        const version = uniqueKey('audit');
        await recordLawVersion(db(), lawVersion(version), ACTOR);
        const [row] = await auditRowsFor('law_version', [`${version}@${sha256(version)}`]);
        if (!row) throw new Error('recordLawVersion wrote no audit row');
        return row;
      };

      it('refuses UPDATE and leaves the row unchanged', async () => {
        const row = await someAuditRow();
        await expect(
          sql`update audit_log set actor = 'mallory' where id = ${row.id}`.execute(db()),
        ).rejects.toThrow(/append-only/);
        const after = await db()
          .selectFrom('audit_log')
          .selectAll()
          .where('id', '=', row.id)
          .executeTakeFirst();
        expect(after).toEqual(row);
      });

      it('refuses DELETE and TRUNCATE and keeps the row', async () => {
        const row = await someAuditRow();
        await expect(db().deleteFrom('audit_log').where('id', '=', row.id).execute()).rejects.toThrow(
          /append-only/,
        );
        await expect(sql`truncate audit_log`.execute(db())).rejects.toThrow(/append-only/);
        const kept = await db().selectFrom('audit_log').select('id').where('id', '=', row.id).execute();
        expect(kept).toEqual([{ id: row.id }]);
      });
    });

    describe('types', () => {
      it('return counts, int8 ids and numerics as numbers on every driver', async () => {
        await recordEvaluatedCases(db(), ACTOR, [evaluatedCase(uniqueKey('types'))]);
        const count = await db()
          .selectFrom('evaluated_case')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(typeof count.n).toBe('number');
        expect(count.n).toBeGreaterThan(0);
        const row = await db().selectFrom('evaluated_case').select('id').limit(1).executeTakeFirstOrThrow();
        expect(typeof row.id).toBe('number');
        const { rows } = await sql<{ ratio: number; big: number; sum: number }>`
          select 1.25::numeric as ratio, 9007199254740991::int8 as big, sum(x)::numeric as sum
            from (values (1), (2)) as t(x)`.execute(db());
        expect(rows).toEqual([{ ratio: 1.25, big: 9_007_199_254_740_991, sum: 3 }]);
      });
    });

    describe('transactions', () => {
      it('roll back every write of a failed transaction, audit rows included', async () => {
        const key = uniqueKey('rollback');
        let seenInside = 0;
        await expect(
          db()
            .transaction()
            .execute(async (trx) => {
              await recordLawVersion(trx, lawVersion(key), ACTOR);
              await recordEvaluatedCases(trx, ACTOR, [evaluatedCase(`${key}-1`), evaluatedCase(`${key}-2`)]);
              seenInside = (
                await trx
                  .selectFrom('evaluated_case')
                  .select('id')
                  .where('case_key', 'like', `${key}%`)
                  .execute()
              ).length;
              throw new Error('fail on purpose');
            }),
        ).rejects.toThrow('fail on purpose');
        expect(seenInside).toBe(2);
        expect(await caseRows(key)).toEqual([]);
        expect(await db().selectFrom('law_version').selectAll().where('version', '=', key).execute()).toEqual(
          [],
        );
        const audit = await db()
          .selectFrom('audit_log')
          .select('id')
          .where(sql<boolean>`after->>'case_key' like ${`${key}%`} or after->>'version' = ${key}`)
          .execute();
        expect(audit).toEqual([]);
      });

      it('refuse to commit a transaction after a statement in it failed', async () => {
        const key = uniqueKey('aborted');
        await expect(
          db()
            .transaction()
            .execute(async (trx) => {
              await recordLawVersion(trx, lawVersion(key), ACTOR);
              // Swallowing the error must not turn the aborted transaction into a silent success.
              await sql`select 1 / 0`.execute(trx).catch(() => undefined);
            }),
        ).rejects.toThrow();
        expect(await db().selectFrom('law_version').selectAll().where('version', '=', key).execute()).toEqual(
          [],
        );
      });

      it('roll back to a savepoint and commit the rest', async () => {
        const kept = uniqueKey('savepoint-kept');
        const undone = uniqueKey('savepoint-undone');
        const trx = await db().startTransaction().execute();
        try {
          await recordLawVersion(trx, lawVersion(kept), ACTOR);
          const sp = await trx.savepoint('before_second').execute();
          await recordLawVersion(sp, lawVersion(undone), ACTOR);
          const back = await sp.rollbackToSavepoint('before_second').execute();
          await back.commit().execute();
        } catch (error) {
          await trx.rollback().execute();
          throw error;
        }
        const rows = await db()
          .selectFrom('law_version')
          .select('version')
          .where('version', 'in', [kept, undone])
          .execute();
        expect(rows).toEqual([{ version: kept }]);
      });

      it('keep uncommitted writes invisible to queries outside the transaction', async () => {
        const key = uniqueKey('isolation');
        let signalWritten!: () => void;
        const written = new Promise<void>((resolve) => {
          signalWritten = resolve;
        });
        const outcome = db()
          .transaction()
          .execute(async (trx) => {
            await recordLawVersion(trx, lawVersion(key), ACTOR);
            signalWritten();
            await delay(100);
            throw new Error('roll back on purpose');
          })
          .then(
            () => 'committed',
            (error: Error) => error.message,
          );
        await written;
        const seenOutside = await db()
          .selectFrom('law_version')
          .selectAll()
          .where('version', '=', key)
          .execute();
        expect(await outcome).toBe('roll back on purpose');
        expect(seenOutside).toEqual([]);
      });
    });

    describe('Citus readiness', () => {
      it('holds for the migrated schema', async () => {
        expect(await checkCitusReadiness(db())).toEqual([]);
      });

      it('reports undeclared tables and unique keys without the distribution column', async () => {
        // Inside a transaction that is rolled back, so the probe tables never exist for other tests.
        const trx = await db().startTransaction().execute();
        try {
          await sql`create table citus_probe_person (id bigint primary key, person_id bigint not null)`.execute(
            trx,
          );
          await sql`create table citus_probe_employer (employer_id bigint primary key)`.execute(trx);
          await sql`create table citus_probe_undeclared (id bigint primary key)`.execute(trx);
          await sql`create table citus_probe_no_column (id bigint)`.execute(trx);
          await sql`alter table citus_probe_person add constraint citus_probe_fk
                      foreign key (id) references citus_probe_employer (employer_id)`.execute(trx);
          const violations = await checkCitusReadiness(trx, {
            ...tableDistribution,
            citus_probe_person: { kind: 'distributed', column: 'person_id' },
            citus_probe_employer: { kind: 'distributed', column: 'employer_id' },
            citus_probe_no_column: { kind: 'distributed', column: 'person_id' },
            citus_probe_missing: { kind: 'reference' },
          });
          expect(violations).toHaveLength(5);
          expect(violations.join('\n')).toMatch(/citus_probe_undeclared has no declared Citus distribution/);
          expect(violations.join('\n')).toMatch(/citus_probe_missing is declared .* does not exist/);
          expect(violations.join('\n')).toMatch(
            /citus_probe_person_pkey on citus_probe_person \(id\) .* person_id/,
          );
          expect(violations.join('\n')).toMatch(/citus_probe_fk .* not co-located/);
          expect(violations.join('\n')).toMatch(
            /citus_probe_no_column is declared distributed by person_id but has no column/,
          );
        } finally {
          await trx.rollback().execute();
        }
        expect(await checkCitusReadiness(db())).toEqual([]);
      });

      it('accepts co-located distributed tables whose keys and foreign keys carry the distribution column', async () => {
        const trx = await db().startTransaction().execute();
        try {
          await sql`create table citus_probe_ref (id bigint primary key)`.execute(trx);
          await sql`create table citus_probe_job (
                      person_id bigint, id bigint, ref_id bigint references citus_probe_ref (id),
                      primary key (person_id, id))`.execute(trx);
          await sql`create table citus_probe_pay (
                      person_id bigint, job_id bigint, month text,
                      primary key (person_id, job_id, month),
                      foreign key (person_id, job_id) references citus_probe_job (person_id, id))`.execute(
            trx,
          );
          const violations = await checkCitusReadiness(trx, {
            ...tableDistribution,
            citus_probe_job: { kind: 'distributed', column: 'person_id' },
            citus_probe_pay: { kind: 'distributed', column: 'person_id' },
            citus_probe_ref: { kind: 'reference' },
          });
          expect(violations).toEqual([]);
        } finally {
          await trx.rollback().execute();
        }
      });
    });
  });
}

/** A sha256 hex digest, as the rules engine produces for fingerprints and parameter hashes. */
function sha256(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}
