/**
 * @module db/pglite.test
 * The storage contract on the embedded database (PGlite in a fresh data directory), and what
 * only an embedded database must show: its data survives closing and reopening the folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from './migrate.js';
import { openDatabase } from './open-database.js';
import { recordEvaluatedCases, recordLawVersion } from './record-evaluated-cases.js';
import { runStorageContract } from './storage.contract.js';

const root = mkdtempSync(join(tmpdir(), 'samaki-pglite-test-'));
// One data directory for the file: PGlite's first start runs initdb (seconds); reopening is fast.
const dataDir = join(root, 'data');

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

runStorageContract('PGlite', () => openDatabase({ dataDir }));

describe('PGlite data directory', () => {
  it('keeps its data after close and reopen', async () => {
    const fingerprint = 'a'.repeat(64);
    const first = await openDatabase({ dataDir });
    try {
      expect(first.kind).toBe('pglite');
      expect(first.location).toBe(dataDir);
      await migrateToLatest(first.db);
      await recordLawVersion(first.db, { version: 'persisted', fingerprint, variables: 1, parameters: 2 });
      await recordEvaluatedCases(first.db, 'test', [
        {
          caseKey: 'persisted-case',
          variable: 'v',
          period: '2025',
          entity: 'person',
          entityKey: 'P-9',
          value: 'kept',
          inputs: { a: [1, { b: true }] },
          trace: null,
          lawVersion: 'persisted',
          parameterHash: fingerprint,
        },
      ]);
    } finally {
      await first.close();
    }

    const second = await openDatabase({ dataDir });
    try {
      expect(await migrateToLatest(second.db)).toEqual([]);
      const law = await second.db
        .selectFrom('law_version')
        .selectAll()
        .where('version', '=', 'persisted')
        .execute();
      expect(law).toMatchObject([{ fingerprint, variables: 1, parameters: 2 }]);
      const cases = await second.db
        .selectFrom('evaluated_case')
        .select(['value', 'inputs', 'trace'])
        .where('case_key', '=', 'persisted-case')
        .execute();
      expect(cases).toEqual([{ value: 'kept', inputs: { a: [1, { b: true }] }, trace: null }]);
    } finally {
      await second.close();
    }
  });

  it('refuses a data directory that cannot be created, naming it', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'not a folder');
    await expect(openDatabase({ dataDir: join(file, 'pglite') })).rejects.toMatchObject({
      code: 'data_dir_unusable',
      details: { dir: join(file, 'pglite') },
    });
  });
});
