/**
 * The main job's benefit sample, end to end on the embedded database: every legislated branch is
 * claimed, decided by the law from the insurance record and paid through the banks; the two
 * branches Cambodia has not legislated are decided and refused as such; the ledger balances; a
 * second run files nothing again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate.js';
import { type Database, openDatabase } from '../../db/open-database.js';
import { BRANCHES } from './benefit-catalog.js';
import { fileSampleClaims, type SampleClaimsSummary } from './file-sample-claims.js';

describe('the sample claims of samaki start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'samaki-sample-'));
  let database: Database;
  let summary: SampleClaimsSummary;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: join(dir, 'pglite') });
    await migrateToLatest(database.db);
    summary = await fileSampleClaims(database, { today: '2026-03-10', paymentsDir: join(dir, 'payments') });
  }, 300_000);
  afterAll(async () => {
    await database?.close();
  });

  it('grants a benefit in every legislated branch and refuses the two the law lacks', () => {
    const granted = new Set(
      summary.claims.filter((c) => c.status.startsWith('approved')).map((c) => c.branch),
    );
    expect([...granted].sort()).toEqual(
      BRANCHES.filter((b) => b !== 'unemployment' && b !== 'family').sort(),
    );
    for (const c of summary.claims.filter((c) => c.status.startsWith('approved')))
      expect(c.amount === true || (typeof c.amount === 'number' && c.amount > 0)).toBe(true);
    for (const branch of ['unemployment', 'family'])
      expect(summary.claims.find((c) => c.branch === branch)).toMatchObject({
        status: 'rejected',
        reason: expect.stringMatching(/not legislated/),
      });
  });

  it('pays every approved cash benefit through the banks, one failure coming back the next month', async () => {
    expect(summary.reconciliation).toMatchObject({ failed: 1 });
    expect(summary.runs.map((r) => r.month)).toEqual(['2026-01', '2026-02']);
    const paidBranches = await database.db
      .selectFrom('benefit_payment as p')
      .innerJoin('benefit_due as d', (j) =>
        j.onRef('d.member_id', '=', 'p.member_id').onRef('d.due_id', '=', 'p.due_id'),
      )
      .select('d.branch')
      .distinct()
      .where('p.status', '=', 'paid')
      .execute();
    expect(paidBranches.map((r) => r.branch).sort()).toEqual(
      ['employment_injury', 'invalidity', 'maternity', 'old_age', 'sickness', 'survivors'].sort(),
    );
    // The failed childbirth allowance is instructed again in February, as attempt 2.
    const retried = await database.db
      .selectFrom('benefit_payment as p')
      .innerJoin('benefit_due as d', (j) =>
        j.onRef('d.member_id', '=', 'p.member_id').onRef('d.due_id', '=', 'p.due_id'),
      )
      .select(['p.attempt', 'p.status'])
      .where('d.variable', '=', 'childbirth_allowance')
      .orderBy('p.attempt')
      .execute();
    expect(retried).toEqual([
      { attempt: 1, status: 'failed' },
      { attempt: 2, status: 'instructed' },
    ]);
    expect(summary.ledgerOk).toBe(true);
    expect(summary.benefitsPaid).toBe(summary.reconciliation!.paidAmount);
  });

  it('files nothing again on a second start', async () => {
    const again = await fileSampleClaims(database, {
      today: '2026-03-10',
      paymentsDir: join(dir, 'payments'),
    });
    expect(again).toMatchObject({
      filed: false,
      claims: [],
      ledgerOk: true,
      benefitsDue: summary.benefitsDue,
    });
  });
});
