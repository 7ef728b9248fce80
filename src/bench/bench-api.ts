/**
 * @module bench/bench-api
 * `samaki bench api`: concurrent declaration submissions and member look-ups against the real API
 * on loopback (autocannon, bounded in time), printing requests per second and p50/p99 latency;
 * in the same run, `GET /health` under the same load as the limit of the HTTP stack on this
 * machine, and the ratio. Afterwards it checks that every acknowledged write is present exactly
 * once (each declaration the API acknowledged exists, once, under its idempotency key, and a
 * repeated request returned the same declaration) and that the ledger balances.
 *
 * Storage: PGlite in a temporary folder, or the PostgreSQL server of DATABASE_URL (a database is
 * created for the run and dropped after).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { ensureDemoUsers } from '../access/ensure-demo-users.js';
import { buildApp } from '../api/build-app.js';
import { migrateToLatest } from '../db/migrate.js';
import { type Database, openDatabase } from '../db/open-database.js';
import { checkLedger } from '../fund/ledger/check-ledger.js';
import { employerSizes, setUpContributors } from './bench-fund.js';

export interface BenchApiOptions {
  seconds: number;
  connections: number;
  employers?: number;
  workersPerEmployer?: number;
  postgresUrl?: string;
  onProgress?: (message: string) => void;
}

interface LoadFigures {
  requests: number;
  requests_per_second: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  non_2xx: number;
}

export interface BenchApiResult {
  storage: 'pglite' | 'postgres';
  seconds: number;
  connections: number;
  mixed: LoadFigures & { declarations: number; lookups: number; repeats: number };
  health: LoadFigures;
  ratio_mixed_vs_health: number;
  checks: {
    acknowledged_declarations: number;
    stored_declarations: number;
    sent_declarations: number;
    each_once: boolean;
    repeats_same_answer: boolean;
    ledger_ok: boolean;
  };
  peak_rss_mib: number;
}

const TODAY = '2026-11-25';
/** 24 months an employer can declare in the run. */
const MONTHS = Array.from(
  { length: 24 },
  (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
);

function figures(r: autocannon.Result): LoadFigures {
  return {
    requests: r.requests.total,
    requests_per_second: Math.round(r.requests.average),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    errors: r.errors + r.timeouts,
    non_2xx: r.non2xx,
  };
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export async function benchApi(options: BenchApiOptions): Promise<BenchApiResult> {
  const progress = options.onProgress ?? (() => {});
  const employers = options.employers ?? 400;
  const perEmployer = options.workersPerEmployer ?? 50;
  let cleanup = async () => {};
  let database: Database;
  if (options.postgresUrl) {
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    const name = `samaki_bench_api_${randomBytes(5).toString('hex')}`;
    await admin.query(`create database ${name}`);
    const url = new URL(options.postgresUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ url: url.toString() });
    cleanup = async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'samaki-bench-api-'));
    database = await openDatabase({ dataDir: join(dir, 'pglite') });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const app = buildApp({ database, today: () => TODAY });
  try {
    progress(`setting up ${employers} employers with ${perEmployer} workers each, and the demo users`);
    await migrateToLatest(database.db);
    const sizes = employerSizes(employers * perEmployer, employers, 7).map(() => perEmployer);
    await setUpContributors(database, sizes);
    await ensureDemoUsers(database, { today: TODAY });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'officer', password: 'officer-demo' }),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    // The load: 40 % declarations (each a new employer and month, 1 in 10 sent twice with the same
    // key), 60 % look-ups of a member's record.
    let next = 0;
    const sent: { key: string; employerId: number; month: string }[] = [];
    let repeats = 0;
    let lookups = 0;
    let declarations = 0;
    const lines = (employerId: number) =>
      Array.from({ length: perEmployer }, (_, w) => ({
        memberId: (employerId - 1) * perEmployer + w + 1,
        wageKhr: 400_000 + 1_000 * w,
      }));
    const acknowledged = new Map<string, number>();
    const repeatAnswers: [string, number][] = [];
    progress(`loading the API for ${options.seconds} s with ${options.connections} connections`);
    const mixed = await run({
      url: base,
      connections: options.connections,
      duration: options.seconds,
      requests: [
        {
          setupRequest: (request) => {
            const roll = Math.random();
            if (roll < 0.4 && next < employers * MONTHS.length) {
              const k = next++;
              const employerId = (k % employers) + 1;
              const month = MONTHS[Math.floor(k / employers)]!;
              const key = `bench-${employerId}-${month}`;
              sent.push({ key, employerId, month });
              declarations++;
              return {
                ...request,
                method: 'POST',
                path: `/employers/${employerId}/declarations`,
                headers: { ...auth, 'idempotency-key': key },
                body: JSON.stringify({ month, lines: lines(employerId) }),
              };
            }
            if (roll < 0.45 && sent.length > 0) {
              const again = sent[Math.floor(Math.random() * sent.length)]!;
              repeats++;
              return {
                ...request,
                method: 'POST',
                path: `/employers/${again.employerId}/declarations`,
                headers: { ...auth, 'idempotency-key': again.key },
                body: JSON.stringify({ month: again.month, lines: lines(again.employerId) }),
              };
            }
            lookups++;
            const member = 1 + Math.floor(Math.random() * employers * perEmployer);
            return { ...request, method: 'GET', path: `/members/${member}/record`, headers: auth };
          },
          onResponse: (status, body, context) => {
            void context;
            if (status >= 200 && status < 300 && body.includes('"declarationId"')) {
              const parsed = JSON.parse(body) as { declarationId: number; employerId: number; month: string };
              const key = `bench-${parsed.employerId}-${parsed.month}`;
              if (acknowledged.has(key)) repeatAnswers.push([key, parsed.declarationId]);
              else acknowledged.set(key, parsed.declarationId);
            }
          },
        },
      ],
    });
    progress('the limit: GET /health under the same load');
    const health = await run({
      url: `${base}/health`,
      connections: options.connections,
      duration: Math.min(5, options.seconds),
    });

    progress('checking every acknowledged write and the ledger');
    const stored = await database.db
      .selectFrom('declaration')
      .select(['declaration_id', 'employer_id', 'month', 'idempotency_key'])
      .execute();
    const byKey = new Map<string, number[]>();
    for (const d of stored) {
      const key = d.idempotency_key ?? '';
      byKey.set(key, [...(byKey.get(key) ?? []), Number(d.declaration_id)]);
    }
    const eachOnce = [...acknowledged].every(([key, id]) => {
      const ids = byKey.get(key) ?? [];
      return ids.length === 1 && ids[0] === id;
    });
    const ledger = await checkLedger(database);
    const mixedFigures = figures(mixed);
    const healthFigures = figures(health);
    return {
      storage: database.kind,
      seconds: options.seconds,
      connections: options.connections,
      mixed: { ...mixedFigures, declarations, lookups, repeats },
      health: healthFigures,
      ratio_mixed_vs_health:
        Math.round((mixedFigures.requests_per_second / healthFigures.requests_per_second) * 1000) / 1000,
      checks: {
        acknowledged_declarations: acknowledged.size,
        stored_declarations: stored.length,
        sent_declarations: sent.length,
        // Requests still in flight when the time ran out may be stored without having been
        // acknowledged; what was acknowledged must be there exactly once, and nothing beyond what was sent.
        each_once: eachOnce && stored.length <= sent.length,
        repeats_same_answer: repeatAnswers.every(([key, id]) => acknowledged.get(key) === id),
        ledger_ok: ledger.ok,
      },
      peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await app.close();
    await database.close();
    await cleanup();
  }
}

export function formatApiBench(r: BenchApiResult): string {
  const row = (name: string, f: LoadFigures) =>
    `  ${name.padEnd(48)} ${f.requests_per_second.toLocaleString('en').padStart(8)} req/s  p50 ${String(f.p50_ms).padStart(5)} ms  p99 ${String(f.p99_ms).padStart(5)} ms  errors ${f.errors}, non-2xx ${f.non_2xx}`;
  return [
    `API benchmark on loopback (${r.storage}), ${r.connections} connections, ${r.seconds} s`,
    row(
      `declarations + member look-ups (${r.mixed.declarations}/${r.mixed.repeats} repeats/${r.mixed.lookups})`,
      r.mixed,
    ),
    row('GET /health (the limit of the HTTP stack)', r.health),
    `  mixed load / health: ${r.ratio_mixed_vs_health.toFixed(3)}x the rate`,
    `  declarations sent ${r.checks.sent_declarations}, acknowledged ${r.checks.acknowledged_declarations}, stored ${r.checks.stored_declarations}: ${r.checks.each_once ? 'each exactly once' : 'MISMATCH'}; repeated requests ${r.checks.repeats_same_answer ? 'got the same answer' : 'got DIFFERENT answers'}; ledger ${r.checks.ledger_ok ? 'balanced' : 'CHECK FAILED'}`,
    `  peak RSS: ${r.peak_rss_mib.toLocaleString('en')} MiB`,
  ].join('\n');
}
