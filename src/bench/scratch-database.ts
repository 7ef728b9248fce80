/**
 * @module bench/scratch-database
 * A database that lives for one benchmark run: on PostgreSQL a fresh database on the server of
 * `adminUrl`, dropped afterwards (even when the run fails); on PGlite a fresh folder, removed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Runs `work` with the URL of a new PostgreSQL database, dropped afterwards. */
export async function withScratchPostgres<T>(
  adminUrl: string,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const name = `samaki_bench_${randomBytes(5).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Runs `work` with a new PGlite data folder, removed afterwards. */
export async function withScratchPglite<T>(work: (dataDir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'samaki-bench-'));
  try {
    return await work(join(dir, 'pglite'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seconds (or any figure) to three decimals, for printing. */
export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
