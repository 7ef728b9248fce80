/**
 * @module db/open-database.test
 * Choosing the database and failing clearly when it cannot be reached; no database needed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isSamakiError } from '../kernel/errors.js';
import { DEFAULT_DATA_DIR, maskDatabaseUrl, openDatabase, resolveDatabaseOptions } from './open-database.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('resolveDatabaseOptions', () => {
  it('uses DATABASE_URL when it is set, ignoring --data', () => {
    vi.stubEnv('DATABASE_URL', 'postgres://u:p@db.example:5432/samaki');
    expect(resolveDatabaseOptions('/data/x')).toEqual({ url: 'postgres://u:p@db.example:5432/samaki' });
  });

  it('uses the --data folder, or the default one, when DATABASE_URL is not set', () => {
    vi.stubEnv('DATABASE_URL', '');
    expect(resolveDatabaseOptions('/data/x')).toEqual({ dataDir: '/data/x' });
    expect(resolveDatabaseOptions()).toEqual({ dataDir: DEFAULT_DATA_DIR });
    expect(DEFAULT_DATA_DIR).toBe('./samaki-data/pglite');
  });
});

describe('maskDatabaseUrl', () => {
  it('hides the password and keeps the rest', () => {
    expect(maskDatabaseUrl('postgres://samaki:s3cr%40t@db.example:5433/fund?sslmode=require')).toBe(
      'postgres://samaki:***@db.example:5433/fund?sslmode=require',
    );
    expect(maskDatabaseUrl('postgres://postgres@127.0.0.1:54329/postgres')).toBe(
      'postgres://postgres@127.0.0.1:54329/postgres',
    );
    expect(maskDatabaseUrl('postgres://h/db?password=hunter2')).not.toContain('hunter2');
    expect(maskDatabaseUrl('host=h password=hunter2 dbname=x')).not.toContain('hunter2');
  });
});

describe('openDatabase on a server that is not there', () => {
  it('fails with database_unreachable, naming the URL without its password', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const error = await openDatabase({ url: 'postgres://samaki:hunter2@127.0.0.1:1/samaki' }).catch(
      (e: unknown) => e,
    );
    expect(isSamakiError(error) && error.code).toBe('database_unreachable');
    if (!isSamakiError(error)) return;
    expect(error.details.url).toBe('postgres://samaki:***@127.0.0.1:1/samaki');
    expect(String(error.details.reason)).toMatch(/ECONNREFUSED/);
    expect(error.message).not.toContain('hunter2');
  });
});
