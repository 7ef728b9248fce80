/**
 * Crash and resume of `samaki fund run-month`: the real command, in its own process on a real
 * PostgreSQL, is killed with SIGKILL part-way through the month; the ledger is then consistent
 * (every employer fully posted or not at all), and running the month again completes it without
 * posting anything twice. Needs the compiled command (`npm test` builds it first).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.js';
import { type Database, openDatabase } from '../db/open-database.js';
import { describeWithPostgres } from '../db/test-support/test-postgres.js';
import { registerEmployer } from '../registry/register-employer.js';
import { receiveDeclaration } from './declarations/receive-declaration.js';
import { checkLedger } from './ledger/check-ledger.js';
import { runMonth } from './run-month.js';

const BIN = fileURLToPath(new URL('../../bin/samaki.js', import.meta.url));
const EMPLOYERS = 120;
const WORKERS = 40;
const ctx = { actor: 'crash-test', today: '2025-12-31' };

describeWithPostgres('run-month after kill -9', (url) => {
  let database: Database;
  beforeAll(async () => {
    if (!existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url))))
      throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    database = await openDatabase({ url: url() });
    await migrateToLatest(database.db);
    // Employers through the service; their workers in bulk (set-up only: registration is tested
    // in the fund contract).
    for (let e = 0; e < EMPLOYERS; e++) {
      const employer = await registerEmployer(
        database,
        {
          kind: 'enterprise',
          name: `Crash ${e}`,
          sector: 'garment',
          startedOn: '2025-01-01',
          registeredOn: '2025-01-01',
        },
        ctx,
      );
      await sql`
        insert into member (member_id, merge_run_id, person_id)
        select ${e * WORKERS} + g, null, null from generate_series(1, ${WORKERS}) g`.execute(database.db);
      await sql`
        insert into employment (employer_id, member_id, kind, sector, start_date, registered_on,
                                registration_deadline, late_registration)
        select ${employer.employerId}, ${e * WORKERS} + g, 'wage', 'garment', date '2025-01-01',
               date '2025-01-01', date '2025-01-04', false
          from generate_series(1, ${WORKERS}) g`.execute(database.db);
      const lines = Array.from({ length: WORKERS }, (_, w) => ({
        memberId: e * WORKERS + w + 1,
        wageKhr: 300_000 + 1_000 * w,
      }));
      await receiveDeclaration(
        database,
        { employerId: employer.employerId, month: '2025-03', source: 'batch', lines },
        ctx,
      );
    }
  }, 600_000);
  afterAll(async () => {
    await database?.close();
  });

  const statusCounts = async () =>
    Object.fromEntries(
      (
        await sql<{
          status: string;
          n: number;
        }>`select status, count(*)::int as n from declaration group by status`.execute(database.db)
      ).rows.map((r) => [r.status, Number(r.n)]),
    );

  it('leaves no half-posted employer, and the second run completes the month once', async () => {
    const child = spawn(process.execPath, [BIN, 'fund', 'run-month', '2025-03', '--by', 'crash-test'], {
      env: { ...process.env, DATABASE_URL: url(), SAMAKI_PROGRESS_EVERY: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const killed = new Promise<string>((resolve) => {
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const done = [...stderr.matchAll(/posted (\d+) of/g)].map((m) => Number(m[1]));
        if (done.length > 0 && done[done.length - 1]! >= 5) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => resolve(`${signal} after: ${stderr.slice(-200)}`));
    });
    expect(await killed).toMatch(/^SIGKILL/);

    const afterCrash = await statusCounts();
    expect(afterCrash.posted ?? 0).toBeGreaterThanOrEqual(5);
    expect(afterCrash.posted ?? 0).toBeLessThan(EMPLOYERS);
    // Every employer is either fully posted or untouched: the ledger's invariants hold.
    expect((await checkLedger(database)).checks.filter((c) => !c.ok)).toEqual([]);

    const resumed = await runMonth(database, '2025-03', { actor: 'crash-test' });
    expect(resumed.declarations).toBe(EMPLOYERS - (afterCrash.posted ?? 0));
    expect(resumed.alreadyPosted).toBe(afterCrash.posted);
    expect(await statusCounts()).toEqual({ posted: EMPLOYERS });
    const due = await sql<{
      n: number;
    }>`select count(*)::int as n from journal_entry where kind = 'contribution_due'`.execute(database.db);
    expect(Number(due.rows[0]!.n)).toBe(EMPLOYERS);
    const records = await sql<{ n: number }>`select count(*)::int as n from insurance_record`.execute(
      database.db,
    );
    expect(Number(records.rows[0]!.n)).toBe(EMPLOYERS * WORKERS);
    expect((await checkLedger(database)).ok).toBe(true);
  }, 120_000);
});
