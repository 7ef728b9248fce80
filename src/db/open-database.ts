/**
 * @module db/open-database
 * The one storage seam: a Kysely instance over either the embedded PGlite database (a data
 * directory on disk; the default, so one command runs everything on a bare machine) or a
 * PostgreSQL server (`DATABASE_URL`). Callers see the same `Database` and the same row types.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { SamakiError } from '../kernel/errors.js';
import { CopyingClient } from './copy-from-stdin.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Schema } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  readonly db: Kysely<Schema>;
  readonly kind: DatabaseKind;
  /** The data directory (absolute) or the server URL with its password masked: safe to print. */
  readonly location: string;
  close(): Promise<void>;
};

export type DatabaseOptions = { dataDir?: string; url?: string };

/** Where the embedded database lives when neither `--data` nor `DATABASE_URL` says otherwise. */
export const DEFAULT_DATA_DIR = './samaki-data/pglite';

/** `DATABASE_URL` wins (a deployment points at its server); otherwise the embedded database. */
export function resolveDatabaseOptions(dataDirFlag?: string): DatabaseOptions {
  const url = process.env.DATABASE_URL;
  if (url) return { url };
  return { dataDir: dataDirFlag ?? DEFAULT_DATA_DIR };
}

/** Opens (and checks) the database; the caller runs `migrateToLatest` and must `close()` it. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  return openPGlite(options.dataDir ?? DEFAULT_DATA_DIR);
}

// PostgreSQL type OIDs whose default parsing differs between the drivers.
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * int8 (counts, identity ids) and numeric as JS numbers on both drivers, so shared code sees one
 * type (STACK.md, gotcha 4). Values beyond 2^53 would lose precision; ids and riel totals stay far
 * below that (2^53 riel is about 50 times Cambodia's yearly GDP).
 */
const toNumber = (text: string): number => Number(text);

async function openPostgres(url: string): Promise<Database> {
  const location = maskDatabaseUrl(url);
  const types: pg.CustomTypesConfig = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID || oid === NUMERIC_OID
        ? toNumber
        : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
  };
  // Per-pool parsers rather than pg.types.setTypeParser, which would change every pg user in the process.
  // `CopyingClient` lets bulk writes stream COPY FROM STDIN through Kysely (db/copy-from-stdin.ts).
  const pool = new pg.Pool({
    connectionString: url,
    types,
    connectionTimeoutMillis: 10_000,
    Client: CopyingClient,
  });
  // A pool error on an idle client (server restart) must not crash the process; the next query
  // gets a fresh connection or a clear error.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      await client.query('select 1');
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw new SamakiError(
      'database_unreachable',
      { url: location, reason: describeError(error) },
      { cause: error },
    );
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const close = async () => {
    await db.destroy();
    // Kysely only tears down a driver it has started: a database closed before any query would
    // keep its pool, and the process, alive.
    if (!pool.ended) await pool.end();
  };
  return { db, kind: 'postgres', location, close };
}

async function openPGlite(dataDir: string): Promise<Database> {
  const location = resolve(dataDir);
  try {
    mkdirSync(location, { recursive: true });
    accessSync(location, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw new SamakiError(
      'data_dir_unusable',
      { dir: location, reason: describeError(error) },
      { cause: error },
    );
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: location,
      parsers: { [INT8_OID]: toNumber, [NUMERIC_OID]: toNumber },
    });
  } catch (error) {
    // Typically a folder holding something other than a PGlite 0.5 database (another PostgreSQL
    // major version, or unrelated files).
    throw new SamakiError(
      'data_dir_unusable',
      { dir: location, reason: describeError(error) },
      { cause: error },
    );
  }
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(pglite) });
  const close = async () => {
    await db.destroy();
    // As for the pool above: close PGlite even if no query ever started the driver.
    if (!pglite.closed) await pglite.close();
  };
  return { db, kind: 'pglite', location, close };
}

/** The URL with any password replaced by `***`, for messages and logs. */
export function maskDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    // Not a URL (e.g. a libpq keyword string): mask what looks like a password anyway.
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@').replace(/(password\s*=\s*)\S+/gi, '$1***');
  }
}

/** A one-line reason; Node's connection errors are often AggregateErrors with an empty message. */
function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (error.message) return error.message;
    if (typeof code === 'string') return code;
  }
  return String(error);
}
