/**
 * @module fund/run-month
 * `samaki fund run-month YYYY-MM`: posts every declaration received for the month, one
 * transaction per employer, then ends the self-employed affiliations that have gone too long
 * without contributions. A crash (even kill -9) leaves each employer either fully posted or not
 * at all; running it again posts the rest and nothing twice, because only declarations still
 * `received` are picked up and posting is idempotent.
 */
import type { Database } from '../db/open-database.js';
import { writeAudit } from '../db/write-audit.js';
import { SamakiError } from '../kernel/errors.js';
import { monthEnd, monthsBetween, parsePeriod, shiftMonth } from '../kernel/period.js';
import { postDeclaration } from './declarations/post-declaration.js';
import { lawNumber } from './law-value.js';

export interface RunMonthReport {
  month: string;
  employers: number;
  declarations: number;
  lines: number;
  alreadyPosted: number;
  affiliationsEnded: number;
  seconds: number;
}

export async function runMonth(
  database: Database,
  month: string,
  options: {
    actor: string;
    onProgress?: (done: number, total: number) => void;
    /**
     * Employers posted at once, each in its own transaction on its own connection. Default 4 on
     * PostgreSQL, where the server works while Node prepares the next employer; PGlite has one
     * connection, so 1.
     */
    concurrency?: number;
  },
): Promise<RunMonthReport> {
  const period = parsePeriod(month);
  if (period.unit !== 'month') throw new SamakiError('period_bad', { value: month });
  const started = performance.now();
  const waiting = await database.db
    .selectFrom('declaration')
    .select(['employer_id', 'declaration_id', 'lines'])
    .where('month', '=', month)
    .where('status', '=', 'received')
    .orderBy('employer_id')
    .orderBy('declaration_id')
    .execute();
  const byEmployer = new Map<number, { id: number; lines: number }[]>();
  for (const d of waiting) {
    const list = byEmployer.get(Number(d.employer_id)) ?? [];
    list.push({ id: Number(d.declaration_id), lines: d.lines });
    byEmployer.set(Number(d.employer_id), list);
  }
  const alreadyPosted = await database.db
    .selectFrom('declaration')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('month', '=', month)
    .where('status', '=', 'posted')
    .executeTakeFirstOrThrow();

  const report: RunMonthReport = {
    month,
    employers: 0,
    declarations: 0,
    lines: 0,
    alreadyPosted: Number(alreadyPosted.n),
    affiliationsEnded: 0,
    seconds: 0,
  };
  let done = 0;
  const postEmployer = async (employerId: number, declarations: { id: number; lines: number }[]) => {
    await database.db.transaction().execute(async (trx) => {
      for (const d of declarations) {
        if (await postDeclaration(trx, { employerId, declarationId: d.id, actor: options.actor })) {
          report.declarations++;
          report.lines += d.lines;
        }
      }
      await writeAudit(trx, {
        actor: options.actor,
        action: 'post',
        entity: 'declaration',
        entityId: declarations.map((d) => `${employerId}/${d.id}`).join(','),
        after: { month, status: 'posted' },
      });
    });
    report.employers++;
    options.onProgress?.(++done, byEmployer.size);
  };
  await forEachConcurrently(
    [...byEmployer],
    options.concurrency ?? (database.kind === 'postgres' ? 4 : 1),
    ([employerId, declarations]) => postEmployer(employerId, declarations),
  );
  report.affiliationsEnded = await endLapsedAffiliations(database, month, options.actor);
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

/**
 * Ends the self-employed affiliations with more than `nssf.self_employed.max_missed_months`
 * months without a posted contribution up to `month` (voluntary abandonment, REFERENCE.md §2.8).
 */
export async function endLapsedAffiliations(
  database: Database,
  month: string,
  actor: string,
): Promise<number> {
  const endOfMonth = monthEnd(month);
  const limit = lawNumber('nssf.self_employed.max_missed_months', `${month}-01`).value;
  const open = await database.db
    .selectFrom('self_employed_affiliation')
    .select(['member_id', 'affiliation_id', 'employer_id', 'started_on'])
    .where('ended_on', 'is', null)
    .execute();
  let ended = 0;
  for (const a of open) {
    const startMonth = new Date(a.started_on).toISOString().slice(0, 7);
    const last = await database.db
      .selectFrom('insurance_record')
      .select((eb) => eb.fn.max('month').as('month'))
      .where('member_id', '=', a.member_id)
      .where('self_employed_health', '=', true)
      .where('month', '<=', month)
      .executeTakeFirst();
    // Months missed: those after the last month paid (or since joining) up to this month.
    const from = last?.month ?? shiftMonth(startMonth, -1);
    const missed = monthsBetween(from, month);
    if (missed <= limit) continue;
    await database.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('self_employed_affiliation')
        .set({ ended_on: endOfMonth, end_reason: 'missed_contributions' })
        .where('member_id', '=', a.member_id)
        .where('affiliation_id', '=', a.affiliation_id)
        .execute();
      await writeAudit(trx, {
        actor,
        action: 'end',
        entity: 'self_employed_affiliation',
        entityId: `${a.member_id}/${a.affiliation_id}`,
        before: { ended_on: null },
        after: { ended_on: endOfMonth, end_reason: 'missed_contributions', months_missed: missed, limit },
      });
    });
    ended++;
  }
  return ended;
}

/**
 * Runs `work` over the items with at most `limit` at once; the first failure stops new work and
 * is thrown once the running ones have finished (their transactions commit or roll back whole).
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failure) throw failure.error;
}
