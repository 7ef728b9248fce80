/**
 * @module synth/load-registry
 * `loadSyntheticRegistry`: the service that loads a generated synthetic Cambodia into the
 * registry tables (`household`, `person`; migration 0002), in one transaction: the whole
 * registry or nothing. On PGlite the rows go in with `COPY … FROM '/dev/blob'` in chunks of CSV
 * that DuckDB writes from the Parquet files (no row passes through a JS object); on PostgreSQL
 * through `pg`, which has no COPY, as multi-row INSERTs (`db/bulk-insert`).
 *
 * Idempotent by refusal: a registry that already holds persons is left alone unless `replace`
 * is set, in which case its rows are deleted and the new ones loaded in the same transaction.
 * One audit row records the load (seed, scale, counts): a bulk load of millions of synthetic rows
 * is one act, not millions.
 */
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CompiledQuery, sql } from 'kysely';
import Papa from 'papaparse';
import { type BulkValue, bulkInsert } from '../db/bulk-insert.js';
import { migrateToLatest } from '../db/migrate.js';
import {
  type Database,
  type DatabaseOptions,
  openDatabase,
  resolveDatabaseOptions,
} from '../db/open-database.js';
import { SamakiError } from '../kernel/errors.js';
import { MANIFEST_FILE, type Manifest } from './generate.js';

export type LoadRegistryResult = {
  households: number;
  persons: number;
  kind: Database['kind'];
  location: string;
  migrations: string[];
};

const HOUSEHOLD_COLUMNS = [
  'household_id',
  'province',
  'urban',
  'size',
  'head_person_id',
  'idpoor',
  'pmt_score',
] as const;
const PERSON_COLUMNS = [
  'person_id',
  'household_id',
  'family_name_km',
  'given_name_km',
  'name_latin',
  'sex',
  'birth_date',
  'death_date',
  'national_id',
  'province',
  'urban',
  'disability',
] as const;

/** Bytes of CSV per COPY (whole lines). */
const CHUNK_BYTES = 16 << 20;

/** Reads the manifest of a synthetic folder, or says why there is none. */
export function readManifest(dir: string): Manifest {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new SamakiError('synth_no_data', { dir, reason: `no ${MANIFEST_FILE}` });
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch (error) {
    throw new SamakiError(
      'synth_no_data',
      { dir, reason: `${MANIFEST_FILE} is not readable JSON` },
      { cause: error },
    );
  }
}

export async function loadSyntheticRegistry(
  dir: string,
  options: { dataDir?: string; replace?: boolean; database?: DatabaseOptions } = {},
): Promise<LoadRegistryResult> {
  const manifest = readManifest(dir);
  const work = mkdtempSync(join(tmpdir(), 'samaki-registry-'));
  try {
    const householdsCsv = join(work, 'households.csv');
    const personsCsv = join(work, 'persons.csv');
    await exportCsv(dir, householdsCsv, personsCsv);
    const database = await openDatabase(options.database ?? resolveDatabaseOptions(options.dataDir));
    try {
      const migrations = await migrateToLatest(database.db);
      let households = 0;
      let persons = 0;
      await database.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from person`.execute(trx);
        const existing = rows[0]?.n ?? 0;
        if (existing > 0 && !options.replace)
          throw new SamakiError('synth_registry_not_empty', { persons: existing });
        await sql`delete from person`.execute(trx);
        await sql`delete from household`.execute(trx);
        households = await copyCsv(trx, database.kind, 'household', HOUSEHOLD_COLUMNS, householdsCsv);
        persons = await copyCsv(trx, database.kind, 'person', PERSON_COLUMNS, personsCsv);
        await trx
          .insertInto('audit_log')
          .values({
            actor: 'samaki synth',
            action: options.replace && existing > 0 ? 'replace' : 'load',
            entity: 'registry',
            entity_id: `synthetic seed ${manifest.seed} scale ${manifest.scale}`,
            before: existing > 0 ? JSON.stringify({ persons: existing }) : null,
            after: JSON.stringify({
              households,
              persons,
              seed: manifest.seed,
              scale: manifest.scale,
              generatorVersion: manifest.generatorVersion,
              referenceMonth: manifest.referenceMonth,
            }),
          })
          .execute();
      });
      return { households, persons, kind: database.kind, location: database.location, migrations };
    } finally {
      await database.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The registry's two tables as CSV (no header), from the Parquet files, by DuckDB. */
async function exportCsv(dir: string, householdsCsv: string, personsCsv: string): Promise<void> {
  const q = (path: string) => `'${path.replaceAll("'", "''")}'`;
  for (const file of ['households.parquet', 'persons.parquet', 'persons_registry.parquet']) {
    if (!existsSync(join(dir, file))) throw new SamakiError('synth_no_data', { dir, reason: `no ${file}` });
  }
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    await connection.run(`
      COPY (
        SELECT household_id, province, urban = 1, size, head_person_id, idpoor, pmt_score
        FROM read_parquet(${q(join(dir, 'households.parquet'))})
        ORDER BY household_id
      ) TO ${q(householdsCsv)} (FORMAT csv, HEADER false)`);
    await connection.run(`
      COPY (
        SELECT p.person_id, p.household_id, r.family_name_km, r.given_name_km, r.name_latin, r.sex,
               r.birth_date, r.death_date, r.national_id, p.province, p.urban = 1, p.disability
        FROM read_parquet(${q(join(dir, 'persons.parquet'))}) p
        JOIN read_parquet(${q(join(dir, 'persons_registry.parquet'))}) r USING (person_id)
        ORDER BY p.person_id
      ) TO ${q(personsCsv)} (FORMAT csv, HEADER false)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

type Executor = Parameters<typeof bulkInsert>[0];

/** Loads a CSV file into a table, in chunks of whole lines; returns the rows loaded. */
async function copyCsv(
  db: Executor,
  kind: Database['kind'],
  table: string,
  columns: readonly string[],
  path: string,
): Promise<number> {
  let rows = 0;
  for (const chunk of csvChunks(path)) {
    if (kind === 'pglite') {
      const target = `${table} (${columns.join(', ')})`;
      await db.executeQuery(
        CompiledQuery.raw(`copy ${target} from '/dev/blob' with (format csv)`, [new Blob([chunk])]),
      );
      let lines = 0;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
      rows += lines;
    } else {
      const parsed = Papa.parse<string[]>(
        typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk),
        {
          skipEmptyLines: true,
        },
      );
      if (parsed.errors.length > 0)
        throw new Error(`registry CSV: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row})`);
      const records = parsed.data;
      // An unquoted empty field is NULL in PostgreSQL's CSV; the registry has no empty texts.
      const values = records.map((r) => r.map((v): BulkValue => (v === '' ? null : v)));
      rows += await bulkInsert(db, kind, table, columns, values);
    }
  }
  return rows;
}

/** The file in pieces of about CHUNK_BYTES, each ending at a line end. */
function* csvChunks(path: string): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    let carry = Buffer.alloc(0);
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      const data = carry.length
        ? Buffer.concat([carry, buffer.subarray(0, n)])
        : Buffer.from(buffer.subarray(0, n));
      const end = data.lastIndexOf(10);
      if (end < 0) {
        carry = data;
        continue;
      }
      yield data.subarray(0, end + 1);
      carry = Buffer.from(data.subarray(end + 1));
    }
    if (carry.length) yield Buffer.concat([carry, Buffer.from('\n')]);
  } finally {
    closeSync(fd);
  }
}
