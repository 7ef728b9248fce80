/**
 * @module synth/load-registry.test
 * Loading the synthetic registry into the database: every household and person, in one
 * transaction with one audit row; refused when a registry is there, replaced with `replace`.
 * Against PGlite, and against PostgreSQL when a server is available (`npm test`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseOptions, openDatabase } from '../db/open-database.js';
import { describeWithPostgres } from '../db/test-support/test-postgres.js';
import { generateSynth, type Manifest } from './generate.js';
import { loadSyntheticRegistry } from './load-registry.js';

const root = mkdtempSync(join(tmpdir(), 'samaki-registry-'));
const data = join(root, 'synth');
let manifest: Manifest;

beforeAll(async () => {
  manifest = (await generateSynth({ seed: 9, scale: 0.0005, out: data })).manifest;
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function loadContract(name: string, database: () => DatabaseOptions) {
  describe(name, () => {
    it('loads every household and person with names, IDs and poverty class, with one audit row', async () => {
      const result = await loadSyntheticRegistry(data, { database: database() });
      const persons = manifest.counts.persons_living! + manifest.counts.persons_deceased_since_2008!;
      expect(result).toMatchObject({ households: manifest.counts.households, persons });
      const db = await openDatabase(database());
      try {
        const { rows } = await sql<{ persons: number; ids: number; poor: number; khmer: number }>`
          select count(*)::int as persons,
                 count(national_id)::int as ids,
                 (select count(*)::int from household where idpoor > 0) as poor,
                 count(*) filter (where family_name_km ~ '^[ក-៹]+$')::int as khmer
            from person`.execute(db.db);
        expect(rows[0]).toMatchObject({ persons, khmer: persons });
        expect(rows[0]!.ids).toBeGreaterThan(persons / 2);
        expect(rows[0]!.poor).toBeGreaterThan(0);
        const head = await db.db
          .selectFrom('person')
          .innerJoin('household', 'household.head_person_id', 'person.person_id')
          .select(['person.person_id', 'household.household_id', 'person.household_id as member_of'])
          .limit(5)
          .execute();
        for (const h of head) expect(h.member_of).toBe(h.household_id);
        const audit = await db.db
          .selectFrom('audit_log')
          .selectAll()
          .where('entity', '=', 'registry')
          .execute();
        expect(audit).toHaveLength(1);
        expect(audit[0]!.after).toMatchObject({ persons, seed: 9, scale: 0.0005 });
      } finally {
        await db.close();
      }
    });

    it('refuses to load over a registry, and replaces it when asked, in one transaction', async () => {
      await expect(loadSyntheticRegistry(data, { database: database() })).rejects.toMatchObject({
        code: 'synth_registry_not_empty',
      });
      const again = await loadSyntheticRegistry(data, { database: database(), replace: true });
      const db = await openDatabase(database());
      try {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from person`.execute(db.db);
        expect(rows[0]!.n).toBe(again.persons);
        const audit = await db.db
          .selectFrom('audit_log')
          .select('action')
          .where('entity', '=', 'registry')
          .execute();
        expect(audit.map((a) => a.action)).toEqual(['load', 'replace']);
      } finally {
        await db.close();
      }
    });
  });
}

loadContract('PGlite', () => ({ dataDir: join(root, 'pglite') }));
describeWithPostgres('PostgreSQL server', (url) => {
  loadContract('registry load', () => ({ url: url() }));
});
